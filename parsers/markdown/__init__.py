"""The Markdown reader: `[^label]` footnotes, inline notes, and the plain `[N]` convention.

`parse(data, path)` turns a Markdown report into a `Document`:

- References `[^label]` are markers (also when no definition exists: FN001 must see
  them); definitions `[^label]:` with their indented continuation blocks are notes;
  inline notes `^[text]` get the labels "inline-1", "inline-2"... in document order.
- YAML front matter at the very top gives `metadata["date"]` (also from `published`,
  `pubDate`, `date_published`), `metadata["title"]` and `metadata["language"]` (from
  `lang`, `language` or `locale`); nothing in it is body text.
- Nothing inside code spans, code blocks, HTML comments or front matter counts.
- A document without footnote definitions that cites with number links to in-page
  anchors (Markdown converted from HTML, HTML-anchor notes written by hand:
  `<sup>[1](#fn1)</sup>` ... `<a name="fn1"></a>`) is read by `anchor_document`:
  the markers are those links, the notes the blocks holding the anchors. A cheap
  test on the text (`might_hold_anchor_links`) keeps other documents from that pass.
- A document without any `[^...]` note is read the way Word-converted reports write
  notes: `[N]` or superscript markers in the body and a numbered list of notes,
  usually under a Notes/Endnotes/Footnotes/References heading: `parsers.plain`
  reads them, as for every format, over the file's lines (`plain_lines`).
- A document in which none of these finds a note, with no markers of its own but
  paragraphs under a Notes heading that open with an anchor (`<a id="3"></a>3. Text`),
  is a book's notes chapter, which the other chapters link into: `anchor_document`
  reads those paragraphs as its notes (`might_define_anchors` is its cheap test).

How it reads a file (speed matters: this runs in pre-commit hooks on whole folders):
`front_matter` first; then the block pass (`blocks`: markdown-it-py's block parser
alone, with the two rules of `block_rules`), on the file and again on each footnote
definition's body, a `source.Source` of its own; then the inline scan of each block
(`inline`, placed in the file by `locator`), assembled into paragraphs and notes
(`assemble`).

Every regex is compiled once and runs in linear time over the input; inputs such as
300,000 `[^` or a 10 MB line finish in seconds. Only `DocumentError` escapes.
"""

from __future__ import annotations

from typing import Any

from footcheck.footnotes import pattern_store
from footcheck.footnotes.model import Document

from .. import plain
from ..decode import decode
from .anchor_links import might_define_anchors, might_hold_anchor_links
from .assemble import BlockReader
from .blocks import read_blocks
from .front_matter import read_front_matter
from .plain_lines import MarkdownLines
from .source import Block, Definition, Source

__all__ = ["FORMAT", "parse"]

FORMAT = "markdown"

_NEWLINES = pattern_store.compile(r"\r\n?")
# A definition body that can only be one paragraph: no blank line, and no line that
# could open another block (list, quote, heading, fence, table, HTML, rule, reference).
_SIMPLE_BODY = pattern_store.compile(r"(?:[ \t]{0,3}+[^\s#>\-+*=|<`~:\d_\[{$][^\n]*+(?:\n|$))*+")


def _read(text: str, path: str) -> Document:
    text = _NEWLINES.sub("\n", text).replace("\x00", "\ufffd")
    text, metadata = read_front_matter(text)
    n_lines = text.count("\n") + 1
    main = Source(text, list(range(1, n_lines + 1)), [0] * n_lines)
    refs: dict[str, Any] = {}
    defs: list[Definition] = []
    body_blocks = read_blocks(main, refs, defs)
    def_blocks: list[tuple[Definition, list[Block]]] = []
    simple_body = _SIMPLE_BODY.fullmatch
    i = 0
    while i < len(defs):  # definitions found inside definitions join the queue
        definition = defs[i]
        body = definition.body
        if simple_body(body.text):  # one plain paragraph: no block parse needed
            content = body.text.strip()
            sub = [Block("para", body, 0, content)] if content else []
        else:
            sub = read_blocks(body, refs, defs)
        def_blocks.append((definition, sub))
        i += 1

    if not defs and might_hold_anchor_links(text):
        # The anchor-link conventions' readers load only for a document that may use them.
        from .anchor_document import read_anchor_notes

        anchored = read_anchor_notes(body_blocks, refs)
        if anchored is not None:
            return Document(path, FORMAT, *anchored, metadata=metadata)
    if defs or "[^" in text or "^[" in text:
        reader = BlockReader(refs)
        paragraphs = [p for b in body_blocks if (p := reader.paragraph(b)) is not None]
        for definition, sub in def_blocks:
            reader.definition(definition, sub)
        if defs or reader.marker_seen:
            return Document(
                path, FORMAT, tuple(paragraphs), reader.sorted_notes(), metadata=metadata
            )
    lines = MarkdownLines(main, body_blocks, refs)
    plain_paragraphs, plain_notes = plain.read(lines)
    inline = tuple(note for _, note in lines.reader.notes)  # `^[...]` notes, if any
    if not plain_notes and not inline and might_define_anchors(text):
        from .anchor_document import read_notes_chapter

        chapter = read_notes_chapter(body_blocks, refs)
        if chapter is not None:
            return Document(path, FORMAT, *chapter, metadata=metadata)
    return Document(path, FORMAT, plain_paragraphs, plain_notes + inline, metadata=metadata)


def parse(data: bytes, path: str) -> Document:
    """Read a Markdown report; `DocumentError` for input it cannot read.

    Anything else it raises is a bug, which the run's one guard reports.
    """
    return _read(decode(data), path)
