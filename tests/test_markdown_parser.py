"""The Markdown reader: footnotes, inline notes, front matter, code, and the Word convention."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from footcheck.footnotes.engine import check_document
from footcheck.footnotes.model import Document, DocumentError, Note
from footcheck.footnotes.settings import Config
from footcheck.parsers import parse as parse_any
from footcheck.parsers.markdown import parse
from tests.conftest import TODAY

FIXTURES = Path(__file__).parent / "fixtures" / "markdown"


def read(name: str) -> tuple[Document, list[str]]:
    data = (FIXTURES / name).read_bytes()
    return parse(data, name), data.decode("utf-8").split("\n")


def md(text: str) -> Document:
    return parse(text.encode("utf-8"), "doc.md")


def labels(doc: Document) -> list[str]:
    return [m.label for m in doc.markers]


def notes_by_label(doc: Document) -> dict[str, list[Note]]:
    found: dict[str, list[Note]] = {}
    for note in doc.notes:
        found.setdefault(note.label, []).append(note)
    return found


# --- the footnotes fixture --------------------------------------------------------------


def test_format_and_dispatch() -> None:
    doc = parse_any((FIXTURES / "footnotes.md").read_bytes(), "footnotes.md")
    assert doc.format == "markdown"
    assert labels(doc)[0] == "approval"


def test_labels_as_written_in_reading_order() -> None:
    doc, _ = read("footnotes.md")
    assert labels(doc) == ["approval", "1", "inline-1", "complaints", "crews", "missing"]


def test_front_matter_date_and_title() -> None:
    doc, _ = read("footnotes.md")
    assert doc.metadata["date"] == "2024-02-01"  # `date:` wins over `published:`
    assert doc.metadata["title"] == "Harbour dredging: a review"
    assert all("Field desk" not in p.text for p in doc.paragraphs)


@pytest.mark.parametrize("key", ["published", "pubDate", "date_published"])
def test_front_matter_date_aliases(key: str) -> None:
    doc = md(f"---\n{key}: 'March 3, 2023'\n---\n\nText.[^1]\n\n[^1]: Note.\n")
    assert doc.metadata["date"] == "March 3, 2023"
    assert doc.paragraphs[0].location.line == 5


def test_unclosed_front_matter_is_not_metadata() -> None:
    doc = md("---\ndate: 2020-01-01\n\nText.[^1]\n\n[^1]: Note.\n")
    assert "date" not in doc.metadata


def test_paragraph_text_has_markers_and_markup_removed() -> None:
    doc, _ = read("footnotes.md")
    para = doc.paragraphs[1]
    assert para.text == (
        "The port authority approved the dredging plan in May 2023. Work began two months"
        " later, and the first phase ended in December 2023."
    )
    approval = para.markers[0]
    assert para.text[: approval.offset].endswith("May 2023.")
    assert para.markers[2].offset == len(para.text)


def test_marker_and_note_locations(tmp_path: Path) -> None:
    doc, lines = read("footnotes.md")
    for marker in doc.markers:
        line = lines[marker.location.line - 1]
        token = "^[" if marker.label.startswith("inline-") else f"[^{marker.label}]"
        assert line.index(token) + 1 == marker.location.column, marker
    for note in doc.notes:
        if not note.label.startswith("inline-"):
            line = lines[note.location.line - 1]
            assert line.startswith(f"[^{note.label}]:")
            assert note.location.column == 1


def test_multi_paragraph_note_with_code() -> None:
    doc, _ = read("footnotes.md")
    (note,) = notes_by_label(doc)["1"]
    assert note.text == (
        "Contractor's notice, 3 July 2023. A second paragraph of the same note, with"
        " code [^x] inside. sample of a code block Compare the earlier notice."
    )
    assert note.kind == "footnote"


def test_markers_inside_a_note_belong_to_it() -> None:
    doc, lines = read("footnotes.md")
    (note,) = notes_by_label(doc)["1"]
    assert [m.label for m in note.markers] == ["approval"]
    inner = note.markers[0]
    assert note.text[: inner.offset].endswith("earlier notice.")
    assert lines[inner.location.line - 1].index("[^approval]") + 1 == inner.location.column
    assert labels(doc).count("approval") == 1  # not a body marker


def test_inline_note() -> None:
    doc, _ = read("footnotes.md")
    (note,) = notes_by_label(doc)["inline-1"]
    assert note.text == "Site diary, entry for 18 December 2023."


def test_inline_syntax_stripped_from_note_text() -> None:
    doc, _ = read("footnotes.md")
    assert notes_by_label(doc)["approval"][0].text == "Port Authority, Board minutes, 12 May 2023."
    assert notes_by_label(doc)["complaints"][0].text == (
        "Letter from the residents' association, https://example.net/letter,"
        " signed by 40 households in June 2023."
    )


def test_code_and_comments_hold_no_markers() -> None:
    doc, _ = read("footnotes.md")
    found = set(labels(doc)) | {n.label for n in doc.notes}
    assert not found & {"fake", "fenced", "indented", "hidden"}
    assert "Inline code such as [^fake] and ^[not a note] is not a citation." in [
        p.text for p in doc.paragraphs
    ]


def test_undefined_reference_is_still_a_marker() -> None:
    doc, _ = read("footnotes.md")
    assert "missing" in labels(doc)
    assert "missing" not in notes_by_label(doc)


def test_duplicate_and_unused_definitions_are_notes_in_document_order() -> None:
    doc, _ = read("footnotes.md")
    crews = notes_by_label(doc)["crews"]
    assert [n.text for n in crews] == [
        "First definition of crews, 2 October 2023.",
        "Second definition of crews, 4 October 2023.",
    ]
    assert notes_by_label(doc)["spare"][0].text == "A note that nothing cites, 2022."
    lines = [n.location.line for n in doc.notes]
    assert lines == sorted(lines)


# --- smaller documents ------------------------------------------------------------------


def test_numbered_inline_notes_in_order() -> None:
    doc = md("One.^[First *note*.] Two.^[Second [with link](http://x.org).]\n")
    assert labels(doc) == ["inline-1", "inline-2"]
    assert [n.text for n in doc.notes] == ["First note.", "Second with link."]
    assert doc.markers[1].location.column == len("One.^[First *note*.] Two.") + 1


def test_inline_note_with_brackets_and_code() -> None:
    doc = md("Text.^[See [brackets] and `]` here.]\n")
    assert [n.text for n in doc.notes] == ["See [brackets] and ] here."]


def test_definition_lazy_lines_and_blank_line_end() -> None:
    doc = md(
        "A[^a] b[^b].\n\n[^a]: first line\ncontinued lazily\n[^b]:\nsecond note\n\nBody again.\n"
    )
    assert [(n.label, n.text) for n in doc.notes] == [
        ("a", "first line continued lazily"),
        ("b", "second note"),
    ]
    assert doc.paragraphs[-1].text == "Body again."


def test_definition_inside_blockquote_and_list() -> None:
    doc = md("Quote[^q] and item[^i].\n\n> [^q]: quoted note\n\n- item\n\n  [^i]: item note\n")
    assert {n.label: n.text for n in doc.notes} == {"q": "quoted note", "i": "item note"}


def test_escapes_entities_and_html() -> None:
    doc = md("Cost \\*not emphasis\\* &amp; <b>bold</b> \\[^nope].[^n]\n\n[^n]: A &ndash; B\n")
    assert doc.paragraphs[0].text == "Cost *not emphasis* & bold [^nope]."
    assert labels(doc) == ["n"]
    assert doc.notes[0].text == "A \u2013 B"


def test_table_row_is_one_paragraph() -> None:
    doc = md("| Year | Source |\n|---|---|\n| 2021 | report[^t] |\n\n[^t]: Table note.\n")
    assert [p.text for p in doc.paragraphs] == ["Year Source", "2021 report"]
    marker = doc.markers[0]
    assert (marker.location.line, marker.location.column) == (3, len("| 2021 | report") + 1)


def test_crlf_and_bom() -> None:
    doc = parse(b"\xef\xbb\xbfText[^1].\r\n\r\n[^1]: Note.\r\n", "x.md")
    assert labels(doc) == ["1"]
    assert doc.notes[0].location.line == 3


def test_empty_file() -> None:
    doc = parse(b"", "empty.md")
    assert doc.paragraphs == () and doc.notes == ()


def test_binary_is_a_document_error() -> None:
    with pytest.raises(DocumentError):
        parse(b"\x00\x01\x02binary", "x.md")


# --- the Word-converted convention -------------------------------------------------------


def test_word_converted_notes() -> None:
    doc, lines = read("word-converted.md")
    assert labels(doc) == ["1", "2", "3", "4"]
    assert {n.label: n.text for n in doc.notes} == {
        "1": 'Maritime monitor, "Transit counts," 2 February 2024.',
        "2": 'Insurance journal, "War-risk premiums," 8 January 2024.',
        "3": "Broker's circular, 9 January 2024.",
        "4": "Carrier announcement, 15 January 2024.",
    }
    first = doc.markers[0]
    assert lines[first.location.line - 1].index("[1]") + 1 == first.location.column
    assert all(n.kind == "endnote" for n in doc.notes)
    # `[port's statement][5]` is a reference link, not marker 5
    assert "port's statement" in doc.paragraphs[1].text


def test_link_references_are_not_notes() -> None:
    doc, _ = read("links-only.md")
    assert doc.markers == ()
    assert doc.notes == ()
    assert "the overview and then the field guide. The appendix 3 is" in doc.paragraphs[1].text


def test_bracket_notes_without_heading() -> None:
    doc = md("Claim [1] and claim [2].\n\n[1] Alpha, 2020.\n[2] Beta, 2021.\n")
    assert labels(doc) == ["1", "2"]
    assert [(n.label, n.text, n.location.line) for n in doc.notes] == [
        ("1", "Alpha, 2020.", 3),
        ("2", "Beta, 2021.", 4),
    ]


def test_numbered_list_that_nothing_cites_is_not_notes() -> None:
    doc = md("Steps to follow.\n\n1. First step.\n2. Second step.\n")
    assert doc.notes == ()
    assert [p.text for p in doc.paragraphs] == ["Steps to follow.", "First step.", "Second step."]


def test_word_linked_markers() -> None:
    doc = md(
        "Body cites.[\\[1\\]](#_ftn1) More.[[2]](#_ftn2)\n\n"
        "[\\[1\\]](#_ftnref1) First source, 2021.\n\n[[2]](#_ftnref2) Second source, 2022.\n"
    )
    assert labels(doc) == ["1", "2"]
    assert doc.paragraphs[0].text == "Body cites. More."
    assert [n.text for n in doc.notes] == ["First source, 2021.", "Second source, 2022."]


def test_escaped_labels_as_pandoc_writes_them_start_notes() -> None:
    doc = md("A claim.\\[1\\] Another.\\[2\\]\n\n\\[1\\] First, 2021.\n\n\\[2\\] Second, 2022.\n")
    assert labels(doc) == ["1", "2"]
    assert [(n.label, n.text, n.location.column) for n in doc.notes] == [
        ("1", "First, 2021.", 1),
        ("2", "Second, 2022.", 1),
    ]


def test_a_notes_own_bracketed_numbers_stay_in_its_text() -> None:
    doc = md(
        "Claim.[1] Other.[2]\n\nNotes\n\n[1] Source, 2020.\n\n"
        "[2] As in [1], and *see* [\\[1\\]](#n1).\n"
    )
    second = doc.notes[1]
    assert second.text == "As in [1], and see [1]."
    assert [(m.label, m.offset) for m in second.markers] == [("1", 6), ("1", 19)]


def test_a_soft_wrapped_paragraph_stays_one_paragraph_in_the_plain_convention() -> None:
    """CommonMark says where a paragraph ends: a short line and a capital do not end it."""
    doc = md(
        "In May 2019 the\nCouncil approved the plan.[1]\n\nNotes\n\n1. Observer, April 2, 2018.\n"
    )
    assert [p.text for p in doc.paragraphs] == ["In May 2019 the Council approved the plan."]
    checked = check_document(doc, Config(today=TODAY))
    assert [(f.code, f.footnote) for f in checked.findings] == [("DT001", "1")]
    listed = md("Claim.[1]\n\n- a point\n  made in two lines\n\nNotes\n\n[1] Source, 2020.\n")
    assert [(p.text, p.location.column) for p in listed.paragraphs] == [
        ("Claim.", 1),
        ("a point made in two lines", 3),
    ]


def test_code_spans_and_links_hold_no_plain_markers() -> None:
    doc = md("Run `x[1]` and read [2](http://example.org/2), then cite.[3]\n\n[3] Source, 2020.\n")
    assert labels(doc) == ["3"]
    assert doc.paragraphs[0].text == "Run x[1] and read 2, then cite."


# --- hostile input ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        b"[^" * 300_000,
        b"^[" * 100_000,
        b"[^\n" * 100_000,
        (b"word *emph* [link](http://x.org) `code` text[^1] " * 200_000)[:10_000_000],
        b"`" * 3 + b" `` " * 100_000,
        b"[" * 200_000 + b"]" * 200_000,
        b'[a](x "' * 100_000,
        b"<!--" * 200_000,
        b"<a x='" * 200_000,
        b"[^a]:" * 100_000,
        b">" * 50_000 + b" x[^1]",
        b"".join(b"  " * i + b"- x\n" for i in range(2000)),
    ],
    ids=lambda d: repr(d[:12]),
)
def test_pathological_inputs_finish_fast(data: bytes) -> None:
    start = time.perf_counter()
    doc = parse(data, "hostile.md")
    assert isinstance(doc, Document)
    assert time.perf_counter() - start < 20


def test_word_converted_notes_end_before_page_boilerplate() -> None:
    source = (
        "Body claim in 2022.[1]\n\n## Notes\n\n1. Source, 3 January 2023.\n"
        "   Second line of the same note.\n\n---\n\nShare this article. (c) 2024 Example News.\n"
    )
    doc = parse(source.encode(), "page.md")
    assert [(n.label, n.text) for n in doc.notes] == [
        ("1", "Source, 3 January 2023. Second line of the same note.")
    ]
    assert all("Share" not in p.text for p in doc.paragraphs)


def test_lazily_numbered_note_lists_take_the_numbers_displayed() -> None:
    source = "One.[1] Two.[2] Three.[3]\n\n## Notes\n\n1. A, 2020.\n1. B, 2021.\n1. C, 2022.\n"
    doc = parse(source.encode(), "lazy.md")
    assert [n.label for n in doc.notes] == ["1", "2", "3"]
    started = parse(b"See.[4]\n\n## Notes\n\n4. A, 2020.\n4. B, 2021.\n", "start.md")
    assert [n.label for n in started.notes] == ["4", "5"]


def test_shortcut_reference_link_at_the_end_of_a_block_loses_its_brackets() -> None:
    source = "Claim.[^1]\n\n[the report]: https://example.org\n\n[^1]: Source, see [the report]\n"
    doc = parse(source.encode(), "short.md")
    assert [n.text for n in doc.notes] == ["Source, see the report"]
