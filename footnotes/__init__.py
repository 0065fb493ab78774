"""footcheck's domain: the model, claims, dates, sources, the rules, the run, the reporters.

Nothing in this package knows a file format; the parsers live in `footcheck.parsers`.
"""
