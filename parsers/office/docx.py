"""The DOCX reader: Word's body paragraphs, footnotes and endnotes, as Word displays them.

Parts (found through the package relationships, with the usual names as fallback):
word/document.xml for the body, word/footnotes.xml and word/endnotes.xml for the
notes, word/settings.xml for the note numbering, docProps/core.xml for metadata.

Body: every `w:p` in document order, also inside tables, content controls
(`w:sdt`), custom XML and text boxes (a text box's paragraphs follow the paragraph
that anchors it; of an `mc:AlternateContent`, only the first `mc:Choice` is read,
the fallback repeats it). Text comes from `w:t` in runs, hyperlinks, simple and
complex fields (the displayed result, never the field code), tracked insertions
and moves-to; deletions and moves-from are dropped; `w:tab` and `w:br` are spaces.
`w:footnoteReference` and `w:endnoteReference` are markers (`auto=True`) at their
offset.

Labels are what Word displays: footnotes and endnotes are numbered separately, in
order of first reference, in the number format and from the start number of
`w:footnotePr` / `w:endnotePr` (the section's, else settings.xml's; Word's
defaults are decimal footnotes and lower-roman endnotes; `eachSect` restarts are
honoured, `eachPage` ones are not: pages are not known). A reference with
`w:customMarkFollows` is labelled by its own mark (the text after it) and takes
no number. When an endnote label would equal a footnote label (both decimal),
every endnote label gets the prefix "e" ("e1", "e2"), so that one label never
names two notes; any label still shared after that (a custom mark used twice)
gets "(2)", "(3)" after it.

Locations: a body paragraph's line is its number, counting every body paragraph
(empty ones and table cells included) from 1; a marker's column is its 1-based
offset in the paragraph text. The notes' paragraphs are numbered on after the
body's, footnotes.xml before endnotes.xml, so a note's line is the number of its
first paragraph: body paragraph count + its index among the note paragraphs.

Separator notes (`w:type` separator, continuationSeparator, continuationNotice) are
skipped; the note text leaves out the `w:footnoteRef` / `w:endnoteRef` mark (and
a custom mark repeated at its start). A note that no reference cites is kept
(FN002), numbered after the cited ones.

A document with no note references at all is read in the plain-text convention
(`[N]` typed into the text, a numbered notes list at the end), one paragraph per
line; its notes parts, if any, are ignored (no reference means Word shows none).

Metadata from docProps/core.xml: `modified`, `created`, `title` (raw strings).
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from footcheck.footnotes.model import Document, DocumentError, Location, Marker, Note, Paragraph
from footcheck.parsers.text import parse_lines
from footcheck.parsers.textbuild import TextBuilder

from .archive import Archive, MalformedXML, metadata_texts, parse_xml, unique_labels

if TYPE_CHECKING:
    from lxml import etree

__all__ = ["parse"]

FORMAT = "docx"
WHAT = "DOCX"

_W_TRANSITIONAL = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W_STRICT = "http://purl.oclc.org/ooxml/wordprocessingml/main"
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_MATH = (
    "http://schemas.openxmlformats.org/officeDocument/2006/math",
    "http://purl.oclc.org/ooxml/officeDocument/math",
)
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_DC = "http://purl.org/dc/elements/1.1/"
_DCTERMS = "http://purl.org/dc/terms/"

_MAIN_DOCUMENT = "word/document.xml"
_SKIPPED_NOTE_TYPES = frozenset(["separator", "continuationSeparator", "continuationNotice"])
_DEFAULT_FORMAT = {"footnote": "decimal", "endnote": "lowerRoman"}
_KINDS = ("footnote", "endnote")
# Deeper than any real document; lxml (huge_tree off) refuses far deeper XML anyway.
_MAX_DEPTH = 200
_TRUE = frozenset(["1", "true", "on"])


@dataclass(slots=True)
class _Ref:
    """One note reference met in the body."""

    kind: str
    note_id: str
    section: int
    custom: bool
    mark: str = ""


@dataclass(slots=True)
class _NotePr:
    fmt: str | None = None
    start: int | None = None
    restart: str | None = None

    def over(self, base: _NotePr) -> _NotePr:
        return _NotePr(
            self.fmt or base.fmt,
            self.start if self.start is not None else base.start,
            self.restart or base.restart,
        )


@dataclass(slots=True)
class _Block:
    """A body paragraph being read: its number and its text (markers carry placeholders)."""

    number: int
    builder: TextBuilder = field(default_factory=TextBuilder)


class _Names:
    """Clark-notation tag names in the document's WordprocessingML namespace."""

    def __init__(self, ns: str) -> None:
        def w(local: str) -> str:
            return f"{{{ns}}}{local}"

        self.ns = ns
        self.w = w
        self.p = w("p")
        self.r = w("r")
        self.t = w("t")
        self.tab = w("tab")
        self.ptab = w("ptab")
        self.br = w("br")
        self.cr = w("cr")
        self.no_break_hyphen = w("noBreakHyphen")
        self.fld_char = w("fldChar")
        self.fld_char_type = w("fldCharType")
        self.footnote_reference = w("footnoteReference")
        self.endnote_reference = w("endnoteReference")
        self.custom_mark_follows = w("customMarkFollows")
        self.id = w("id")
        self.type = w("type")
        self.val = w("val")
        self.sdt_content = w("sdtContent")
        self.txbx_content = w("txbxContent")
        self.sect_pr = w("sectPr")
        self.p_pr = w("pPr")
        self.body = w("body")
        # Elements whose content is never displayed text.
        self.skipped = frozenset(
            w(x)
            for x in (
                "del",
                "moveFrom",
                "delText",
                "delInstrText",
                "instrText",
                "pPr",
                "rPr",
                "sdtPr",
                "sdtEndPr",
                "tblPr",
                "tblGrid",
                "trPr",
                "tcPr",
                "sectPr",
                "footnoteRef",
                "endnoteRef",
                "separator",
                "continuationSeparator",
                "commentReference",
                "annotationRef",
            )
        )
        self.mc_alternate = f"{{{_MC}}}AlternateContent"
        self.mc_choice = f"{{{_MC}}}Choice"
        self.mc_fallback = f"{{{_MC}}}Fallback"
        self.math_t = frozenset(f"{{{m}}}t" for m in _MATH)


class _Reader:
    """Walks WordprocessingML, filling paragraphs (body) or one note's text."""

    def __init__(self, names: _Names) -> None:
        self.n = names
        self.refs: list[_Ref] = []
        self.section = 0
        self.paragraph_count = 0
        # Complex fields: one entry per open field, True once its result has begun.
        self._fields: list[bool] = []
        self._custom: _Ref | None = None
        self._in_note = False

    # -- blocks -------------------------------------------------------------------

    def note(self, note: etree._Element) -> tuple[TextBuilder, int]:
        """One note's text, and how many paragraphs it has."""
        self._in_note = True
        self._fields = []
        builder = TextBuilder()
        count = 0
        for p in self._paragraphs(note):
            count += 1
            deferred: list[etree._Element] = []
            self._inline(p, builder, None, deferred, 0)
            self._end_paragraph()
            builder.add_break()
            for box in deferred:
                for inner in self._paragraphs(box):
                    count += 1
                    self._inline(inner, builder, None, [], 0)
                    self._end_paragraph()
                    builder.add_break()
        return builder, count

    def _paragraphs(self, parent: etree._Element, depth: int = 0) -> Iterator[etree._Element]:
        """The paragraphs under a block container, in order (not those in text boxes)."""
        if depth > _MAX_DEPTH:
            return
        n = self.n
        for child in parent:
            tag = child.tag
            if tag == n.p:
                yield child
            elif tag == n.mc_alternate:
                choice = _first_choice(child, n)
                if choice is not None:
                    yield from self._paragraphs(choice, depth + 1)
            elif tag in n.skipped or not isinstance(tag, str):
                continue
            else:  # tables, rows, cells, sdt, sdtContent, customXml, ins ...
                yield from self._paragraphs(child, depth + 1)

    # -- inline content -----------------------------------------------------------

    def _visible(self) -> bool:
        return all(self._fields)

    def _end_paragraph(self) -> None:
        """A field code never runs on past its paragraph: drop unfinished ones."""
        if False in self._fields:
            del self._fields[self._fields.index(False) :]
        self._custom = None

    def _inline(
        self,
        parent: etree._Element,
        builder: TextBuilder,
        block: _Block | None,
        deferred: list[etree._Element],
        depth: int,
    ) -> None:
        if depth > _MAX_DEPTH:
            return
        n = self.n
        for child in parent:
            tag = child.tag
            if not isinstance(tag, str) or tag in n.skipped:
                continue
            if tag == n.r:
                self._run(child, builder, block, deferred, depth + 1)
            elif tag == n.mc_alternate:
                choice = _first_choice(child, n)
                if choice is not None:
                    self._inline(choice, builder, block, deferred, depth + 1)
            elif tag == n.txbx_content:
                deferred.append(child)
            elif tag in n.math_t:
                if self._visible():
                    builder.add_text(child.text or "")
            else:  # hyperlink, fldSimple, ins, moveTo, sdt, smartTag, customXml, math ...
                self._inline(child, builder, block, deferred, depth + 1)

    def _run(
        self,
        run: etree._Element,
        builder: TextBuilder,
        block: _Block | None,
        deferred: list[etree._Element],
        depth: int,
    ) -> None:
        n = self.n
        for child in run:
            tag = child.tag
            if not isinstance(tag, str) or tag in n.skipped:
                continue
            if tag == n.t:
                self._text(child.text or "", builder)
            elif tag in (n.tab, n.ptab):
                if self._visible():
                    builder.add_text(" ")
            elif tag in (n.br, n.cr):
                if self._visible():
                    builder.add_break()
            elif tag == n.no_break_hyphen:
                self._text("-", builder)
            elif tag == n.fld_char:
                self._field(child.get(n.fld_char_type, ""))
            elif tag in (n.footnote_reference, n.endnote_reference):
                self._reference(child, builder, block)
            elif tag == n.mc_alternate:
                choice = _first_choice(child, n)
                if choice is not None:
                    self._run(choice, builder, block, deferred, depth + 1)
            elif depth < _MAX_DEPTH:  # drawing, pict, object: look for text boxes
                for box in _text_boxes(child, n):
                    deferred.append(box)

    def _text(self, text: str, builder: TextBuilder) -> None:
        if not text or not self._visible():
            return
        custom = self._custom
        if custom is not None:
            custom.mark = text.strip() or custom.mark
            if custom.mark:
                self._custom = None
                return
        builder.add_text(text)

    def _field(self, kind: str) -> None:
        if kind == "begin":
            if len(self._fields) < _MAX_DEPTH:
                self._fields.append(False)
        elif kind == "separate":
            if self._fields:
                self._fields[-1] = True
        elif kind == "end" and self._fields:
            self._fields.pop()

    def _reference(
        self, element: etree._Element, builder: TextBuilder, block: _Block | None
    ) -> None:
        n = self.n
        if block is None or self._in_note or not self._visible():
            return  # Word cannot cite a note from a note
        kind = "footnote" if element.tag == n.footnote_reference else "endnote"
        custom = element.get(n.custom_mark_follows, "").lower() in _TRUE
        ref = _Ref(kind, element.get(n.id, ""), self.section, custom)
        placeholder = _placeholder(len(self.refs))
        self.refs.append(ref)
        builder.add_marker(placeholder, Location(block.number, 1), auto=True)
        self._custom = ref if custom else None


def _placeholder(index: int) -> str:
    return f"\0{index}"


def _first_choice(alternate: etree._Element, n: _Names) -> etree._Element | None:
    for child in alternate:
        if child.tag == n.mc_choice:
            return child
    for child in alternate:
        if child.tag == n.mc_fallback:
            return child
    return None


def _text_boxes(element: etree._Element, n: _Names) -> Iterator[etree._Element]:
    """Outermost `w:txbxContent` under an element, skipping `mc:Fallback` copies."""
    stack = [element]
    while stack:
        current = stack.pop()
        for child in reversed(list(current)):
            tag = child.tag
            if not isinstance(tag, str) or tag == n.mc_fallback:
                continue
            if tag == n.mc_alternate:
                choice = _first_choice(child, n)
                if choice is not None:
                    stack.append(choice)
            elif tag == n.txbx_content:
                yield child
            else:
                stack.append(child)


class _BodyReader(_Reader):
    """The body: one numbered block per paragraph, text boxes after their anchor."""

    def body(self, body: etree._Element) -> list[_Block]:
        blocks: list[_Block] = []
        self._in_note = False
        self._walk(body, blocks)
        return blocks

    def _walk(self, parent: etree._Element, blocks: list[_Block]) -> None:
        n = self.n
        for p in self._paragraphs(parent):
            self.paragraph_count += 1
            block = _Block(self.paragraph_count)
            blocks.append(block)
            deferred: list[etree._Element] = []
            self._inline(p, block.builder, block, deferred, 0)
            self._end_paragraph()
            p_pr = p.find(n.p_pr)
            if p_pr is not None and p_pr.find(n.sect_pr) is not None:
                self.section += 1
            for box in deferred:
                self._walk(box, blocks)


# -- numbering -------------------------------------------------------------------------


def _note_pr(element: etree._Element | None, kind: str, n: _Names) -> _NotePr:
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


def _val(element: etree._Element | None, n: _Names) -> str | None:
    if element is None:
        return None
    return element.get(n.val)


def _labels(
    refs: list[_Ref],
    sections: list[etree._Element],
    settings: etree._Element | None,
    n: _Names,
) -> tuple[list[str], dict[tuple[str, str], str], dict[str, tuple[int, str]]]:
    """The label of each reference, of each cited note, and each kind's next number.

    Returns (label per reference, label per (kind, note id) from its first
    reference, the next automatic number and its format per kind, for notes
    nobody cites).
    """
    per_ref: list[str] = []
    per_note: dict[tuple[str, str], str] = {}
    next_number: dict[str, tuple[int, str]] = {}
    for kind in _KINDS:
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


# -- the package -------------------------------------------------------------------------


def _relationships(archive: Archive, source: str) -> dict[str, str]:
    """Relationship type (its last path segment) -> target part, for one part."""
    folder, name = posixpath.split(source)
    rels_name = posixpath.join(folder, "_rels", name + ".rels")
    data = archive.read_optional(rels_name)
    if data is None:
        return {}
    try:
        root = parse_xml(data, rels_name, WHAT)
    except MalformedXML:
        return {}
    found: dict[str, str] = {}
    for rel in root.iter(f"{{{_PKG_REL}}}Relationship"):
        if rel.get("TargetMode", "").lower() == "external":
            continue
        rel_type = rel.get("Type", "").rstrip("/").rsplit("/", 1)[-1]
        target = rel.get("Target", "")
        if not rel_type or not target:
            continue
        if target.startswith("/"):
            path = target.lstrip("/")
        else:
            path = posixpath.normpath(posixpath.join(folder, target))
        found.setdefault(rel_type, path)
    return found


def _optional_root(archive: Archive, name: str | None) -> etree._Element | None:
    """An optional part's root; a malformed one is ignored (a hostile one is not)."""
    if name is None:
        return None
    data = archive.read_optional(name)
    if data is None:
        return None
    try:
        return parse_xml(data, name, WHAT)
    except MalformedXML:
        return None


def _metadata(core: etree._Element | None) -> dict[str, str]:
    return metadata_texts(
        core,
        (
            ("modified", f"{{{_DCTERMS}}}modified"),
            ("created", f"{{{_DCTERMS}}}created"),
            ("title", f"{{{_DC}}}title"),
        ),
    )


def parse(data: bytes, path: str) -> Document:
    """Read a DOCX file. Raises only `DocumentError`."""
    archive = Archive(data, WHAT)
    package = _relationships(archive, "")
    main = package.get("officeDocument", _MAIN_DOCUMENT)
    if not archive.has(main):
        main = _MAIN_DOCUMENT
    root = parse_xml(archive.read(main), main, WHAT)
    ns = _namespace(root)
    n = _Names(ns)
    body = root.find(n.body)
    if body is None:
        raise DocumentError(f"{WHAT} part {main} has no w:body")
    parts = _relationships(archive, main)
    folder = posixpath.dirname(main)
    settings = _optional_root(
        archive, parts.get("settings", posixpath.join(folder, "settings.xml"))
    )
    core = _optional_root(archive, package.get("core-properties", "docProps/core.xml"))
    metadata = _metadata(core)

    reader = _BodyReader(n)
    blocks = reader.body(body)
    if not reader.refs:
        lines = [block.builder.text for block in blocks]
        doc = parse_lines(lines, path, FORMAT, line_numbers=[b.number for b in blocks])
        return replace(doc, metadata=metadata)

    sections = _section_properties(body, n)
    ref_labels, note_labels, next_number = _labels(reader.refs, sections, settings, n)
    notes = _read_notes(archive, parts, folder, n, reader.paragraph_count, note_labels, next_number)
    return _assemble(path, blocks, reader.refs, ref_labels, notes, metadata)


def _namespace(root: etree._Element) -> str:
    tag = root.tag
    if isinstance(tag, str) and tag.startswith("{"):
        ns = tag[1:].split("}", 1)[0]
        if ns in (_W_TRANSITIONAL, _W_STRICT):
            return ns
    return _W_TRANSITIONAL


def _section_properties(body: etree._Element, n: _Names) -> list[etree._Element]:
    """Each section's w:sectPr in order: paragraph-level ones, then the body's last."""
    found = [s for s in body.iter(n.sect_pr) if s.getparent() is not None]
    ordered = [s for s in found if s.getparent() is not body]
    ordered.extend(s for s in found if s.getparent() is body)
    return ordered


@dataclass(slots=True)
class _RawNote:
    kind: str
    note_id: str
    label: str
    text: str
    line: int


def _read_notes(
    archive: Archive,
    parts: dict[str, str],
    folder: str,
    n: _Names,
    body_paragraphs: int,
    note_labels: dict[tuple[str, str], str],
    next_number: dict[str, tuple[int, str]],
) -> list[_RawNote]:
    notes: list[_RawNote] = []
    line = body_paragraphs
    note_reader = _Reader(n)
    for kind in _KINDS:
        name = parts.get(f"{kind}s", posixpath.join(folder, f"{kind}s.xml"))
        data = archive.read_optional(name)
        if data is None:
            continue
        root = parse_xml(data, name, WHAT)
        for element in root.iter(n.w(kind)):
            if element.get(n.type, "normal") in _SKIPPED_NOTE_TYPES:
                continue
            note_id = element.get(n.id, "")
            builder, count = note_reader.note(element)
            label = note_labels.get((kind, note_id))
            if label is None:  # a note nobody cites: numbered after the cited ones
                number, fmt = next_number[kind]
                label = format_number(number, fmt)
                next_number[kind] = (number + 1, fmt)
            text = builder.text
            if label and not label[0].isalnum() and text.startswith(label):
                text = text[len(label) :].lstrip()  # a custom mark repeated in the note
            notes.append(_RawNote(kind, note_id, label, text, line + 1))
            line += max(count, 1)
    return notes


def _assemble(
    path: str,
    blocks: list[_Block],
    refs: list[_Ref],
    ref_labels: list[str],
    notes: list[_RawNote],
    metadata: dict[str, str],
) -> Document:
    # One final label per (kind, note id) and per (kind, displayed label) for orphans.
    keys: list[tuple[str, str]] = []
    raw: list[tuple[str, str]] = []
    seen: set[tuple[str, str]] = set()
    for ref, label in zip(refs, ref_labels, strict=True):
        key = (ref.kind, ref.note_id)
        if key not in seen:
            seen.add(key)
            keys.append(key)
            raw.append((ref.kind, label))
    for note in notes:
        key = (note.kind, note.note_id)
        if key not in seen:
            seen.add(key)
            keys.append(key)
            raw.append((note.kind, note.label))
    final = dict(zip(keys, unique_labels(raw), strict=True))

    paragraphs: list[Paragraph] = []
    for block in blocks:
        builder = block.builder
        if builder.is_empty():
            continue
        markers = tuple(
            _relabel(m, final, refs, block.number) for m in builder.markers if m.label[:1] == "\0"
        )
        paragraphs.append(Paragraph(builder.text, Location(block.number, 1), markers))

    order = {key: index for index, key in enumerate(keys)}
    built = [
        Note(final[(note.kind, note.note_id)], note.text, Location(note.line, 1), note.kind)
        for note in sorted(notes, key=lambda x: (_KINDS.index(x.kind), order[(x.kind, x.note_id)]))
    ]
    return Document(path, FORMAT, tuple(paragraphs), tuple(built), metadata=metadata)


def _relabel(
    marker: Marker, final: dict[tuple[str, str], str], refs: list[_Ref], line: int
) -> Marker:
    ref = refs[int(marker.label[1:])]
    return Marker(
        final[(ref.kind, ref.note_id)], marker.offset, Location(line, marker.offset + 1), True
    )
