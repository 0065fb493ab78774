"""Distill articles and books whose note numbering restarts, through the HTML reader.

Fixtures in fixtures/html/conventions: a Distill article as written (BibTeX in the
page, no `<body>` tag, as the template's guide writes them), one as the template
renders it (lists and a JSON bibliography added), one whose bibliography is another
file, a Project Gutenberg HTML book and a rendered HTMLBook book, both numbering
their notes from 1 in each chapter. The BibTeX reader has its own tests first.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

from click.testing import CliRunner

from footcheck.cli import main
from footcheck.footnotes.model import Document
from footcheck.parsers.html.bibliography import written_out
from footcheck.parsers.html.bibtex import clean, read_bibtex
from footcheck.parsers.html.reader import parse

FIXTURES = Path(__file__).parent / "fixtures" / "html" / "conventions"


def read(name: str) -> Document:
    return parse((FIXTURES / name).read_bytes(), name)


def keyed(doc: Document) -> list[tuple[int, str]]:
    return [m.key for m in doc.markers]


def check_json(path: Path) -> dict[str, object]:
    result = CliRunner().invoke(main, ["check", "--format", "json", str(path)])
    assert result.exit_code in (0, 1, 2), result.output
    data: dict[str, object] = json.loads(result.output)
    return data


def findings(path: Path) -> list[tuple[str, str | None]]:
    found = check_json(path)["findings"]
    assert isinstance(found, list)
    return [(f["code"], f["footnote"]) for f in found if f["code"] != "DT004"]


# --- the BibTeX reader ---------------------------------------------------------------


def test_bibtex_fields_in_braces_quotes_and_bare_with_macros_and_joins() -> None:
    [entry] = read_bibtex(
        '@string{pub = "Shore Press"}\n'
        "@Book{k1,\n  title = {The {Big} {{Nested}} Book},\n"
        '  author = "Lund, Kari and {\\\'E}mile Z{\\"o}ller",\n'
        '  publisher = pub, year = 1999, note = "a " # {b} # pub,\n}\n'
    )
    assert (entry.kind, entry.key) == ("book", "k1")
    assert entry.fields == {
        "title": "The Big Nested Book",
        "author": "Lund, Kari and Émile Zöller",
        "publisher": "Shore Press",
        "year": "1999",
        "note": "a bShore Press",
    }


def test_bibtex_skips_comments_and_preambles_and_reads_parenthesised_entries() -> None:
    entries = read_bibtex(
        "@comment{ @article{fake, title={Not an entry}} }\n"
        '@preamble{ "\\newcommand{\\x}{y}" }\n'
        "@article(real, title = {Real}, pages = {3--9})\n"
    )
    assert [(e.key, e.fields) for e in entries] == [("real", {"title": "Real", "pages": "3–9"})]


def test_bibtex_latex_is_taken_out_of_values() -> None:
    assert clean('Fran{\\c{c}}ois \\emph{and} G\\"{u}nter~B\\o{}rge') == "François and Günter Børge"
    assert clean('{\\AA}ngstr{\\"o}m \\& Sons, 50\\%') == "Ångström & Sons, 50%"
    assert clean('pp. 1---2, \\v{S}koda, na\\"{\\i}ve') == "pp. 1—2, Škoda, naïve"


def test_bibtex_malformed_input_is_read_as_far_as_it_goes() -> None:
    entries = read_bibtex(
        "@article{open, title = {never closes\n"
        "@article{next, title={Next}, year=2001}\n"
        "@misc{nofields}\n"
        "@article{broken, = oops}\n"
        "@@ {{ }} @ @x\n"
        "@article{last, title={Last}\n"
    )
    assert [(e.key, e.fields) for e in entries] == [
        ("open", {"title": "never closes"}),
        ("next", {"title": "Next", "year": "2001"}),
        ("nofields", {}),
        ("broken", {}),
        ("last", {"title": "Last"}),
    ]
    assert read_bibtex("") == []
    assert read_bibtex("@article{") == []


def test_bibtex_reads_in_linear_time() -> None:
    many = "".join(f"@article{{k{i}, title={{A {{b {{c}}}} d}}, year={i}}}\n" for i in range(20000))
    hostile = ["@article{k, title={" + "{" * 200_000, "@a{" * 100_000, '@a{k, t="' + "{" * 200_000]
    start = time.perf_counter()
    assert len(read_bibtex(many)) == 20000
    for text in hostile:
        read_bibtex(text)
    assert time.perf_counter() - start < 3


def test_an_entry_is_written_out_with_its_month_and_year() -> None:
    fields = {"title": "T", "author": "Lund, Kari and Bo Ek", "year": "2017", "month": "mar"}
    assert written_out(fields) == "T. Kari Lund and Bo Ek, March 2017."
    assert written_out({"title": "T", "year": "in press", "month": "3"}) == "T. in press."
    assert written_out({"title": "T", "month": "marvellous", "year": "2001"}) == "T. 2001."


# --- Distill as written --------------------------------------------------------------


def test_distill_footnotes_and_cites_carry_the_numbers_distill_shows() -> None:
    doc = read("distill-source.html")
    # Footnotes (scope 0) are numbered in reading order; cited keys (scope 1) in order
    # of first citation, the cite inside footnote 1 included: harbour2015 1,
    # survey2016 2, mueller2018 3, tables-unpublished 4, ghost2019 5.
    assert keyed(doc) == [
        (1, "1"),
        (0, "1"),
        (1, "2"),
        (1, "1"),
        (1, "3"),
        (1, "4"),
        (1, "5"),
        (0, "2"),
    ]
    assert all(m.auto for m in doc.markers)  # the template numbers them, never out of order
    notes = {n.key: n.text for n in doc.notes}
    assert notes[(0, "1")] == "Within two years most coastal surveys used it ."
    assert notes[(0, "2")] == "All depths are in metres."
    assert notes[(1, "3")] == (
        "Tides and Gradients. Jörg Müller and Lea François, November 2018. "
        "Journal of Coastal Things."
    )
    # The uncited entry is no note: Distill lists only what the article cites.
    assert not any("Nobody Cites" in n.text for n in doc.notes)


def test_distill_markers_and_notes_point_at_their_elements() -> None:
    doc = read("distill-source.html")
    assert (doc.markers[0].location.line, doc.markers[0].location.column) == (9, 59)
    assert [n.location.line for n in doc.notes] == [10, 14, 25, 34, 40, 47]


def test_distill_findings_are_the_missing_key_only() -> None:
    path = FIXTURES / "distill-source.html"
    assert findings(path) == [("FN001", "5")]
    data = check_json(path)
    findings_list = data["findings"]
    assert isinstance(findings_list, list)
    assert not [f for f in findings_list if f["code"].startswith("DT00") and f["code"] != "DT004"]


def test_distill_entry_dates_reach_the_date_layer() -> None:
    result = CliRunner().invoke(
        main, ["show", "--format", "json", str(FIXTURES / "distill-source.html")]
    )
    dates = {
        (n.get("scope", 0), n["label"]): n["source_date"]
        for n in json.loads(result.output)["notes"]
    }
    assert dates[(1, "1")] == "2015-06"
    assert dates[(1, "2")] == "2016"
    assert dates[(1, "4")] is None  # year = {Work In Progress}: no date, no error


def test_distill_bibliography_in_another_file_leaves_the_cites_to_it() -> None:
    doc = read("distill-bib-file.html")
    assert [(m.label, m.target) for m in doc.markers] == [
        ("1", "bibliography.bib"),
        ("2", "bibliography.bib"),
        ("1", "bibliography.bib"),
    ]
    assert doc.notes == ()
    assert findings(FIXTURES / "distill-bib-file.html") == []


# --- Distill as rendered -------------------------------------------------------------


def test_rendered_distill_reads_the_json_bibliography_and_not_the_copies() -> None:
    doc = read("distill-rendered.html")
    assert keyed(doc) == [(1, "1"), (0, "1"), (1, "2"), (1, "1"), (1, "2"), (0, "2")]
    texts = {n.key: n.text for n in doc.notes}
    assert len(doc.notes) == 4  # the footnote list and the reference list are copies
    assert texts[(1, "1")].startswith("Aerial Maps of Kelp Canopies. Ana Ferreira and Kari Lund,")
    assert "February 2009" in texts[(1, "1")]
    body = " ".join(p.text for p in doc.paragraphs)
    assert "References" not in body and "[↩]" not in body
    assert findings(FIXTURES / "distill-rendered.html") == []


def test_rendered_distill_without_json_reads_the_reference_list(tmp_path: Path) -> None:
    page = (FIXTURES / "distill-rendered.html").read_text(encoding="utf-8")
    start = page.index("<d-bibliography>")
    end = page.index("</d-bibliography>") + len("</d-bibliography>")
    path = tmp_path / "listed.html"
    path.write_text(page[:start] + page[end:], encoding="utf-8")
    doc = parse(path.read_bytes(), "listed.html")
    texts = {n.key: n.text for n in doc.notes}
    assert texts[(1, "2")] == "Counting Stipes Okoro, B., 2011. Diving Science."
    assert findings(path) == []


def test_distill_page_with_broken_bibtex_reads_what_it_can() -> None:
    page = (
        b"<d-article><p>Claim<d-cite key='a,b'></d-cite>.</p></d-article>"
        b"<d-bibliography><script type='text/bibliography'>@article{a, title={A}, year={2001}"
        b"\n@article{b, title={B " + b"{" * 5000 + b"</script></d-bibliography>"
    )
    doc = parse(page, "broken.html")
    assert [n.text for n in doc.notes] == ["A. 2001.", "B."]


# --- numbering that restarts per chapter ---------------------------------------------


def test_gutenberg_book_numbers_each_chapter_as_a_sequence() -> None:
    doc = read("gutenberg-chapters.html")
    assert keyed(doc) == [
        *((0, "1"), (0, "2"), (0, "3")),
        *((1, "1"), (1, "2")),
        *((2, "1"), (2, "3"), (2, "2")),
    ]
    notes = {n.key: n.text for n in doc.notes}
    assert notes[(1, "1")] == "The Fenwick Gazette, 12 October 1840."
    assert notes[(2, "4")] == "A note whose marker the transcriber lost."
    # Chapter 3 cites 1, 3, 2 (out of order); the transcriber lost note 4's marker.
    # Nothing else: no "1 (2)", no duplicate labels, no note missing.
    assert findings(FIXTURES / "gutenberg-chapters.html") == [("FN004", "3"), ("FN002", "4")]


def test_htmlbook_book_numbers_each_chapter_as_a_sequence() -> None:
    doc = read("htmlbook-chapters.html")
    assert keyed(doc) == [(0, "1"), (0, "2"), (1, "1"), (1, "2"), (1, "3"), (2, "1")]
    assert [n.key for n in doc.notes][-2:] == [(2, "1"), (2, "2")]
    assert findings(FIXTURES / "htmlbook-chapters.html") == [("FN002", "2")]


# --- the template's first version ----------------------------------------------------


def test_first_template_as_written_reads_dt_fn_and_dt_cite() -> None:
    doc = read("distill-v1-source.html")
    assert keyed(doc) == [(1, "1"), (0, "1"), (1, "2"), (1, "1"), (1, "3")]
    notes = {n.key: n.text for n in doc.notes}
    assert notes[(0, "1")].startswith("Glass bottles")
    assert notes[(1, "2")] == (
        "Sonar Surveys of Mud Banks. Femi Oduya and Per Strand, September 2005. Coastal Acoustics."
    )
    # The article body starts after the scripts: libxml2 would have left it in <head>.
    assert [p.text for p in doc.paragraphs][1].startswith("Silt settles fastest at slack water,")
    assert findings(FIXTURES / "distill-v1-source.html") == []


def test_first_template_as_rendered_reads_hover_notes_and_the_listed_entries() -> None:
    doc = read("distill-v1-rendered.html")
    assert keyed(doc) == [(1, "1"), (0, "1"), (1, "2"), (1, "1"), (1, "3")]
    assert all(m.auto for m in doc.markers)
    notes = {n.key: n.text for n in doc.notes}
    assert notes[(0, "1")] == "Glass bottles, lowered on a line and opened by a messenger weight."
    assert notes[(1, "1")] == "Settling at Slack Water [link] Marsh, I., 1998. Estuary Letters."
    # The third key's entry is "?" in the list: Distill found none. The footnote list
    # is a copy: no second note [1].
    assert len(doc.notes) == 3
    assert findings(FIXTURES / "distill-v1-rendered.html") == [("FN001", "3")]


def test_two_notes_that_show_one_label_in_one_sequence_are_a_duplicate(tmp_path: Path) -> None:
    links = [("1", "1"), ("2", "2"), ("3", "2"), ("4", "3")]
    markers = "".join(f'Claim {n}.<a id="r{n}" href="#f{n}">[{shown}]</a> ' for n, shown in links)
    notes = "".join(
        f'<div class="footnote"><p><a id="f{n}" href="#r{n}">[{shown}]</a> Source {n}.</p></div>'
        for n, shown in links
    )
    path = tmp_path / "twice.html"
    path.write_text(f'<p>{markers}</p><div class="footnotes">{notes}</div>', encoding="utf-8")
    doc = parse(path.read_bytes(), "twice.html")
    assert [n.key for n in doc.notes] == [(0, "1"), (0, "2"), (0, "2"), (0, "3")]
    # A reader sees two notes [2] and cannot tell which the second marker means.
    assert findings(path) == [("FN003", "2")]


def test_a_marker_whose_note_is_missing_stays_in_its_own_chapter(tmp_path: Path) -> None:
    def chapter(n: int, labels: str, noted: str) -> str:
        refs = "".join(f'Claim.<a id="r{n}{x}" href="#f{n}{x}">[{x}]</a> ' for x in labels)
        notes = "".join(
            f'<div class="footnote"><p><a id="f{n}{x}" href="#r{n}{x}">[{x}]</a> Source.</p></div>'
            for x in noted
        )
        return f"<h2>Chapter {n}</h2><p>{refs}</p>{notes}"

    # Chapter 2's note [2] was lost: its marker must not resolve to chapter 1's [2].
    path = tmp_path / "lost.html"
    path.write_text(chapter(1, "12", "12") + chapter(2, "12", "1"), encoding="utf-8")
    doc = parse(path.read_bytes(), "lost.html")
    assert keyed(doc) == [(0, "1"), (0, "2"), (1, "1"), (1, "2")]
    assert findings(path) == [("FN001", "2")]
