"""The inline scan: one block's text -> pieces of text and markers, plus inline notes.

One left-to-right scan per block, jumping between the characters that can start
syntax with a compiled regex: code spans (backtick runs paired through an index of
runs, so unmatched runs cost nothing), `[^x]` markers, `^[...]` inline notes and links
closed on a bracket stack, autolinks, raw HTML, entities, backslash escapes, emphasis
delimiters. Text comes out as pandoc renders it (link text without its URL, image alt
text left out, `--`/`---` as dashes); `emit` gives the pieces to a `TextBuilder`,
markers at their offsets with their tokens removed.

Every regex is compiled once and runs in linear time over the input.
"""

from __future__ import annotations

import html
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, cast

from footcheck.footnotes import pattern_store
from footcheck.footnotes.model import Location

from ..marks import MarkerSpan
from ..textbuild import TextBuilder
from .commonmark import LABEL_MAX, is_reference

# The characters that can start syntax. A newline is not one: it stays in its run of text.
_SPECIAL = pattern_store.compile(r"[\\`\[\]^!<&*_~]")
_FOOTREF = pattern_store.compile(r"\[\^([^\s\[\]]++)\]")
_TICKS = pattern_store.compile(r"`++")
_DELIMS = pattern_store.compile(r"\*++|_++|~++")
# After a link text's `]`: an inline `(destination "title")`, and a reference `[label]`.
LINK_DESTINATION = pattern_store.compile(
    r"""\([ \t\n]*+(?:<[^<>\n]*+>|[^\s()<>]*+(?:\([^\s()]*+\)[^\s()]*+)*+)"""
    r"""(?:\s++(?:"[^"]*+"|'[^']*+'|\([^()]*+\)))?+\s*+\)"""
)
REFERENCE_LABEL = pattern_store.compile(r"\[([^\[\]]{0,999}+)\]")
_AUTOLINK = pattern_store.compile(r"<([A-Za-z][A-Za-z0-9+.\-]{1,31}+:[^\s<>]*+)>")
_EMAIL = pattern_store.compile(
    r"<([A-Za-z0-9.!#$%&'*+/=?^_`{|}~\-]++@[A-Za-z0-9][A-Za-z0-9.\-]*+)>"
)
_TAG = pattern_store.compile(r"</?[A-Za-z][A-Za-z0-9\-]*+(?:[\s/][^<>]*+)?+>")
_ENTITY = pattern_store.compile(
    r"&(?:#[0-9]{1,7}+|#[xX][0-9a-fA-F]{1,6}+|[A-Za-z][A-Za-z0-9]{1,31}+);"
)

_ASCII_PUNCT = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
_ALNUM = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")


class _Mark:
    """A marker piece; an inline note's label is set when the block is done."""

    __slots__ = ("label", "location")

    def __init__(self, label: str, location: Location) -> None:
        self.label = label
        self.location = location


class _ShownMarks:
    """Markers whose token stays in the text: a plain `[N]` group in a note's text."""

    __slots__ = ("labels", "location", "token")

    def __init__(self, labels: tuple[str, ...], location: Location, token: str) -> None:
        self.labels = labels
        self.location = location
        self.token = token


# A piece is text in its final form (source text with `--`/`---` already made dashes;
# code, URLs, escapes and entities literal) or a marker.
_Piece = str | _Mark | _ShownMarks


@dataclass(slots=True)
class _InlineNote:
    mark: _Mark
    pieces: list[_Piece]
    position: int


# An open bracket: (kind, where it starts, the index of its piece). The kind is
# "link", "image" or "note"; an image or a note starts at its "!" or "^".
_Opener = tuple[str, int, int]


def _is_punct(ch: str) -> bool:
    if ch.isascii():
        return ch in _ASCII_PUNCT
    return unicodedata.category(ch)[0] in "PS"


def _delimiter_is_syntax(run: str, before: str, after: str) -> bool:
    """Whether an emphasis or strikeout run would be markup (CommonMark flanking rules)."""
    space_before = not before or before.isspace()
    space_after = not after or after.isspace()
    punct_before = bool(before) and _is_punct(before)
    punct_after = bool(after) and _is_punct(after)
    left = not space_after and (not punct_after or space_before or punct_before)
    right = not space_before and (not punct_before or space_after or punct_after)
    ch = run[0]
    if ch == "~":
        return len(run) == 2 and (left or right)
    if ch == "_":
        return (left and (not right or punct_before)) or (right and (not left or punct_after))
    return left or right


class Scanner:
    """Inline syntax of one block -> pieces of text and markers, plus inline notes."""

    __slots__ = ("_tick_index", "_tick_runs", "locate", "marked", "notes", "refs", "text")

    _tick_index: dict[int, int]

    def __init__(self, text: str, locate: Callable[[int], Location], refs: Mapping[str, Any]):
        self.text = text
        self.locate = locate
        self.refs = refs
        self.notes: list[_InlineNote] = []
        # Whether any marker piece was made. None is ever dropped (an image's alt text
        # keeps its markers; an inline note's pieces move into the note, whose own
        # marker takes their place), so this says whether the block or one of its
        # notes holds a marker.
        self.marked = False
        # The backtick runs by length, and how far each length's list is used: made on
        # the first backtick (most blocks have none).
        self._tick_runs: dict[int, list[int]] | None = None

    def _closing_ticks(self, length: int, after: int) -> int:
        """Start of the next run of exactly `length` backticks at or after `after`, or -1."""
        if self._tick_runs is None:
            runs: dict[int, list[int]] = {}
            for m in _TICKS.finditer(self.text):
                runs.setdefault(m.end() - m.start(), []).append(m.start())
            self._tick_runs = runs
            self._tick_index = {}
        starts = self._tick_runs.get(length)
        if not starts:
            return -1
        i = self._tick_index.get(length, 0)
        while i < len(starts) and starts[i] < after:
            i += 1
        self._tick_index[length] = i
        return starts[i] if i < len(starts) else -1

    def _is_ref(self, label: str) -> bool:
        return is_reference(self.refs, label)

    def scan(
        self, plain: list[MarkerSpan] | None = None, *, shown: bool = False, start: int = 0
    ) -> list[_Piece]:
        """The block's pieces; `plain` marker groups become markers (`shown`: kept as text).

        A group with no labels is text a reader does not see, left out. `start`: no
        character before it can start syntax (`first_syntax`).
        """
        s = self.text
        n = len(s)
        pieces: list[_Piece] = []
        append = pieces.append
        search = _SPECIAL.search
        stack: list[_Opener] = []
        comment_end = -2  # cached end of the next "-->" (-1: none left)
        # Smart dashes are made in each run of source text as it is cut (a run never
        # holds part of an escape, code span, URL or entity); with no "--" in the
        # block there is nothing to make.
        dashes = "--" in s
        spans = plain or []
        n_spans = len(spans)
        si = 0
        pos = 0
        limit = n
        while pos < n:
            if n_spans:
                while si < n_spans and spans[si].start < pos:
                    si += 1
                limit = spans[si].start if si < n_spans else n
            m = search(s, start if start > pos else pos, limit)
            if m is None:
                if pos < limit:
                    append(smart(s[pos:limit]) if dashes else s[pos:limit])
                if si < n_spans:
                    span = spans[si]
                    if not span.labels:
                        pass  # text a reader does not see: a back-link, an attribute list
                    elif shown:
                        self.marked = True
                        token = span.shown or s[span.start : span.end]
                        append(_ShownMarks(span.labels, self.locate(span.start), token))
                    else:
                        self.marked = True
                        for label in span.labels:
                            append(_Mark(label, self.locate(span.start)))
                    pos = span.end
                    si += 1
                    continue
                break
            i = m.start()
            if i > pos:
                append(smart(s[pos:i]) if dashes else s[pos:i])
            c = s[i]
            pos = i + 1
            # The branches in order of how often they are taken in reports.
            if c in "*_~":
                run = _DELIMS.match(s, i)
                assert run is not None
                pos = run.end()
                # A `*` run next to a letter or digit is always markup (it flanks on
                # that side): the common case, decided without the flanking rules.
                if c == "*" and (s[i - 1 : i] in _ALNUM or s[pos : pos + 1] in _ALNUM):
                    continue
                before = s[i - 1] if i else ""
                after = s[pos] if pos < n else ""
                if not _delimiter_is_syntax(run.group(), before, after):
                    append(run.group())
            elif c == "[":
                if s.startswith("^", pos):
                    ref = _FOOTREF.match(s, i)
                    if ref is not None:
                        self.marked = True
                        append(_Mark(ref.group(1), self.locate(i)))
                        pos = ref.end()
                        continue
                stack.append(("link", i, len(pieces)))
                append("[")
            elif c == "<":
                if s.startswith("<!--", i):
                    if comment_end == -2 or (0 <= comment_end < i + 4):
                        comment_end = s.find("-->", i + 4)
                    if comment_end >= 0:
                        pos = comment_end + 3
                        continue
                    append("<")
                    continue
                auto = _AUTOLINK.match(s, i) or _EMAIL.match(s, i)
                if auto is not None:
                    append(auto.group(1))
                    pos = auto.end()
                    continue
                tag = _TAG.match(s, i)
                if tag is not None:
                    pos = tag.end()
                    if tag.group().lower().startswith(("<br", "<p", "</p", "<div", "</div")):
                        append(" ")
                    continue
                append("<")
            elif c == "]":
                pos = self._close(stack, pieces, i)
            elif c == "&":
                ent = _ENTITY.match(s, i)
                if ent is not None:
                    append(html.unescape(ent.group()))
                    pos = ent.end()
                else:
                    append("&")
            elif c == "`":
                run = _TICKS.match(s, i)
                assert run is not None
                length = run.end() - i
                close = self._closing_ticks(length, run.end())
                if close < 0:
                    append(run.group())
                    pos = run.end()
                else:
                    code = s[run.end() : close].replace("\n", " ")
                    if len(code) > 2 and code[0] == " " and code[-1] == " " and code.strip():
                        code = code[1:-1]
                    append(code)
                    pos = close + length
            elif c == "\\":
                nxt = s[pos : pos + 1]
                if nxt in _ASCII_PUNCT and nxt:
                    append(nxt)
                    pos = i + 2
                elif nxt == "\n":
                    append("\n")
                    pos = i + 2
                else:
                    append("\\")
            elif c == "!" and s.startswith("[", pos) and not s.startswith("[^", pos):
                stack.append(("image", i, len(pieces)))
                append("![")
                pos = i + 2
            elif c == "^" and s.startswith("[", pos):
                stack.append(("note", i, len(pieces)))
                append("^[")
                pos = i + 2
            else:  # "!" or "^" not opening a bracket
                append(c)
        return pieces

    def _close(self, stack: list[_Opener], pieces: list[_Piece], i: int) -> int:
        """A `]` at `i`: close the innermost opener; returns where scanning goes on."""
        s = self.text
        if not stack:
            pieces.append("]")
            return i + 1
        kind, opened, index = stack.pop()
        nxt = s[i + 1] if i + 1 < len(s) else ""
        if kind == "note":
            if nxt == "{":  # pandoc's bracketed span ^[text]{.class}: not a note
                pieces.append("]")
                return i + 1
            content = pieces[index + 1 :]
            del pieces[index:]
            mark = _Mark("", self.locate(opened))
            self.marked = True
            self.notes.append(_InlineNote(mark, content, opened))
            pieces.append(mark)
            return i + 1
        end = -1
        if nxt == "(":
            dest = LINK_DESTINATION.match(s, i + 1)
            if dest is not None:
                end = dest.end()
        elif nxt == "[":
            ref = REFERENCE_LABEL.match(s, i + 1)
            if ref is not None:
                skip = 2 if kind == "image" else 1
                label = ref.group(1)
                if not label and i - opened - skip <= LABEL_MAX:
                    label = s[opened + skip : i]  # a longer label is never a reference
                if self._is_ref(label):
                    end = ref.end()
        if end < 0 and nxt not in ("(", "[") and i - opened <= LABEL_MAX + 2:
            label = s[opened + (2 if kind == "image" else 1) : i]
            if self._is_ref(label):
                end = i + 1
        if end < 0:
            pieces.append("]")
            return i + 1
        if kind == "image":  # alt text is left out, markers in it are kept
            kept = [p for p in pieces[index:] if isinstance(p, _Mark)]
            del pieces[index:]
            pieces.extend(kept)
        else:
            pieces[index] = ""
        return end


def first_syntax(text: str) -> int:
    """Where the first character that can start syntax stands in `text`, or its length.

    Text before it is plain: a block with none needs no scanner at all, and `scan`
    given it (`start`) does not search that text again.
    """
    m = _SPECIAL.search(text)
    return len(text) if m is None else m.start()


def smart(text: str) -> str:
    """Source text with `--`/`---` made dashes, as pandoc's smart extension makes them."""
    if "--" in text:
        text = text.replace("---", "\u2014").replace("--", "\u2013")
    return text


def emit(pieces: list[_Piece], builder: TextBuilder, *, marked: bool = True) -> None:
    """Add the pieces to `builder`: the text between markers in one run each.

    `marked` False says no piece is a marker (the scanner knows): the text is one run.
    """
    if not marked:
        builder.add_text("".join(cast("list[str]", pieces)))
        return
    run: list[str] = []
    for piece in pieces:
        if type(piece) is _Mark:
            if run:
                builder.add_text("".join(run))
                run.clear()
            builder.add_marker(piece.label, piece.location)
        elif type(piece) is _ShownMarks:
            if run:
                builder.add_text("".join(run))
                run.clear()
            builder.add_shown_markers(piece.labels, piece.location, piece.token)
        else:
            run.append(cast(str, piece))
    if run:
        builder.add_text("".join(run))
