"""The reST reader: every footnote form, citations, Sphinx, PEPs, and what it must not read."""

from __future__ import annotations

import socket
import time
from pathlib import Path

import pytest

from footcheck import parsers
from footcheck.footnotes.engine import check_document
from footcheck.footnotes.model import Directive, Document, DocumentError, Location, PartialDate
from footcheck.footnotes.settings import Config
from footcheck.parsers.directives import find_directives
from footcheck.parsers.rst.reader import parse
from footcheck.parsers.rst.sniff import is_rst
from tests.conftest import TODAY

FIXTURES = Path(__file__).parent / "fixtures" / "rst"


def read(name: str) -> Document:
    """A fixture as the registry reads it (a .txt file by its content)."""
    path = FIXTURES / name
    return parsers.parse(path.read_bytes(), str(path), parsers.parse.format_for_named(str(path)))


def rst(text: str) -> Document:
    return parse(text.encode(), "doc.rst")


def found(doc: Document, report_date: PartialDate | None = None) -> list[tuple[str, str | None]]:
    checked = check_document(doc, Config(today=TODAY, report_date=report_date))
    assert checked.failure is None, checked.failure
    return [(f.code, f.footnote) for f in checked.findings]


def markers(doc: Document) -> list[tuple[str, int, int]]:
    return [(m.label, m.location.line, m.location.column) for m in doc.markers]


# --- which files are reST -------------------------------------------------------------


def test_suffixes_and_pep_text_files_are_rst() -> None:
    assert parsers.parse.format_for("notes.rst") == "rst"
    assert parsers.parse.format_for("notes.REST") == "rst"
    assert read("pep-9901.txt").format == "rst"
    assert read("report.rst").format == "rst"


def test_plain_text_stays_plain() -> None:
    assert read("pep-9902-plain.txt").format == "text"  # a PEP header without text/x-rst
    plain = b"Exports fell in 2023.[1]\n\nNotes\n\n[1] Source: Trade Office, 2024.\n"
    assert not is_rst(plain)
    assert parsers.parse(plain, "r.txt", "text").format == "text"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Content-Type: text/x-rst\n", True),
        ("Content-Type: text/plain\n", False),
        ("Intro.\n\n.. note::\n\n   Body.\n", True),
        ("Intro.\n\n.. code-block:: python\n", True),
        ("See the plan_.\n\n.. _plan: https://example.org\n", True),
        ("A |logo|.\n\n.. |logo| image:: logo.png\n", True),
        ("Claim [1]_.\n\n.. [1] Note.\n", True),
        ("Claim [#]_.\n\n.. [#] Note.\n", True),
        ("Claim [CIT2002]_.\n\n.. [CIT2002] Note.\n", True),
        ("Claim [1].\n\n.. [1] A definition with no reference at all.\n", False),
        ("Claim [1]_ and no definition.\n", False),
        ("Notes\n\n[1] Source, 2020.\n.. and an ellipsis line.\n", False),
        # A definition inside a table cell: two references with reST's underscore.
        ("Cell  .. [1] Note.\n\nClaim [1]_ and [CIT2002]_.\n", True),
        ("Title\n=====\n:Author: Someone\n\nBody.\n", True),
        ("Report\n\n:Date: 2024-01-01 appears in the text.\n", True),
        ("Ratio 3:1 and a time 10:30.\nKey: value\n", False),
        ("Claim [1]_ and no definition.\n", False),
    ],
)
def test_a_text_file_is_rst_only_by_unmistakable_structure(text: str, expected: bool) -> None:
    assert is_rst(text.encode()) is expected


def test_definitions_far_from_the_references_are_still_seen() -> None:
    filler = "Prose without markup.\n" * 8000  # about 180 KB between them
    data = f"Claim [1]_.\n\n{filler}\n.. [1] Note.\n".encode()
    assert is_rst(data)
    assert parsers.parse(data, "long.txt", "text").format == "rst"


# --- every footnote form --------------------------------------------------------------


def test_labels_as_docutils_displays_them_in_reading_order() -> None:
    doc = read("report.rst")
    # [#volumes] is 9: docutils numbers auto-numbered notes by definition, skipping
    # the numbers written by hand (1-8, 10).
    assert [m.label for m in doc.markers] == [
        "1", "9", "11", "12", "CIT2019", "Review-2023", "*", "†", "2", "4", "5", "14",
        "6", "7", "8", "9",
    ]  # fmt: skip
    assert [n.label for n in doc.notes] == [
        "10", "1", "9", "11", "12", "13", "*", "†", "2", "3", "4", "5", "14", "6", "7", "8",
        "CIT2019", "Review-2023",
    ]  # fmt: skip


def test_markers_have_the_line_and_column_of_their_reference() -> None:
    doc = read("report.rst")
    lines = (FIXTURES / "report.rst").read_text().split("\n")
    for label, line, column in markers(doc):
        assert lines[line - 1][column - 1 :].startswith("["), (label, line, column)
    assert markers(doc)[:3] == [("1", 10, 75), ("9", 11, 50), ("11", 12, 48)]
    assert ("6", 36, 49) in markers(doc)  # in a table cell


def test_a_token_in_a_literal_block_is_never_a_markers_place() -> None:
    doc = rst("Example::\n\n    quoted [1]_\n\nReal claim [1]_.\n\n.. [1] Note.\n")
    assert markers(doc) == [("1", 5, 12)]


def test_auto_numbered_and_symbol_markers_are_auto() -> None:
    auto = {m.label: m.auto for m in read("report.rst").markers}
    assert auto["1"] is False and auto["CIT2019"] is False
    assert auto["11"] is True and auto["12"] is True and auto["*"] is True


def test_notes_text_kind_and_markers_inside_notes() -> None:
    notes = {n.label: n for n in read("report.rst").notes}
    assert notes["11"].text == (
        'Fishing Cooperative, "Letter to the board," 5 December 2023. '
        "See also the council's answer ."
    )
    assert [m.label for m in notes["11"].markers] == ["13"]  # [#answer]_ inside the note
    assert notes["11"].location == Location(62, 1)
    assert notes["CIT2019"].kind == "citation"
    assert notes["1"].kind == "footnote"


def test_claims_lose_their_marker_tokens() -> None:
    first = read("report.rst").paragraphs[1]
    assert first.text == (
        "The port authority approved the second dredging season on 12 January 2024 . "
        "Silt volumes fell by a third in the first season , although the fishing "
        "cooperative disputes the survey method ."
    )
    before = [first.text[: m.offset] for m in first.markers]
    assert [b.rsplit(" ", 1)[-1] for b in before] == ["2024", "season", "method"]


def test_what_is_not_body_gives_no_marker() -> None:
    doc = read("report.rst")
    texts = " ".join(p.text for p in doc.paragraphs)
    assert "literal block" not in texts and "A comment" not in texts
    assert "10" not in [m.label for m in doc.markers]  # only in a literal block
    assert "Anonymous links and named ones (the plan) are no notes." in texts


def test_the_table_of_contents_is_not_body() -> None:
    doc = rst("Doc\n===\n\n.. contents::\n\nOne [1]_\n--------\n\nText.\n\n.. [1] N.\n")
    assert [p.text for p in doc.paragraphs] == ["Doc", "One", "Text."]
    assert markers(doc) == [("1", 6, 5)]


def test_every_finding_of_the_report_fixture() -> None:
    # DT001 on [4] is suppressed by its comment, DT004 by the file-wide one. [3] is
    # written without its underscore: text, so its note is unused and [4] comes
    # first. [9]_ names no note: docutils gave 9 to [#volumes], not to it.
    assert found(read("report.rst")) == [
        ("FN004", "4"),
        ("DT001", "5"),
        ("FN001", "9"),
        ("FN002", "10"),
        ("FN002", "3"),
    ]


def test_bibliographic_date_is_the_report_date() -> None:
    doc = read("report.rst")
    assert doc.metadata["date"] == "2024-03-15"
    assert doc.metadata["title"] == "Harbour Dredging: the Second Season"


def test_more_references_than_auto_notes_and_unlinked_references() -> None:
    doc = read("overflow.rst")
    assert [(m.label, m.scope) for m in doc.markers] == [
        ("1", 0), ("2", 0), ("3", -1), ("*", 0), ("†", -1), ("#nothing", -1),
        ("NOWHERE", -1), ("5", 0),
    ]  # fmt: skip
    assert [c for c in found(doc) if c[0] != "FN004"] == [
        ("FN001", "3"),
        ("FN001", "†"),
        ("FN001", "#nothing"),
        ("FN001", "NOWHERE"),
        ("FN003", "5"),
    ]


def test_a_reference_without_its_underscore_is_text() -> None:
    doc = rst("Claim of 2021 [1] and one of 2022 [2]_.\n\n.. [1] A, 2021.\n.. [2] B, 2022.\n")
    assert [m.label for m in doc.markers] == ["2"]
    assert doc.paragraphs[0].text == "Claim of 2021 [1] and one of 2022 ."
    assert found(doc) == [("FN004", "2"), ("FN002", "1")]


def test_duplicate_labelled_auto_notes_are_one_duplicate() -> None:
    doc = rst("Claim [#a]_.\n\n.. [#a] First, 2020.\n.. [#a] Second, 2020.\n")
    assert [m.label for m in doc.markers] == ["#a"]
    assert found(doc) == [("FN003", "#a")]


def test_hyperlink_targets_are_not_notes() -> None:
    doc = rst("A link__ and `another <https://x.org>`__.\n\n__ https://example.org\n")
    assert doc.notes == () and doc.markers == ()


def test_line_endings_tabs_and_form_feeds_keep_lines_as_an_editor_counts() -> None:
    doc = parse(b"Title\r\n=====\r\n\r\nA\tclaim [1]_.\r\n\x0c\r\n.. [1] Note.\r\n", "crlf.rst")
    assert markers(doc) == [("1", 4, 9)]  # a tab is one column, as an editor counts
    assert doc.notes[0].location == Location(6, 1)


# --- Sphinx ---------------------------------------------------------------------------


def test_sphinx_directives_and_roles_do_not_stop_the_parse() -> None:
    doc = read("sphinx.rst")
    assert [m.label for m in doc.markers] == ["1", "2", "3", "5", "6"]
    # [1]_ in the toctree and [4]_ in the code block are not markers.
    assert found(doc) == [("FN004", "5"), ("DT004", "4"), ("FN002", "4")]
    first = next(p for p in doc.paragraphs if p.markers)
    assert first.text.startswith(
        "The gauge network was extended in May 2023 , as the survey recommends; see read and PEP 8."
    )


def test_nothing_is_registered_in_docutils() -> None:
    from docutils.parsers.rst import directives, roles

    before = (dict(vars(roles)["_roles"]), dict(vars(directives)["_directives"]))
    read("sphinx.rst")
    read("hostile.rst")  # `.. role:: custom` registers a role in docutils: undone
    after = (dict(vars(roles)["_roles"]), dict(vars(directives)["_directives"]))
    assert "custom" not in after[0] and "versionadded" not in after[1]
    assert set(after[0]) <= set(before[0]) | {"title-reference", "pep-reference"}


# --- suppressions -------------------------------------------------------------------


def test_suppressions_are_rst_comments() -> None:
    data = (
        b"Intro.\n\n.. footcheck: ignore DT001, duplicate-citation\n\n"
        b"  ..  FOOTCHECK : disable-file\n<!-- footcheck: ignore DT002 -->\n"
    )
    assert find_directives(data, "rst") == (
        Directive(3, "next", frozenset({"DT001", "DUPLICATE-CITATION"})),
        Directive(5, "file", frozenset()),
    )


def test_a_suppression_comment_silences_the_next_paragraph_only() -> None:
    source = (
        ".. footcheck: ignore DT001\n\nThe envoys met on 7 September 2023 [1]_.\n\n"
        "They met again on 9 October 2023 [2]_.\n\n"
        ".. [1] Herald, 7 September 2022.\n.. [2] Herald, 9 October 2022.\n"
    )
    doc = parsers.parse(source.encode(), "r.rst", "rst")
    assert found(doc) == [("DT001", "2")]
    assert found(parsers.parse(b".. footcheck: disable-file\n\n" + source.encode(), "r.rst")) == []


# --- PEPs -----------------------------------------------------------------------------


def test_pep_header_is_metadata_and_created_is_not_the_report_date() -> None:
    doc = read("pep-9901.txt")
    assert doc.metadata == {
        "title": "Harbour Tide Tables in the Standard Library",
        "created": "02-Mar-2021",
    }
    assert all("Standards Track" not in p.text for p in doc.paragraphs)
    assert [m.label for m in doc.markers] == ["2", "3", "4", "1", "ALMANAC"]
    # Notes dated after Created (2021) are no fault: PEPs are revised.
    assert "DT002" not in {code for code, _ in found(doc)}


def test_an_expanded_last_modified_date_is_the_modified_date() -> None:
    doc = rst(
        "PEP: 9903\nTitle: T\nLast-Modified: $Date: 2021-06-01 10:00:00 +0000 (Tue) $\n"
        "Content-Type: text/x-rst\n\nAbstract\n========\n\nText [1]_.\n\n.. [1] Note, 2020.\n"
    )
    assert doc.metadata["modified"] == "2021-06-01"


# --- safe like the XML readers --------------------------------------------------------


def test_no_file_is_read_and_no_network_is_reached(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_: object) -> None:
        raise AssertionError("the reST reader reached the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    real_open = open

    def guarded_open(file: object, *args: object, **kwargs: object) -> object:
        assert "passwd" not in str(file) and "hostname" not in str(file), file
        return real_open(file, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr("builtins.open", guarded_open)
    doc = read("hostile.rst")
    texts = " ".join(p.text for p in doc.paragraphs) + " ".join(n.text for n in doc.notes)
    assert "root:" not in texts
    assert [m.label for m in doc.markers] == ["2"]  # [1]_ only in the raw block


def test_raw_input_is_off() -> None:
    from footcheck.parsers.rst.engine import read_tree

    tree = read_tree(".. raw:: html\n\n   <b>bold</b>\n\nText.\n", "raw.rst").pformat()
    assert "<raw" not in tree  # docutils says the directive is disabled, and keeps no raw node


def test_docutils_says_nothing_on_stderr(capfd: pytest.CaptureFixture[str]) -> None:
    rst("Bad *emphasis and `role and |sub and [#]_.\n\n.. unknown:: x\n\n.. [5] x\n")
    read("hostile.rst")
    captured = capfd.readouterr()
    assert captured.out == "" and captured.err == ""


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("x" * 10_001 + "\n", "line 1 is longer than 10,000 characters"),
        ("".join(" " * i + "x\n\n" for i in range(300)), "nested too deeply"),
        ("".join(f"http://a{i}.org/\n" for i in range(3000)), "nested too deeply"),
        (("*a " * 100 + "\n") * 100, "too much unclosed inline markup"),
        (("+---+---+\n| a | b |\n") * 20_000 + "+---+---+\n", "tables too large"),
        ("Claim [*]_\n\n" + ".. [*] x\n" * 1_001, "over 1,000 symbol footnotes"),
        ("x\n" * 1_000_001, "too long for docutils"),
    ],
)
def test_hostile_input_is_one_line(text: str, error: str) -> None:
    started = time.perf_counter()
    with pytest.raises(DocumentError, match=error) as refused:
        rst(text)
    assert "\n" not in str(refused.value)
    assert time.perf_counter() - started < 20


def test_a_long_line_of_unclosed_markup_is_read_as_far_as_it_goes() -> None:
    started = time.perf_counter()
    doc = rst("*a " * 3000 + "[1]_\n\n.. [1] Note, 2020.\n")
    assert time.perf_counter() - started < 20
    assert [m.label for m in doc.markers] == ["1"]


def test_binary_and_empty_input() -> None:
    with pytest.raises(DocumentError, match="binary"):
        parse(b"\x89PNG\r\n\x1a\n\x00\x00", "img.rst")
    empty = parse(b"", "empty.rst")
    assert empty.paragraphs == () and empty.notes == ()
