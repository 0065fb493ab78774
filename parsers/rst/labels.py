"""The label a reader sees on each footnote, citation and reference, after docutils' numbering.

- A note shows its label: the number written (`.. [1]`), the number docutils gave an
  auto-numbered one (`.. [#]`, `.. [#label]`), the symbol it gave an auto-symbol
  one (`.. [*]`: `*`, `†`, `‡`...), the citation's name (`.. [CIT2002]`). Two notes
  under one `#label` (which docutils refuses to link) keep `#label`, so that the
  duplicate is what is reported.
- A reference that docutils linked shows its note's label; one it could not link
  shows what was written (`5`, `CIT2003`, `#nolabel`) and names no note, even when
  docutils gave its number to an auto-numbered one (`[9]_` with no `.. [9]`, where
  `.. [#x]` became 9): such a marker is put in a numbering scope of its own,
  `UNLINKED`, where no note is. A reference to a label defined twice, which docutils
  refuses to link too, names the duplicated notes: the duplicate is what is wrong.
- An auto-numbered or auto-symbol reference with no note left for it (more `[#]_`
  than `.. [#]`), which docutils leaves as an error, is labelled with the number or
  symbol the next such note would get: its note is missing.
"""

from __future__ import annotations

from typing import TypeGuard

from docutils import nodes
from docutils.transforms.references import Footnotes

UNLINKED = -1  # the numbering scope of references that docutils linked to no note

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
        self._duplicated: set[str] = set()
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
            if note["dupnames"]:
                self._duplicated.add(label)
        self._taken = document.nameids
        self._next_number = document.autofootnote_start
        self._next_symbol = document.symbol_footnote_start

    def reference(self, node: nodes.Element) -> tuple[str, int]:
        """The label shown on a footnote or citation reference, and its numbering scope."""
        if is_unnumbered_reference(node):
            return self._unnumbered(_UNNUMBERED[node.rawsource]), UNLINKED
        linked = self._by_id.get(node.get("refid", ""))
        if linked is not None:
            return linked, 0
        label = node.astext() or f"#{node.get('refname', '')}"
        return label, 0 if label in self._duplicated else UNLINKED

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
