"""Any text in, findings or a clean one-line error out: the whole pipeline, not just parsers.

Each text goes through `fuzz.promises.check` (the fuzz target's check): the reader
called directly, so that any exception but a one-line `DocumentError` fails naming
the format and the exception, then the rules on the run's Document.
"""

from __future__ import annotations

import time

from hypothesis import given, settings
from hypothesis import strategies as st

from footcheck import parsers
from footcheck.footnotes.engine import check_document
from footcheck.footnotes.settings import Config
from fuzz.promises import check
from tests.conftest import TODAY

# Text rich in the characters the readers and the date layer care about.
_PIECES = ["2023", "19", "[^a]", "[1]", "^[", "Ibid.", "http://x.org/a?utm_source=1", "\ue000"]
_ALPHABET = st.sampled_from([*"[]^()0123456789 .,;:-–\n\t\"“”'’ abcMayJunSept²¹³#*_`>|", *_PIECES])
_TEXT = st.lists(_ALPHABET, max_size=120).map("".join)


def _check(text: str, fmt: str) -> None:
    check(text.encode(), fmt, Config(today=TODAY))


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_text_reports_never_break_a_rule(text: str) -> None:
    _check(text, "text")


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_markdown_reports_never_break_a_rule(text: str) -> None:
    _check(text, "markdown")


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_rst_reports_never_break_a_rule(text: str) -> None:
    _check(text, "rst")


def test_labels_that_look_like_numbers_but_are_not() -> None:
    _check("Claim.[^²] Other.[^٣]\n\n[^²]: A, 2020.\n[^٣]: B, 2021.\n", "markdown")


def test_one_long_paragraph_is_checked_in_linear_time() -> None:
    # A quadratic slip in the sentence splitter or a rule shows here as minutes.
    sentence = "The U.S. office met on 3 May 2021 in Geneva, Dr. Li said.[1] "
    text = sentence * 4000 + "\n\n[1] Wire, 4 May 2021.\n"  # about 250 KB in one paragraph
    doc = parsers.parse(text.encode(), "long.txt", "text")
    started = time.perf_counter()
    checked = check_document(doc, Config(today=TODAY))
    elapsed = time.perf_counter() - started
    assert checked.failure is None
    assert elapsed < 20, f"{elapsed:.1f} s for one 250 KB paragraph"


def test_a_rule_bug_is_one_line_unless_debugging(monkeypatch: object) -> None:
    import pytest

    from footcheck.footnotes import rules

    assert isinstance(monkeypatch, pytest.MonkeyPatch)

    def broken(doc: object, ctx: object) -> list[object]:
        raise ZeroDivisionError("boom")

    rule = rules.BY_CODE["CT001"]
    monkeypatch.setattr(
        rules,
        "RULES",
        tuple(
            r if r.code != "CT001" else type(rule)(r.code, r.name, r.severity, r.doc, broken)
            for r in rules.RULES
        ),
    )
    monkeypatch.setattr("footcheck.footnotes.settings.config.RULES", rules.RULES)
    doc = parsers.parse(b"Claim.[1]\n\n[1] Source, 2020.\n[2] Other, 2021.\n", "r.txt", "text")
    checked = check_document(doc, Config(today=TODAY))
    assert checked.failure == (
        "internal error in rule CT001 (ZeroDivisionError: boom); please report it"
    )
    assert [f.code for f in checked.findings] == ["FN002"]  # the other rules still ran
    with pytest.raises(ZeroDivisionError):
        check_document(doc, Config(today=TODAY, debug=True))


def test_inputs_the_fuzzer_found_keep_their_promises() -> None:
    """Mutations of our own fixtures that once broke the HTML reader: control
    characters in a tag's name, and in the text after a <br> of a bibliography."""
    from pathlib import Path

    found = Path(__file__).parent / "fixtures" / "html" / "fuzz-found"
    names = sorted(found.iterdir())
    assert len(names) == 2
    for path in names:
        assert check(path.read_bytes(), "html") is not None, path.name
