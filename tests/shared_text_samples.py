"""The plain-text reader on the shared reference files (../shared), when they are there.

Not collected by the README's test command (the files are not part of this
repository, and a test must never be skipped): `.ci/run` runs this file by name
when ../shared exists. The same checks on our own fixtures are in
tests/test_text_parser.py.
"""

from __future__ import annotations

import json
from pathlib import Path

from footcheck.parsers.text import parse
from tests.test_text_parser import (
    assert_markers_point_at_their_tokens,
    everything,
    markers,
    position,
)

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
SAMPLE = SHARED / "samples" / "pmu-russia-2024-02-01.txt"
WRITER_PLAIN = SHARED / "peer" / "pandoc" / "writer-plain.txt"


def _normalise(text: str) -> str:
    return " ".join(text.split())


def test_real_sample() -> None:
    expected = json.loads(SAMPLE.with_suffix(".expected.json").read_text())
    source = SAMPLE.read_text(encoding="utf-8")
    doc = parse(SAMPLE.read_bytes(), str(SAMPLE))
    assert [m.label for m in doc.markers] == expected["markers"]
    assert [(m.location.line, m.location.column) for m in doc.markers] == [
        position(source, "[1]"),
        position(source, "[2]"),
        position(source, "[3]"),
        position(source, "[4]"),
        position(source, "[5]"),
    ]
    assert [(n.label, n.location.line) for n in doc.notes] == [
        ("1", 12),
        ("2", 13),
        ("3", 14),
        ("4", 15),
        ("5", 16),
    ]
    assert doc.notes[2].text == "Nnciraq, September 7, 2022."
    assert doc.notes[3].text == doc.notes[4].text == "Independent Arabia, July 22, 2021."
    assert len(doc.paragraphs) == 11
    assert "subscribers" not in everything(doc)
    assert "Please login" not in everything(doc)
    assert_markers_point_at_their_tokens(doc, source)


def test_pandoc_plain_writer() -> None:
    expected = json.loads(WRITER_PLAIN.with_name("writer-plain.expected.json").read_text())
    doc = parse(WRITER_PLAIN.read_bytes(), str(WRITER_PLAIN))
    assert markers(doc) == [(m["label"], m["line"], m["column"]) for m in expected["markers"]]
    assert [(n.label, n.location.line, _normalise(n.text)) for n in doc.notes] == [
        (n["label"], n["line"], _normalise(n["text"])) for n in expected["notes"]
    ]
    body = " ".join(p.text for p in doc.paragraphs)
    for decoy in expected["not_markers"]:
        assert decoy in body
    assert "Footnotes" in [p.text for p in doc.paragraphs]
