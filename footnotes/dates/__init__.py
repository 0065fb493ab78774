"""Date mentions in report text: which dates a sentence or a note talks about.

`find_dates` scans a text once with one pattern and returns every date
mention in reading order, with its precision (day, month or year), whether it can
exist at all (February 30 is kept, marked invalid, for DT003), whether it is an
event or a date set in advance ("will be held in 2025", "entered into force on
1 January 2019"), and, for a range, where the range starts (a range counts by
its end). `event_dates` keeps the valid event dates; `parse_date_string` reads
one metadata value such as a Markdown front matter `date:`.

The scanner errs on the side of silence: a four-digit number is a year only in a
date-like context ("in 2021", "(2016)", "the 2019 elections"), never after a
document-number word ("No. 1723", "Resolution 2334", "p. 1998") or before a count
noun ("2019 people"); a day and month without a year is not returned; an
ambiguous numeric date ("03/04/2023") keeps only its year. A false date costs an
editor's trust more than a missed one.

Numeric dates ("8/22/13", "03/04/2023") are read in a document's `DateStyle`
(`decide_style`: day or month first, and the century of two-digit years).

The modules: `scanner` finds the dates in a text with the patterns of `grammar`;
`interpret` reads each match, asking `neighbours` what the words around a number
make of it, and `numeric` reads the dates written in numbers, in the order
`style` decided; `context` tells a planned date from an event; `lexicon` holds the
words they all read; `mention` is what the scan returns, `metadata` reads one
metadata value.
"""

from footcheck.footnotes.dates.lexicon import MONTHS
from footcheck.footnotes.dates.mention import DateMention
from footcheck.footnotes.dates.metadata import parse_date_string
from footcheck.footnotes.dates.scanner import event_dates, find_dates
from footcheck.footnotes.dates.style import DateStyle, decide_style

__all__ = [
    "MONTHS",
    "DateMention",
    "DateStyle",
    "decide_style",
    "event_dates",
    "find_dates",
    "parse_date_string",
]
