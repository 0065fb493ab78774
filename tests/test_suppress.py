"""Suppression comments and configuration entries, and the report of unused ones."""

from __future__ import annotations

from footcheck.footnotes.engine import check_document
from footcheck.footnotes.model import Directive
from footcheck.footnotes.settings import Config, FileSettings
from footcheck.parsers.directives import find_directives
from tests.conftest import TODAY, parse_text

REPORT = """\
# Brief

<!-- footcheck: ignore DT001 -->
The envoys met on September 7, 2023.[^1] Talks resumed in May 2021.[^2]

Exports fell in 2020.[^3]

<!-- footcheck: ignore CT001 -->
[^1]: Capital Herald, September 7, 2022.
[^2]: Capital Herald, September 7, 2022.
[^3]: Trade Monitor, 2019.
"""


def _codes(source: str, fmt: str = "markdown", **config: object) -> list[tuple[str, str | None]]:
    doc = parse_text(source, fmt)
    checked = check_document(doc, Config(today=TODAY, **config))  # type: ignore[arg-type]
    return [(f.code, f.footnote) for f in checked.findings]


def test_directives_are_found_with_their_lines() -> None:
    data = (
        b"a\n<!-- footcheck: ignore DT001, duplicate-citation -->\n<!--footcheck:disable-file-->\n"
    )
    assert find_directives(data) == (
        Directive(2, "next", frozenset({"DT001", "DUPLICATE-CITATION"})),
        Directive(3, "file", frozenset()),
    )


def test_ignore_applies_to_the_next_paragraph_or_note_only() -> None:
    # DT001 on [^1] is silenced (next paragraph); DT001 on [^3] is not. CT001 on note 2
    # is not silenced: the comment stands before note 1, and the duplicate is note 2.
    assert sorted(_codes(REPORT)) == [
        ("CT001", "2"),
        ("DT001", "3"),
        ("SUP001", None),
    ]


def test_disable_file_with_and_without_codes() -> None:
    assert _codes("<!-- footcheck: disable-file -->\n" + REPORT) == []
    only_dt = _codes("<!-- footcheck: disable-file DT001 -->\n" + REPORT)
    assert sorted(only_dt) == [("CT001", "2"), ("SUP001", None)]


def test_unused_suppression_is_reported_unless_its_rule_did_not_run() -> None:
    clean = "<!-- footcheck: ignore CT001 -->\nExports fell in 2020.[^1]\n\n[^1]: Monitor, 2021.\n"
    assert _codes(clean) == [("SUP001", None)]
    assert _codes(clean, select=frozenset({"DT001", "SUP001"})) == []
    assert _codes(clean, ignore=frozenset({"SUP001"})) == []


def test_a_directive_naming_no_rule_is_reported() -> None:
    text = "<!-- footcheck: ignore XX999 -->\nExports fell in 2020.[^1]\n\n[^1]: Monitor, 2021.\n"
    doc = parse_text(text, "markdown")
    findings = check_document(doc, Config(today=TODAY)).findings
    assert [(f.code, f.message) for f in findings] == [("SUP001", "names no rule: XX999")]


def test_config_ignores_one_rule_on_one_note_of_one_file() -> None:
    text = "Troops left in 2019.[1] Talks began in 2019.[2]\n\n[1] Wire, 2020.\n[2] Wire, 2020.\n"
    assert _codes(text, "text") == [("CT001", "2")]

    def entry(glob: str, label: str) -> FileSettings:
        return FileSettings(ignore_notes=((glob, "CT001", label),))

    assert _codes(text, "text", settings=entry("report.text", "2")) == []
    assert _codes(text, "text", settings=entry("elsewhere.txt", "2")) == [("CT001", "2")]
    stale = _codes(text, "text", settings=entry("report.text", "1"))
    assert sorted(stale) == [("CT001", "2"), ("SUP001", "1")]


def test_html_comments_suppress_too() -> None:
    page = (
        "<p>Claim.<sup id='r1'><a href='#n1'>1</a></sup></p>\n"
        "<!-- footcheck: ignore DT004 -->\n"
        "<ol><li id='n1'><a href='#r1'>^</a> Interview with the mayor.</li></ol>\n"
    )
    assert _codes(page, "html") == []
