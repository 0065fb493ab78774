"""WordprocessingML paragraphs as Word displays their text, for the body and for notes.

Body: every `w:p` in document order, also inside tables, content controls
(`w:sdt`), custom XML and text boxes (a text box's paragraphs follow the paragraph
that anchors it; of an `mc:AlternateContent`, only the first `mc:Choice` is read,
the fallback repeats it). Text comes from `w:t` in runs, hyperlinks, simple and
complex fields (the displayed result, never the field code), tracked insertions
and moves-to; deletions and moves-from are dropped; `w:tab` and `w:br` are spaces.
`w:footnoteReference` and `w:endnoteReference` are markers (`auto=True`) at their
offset, labelled for now by a placeholder (the reference's index) and collected as
`NoteRef`s, with their section and any custom mark (the text after a reference with
`w:customMarkFollows`). A note's text leaves out the `w:footnoteRef` /
`w:endnoteRef` mark, and a reference inside a note is no marker. A run raised to
superscript (`w:vertAlign`, directly or through its character style) shows its
note numbers as superscript digits (see `superscript`).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from footcheck.footnotes.model import Location
from footcheck.parsers.textbuild import TextBuilder

from .paragraphs import Block, placeholder
from .superscript import raised, superscript_styles

if TYPE_CHECKING:
    from lxml import etree

__all__ = [
    "Block",
    "BodyReader",
    "NoteRef",
    "ParagraphReader",
    "WordNames",
    "raised_character_styles",
    "word_namespace",
]

_W_TRANSITIONAL = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W_STRICT = "http://purl.oclc.org/ooxml/wordprocessingml/main"
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_MATH = (
    "http://schemas.openxmlformats.org/officeDocument/2006/math",
    "http://purl.oclc.org/ooxml/officeDocument/math",
)
# Deeper than any real document; lxml (huge_tree off) refuses far deeper XML anyway.
_MAX_DEPTH = 200
_TRUE = frozenset(["1", "true", "on"])


@dataclass(slots=True)
class NoteRef:
    """One note reference met in the body."""

    kind: str
    note_id: str
    section: int
    custom: bool
    mark: str = ""


class WordNames:
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
        self.r_pr = w("rPr")
        self.r_style = w("rStyle")
        self.vert_align = w("vertAlign")
        self.style = w("style")
        self.style_id = w("styleId")
        self.based_on = w("basedOn")
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


class ParagraphReader:
    """Walks WordprocessingML, filling paragraphs (body) or one note's text."""

    def __init__(self, names: WordNames, raised_styles: frozenset[str] = frozenset()) -> None:
        self.n = names
        self.raised_styles = raised_styles
        self.refs: list[NoteRef] = []
        self.section = 0
        self.paragraph_count = 0
        # Complex fields: one entry per open field, True once its result has begun.
        self._fields: list[bool] = []
        self._custom: NoteRef | None = None
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
        block: Block | None,
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
        block: Block | None,
        deferred: list[etree._Element],
        depth: int,
    ) -> None:
        n = self.n
        up = self._raised(run)
        for child in run:
            tag = child.tag
            if not isinstance(tag, str) or tag in n.skipped:
                continue
            if tag == n.t:
                text = child.text or ""
                self._text(raised(text) if up else text, builder)
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

    def _raised(self, run: etree._Element) -> bool:
        """Whether Word shows the run raised: its own `w:vertAlign`, else its style's."""
        n = self.n
        properties = run.find(n.r_pr)
        if properties is None:
            return False
        align = properties.find(n.vert_align)
        if align is not None:
            return align.get(n.val) == "superscript"
        style = properties.find(n.r_style)
        return style is not None and style.get(n.val) in self.raised_styles

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
        self, element: etree._Element, builder: TextBuilder, block: Block | None
    ) -> None:
        n = self.n
        if block is None or self._in_note or not self._visible():
            return  # Word cannot cite a note from a note
        kind = "footnote" if element.tag == n.footnote_reference else "endnote"
        custom = element.get(n.custom_mark_follows, "").lower() in _TRUE
        ref = NoteRef(kind, element.get(n.id, ""), self.section, custom)
        marker = placeholder(len(self.refs))
        self.refs.append(ref)
        builder.add_marker(marker, Location(block.number, 1), auto=True)
        self._custom = ref if custom else None


def _first_choice(alternate: etree._Element, n: WordNames) -> etree._Element | None:
    for child in alternate:
        if child.tag == n.mc_choice:
            return child
    for child in alternate:
        if child.tag == n.mc_fallback:
            return child
    return None


def _text_boxes(element: etree._Element, n: WordNames) -> Iterator[etree._Element]:
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


class BodyReader(ParagraphReader):
    """The body: one numbered block per paragraph, text boxes after their anchor."""

    def body(self, body: etree._Element) -> list[Block]:
        blocks: list[Block] = []
        self._in_note = False
        self._walk(body, blocks)
        return blocks

    def _walk(self, parent: etree._Element, blocks: list[Block]) -> None:
        n = self.n
        for p in self._paragraphs(parent):
            self.paragraph_count += 1
            block = Block(self.paragraph_count)
            blocks.append(block)
            deferred: list[etree._Element] = []
            self._inline(p, block.builder, block, deferred, 0)
            self._end_paragraph()
            p_pr = p.find(n.p_pr)
            if p_pr is not None and p_pr.find(n.sect_pr) is not None:
                self.section += 1
            for box in deferred:
                self._walk(box, blocks)


def raised_character_styles(styles: etree._Element | None, n: WordNames) -> frozenset[str]:
    """The character styles of styles.xml that raise their text (`w:basedOn` followed)."""
    if styles is None:
        return frozenset()
    own: dict[str, bool | None] = {}
    parent: dict[str, str] = {}
    for style in styles.iter(n.style):
        if style.get(n.type) != "character":
            continue
        name = style.get(n.style_id)
        if not name:
            continue
        properties = style.find(n.r_pr)
        align = properties.find(n.vert_align) if properties is not None else None
        own[name] = None if align is None else align.get(n.val) == "superscript"
        based_on = style.find(n.based_on)
        if based_on is not None and based_on.get(n.val):
            parent[name] = based_on.get(n.val, "")
    return superscript_styles(own, parent)


def word_namespace(root: etree._Element) -> str:
    """The WordprocessingML namespace of a root: strict or transitional (the default)."""
    tag = root.tag
    if isinstance(tag, str) and tag.startswith("{"):
        ns = tag[1:].split("}", 1)[0]
        if ns in (_W_TRANSITIONAL, _W_STRICT):
            return ns
    return _W_TRANSITIONAL
