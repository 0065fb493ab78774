"""footcheck's domain: the model, claims, dates, sources, the rules, the run, the reporters.

Nothing in this package knows a file format; the parsers live in `parsers/`.
"""

__version__ = "0.1.0"
