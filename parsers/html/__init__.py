"""The HTML reader: footnotes as web pages, word processors, wikis and books write them.

`reader.parse(data, path)` turns an HTML page into a `Document`. Almost every
footnote convention seen in the wild (pandoc, DPUB-ARIA and EPUB roles, kramdown,
Python-Markdown, markdown-it, cmark-gfm, MediaWiki's Cite, Word's "Save as Web Page"
and filtered exports, Google Docs, WordPress's footnotes block and its plugins,
Substack, rendered HTMLBook, texi2any, GitBook and hand-made notes under a "Notes"
heading) comes down to the same shape: an anchor in the body, `<a href="#X">`, whose
target is (or sits in) a note, and usually a link from the note back to the anchor.
One mechanism reads them all:

1. Index (one pass over the tree): element ids (and `<a name>`, as Word writes them;
   entities such as MediaWiki's `&#95;` are already decoded by the parser), every
   in-page link, the elements that say they hold notes (`role="doc-endnotes"`,
   `epub:type="footnotes"`, `class="footnotes"`, `ol.references`, Word's
   `mso-element:footnote-list`...), and the report's metadata.
2. Pairs: a link A -> X and a link B -> Y are a reference and its back-link when X
   holds B and Y holds A. Which of the two is the reference: markup hints first
   (`doc-noteref`, `footnote-ref`, `doc-backlink`, `footnote-backref`...), then the
   one whose target is a block (a list item) rather than an inline `<sup>`, then
   the one that does not open its block (a note starts with its back-link, as in
   Word and Google Docs), then document order. Links without a back-link count
   when they carry a reference hint or point into a notes container, or at a note
   already found (a reused note). A reference whose target is missing (a page whose
   notes were cut, as reader modes do) stays a marker: FN001 must see it. A marker
   into another file keeps that file (`Marker.target`), a note whose back-link goes
   to another file keeps that file (`Note.cited_from`).
3. The note is the target when it is a block; else the block around the target,
   widened to the `<div>`s that hold nothing but this note (Word's `div#ftn1`,
   Google Docs' bare `<div>`); a note that is only a heading (texi2any's) goes on
   over the blocks after it. Notes that no link joins to their markers (Modern
   Footnotes, HTMLBook as written, the "footnotes" plugin, bigfoot's buttons) are
   found by their own markup.
4. One walk over the tree builds body paragraphs and note texts with a
   `TextBuilder`: a reference becomes a marker (its text taken out), back-links and
   their wrappers ("↩", "^ a b", "[1]") are dropped, and scripts, styles, hidden
   elements, navigation and page chrome are no text at all.

Labels are what a reader sees at the marker ("[1]" gives "1"); every marker that
points at one note carries that note's label (the label of its first marker). A
note no marker points at keeps its list number or its own visible label. Numbering
that starts again from 1 (a book's chapters, a wiki page's second reference list)
is a numbering sequence of its own, a scope: the labels stay "1".

Distill articles join no links either: `<d-footnote>` holds its note in place and
`<d-cite key="...">` cites a BibTeX bibliography in the page, numbered as the
template numbers them.

A notes chapter (a book's page of notes that its other chapters link into) has no
markers of its own: on such a page the ordered lists and numbered paragraphs under a
heading that names notes are the notes, labelled by the numbers they show.

A page with none of these falls back to the plain-text convention over its block
texts (`[N]` markers and "[N] Source" lines), through `parsers.plain`.

The modules, in the order a page meets them:

- `reader`: the entry point, and the plain-text fallback;
- `load`: bytes to text, text to a tree, safely (hostile input: only
  `DocumentError` escapes);
- `index`: step 1, with `metadata` for the report's title and date;
- `notes`: steps 2 and 3, with `conventions` for the markup each tool writes for
  notes, `labels` for what a note's label looks like, `sequences` for labels and
  numbering that restarts, `links` for links into other files, `headings` for
  notes under a heading or that are one, `chapter` for a notes chapter's, and
  `inline` for notes joined to their markers without links;
- `distill`: Distill's footnotes and cites, with `bibliography` for the entries
  they cite and `bibtex` for reading BibTeX;
- `walk`: step 4, with `positions` for where markers and notes start in the source;
- `dom`: what the reader knows about elements (blocks, hidden parts, visible text).
"""
