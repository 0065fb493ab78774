"""The pieces of the plain `[N]` convention: markers, note starts, notes headings, rules.

Plain-text reports (and Markdown or HTML converted from Word) cite with `[3]`,
`[2, 5]`, `[2-4]` or superscript digits `¹²`, and list their notes as lines that
start with `[N]`, `N.`, `N)` or a superscript, often under a "Notes" heading. This
module recognises those pieces in a line or a run of text; `plain` decides
which lines are body and which are notes.

Every pattern is compiled once and matches in linear time (possessive quantifiers,
no nested repetition over the same characters).
"""

from __future__ import annotations

from typing import NamedTuple

from footcheck.footnotes import pattern_store

__all__ = [
    "MAX_GROUP",
    "MAX_LABEL",
    "MAX_RANGE",
    "MarkerSpan",
    "NoteStart",
    "find_markers",
    "is_notes_heading",
    "is_rule_line",
    "match_note_start",
    "valid_label",
]

MAX_LABEL = 999
"""The largest number read as a label; four digits are years, not notes."""

_MAX_DIGITS = 9  # no label is longer; int() of a huge digit run is never tried

MAX_RANGE = 50
"""The most labels a range such as `[2-4]` may expand to; a longer one is not a marker."""

MAX_GROUP = MAX_RANGE * 4
"""The most labels one group (`[2, 5, 7-9]`) may cite; a longer list is not a marker."""

_SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_TO_ASCII = str.maketrans(_SUPERSCRIPTS, "0123456789")
_DASHES = "\\-\u2010\u2011\u2012\u2013\u2014\u2212"  # hyphen-minus, hyphens, dashes, minus
_SUP = f"[{_SUPERSCRIPTS}]"

# One item of a bracketed group: N or N-M.
_ITEM = rf"\d++(?:[ \t]*+[{_DASHES}][ \t]*+\d++)?+"
_BRACKET_GROUP = pattern_store.compile(
    rf"\[[ \t]*+({_ITEM}(?:[ \t]*+[,;][ \t]*+{_ITEM})*+)[ \t]*+\]"
)
# A run of superscript digits, optionally a list (¹,²) or a range (¹⁻³) of them.
_SUPER_GROUP = pattern_store.compile(
    rf"(?<![{_SUPERSCRIPTS}⁺⁻])"
    rf"({_SUP}++(?:[,⁻{_DASHES}]{_SUP}++)*+)"
    rf"(?![\w⁺⁻])"
)
_ANY_SUPERSCRIPT = pattern_store.compile(_SUP)
_SEPARATOR = pattern_store.compile(r"[ \t]*[,;][ \t]*")
_RANGE = pattern_store.compile(rf"(\d+)[ \t]*[{_DASHES}⁻][ \t]*(\d+)")

# Exponents that look like superscript markers.
_LOOKBACK = 24
# "10 m²", "5 km²", "3 cm³", "9.8 m/s²": a unit right after a number.
_UNIT_BEFORE = pattern_store.compile(r"\d[ \u00a0\u202f]?(?:[kcmdnµμ]?m|ft|in|yd|mi|ha|m/s|km/h)$")
# "x²", "α + ω × x²": a lone letter (a variable), not a word.
_VARIABLE_BEFORE = pattern_store.compile(r"(?:^|[\s(\[=+\-−×*/·^])[^\W\d_]$")
# "10⁶", "× 10³": a power of ten.
_POWER_OF_TEN_BEFORE = pattern_store.compile(r"(?:^|[^\d.,])10$")

_NOTE_START = pattern_store.compile(
    r"[ ]{0,3}+(?:"
    r"\[(?P<bracket>\d++)\]:?+(?:[ \t]++|$)"
    r"|(?P<dot>\d++)\.[ \t]++(?=\S)"
    r"|(?P<paren>\d++)\)[ \t]++(?=\S)"
    rf"|(?P<super>{_SUP}++)(?:[ \t]++|$)"
    r")"
)

_HEADINGS = frozenset(
    {
        "notes",
        "note",
        "endnotes",
        "end notes",
        "footnotes",
        "foot notes",
        "references",
        "sources",
        "works cited",
        "citations",
        "bibliography",
        "notes and references",
        "notes and sources",
        "references and notes",
        "sources and notes",
        "references and footnotes",
        "footnotes and references",
    }
)
_HEADING_MAX = 40
# A heading line ends with what is stripped (":", "#", emphasis) or with a character
# whose case folding ends a heading word (notes, cited, bibliography): a cheap first test.
_HEADING_ENDS = frozenset(":#*_DESYdesyßſẞ")
_RULE_LINE = pattern_store.compile(r"[ \t]*+(?:-{3,}+|={3,}+|_{3,}+|\*{3,}+|~{3,}+)[ \t]*+")


class MarkerSpan(NamedTuple):
    """A marker group in a text: where it stands and the labels it cites, in order.

    `shown` is the group as a reader sees it where that differs from the source text
    (`[1]` for the Markdown link `[\\[1\\]](#_ftn1)`); empty: the text itself.
    """

    start: int
    end: int
    labels: tuple[str, ...]
    shown: str = ""


class NoteStart(NamedTuple):
    """The start of a note line: its label, its style, and where its text begins.

    `style` is "bracket" (`[N]`), "dot" (`N.`), "paren" (`N)`) or "super" (`¹`).
    """

    label: str
    style: str
    text_start: int


def valid_label(digits: str, max_label: int = MAX_LABEL) -> bool:
    """A label footcheck reads as a note number: 1 to `max_label`, with no leading zero."""
    return (
        0 < len(digits) <= _MAX_DIGITS
        and digits[0] != "0"
        and digits.isascii()
        and digits.isdigit()
        and int(digits) <= max_label
    )


def _expand(group: str, max_label: int) -> tuple[str, ...] | None:
    """The labels of a group body such as "2, 5" or "2-4", or None when it is no marker."""
    if group.isdigit():  # the common case: one label
        return (group,) if valid_label(group, max_label) else None
    if group.count(",") + group.count(";") >= MAX_GROUP:
        return None  # "[1,1,1,...]" 500,000 times: a list of numbers, not a citation
    labels: list[str] = []
    for item in _SEPARATOR.split(group):
        ranged = _RANGE.fullmatch(item)
        if ranged is None:
            if not valid_label(item, max_label):
                return None
            labels.append(item)
            continue
        first, last = ranged.group(1), ranged.group(2)
        if not (valid_label(first, max_label) and valid_label(last, max_label)):
            return None
        low, high = int(first), int(last)
        if high <= low or high - low + 1 > MAX_RANGE or len(labels) + high - low >= MAX_GROUP:
            return None
        labels.extend(str(n) for n in range(low, high + 1))
    return tuple(labels) if labels else None


def _is_exponent(text: str, start: int, group: str) -> bool:
    """Whether superscripts at `start` are an exponent ("10 m²", "x²", "10⁶"), not a marker."""
    before = text[max(0, start - _LOOKBACK) : start]
    if not before:
        return False
    if group in ("²", "³") and (_UNIT_BEFORE.search(before) or _VARIABLE_BEFORE.search(before)):
        return True
    return _POWER_OF_TEN_BEFORE.search(before) is not None


def find_markers(text: str, max_label: int = MAX_LABEL) -> list[MarkerSpan]:
    """Every marker group in `text`, in order: `[3]`, `[2, 5]`, `[2-4]`, `¹²`, `¹,²`, `¹⁻³`.

    Not markers: years `[2019]`, `[sic]`, `[...]`, `[lalune]`, `[^note]`, `[0]`, `[01]`,
    labels above `max_label` (999: four digits are years), ranges longer than 50,
    groups of more than 200 labels, and superscript exponents ("10 m²", "x²"). A
    reader that has found notes numbered past 999 may pass a larger `max_label`.
    """
    spans: list[MarkerSpan] = []
    if "[" in text:
        for match in _BRACKET_GROUP.finditer(text):
            group = match.group(1)
            # The common case inline: one label of at most three ASCII digits.
            if len(group) <= 3 and group.isdigit() and group.isascii() and group[0] != "0":
                if int(group) > max_label:
                    continue
                labels: tuple[str, ...] | None = (group,)
            else:
                labels = _expand(group, max_label)
            if labels is not None:
                start, end = match.span()
                spans.append(MarkerSpan(start, end, labels))
    # A superscript is non-ASCII; the cheap search spares the slower group pattern's scan.
    if not text.isascii() and _ANY_SUPERSCRIPT.search(text) is not None:
        supers: list[MarkerSpan] = []
        for match in _SUPER_GROUP.finditer(text):
            group = match.group(1)
            if _is_exponent(text, match.start(), group):
                continue
            labels = _expand(group.translate(_TO_ASCII).replace("⁻", "-"), max_label)
            if labels is not None:
                supers.append(MarkerSpan(match.start(), match.end(), labels))
        if supers:
            spans = sorted(spans + supers) if spans else supers
    return spans


def match_note_start(line: str, max_label: int = MAX_LABEL) -> NoteStart | None:
    """The note that `line` starts, if any: up to 3 spaces, a label, whitespace, the text.

    Labels are `[N]` (also `[N]:`), `N.`, `N)` or superscript digits. A `[N]` or a
    superscript alone on its line starts an empty note; `N.` and `N)` need text.
    """
    match = _NOTE_START.match(line)
    if match is None:
        return None
    style = match.lastgroup
    if style is None:  # pragma: no cover - one named group always matches
        return None
    digits = match.group(style)
    if style == "super":
        digits = digits.translate(_TO_ASCII)
    if not valid_label(digits, max_label):
        return None
    return NoteStart(digits, style, match.end())


def is_notes_heading(line: str) -> bool:
    """Whether `line` is only a notes heading: "Notes", "## Endnotes", "**References:**"...

    The words: notes, endnotes, footnotes, references, sources, works cited,
    citations, bibliography (and a few combinations), in any case, with an optional
    trailing colon, Markdown `#`s, or emphasis around them.
    """
    s = line.strip()
    if not s or len(s) > _HEADING_MAX or s[-1] not in _HEADING_ENDS:
        return False
    if s[0] == "#":
        s = s.lstrip("#").strip()
        s = s.rstrip("#").strip()
    s = s.rstrip(":").strip()
    for wrap in ("**", "__", "*", "_"):
        if len(s) > 2 * len(wrap) and s.startswith(wrap) and s.endswith(wrap):
            s = s[len(wrap) : -len(wrap)].strip()
            break
    s = s.rstrip(":").strip()
    return " ".join(s.split()).casefold() in _HEADINGS


def is_rule_line(line: str) -> bool:
    """Whether `line` is only a horizontal rule or a setext underline ("---", "===", "***")."""
    return _RULE_LINE.fullmatch(line) is not None
