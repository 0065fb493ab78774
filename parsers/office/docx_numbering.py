"""Word's note numbering: the label each note reference displays.

Footnotes and endnotes are numbered separately, in order of first reference, in
the number format and from the start number of `w:footnotePr` / `w:endnotePr`
(the section's, else settings.xml's; Word's defaults are decimal footnotes and
lower-roman endnotes; `eachSect` restarts are honoured, `eachPage` ones are not:
pages are not known). A reference with `w:customMarkFollows` is labelled by its
own mark and takes no number. `format_number` writes a number in a `w:numFmt`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .docx_paragraphs import NoteRef, WordNames

if TYPE_CHECKING:
    from lxml import etree

__all__ = ["KINDS", "format_number", "number_notes", "section_properties"]

KINDS = ("footnote", "endnote")
_DEFAULT_FORMAT = {"footnote": "decimal", "endnote": "lowerRoman"}


@dataclass(slots=True)
class _NotePr:
    """A section's note numbering: its format, first number and restart rule."""

    fmt: str | None = None
    start: int | None = None
    restart: str | None = None

    def over(self, base: _NotePr) -> _NotePr:
        return _NotePr(
            self.fmt or base.fmt,
            self.start if self.start is not None else base.start,
            self.restart or base.restart,
        )


def section_properties(body: etree._Element, n: WordNames) -> list[etree._Element]:
    """Each section's w:sectPr in order: paragraph-level ones, then the body's last."""
    found = [s for s in body.iter(n.sect_pr) if s.getparent() is not None]
    ordered = [s for s in found if s.getparent() is not body]
    ordered.extend(s for s in found if s.getparent() is body)
    return ordered


def _note_pr(element: etree._Element | None, kind: str, n: WordNames) -> _NotePr:
    if element is None:
        return _NotePr()
    pr = element.find(n.w(f"{kind}Pr"))
    if pr is None:
        return _NotePr()
    fmt = _val(pr.find(n.w("numFmt")), n)
    start_text = _val(pr.find(n.w("numStart")), n)
    restart = _val(pr.find(n.w("numRestart")), n)
    start: int | None = None
    if start_text is not None:
        try:
            start = int(start_text)
        except ValueError:
            start = None
    return _NotePr(fmt, start, restart)


def _val(element: etree._Element | None, n: WordNames) -> str | None:
    if element is None:
        return None
    return element.get(n.val)


def number_notes(
    refs: list[NoteRef],
    sections: list[etree._Element],
    settings: etree._Element | None,
    n: WordNames,
) -> tuple[list[str], dict[tuple[str, str], str], dict[str, tuple[int, str]]]:
    """The label of each reference, of each cited note, and each kind's next number.

    Returns (label per reference, label per (kind, note id) from its first
    reference, the next automatic number and its format per kind, for notes
    nobody cites).
    """
    per_ref: list[str] = []
    per_note: dict[tuple[str, str], str] = {}
    next_number: dict[str, tuple[int, str]] = {}
    for kind in KINDS:
        base = _NotePr(_DEFAULT_FORMAT[kind], 1, "continuous")
        document_pr = _note_pr(settings, kind, n).over(base)
        section_prs = [_note_pr(s, kind, n).over(document_pr) for s in sections]
        counter: int | None = None
        last_section = -1
        for ref in refs:
            if ref.kind != kind or (kind, ref.note_id) in per_note:
                continue
            pr = section_prs[min(ref.section, len(section_prs) - 1)] if section_prs else document_pr
            start = pr.start if pr.start is not None else 1
            if ref.custom and ref.mark:
                per_note[(kind, ref.note_id)] = ref.mark
                continue
            if counter is None or (pr.restart == "eachSect" and ref.section != last_section):
                counter = start
            else:
                counter += 1
            last_section = ref.section
            per_note[(kind, ref.note_id)] = format_number(counter, pr.fmt or "decimal")
        following = (counter + 1) if counter is not None else (document_pr.start or 1)
        next_number[kind] = (following, document_pr.fmt or "decimal")
    for ref in refs:
        per_ref.append(per_note.get((ref.kind, ref.note_id), ""))
    return per_ref, per_note, next_number


_ROMAN = (
    (1000, "m"),
    (900, "cm"),
    (500, "d"),
    (400, "cd"),
    (100, "c"),
    (90, "xc"),
    (50, "l"),
    (40, "xl"),
    (10, "x"),
    (9, "ix"),
    (5, "v"),
    (4, "iv"),
    (1, "i"),
)
# Past this number the letter and chicago formats (which repeat a symbol) fall back to
# decimal: a w:numStart is any integer, and "a" repeated 10**11 times is no label.
_MAX_REPEATED = 26 * 40
_CHICAGO = ("*", "\u2020", "\u2021", "\u00a7")  # *, dagger, double dagger, section sign
_FULL_WIDTH = str.maketrans(
    "0123456789", "\uff10\uff11\uff12\uff13\uff14\uff15\uff16\uff17\uff18\uff19"
)


def format_number(number: int, fmt: str) -> str:
    """A note number in a WordprocessingML number format (w:numFmt), as Word shows it.

    Formats Word offers for notes: decimal, upper/lower roman, upper/lower letter
    (a..z, then aa..zz), chicago (*, dagger, double dagger, section, then doubled);
    a few more; anything else is decimal, and so is a number too large for a format
    that repeats a symbol.
    """
    if number <= 0 and fmt != "decimal":
        return str(number)
    if number > _MAX_REPEATED and fmt in ("lowerLetter", "upperLetter", "chicago"):
        return str(number)  # a w:numStart of 10**12 must not build a label of 10**11 letters
    if fmt in ("lowerRoman", "upperRoman"):
        if number >= 4000:
            return str(number)
        out = []
        rest = number
        for value, letters in _ROMAN:
            count, rest = divmod(rest, value)
            out.append(letters * count)
        roman = "".join(out)
        return roman.upper() if fmt == "upperRoman" else roman
    if fmt in ("lowerLetter", "upperLetter"):
        letter = chr(ord("a") + (number - 1) % 26) * ((number - 1) // 26 + 1)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt == "chicago":
        return _CHICAGO[(number - 1) % 4] * ((number - 1) // 4 + 1)
    if fmt == "decimalZero":
        return f"{number:02d}"
    if fmt == "numberInDash":
        return f"- {number} -"
    if fmt == "decimalFullWidth" or fmt == "decimalFullWidth2":
        return str(number).translate(_FULL_WIDTH)
    if fmt == "decimalEnclosedCircle" and 1 <= number <= 20:
        return chr(0x2460 + number - 1)
    if fmt == "decimalEnclosedParen":
        return f"({number})"
    if fmt == "ordinal":
        suffix = (
            "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
        )
        return f"{number}{suffix}"
    return str(number)
