"""The README's promises: the set-up commands come first, the rules table is true, and
what the tour shows `footcheck fix` printing on the example drafts is what it prints."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from footcheck.footnotes.rules import RULES
from tests.test_cli import footcheck

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
TOUR = re.findall(
    r"```\n\$ (footcheck (?:fix|check) examples/[^\n]*)\n(.*?)```", README, flags=re.DOTALL
)


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


@pytest.mark.parametrize(("command", "shown"), TOUR, ids=[command for command, _ in TOUR])
def test_the_tour_shows_what_footcheck_prints(command: str, shown: str) -> None:
    done = footcheck(*command.split()[1:], cwd=ROOT)
    assert done.stdout == shown


def test_the_tour_shows_fix_on_the_example_drafts() -> None:
    assert {command.split()[-1] for command, _ in TOUR} >= {"--diff", "--unsafe"}
    assert any(command.startswith("footcheck check") for command, _ in TOUR)
