"""What a note's label looks like: at a marker, at the start of a note, in a list."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from footcheck.footnotes import pattern_store
from footcheck.footnotes.model import Note

from .dom import tag_of, words

if TYPE_CHECKING:
    from lxml.etree import _Element as Element

LABEL_STRIP = " \t\r\n\xa0[](){}"
NOTE_LABEL = pattern_store.compile(r"^[\[(]?(?:\d{1,4}|[a-zA-Z]|[ivxlc]{1,5}|[*†‡§¶]{1,3})[\])]?$")
RESTARTED = pattern_store.compile(r" \(\d+\)$")
LABEL_TAGS = words("sup a b strong small")
GROUP_PUNCT = pattern_store.compile(r"^[\s\[\](),;.\-–\u00a0]*$")
OWN_LABEL = pattern_store.compile(r"^\s*[\[(]?([0-9]{1,5}|[a-zA-Z]|[ivxlcdm]{1,6})[\]).:]\s")


def clean_label(text: str) -> str:
    return " ".join(text.strip(LABEL_STRIP).split())


def shown_label(label: str) -> str:
    """The label as the page shows it, without the "(2)" that keeps restarted labels apart."""
    return RESTARTED.sub("", label) if ")" in label else label


def without_label(note: Note, label: str) -> Note:
    """The note without the label its text starts with ("1. Text", "[1] Text")."""
    if not label or not note.text.startswith((label, f"[{label}", f"({label}")):
        return note
    # A delimiter is required: a note may begin with a number ("1 in 5 voters...", "1.5 m").
    match = re.match(rf"[\[(]?{re.escape(label)}[\]).:](?:\s+|$)", note.text)
    if match is None:
        return note
    cut = match.end()
    markers = tuple(replace(m, offset=max(0, m.offset - cut)) for m in note.markers)
    return replace(note, text=note.text[cut:], markers=markers)


def number_items(ol: Element) -> dict[Element, int]:
    try:
        number = int(ol.get("start") or "1")
    except ValueError:
        number = 1
    numbers: dict[Element, int] = {}
    for child in ol:
        if tag_of(child) != "li":
            continue
        value = child.get("value")
        if value and value.strip().isdigit():
            number = int(value)
        numbers[child] = number
        number += 1
    return numbers
