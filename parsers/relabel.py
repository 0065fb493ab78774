"""Where each label of a plain-text or Markdown report is written, for `footcheck fix`.

A fix renumbers notes by rewriting labels where the author wrote them: the marker
tokens in the text (`[3]`, a group `[2, 5]`, a range `[2-4]`, superscripts `¹²`,
Markdown's `[^3]`) and the label at the start of each note (`[3]`, `3.`, `3)`, `³`,
`[^3]:`, `[Footnote 3:`). The readers give each marker and note its line and column
(every label of a group token shares the token's); `sites` finds the token there in
the file's faithful text (`decode.faithful`) and says how to write it with other
labels. It also finds where each note ends, so notes can be moved: a plain-text
note runs over the words the reader took for its text, a Markdown definition over
its indented and lazy continuation lines.

Anything not where the reader said it would be makes `sites` refuse (`SiteError`):
a fix then leaves the file alone rather than guess.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Sequence
from dataclasses import replace

from footcheck.footnotes.fixes.sites import NoteSite, SiteError, Sites, Token
from footcheck.footnotes.model import Document

from . import relabel_anchors, relabel_html
from .decode import line_end as _line_end
from .rewriting import FORMATS

_SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_TO_SUPERSCRIPT = str.maketrans("0123456789", _SUPERSCRIPTS)
_FROM_SUPERSCRIPT = str.maketrans(_SUPERSCRIPTS, "0123456789")

_BRACKET_TOKEN = re.compile(r"\[(\s*[0-9]+(?:\s*(?:,|;|-|–|—)\s*[0-9]+)*\s*)\]")
_SUPERSCRIPT_TOKEN = re.compile(f"[{_SUPERSCRIPTS}]+")
_MARKDOWN_MARKER = re.compile(r"\[\^([^\]\s^]+)\]")
_ITEM = re.compile(r"([0-9]+)(?:(\s*(?:-|–|—)\s*)([0-9]+))?")
_NOTE_LABELS = (
    re.compile(r"\[\^([^\]\s^]+)\]:"),
    re.compile(r"\[Footnote ([0-9]+):"),
    re.compile(r"\[([0-9]+)\]"),
    re.compile(r"([0-9]+)[.)]"),
    re.compile(f"([{_SUPERSCRIPTS}]+)"),
)
_WORD = re.compile(r"\S+")


def sites(fmt: str, text: str, doc: Document, offset: Callable[[int, int], int]) -> Sites:
    """The label sites of a plain-text or Markdown document read from `text`.

    `offset(line, column)` turns a reader's place into an index of `text`. Raises
    SiteError when a label is not where the reader placed it, or for another format.
    """
    if fmt not in FORMATS:
        raise SiteError(f"labels are not rewritten in {fmt} yet")
    if fmt == "html" or (fmt == "markdown" and relabel_anchors.anchored(text, doc, offset)):
        read = relabel_html.sites_of if fmt == "html" else relabel_anchors.sites_of
        anchor_tokens, anchor_notes, placed = read(text, doc, offset)
        found = Sites(tuple(anchor_tokens), tuple(_with_comments(text, anchor_notes)))
        return together(text, doc, found, placed)
    markers = [*doc.markers, *(m for note in doc.notes for m in note.markers)]
    tokens: dict[int, Token] = {}
    for marker in markers:
        at = _offset(offset, marker.location.line, marker.location.column)
        if at not in tokens:
            try:
                tokens[at] = replace(_token(fmt, text, at), scope=marker.scope)
            except SiteError:
                written = "[^N]" if fmt == "markdown" else "[N] or superscripts"
                raise SiteError(
                    f"marker [{marker.label}] (line {marker.location.line}) is not written"
                    f" {written}: only such labels are rewritten"
                ) from None
        if marker.label not in tokens[at].labels:
            raise SiteError(f"marker [{marker.label}] is not written where it was read")
    notes = []
    for index, note in enumerate(doc.notes):
        at = _offset(offset, note.location.line, note.location.column)
        label = _note_label(text, at, note.label)
        end = _markdown_end(text, at) if fmt == "markdown" else _text_end(text, label, note.text)
        nxt = doc.notes[index + 1] if index + 1 < len(doc.notes) else None
        if nxt is not None:  # never past the next note's start
            end = min(end, _offset(offset, nxt.location.line, nxt.location.column))
        superscript = text[label[0]] in _SUPERSCRIPTS
        notes.append(NoteSite(label[0], label[1], at, end, superscript))
    return Sites(
        tuple(sorted(tokens.values(), key=lambda t: t.start)), tuple(_with_comments(text, notes))
    )


# A suppression comment for the next note, then only whitespace up to the note.
_COMMENT_BEFORE = re.compile(
    r"<!--[ \t]*footcheck[ \t]*:[ \t]*ignore\b[^>\n]{0,200}?-->\s*\Z", re.I
)


def _with_comments(text: str, notes: Sequence[NoteSite]) -> list[NoteSite]:
    """Each note's site reaching back over the suppression comment written just before
    it (`<!-- footcheck: ignore CODE -->`), which is the note's own: a moved note
    carries it along, a deleted one takes it away."""
    out: list[NoteSite] = []
    for site in notes:
        floor = out[-1].end if out else 0
        base = max(floor, site.start - 400)
        found = _COMMENT_BEFORE.search(text, base, site.start)
        out.append(replace(site, start=found.start()) if found is not None else site)
    return out


def together(text: str, doc: Document, found: Sites, placed: Sequence[bool]) -> Sites:
    """`found`, once its notes are known not to overlap and the notes of every scope
    with a note numbered by its place (`placed`) to stand together: the fix moves those,
    and only moving them renumbers them."""
    notes = found.notes
    for index in range(len(notes) - 1):
        if notes[index].end > notes[index + 1].start:
            note = doc.notes[index]
            raise SiteError(
                f"note [{note.label}] (line {note.location.line}) runs into the next note"
            )
    scopes = {note.scope for note, by_place in zip(doc.notes, placed, strict=True) if by_place}
    for scope in sorted(scopes):
        sites = [site for note, site in zip(doc.notes, notes, strict=True) if note.scope == scope]
        for before, after in itertools.pairwise(sites):
            if text[before.end : after.start].strip():
                first = next(n for n in doc.notes if n.scope == scope)
                raise SiteError(
                    f"note [{first.label}] (line {first.location.line}) and the notes after it"
                    " are numbered by their place but do not stand together: they cannot be"
                    " moved"
                )
    return found


def _offset(offset: Callable[[int, int], int], line: int, column: int) -> int:
    try:
        return offset(line, column)
    except ValueError:
        raise SiteError(f"no place {line}:{column} in the text") from None


def _token(fmt: str, text: str, at: int) -> Token:
    """The marker token starting at `at`."""
    if fmt == "markdown":
        found = _MARKDOWN_MARKER.match(text, at)
        if found is None:
            raise SiteError(f"no Markdown marker at {at}")
        return Token(at, found.end(), (found.group(1),), lambda labels: f"[^{labels[0]}]")
    if (found := _BRACKET_TOKEN.match(text, at)) is not None:
        return _bracket(found.group(1), at, found.end())
    if (found := _SUPERSCRIPT_TOKEN.match(text, at)) is not None:
        label = found.group().translate(_FROM_SUPERSCRIPT)
        return Token(at, found.end(), (label,), lambda labels: labels[0].translate(_TO_SUPERSCRIPT))
    raise SiteError(f"no marker token at {at}")


def _bracket(inner: str, start: int, end: int) -> Token:
    """A bracketed token: one label, a group, or ranges; written again with new labels,
    a range kept as a range only while its new numbers still run on."""
    items: list[tuple[int, int]] = []  # (first, last) of each item
    dashes: list[str | None] = []
    for item in _ITEM.finditer(inner):
        first = int(item.group(1))
        last = int(item.group(3)) if item.group(3) else first
        if last < first:
            raise SiteError(f"a range that runs backwards: {inner}")
        items.append((first, last))
        dashes.append(item.group(2))
    labels = tuple(str(n) for first, last in items for n in range(first, last + 1))
    separator = ", " if ";" not in inner else "; "

    def write(new: tuple[str, ...]) -> str:
        out: list[str] = []
        position = 0
        for (first, last), dash in zip(items, dashes, strict=True):
            count = last - first + 1
            part = new[position : position + count]
            position += count
            numbers = [int(p) for p in part]
            runs_on = all(b == a + 1 for a, b in itertools.pairwise(numbers))
            if dash is not None and runs_on:
                out.append(f"{part[0]}{dash}{part[-1]}")
            else:
                out.append(separator.join(part))
        return "[" + separator.join(out) + "]"

    return Token(start, end, labels, write)


def _note_label(text: str, at: int, label: str) -> tuple[int, int]:
    """The span of a note's label at its start."""
    for pattern in _NOTE_LABELS:
        found = pattern.match(text, at)
        if found is not None and found.group(1).translate(_FROM_SUPERSCRIPT) == label:
            return found.start(1), found.end(1)
    raise SiteError(f"note [{label}] is not written where it was read")


def _text_end(text: str, label: tuple[int, int], words: str) -> int:
    """Where a plain-text note ends: after the last of the words the reader took for its
    text (whitespace folded), counted from its label."""
    wanted = words.split()
    cursor = label[1]
    # The label's own closing ("]", ".", ")", ":") is not one of the note's words.
    while cursor < len(text) and text[cursor] in "]).:" and cursor - label[1] < 2:
        cursor += 1
    end = cursor
    for word in wanted:
        found = _WORD.search(text, cursor)
        if found is None:
            raise SiteError("a note's text is not where it was read")
        piece = found.group()
        if piece != word and not (word.startswith(piece) or piece.startswith(word)):
            raise SiteError("a note's text is not where it was read")
        end = cursor = found.end()
    return end


def _markdown_end(text: str, at: int) -> int:
    """Where a Markdown footnote definition ends: its first line, then indented lines
    and lazy continuation lines (blank lines only before an indented one)."""
    line_end = _line_end(text, at)
    end = line_end
    cursor = _next_line(text, line_end)
    blank = False
    while cursor < len(text):
        stop = _line_end(text, cursor)
        line = text[cursor:stop]
        if not line.strip():
            blank = True
        elif line[:1] in (" ", "\t"):
            end, blank = stop, False
        elif not blank and not line.startswith("[^"):
            end = stop  # a lazy continuation
        else:
            break
        cursor = _next_line(text, stop)
    return end


def _next_line(text: str, line_end: int) -> int:
    if text.startswith("\r\n", line_end):
        return line_end + 2
    return line_end + 1
