"""Whether a note cites a source at all, or explains; whether it says it has no date.

A note that cites nothing ("The figure excludes Scotland.", "See the section
Exceptions below.") is an explanatory note: it has no date to check, and saying
it is undated (DT004) would be noise. A note cites a source when it names one the
way citations do: a URL or DOI, a quoted or italic title, a publisher, a
journal's volume, issue or pages, an access clause, a known kind of source
("Interview with", "Letter to", "Report of"), or a known outlet ("Reuters"). "n.d." (and "no
date", "undated", "s.d.", "o.J.") says the source has no date: the author knows.
"""

from __future__ import annotations

import re

from footcheck.footnotes import pattern_store
from footcheck.footnotes.lowered import lowered

# Each alternative is a way citations name a source.
_CITES = pattern_store.compile(
    r"""
      https?://|www\.|\bdoi\b|\bisbn\b|\bissn\b|\barxiv\b|\bssrn\b
    | (?<![\w*])_[A-Z][^_\s]*\s[^_]{2,}_(?!\w)|(?<![\w*])\*[A-Z][^*\s]*\s[^*]{2,}\*(?!\w)
    | \b(?:[A-Z][\w&'.-]*\s+)?(?:Press|Publish(?:ing|ers?|ed\s+by)|Verlag|Éditions|Editions
          |Books|Publications|Printing\s+Office)\b
    | (?i:\b(?:vol|vols|no|nos|pp|p|art|ch|sec|para|fol|col|page|pages)\.?\s*[\dIVXLC]+\b)
    | (?i:\b(?:accessed|retrieved|consulted|archived)\b)
    | (?:^|(?<=[,;:(])\s*)(?i:(?:(?:author|authors|personal|telephone|phone|private|video
          |e-?mail|confidential|anonymous|background|unpublished|oral)['’]?s?\s+)?
          (?:interview|conversation|correspondence|letter|e-?mail|memo(?:randum)?|cable
          |telegram|statement|testimony|speech|remarks|lecture|briefing|press\s+release
          |communiqué|message|phone\s+call|call)
          \s+(?:with|by|to(?!\s*:)|from|of|before|at|between)\b)
    | (?<=[\w,:]\s)(?:Journal|Review|Proceedings|Quarterly|Bulletin|Gazette|Magazine|Report
          |Survey|Yearbook|Transactions|Annals|Papers|Working\s+Paper|Discussion\s+Paper
          |Policy\s+Brief|White\s+Paper|Dataset|Database|Museum|Archives?|Library
          |Collection|Records|Minutes|Thesis|Dissertation|Times|Post|Tribune|Herald|Daily
          |Weekly|Chronicle|Observer|Guardian|Telegraph|Monitor|Dispatch|Courier)\b
    | \(\s*[A-Z][\w .'’-]{1,40}:\s*[A-Z][^)]{1,60}\)
    | ^(?:[A-Z][\w.'’-]+\s){1,3}[A-Z][\w.'’-]+,\s+(?:[“"«]|[A-Z][\w'’-]+\s)
    | \b(?:ed|eds|trans|tr|comp)\.\s|\bet\s+al\b|\bibid\b|\bop\.\s*cit\b|\bid\.\s
    | \(\s*(?:[A-Z][\w'’-]+\s+){0,3}[A-Z][\w'’-]+,?\s+[12]\d{3}[a-z]?\s*\)
    | \b[A-Z][\w'’-]+\s+v\.?\s+[A-Z]
    | ^\W{0,3}(?:see\s+(?:also\s+)?|cf\.\s+)?(?!(?:In|On|By|From|Since|During|Until|After
          |Before|The|A|An|This|That|For|At|As|Of|To|Between|Through|Around|Circa|About)\b)
          [A-Z][\w'’-]+(?:\s+(?:and|&)\s+[A-Z][\w'’-]+|\s+et\s+al\.?)?,?\s+\(?[12]\d{3}[a-h]?\b
    """,
    re.VERBOSE,
)
# "See the 'Exceptions' section.", "See Appendix A.", "See note 4 above.": a sentence
# that points inside the document names no source.
_CROSS_REFERENCE = pattern_store.compile(
    r"(?:^|(?<=[.!?])\s)\W*(?:see|cf\.?|compare)\b[^.;]{0,100}\b(?:section|chapter|appendix|annex"
    r"|part|note|notes|table|figure|fig|box|above|below|infra|supra|glossary|introduction)\b"
    r"[^.;]{0,100}[.;]?",
    re.IGNORECASE,
)
# A quoted title: “Title,” / "Title." / «Titre», of a few words, opening with a capital.
_QUOTED = pattern_store.compile(
    r"“([^”]{3,200})”|\"([^\"]{3,200})\"|«\s?([^»]{3,200}?)\s?»|„([^“”]{3,200})[“”]"
)
_BEFORE_SPAN = 12  # what stands before a title is read this far back
_OUTLET_SPAN = 40  # a citation names its outlet or author this near its start
_TITLE_WORDS = 20  # a title is shorter than this
_SHORT_NOTE_WORDS = 25  # a citation with a quoted title and nothing else is shorter
# What stands before a title in a citation: the note's start, a separator, "in",
# "called", "titled".
_BEFORE_TITLE = pattern_store.compile(
    r"(?:^|[,.:;(]|\b(?:in|called|titled|entitled|see))\s*$", re.IGNORECASE
)
# A pandoc citation ("[@smith2001, p. 12]", "@smith2001 says"): the bibliography
# dates it, not the note.
_CITEKEY = pattern_store.compile(r"(?:^|[\s\[;(])-?@[^\W\d][\w:.#$%&+?<>~/-]*")
_UNDATED = pattern_store.compile(
    r"(?<!\w)(?:n\.\s?d\.|\(n\.d\)|no\s+date|undated|s\.\s?d\.|o\.\s?J\.|sin\s+fecha|sans\s+date)(?!\w)",
    re.IGNORECASE,
)
# What every form of _UNDATED holds, in lower case: ". d." or ". j." ("n.d.", "s.d.",
# "o.J."), "(n.d)", "date" ("no date", "undated", "sans date") or "fecha".
_UNDATED_HINT = pattern_store.compile(r"\.\s?[dj]\.|\(n\.d\)|date|fecha")


def cites_source(text: str) -> bool:
    """Whether a note's text names a source the way citations do."""
    if "://" not in text and "www." not in text:
        text = _CROSS_REFERENCE.sub(" ", text)
    if _CITES.search(text) is not None or _has_quoted_title(text):
        return True
    from footcheck.footnotes.outlets import cited_outlets  # its table compiled when asked

    # An outlet named where a citation names it: near the note's start ("Reuters,
    # 3 May."), not in a sentence about it ("the views of the Federal Reserve").
    return bool(cited_outlets(text[:_OUTLET_SPAN], ()))


def _has_quoted_title(text: str) -> bool:
    """A quotation set in a note the way a citation sets a title.

    'Ames, “The Long Harbour,” Coastal Review.' has one; a note that quotes a
    word or a sentence in its prose ('known as "Snap the whip."', 'the term
    "COTS" also') does not. The quotation must follow the note's start, a
    separator or "in"/"called"; open with a capital; be a title's length; and
    close a clause. In a note of more than a few words, only a title set between
    commas ('Author, “Title,” Outlet') counts: a long note that quotes is prose.
    """
    short = len(text.split()) <= _SHORT_NOTE_WORDS
    for m in _QUOTED.finditer(text):
        inner = next(g for g in m.groups() if g is not None).strip()
        if not inner[:1].isupper() or len(inner.split()) > _TITLE_WORDS:
            continue
        before = text[max(0, m.start() - _BEFORE_SPAN) : m.start()]
        if _BEFORE_TITLE.search(before) is None:
            continue
        after = text[m.end() : m.end() + 3].lstrip()[:1]
        closes = inner[-1] in ",.?!" or after in ("", ",", ".", ";", ":", ")", "(")
        set_between_commas = before.rstrip().endswith(",") and (inner.endswith(",") or after == ",")
        if closes and (short or set_between_commas):
            return True
    return False


def cites_by_key(text: str) -> bool:
    """Whether a note cites by a pandoc citation key, dated by its bibliography."""
    return "@" in text and _CITEKEY.search(text) is not None


def says_undated(text: str, lower: str | None = None) -> bool:
    """Whether a citation says it has no date: "n.d.", "no date", "undated", "s.d.", "o.J.".

    `lower` is `lowered(text)` when the caller has it.
    """
    if lower is None:
        lower = lowered(text)
    if lower is not None and _UNDATED_HINT.search(lower) is None:
        return False  # most citations: the pattern, case-insensitive, costs more
    return _UNDATED.search(text) is not None
