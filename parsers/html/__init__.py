"""The HTML reader: `reader.parse(data, path)` turns a web page into a `Document`."""
