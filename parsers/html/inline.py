"""Notes that no in-page link joins to their markers: written in place, or joined by ids.

- Modern Footnotes (WordPress): `<sup class="modern-footnotes-footnote"
  data-mfn="1"><a href="javascript:void(0)">1</a></sup>` followed by the note itself,
  `<span class="modern-footnotes-footnote__note" data-mfn="1">`.
- O'Reilly HTMLBook, as written: `<span data-type="footnote">` holds the note at the
  place of its marker; the book numbers them, per chapter.
- Footnotes (the WordPress plugin "footnotes"): `<sup id="footnote_plugin_tooltip_X_N"
  class="footnote_plugin_tooltip_text">` opens its note by script, the row of the
  reference container holding `<a id="footnote_plugin_reference_X_N">`; the tooltip
  beside the marker (`span.footnote_tooltip`) repeats the note (or starts it, when the
  container is missing).
- bigfoot, with the original notes deleted: `<button class="bigfoot-footnote__button"
  data-footnote-number="1" data-bigfoot-footnote="<p>…</p>">` carries its note.
  littlefoot and bigfoot's default keep the original markers and notes, hidden only
  by style: those are read, and the buttons are not (one marker per note).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .dom import ancestors, classes_of, tag_of, visible_text
from .labels import clean_label

if TYPE_CHECKING:
    from lxml.etree import _Element as Element

# The attributes that `is_candidate` looks for; most elements have none of them.
CANDIDATE_ATTRS = frozenset(["data-mfn", "data-type", "data-bigfoot-footnote"])
# The footnotes plugin's markers and tooltips, by their ids.
PLUGIN_ID = "footnote_plugin_tooltip_"
MFN_MARKER = "modern-footnotes-footnote"
MFN_NOTE = "modern-footnotes-footnote__note"
PLUGIN_MARKER = "footnote_plugin_tooltip_text"
PLUGIN_TOOLTIP = "footnote_tooltip"
# HTMLBook's divisions that number their footnotes from 1.
HTMLBOOK_DIVISIONS = frozenset(
    ["chapter", "appendix", "preface", "foreword", "afterword", "introduction", "colophon"]
)
DIVISION_DEPTH = 64


@dataclass
class InlineNote:
    """A marker and its note, found without an in-page link between them."""

    marker: Element
    note: Element | None  # None: the note's text is `text`
    label: str
    scope: int = 0
    text: str | None = None
    copy: bool = False  # a script's copy of a note the page may still hold (bigfoot)


def is_candidate(el: Element) -> bool:
    """Markup of these conventions; the caller has seen one of `CANDIDATE_ATTRS` or an
    id that starts with `PLUGIN_ID`."""
    if el.get("data-mfn") is not None or el.get("data-bigfoot-footnote") is not None:
        return True
    if tag_of(el) == "span" and (el.get("data-type") or "").lower() == "footnote":
        return True
    return (el.get("id") or "").startswith(PLUGIN_ID)


class InlineFinder:
    """Reads the candidates that the index collected, in document order."""

    def __init__(self, ids: dict[str, Element]) -> None:
        self.ids = ids
        self.found: list[InlineNote] = []
        self.drops: set[Element] = set()  # copies of notes: no text of the page
        self._pending_mfn: dict[str, Element] = {}
        self._divisions: dict[Element | None, tuple[int, list[int]]] = {}

    def read(self, candidates: list[Element]) -> None:
        tooltips: list[Element] = []
        for el in candidates:
            classes = classes_of(el)
            mfn = el.get("data-mfn")
            if mfn is not None and MFN_MARKER in classes:
                self._pending_mfn[mfn] = el
            elif mfn is not None and MFN_NOTE in classes:
                self._modern_note(el, mfn)
            elif tag_of(el) == "span" and (el.get("data-type") or "").lower() == "footnote":
                self._htmlbook(el)
            elif PLUGIN_MARKER in classes and tag_of(el) != "a":
                self._plugin_marker(el)
            elif PLUGIN_TOOLTIP in classes:
                tooltips.append(el)
            elif el.get("data-bigfoot-footnote") is not None and tag_of(el) == "button":
                self._button(el)
        for marker in self._pending_mfn.values():  # a marker whose note is missing
            self.found.append(InlineNote(marker, None, _label(marker)))
        self._tooltips(tooltips)

    def _modern_note(self, note: Element, mfn: str) -> None:
        marker = self._pending_mfn.pop(mfn, None)  # the note follows its marker
        if marker is not None:
            self.found.append(InlineNote(marker, note, _label(marker) or mfn))

    def _htmlbook(self, span: Element) -> None:
        division = next(
            (
                a
                for a in ancestors(span, DIVISION_DEPTH)
                if (a.get("data-type") or "").lower() in HTMLBOOK_DIVISIONS
            ),
            None,
        )
        if division not in self._divisions:
            self._divisions[division] = (len(self._divisions), [0])
        scope, count = self._divisions[division]
        count[0] += 1
        self.found.append(InlineNote(span, span, str(count[0]), scope=scope))

    def _plugin_marker(self, sup: Element) -> None:
        ident = (sup.get("id") or "").strip()
        anchor = self.ids.get(ident.replace("_tooltip_", "_reference_")) if ident else None
        row = _row_of(anchor) if anchor is not None else None
        if row is not None:
            self.drops.update(cell for cell in row if tag_of(cell) == "th")
        shown = [sup.text or ""]
        for child in sup:  # an older version keeps the tooltip inside the marker
            if PLUGIN_TOOLTIP in classes_of(child):
                break
            shown.append(visible_text(child) + (child.tail or ""))
        self.found.append(InlineNote(sup, row, clean_label("".join(shown))))

    def _tooltips(self, tooltips: list[Element]) -> None:
        """A tooltip repeats the note of the marker before it; it is the note when none is."""
        by_marker = {item.marker: item for item in self.found}
        for tooltip in tooltips:
            marker = _plugin_marker_of(tooltip)
            item = by_marker.get(marker) if marker is not None else None
            if item is not None and item.note is None:
                item.note = tooltip
                self.drops.update(
                    el for el in tooltip.iter() if "footnote_tooltip_continue" in classes_of(el)
                )
            else:
                self.drops.add(tooltip)

    def _button(self, button: Element) -> None:
        from lxml import etree

        # bigfoot writes the note's own "&lt;" and "&gt;" as "&ltsym;" and "&gtsym;".
        content = button.get("data-bigfoot-footnote") or ""
        content = content.replace("&ltsym;", "&lt;").replace("&gtsym;", "&gt;")
        try:
            fragment = etree.fromstring(f"<div>{content}</div>", etree.HTMLParser())
        except (etree.XMLSyntaxError, etree.ParserError, ValueError):
            fragment = None
        text = " ".join(visible_text(fragment).split()) if fragment is not None else ""
        label = clean_label(button.get("data-footnote-number") or visible_text(button))
        self.found.append(InlineNote(button, None, label, text=text, copy=True))


def _label(marker: Element) -> str:
    return clean_label(visible_text(marker))


def _row_of(anchor: Element) -> Element | None:
    """The reference container's table row that holds a note's anchor."""
    for a in ancestors(anchor, 4):
        if tag_of(a) == "tr":
            return a
    return None


def _plugin_marker_of(tooltip: Element) -> Element | None:
    """The plugin's marker just before a tooltip, inside their common wrapper."""
    node = tooltip.getprevious()
    if node is None:
        return None
    if PLUGIN_MARKER in classes_of(node):
        return node
    return next((el for el in node.iter() if PLUGIN_MARKER in classes_of(el)), None)
