"""The HTML report: one self-contained page for editors (`--format html`)."""
