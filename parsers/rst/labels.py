"""The label a reader sees on each footnote, citation and reference, after docutils' numbering.

- A note shows its label: the number written (`.. [1]`), the number docutils gave an
  auto-numbered one (`.. [#]`, `.. [#label]`), the symbol it gave an auto-symbol
  one (`.. [*]`: `*`, `†`, `‡`...), the citation's name (`.. [CIT2002]`). Two notes
  under one `#label` (which docutils refuses to link) keep `#label`, so that the
  duplicate is what is reported.
- A reference that docutils linked shows its note's label; one it could not link
  shows what was written (`5`, `CIT2003`, `#nolabel`).
- An auto-numbered or auto-symbol reference with no note left for it (more `[#]_`
  than `.. [#]`), which docutils leaves as an error, is labelled with the number or
  symbol the next such note would get: its note is missing.
"""

from __future__ import annotations

from typing import TypeGuard

from docutils import nodes
from docutils.transforms.references import Footnotes

_NOTE_KINDS = (nodes.footnote, nodes.citation)
# How docutils writes a reference it could not number, after its transforms.
_UNNUMBERED = {"[#]_": "number", "[*]_": "symbol"}


def is_unnumbered_reference(node: nodes.Node) -> TypeGuard[nodes.problematic]:
    """An auto reference docutils had no note to number with (an error in its output)."""
    return isinstance(node, nodes.problematic) and node.rawsource in _UNNUMBERED


class Labels:
    """The labels of one document's notes and references."""

    def __init__(self, document: nodes.document) -> None:
        self._by_id: dict[str, str] = {}
        notes: list[nodes.Element] = [
            *document.footnotes,
            *document.autofootnotes,
            *document.symbol_footnotes,
            *document.citations,
        ]
        for note in notes:
            label = note_label(note)
            for note_id in note["ids"]:
                self._by_id[note_id] = label
        self._taken = document.nameids
        self._next_number = document.autofootnote_start
        self._next_symbol = document.symbol_footnote_start

    def reference(self, node: nodes.Element) -> str:
        """The label shown on a footnote or citation reference, or an unnumbered one."""
        if is_unnumbered_reference(node):
            return self._unnumbered(_UNNUMBERED[node.rawsource])
        linked = self._by_id.get(node.get("refid", ""))
        if linked is not None:
            return linked
        written = node.astext()
        if written:
            return written
        return "#" + str(node.get("refname", ""))

    def _unnumbered(self, kind: str) -> str:
        if kind == "symbol":
            repeats, index = divmod(self._next_symbol, len(Footnotes.symbols))
            self._next_symbol += 1
            return Footnotes.symbols[index] * (repeats + 1)
        while str(self._next_number) in self._taken:
            self._next_number += 1
        self._next_number += 1
        return str(self._next_number - 1)


def note_label(note: nodes.Element) -> str:
    """The label a footnote or citation shows."""
    if note.get("auto") == 1 and note["dupnames"]:
        return f"#{note['dupnames'][0]}"
    for child in note.children:
        if isinstance(child, nodes.label):
            return child.astext()
    names = note["names"] or note["dupnames"]
    return str(names[0]) if names else ""


def is_note(node: nodes.Node) -> TypeGuard[nodes.footnote | nodes.citation]:
    return isinstance(node, _NOTE_KINDS)
