"""The bundled example drafts show every rule, and the clean ones stay clean."""

from __future__ import annotations

from pathlib import Path

from footcheck import parsers
from footcheck.footnotes.rules import RULES
from footcheck.footnotes.runner import run
from footcheck.footnotes.settings import Config
from tests.conftest import TODAY

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def _result() -> dict[str, list[tuple[str, str | None]]]:
    result = run([str(EXAMPLES)], Config(today=TODAY), parsers.parse)
    assert all(f.error is None for f in result.files)
    return {Path(f.path).name: [(x.code, x.footnote) for x in f.findings] for f in result.files}


def test_examples_show_every_rule_and_clean_drafts_are_clean() -> None:
    found = _result()
    assert found["grain-corridor-brief.txt"] == []
    assert found["river-monitoring-note.md"] == []
    assert found["metro-fares-note.html"] == []
    assert found["energy-security-draft.txt"] == [
        ("DT001", "3"),
        ("FN004", "6"),
        ("FN001", "8"),
        ("CT001", "5"),
        ("FN002", "7"),
    ]
    assert found["housing-survey-review.md"] == [
        ("SUP001", None),
        ("DT003", "review"),
        ("CT002", "tenure"),
        ("DT002", "builds"),
        ("FN005", "review"),
        ("DT004", "landlords"),
        ("FN003", "council"),
    ]
    assert found["harbour-closure-briefing.txt"] == [("DT005", "1"), ("DT006", "2")]
    # A small book: one source dated two ways in two chapters, and a notes draft
    # that no chapter cites.
    assert found["quay.md"] == []
    assert found["floods.md"] == [("CT003", "1")]
    assert found["notes-draft.md"] == [("FN006", None)]
    assert found["SUMMARY.md"] == []
    shown = {code for findings in found.values() for code, _ in findings}
    assert shown == {r.code for r in RULES}
