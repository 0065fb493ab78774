"""The README's promises: the set-up commands come first, and the rules table is true."""

from __future__ import annotations

import re
from pathlib import Path

from footcheck.footnotes.rules import RULES

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def test_readme_opens_with_the_two_set_up_commands() -> None:
    blocks = re.findall(r"```sh\n(.*?)\n```", README, flags=re.DOTALL)
    assert "footcheck check examples/" in blocks[0]
    assert "pytest" in blocks[1]
    first_heading = README.index("\n## ")
    assert README.index(blocks[1]) < first_heading


def test_rules_table_lists_every_rule_with_its_severity() -> None:
    rows = re.findall(r"^\| ([A-Z]+\d{3}) \| `([\w-]+)` \| (\w+) \|", README, flags=re.MULTILINE)
    assert rows == [(r.code, r.name, r.severity.value) for r in RULES]


def test_examples_folder_has_both_formats() -> None:
    examples = Path(__file__).resolve().parent.parent / "examples"
    suffixes = {p.suffix for p in examples.iterdir()}
    assert {".txt", ".md", ".html"} <= suffixes
