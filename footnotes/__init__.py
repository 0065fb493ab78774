"""footcheck's domain: the model, claims, dates, sources, the rules, the run, the reporters.

Nothing in this package knows a file format; the parsers live in `footcheck.parsers`.
"""

from footcheck.footnotes import dataclass_code

# Before any of the package's dataclasses is made: their methods' compiled code is
# kept between runs (dataclass_code.py).
dataclass_code.install()
