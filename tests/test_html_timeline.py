"""The HTML report's date timeline (footnotes/report/html/timeline.py) and its text escaping.

Views and findings are built by hand; the SVG is parsed with lxml to check what
it draws: one row a dated marker, each date finding's row and marks, the report
line, bars for dates known to the year or month, links to the markers, and that
no document text can add markup to the page. The last tests run the real checker
on the example drafts, so that findings land on the rows their places say.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

import pytest
from lxml import etree

from footcheck import parsers
from footcheck.footnotes.engine import check_document
from footcheck.footnotes.model import Finding, Location, PartialDate, Severity
from footcheck.footnotes.report.html.axis import bounds, extent, ticks
from footcheck.footnotes.report.html.escape import label, text
from footcheck.footnotes.report.html.timeline import TIMELINE_CSS, legend, timeline
from footcheck.footnotes.settings import Config
from footcheck.footnotes.views import MarkerView, NoteView, ParagraphView, UnitView, view_of

SVG = "{http://www.w3.org/2000/svg}"
EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
REPORT = PartialDate(2024, 2, 1)
D = PartialDate


def note(
    label: str,
    date: PartialDate | None,
    line: int,
    *,
    date_origin: str | None = None,
    published: PartialDate | None = None,
    accessed: PartialDate | None = None,
    url_date: PartialDate | None = None,
) -> NoteView:
    return NoteView(
        label,
        f"Source {label}.",
        line,
        1,
        date=date,
        date_origin=date_origin,
        published=published,
        accessed=accessed,
        url_date=url_date,
    )


def marker(label: str, line: int, *claims: PartialDate, note: int | None = None) -> MarkerView:
    return MarkerView(label, 0, line, 10, claim_dates=claims, note=note)


def unit(
    markers: Sequence[MarkerView],
    notes: Sequence[NoteView] = (),
    report: PartialDate | None = REPORT,
) -> UnitView:
    paragraphs = (ParagraphView("text", 1, tuple(markers)),)
    return UnitView(
        "r.txt", "text", paragraphs, tuple(notes), report_date=report, event_bound=report
    )


def finding(
    code: str,
    line: int,
    column: int,
    label: str,
    *,
    message: str = "m",
    hint: str | None = None,
    source_date: PartialDate | None = None,
) -> Finding:
    return Finding(
        code,
        "rule",
        Severity.ERROR,
        message,
        "r.txt",
        Location(line, column),
        footnote=label,
        source_date=source_date,
        hint=hint,
    )


def draw(view: UnitView, findings: Sequence[Finding] = ()) -> etree._Element:
    svg = timeline(view, findings, lambda p, m: f"m{p}-{m}")
    assert svg
    return etree.fromstring(svg)


def rows(svg: etree._Element) -> list[etree._Element]:
    return list(svg.iter(f"{SVG}a"))


def classes(element: etree._Element) -> set[str]:
    return set((element.get("class") or "").split())


def marks(row: etree._Element, cls: str) -> list[etree._Element]:
    return [e for e in row.iter() if cls in classes(e)]


def x_of(element: etree._Element) -> float:
    """The middle of a mark, from its geometry (circle, rect, line, path)."""
    if element.tag == f"{SVG}circle":
        return float(element.get("cx") or 0)
    if element.tag == f"{SVG}rect":
        return float(element.get("x") or 0) + float(element.get("width") or 0) / 2
    if element.tag == f"{SVG}line":
        return float(element.get("x1") or 0)
    return float(re.findall(r"[-\d.]+", element.get("d") or "")[0])


def all_text(element: etree._Element) -> str:
    return "".join(str(t) for t in element.itertext())


def title(row: etree._Element) -> str:
    return row.findtext(f"{SVG}title") or ""


# What each row holds.


def test_one_row_for_each_marker_with_a_dated_claim_or_note() -> None:
    view = unit(
        [
            marker("1", 3, D(2023, 9, 7), note=0),  # both dated
            marker("2", 4, D(2023, 5)),  # no note
            marker("3", 5, note=1),  # only the note dated
            marker("4", 6, note=2),  # neither: no row
            marker("5", 7, D(2025, 3, 1), note=2),  # its only event is after the report
        ],
        [note("1", D(2023, 9, 8), 20), note("3", D(2022), 21), note("4", None, 22)],
    )
    found = rows(draw(view))
    assert [r.findtext(f"{SVG}text") for r in found] == ["[1]", "[2]", "[3]"]
    assert [r.get("href") for r in found] == ["#m0-0", "#m0-1", "#m0-2"]
    assert title(found[0]) == "[1] claim 2023-09-07; note 2023-09-08"
    assert title(found[1]) == "[2] claim 2023-05; no note"
    assert title(found[2]) == "[3] claim undated; note 2022"
    assert len(marks(found[0], "tl-gap")) == 1  # the claim joined to its note
    assert marks(found[1], "tl-gap") == marks(found[2], "tl-gap") == []


def test_a_document_without_a_dated_row_draws_nothing() -> None:
    assert timeline(unit([]), (), lambda p, m: "x") == ""
    assert (
        timeline(unit([marker("1", 3, note=0)], [note("1", None, 9)]), (), lambda p, m: "x") == ""
    )
    assert (
        timeline(unit([marker("1", 3, D(2099, 1, 1))]), (), lambda p, m: "x") == ""
    )  # after the report


def test_the_claim_drawn_is_its_latest_event_not_after_the_report() -> None:
    view = unit(
        [marker("1", 3, D(2021, 3, 2), D(2023, 6), D(2023), D(2024, 5, 1), note=0)],
        [note("1", D(2023, 7, 1), 9, date_origin="published")],
    )
    (row,) = rows(draw(view))
    assert title(row) == "[1] claim 2023-06; note 2023-07-01 (published)"


def test_a_date_known_to_the_year_is_a_bar_wider_than_a_day() -> None:
    view = unit(
        [marker("1", 3, D(2022), note=0), marker("2", 4, D(2022, 6, 1), note=1)],
        [note("1", D(2023, 3), 9), note("2", D(2023, 3, 4), 10)],
    )
    year, day = rows(draw(view))
    (bar,) = marks(year, "tl-claim")
    (point,) = marks(day, "tl-claim")
    assert bar.tag == f"{SVG}rect" and point.tag == f"{SVG}circle"
    assert float(bar.get("width") or 0) > 2 * float(point.get("r") or 0) * 4
    (month,) = marks(year, "tl-note")  # a month: a bar, narrower than the year's
    assert month.tag == f"{SVG}rect"
    assert 2 * float(point.get("r") or 0) < float(month.get("width") or 0)
    assert float(month.get("width") or 0) < float(bar.get("width") or 0) / 6
    # the bar covers its year: from January 1 (the axis's tick) on
    tick = next(t for t in draw(view).iter(f"{SVG}line") if "tl-grid" in classes(t))
    assert abs(float(bar.get("x") or 0) - float(tick.get("x1") or 0)) < 0.2


def test_the_report_date_is_a_line_across_every_row() -> None:
    view = unit(
        [marker(str(i), i, D(2023, 1, i), note=0) for i in range(1, 4)],
        [note("1", D(2023, 1, 20), 9)],
    )
    svg = draw(view)
    (line,) = [e for e in svg.iter(f"{SVG}line") if "tl-report" in classes(e)]
    first, *_, last = (float(r.find(f"{SVG}rect").get("y") or 0) for r in rows(svg))  # type: ignore[union-attr]
    assert float(line.get("y1") or 0) < first and float(line.get("y2") or 0) >= last + 16
    assert x_of(line) > max(x_of(m) for r in rows(svg) for m in marks(r, "tl-note"))
    assert "report 2024-02-01" in all_text(svg)
    banded = draw(unit(view.paragraphs[0].markers, view.notes, report=D(2024)))
    assert [e.tag for e in banded.iter() if "tl-report" in classes(e)] == []
    assert len([e for e in banded.iter(f"{SVG}rect") if "tl-report-span" in classes(e)]) == 1
    assert not [
        e
        for e in draw(unit(view.paragraphs[0].markers, view.notes, None)).iter()
        if {"tl-report", "tl-report-span"} & classes(e)
    ]


# Each date finding's row.


def test_a_note_before_its_event_is_a_red_cross_on_a_red_line() -> None:
    view = unit(
        [marker("3", 6, D(2023, 9, 7), note=0), marker("4", 7, D(2023, 5), note=1)],
        [note("3", D(2022, 9, 7), 20, date_origin="published"), note("4", D(2023, 1, 2), 21)],
    )
    findings = [
        finding("DT001", 6, 10, "3", hint="same day and month: probably a year typo"),
        finding("DT001", 7, 10, "4"),
    ]
    typo, early = rows(draw(view, findings))
    assert classes(typo) == {"tl-row", "tl-dt001", "tl-typo"}
    assert classes(early) == {"tl-row", "tl-dt001"}
    assert title(typo) == "[3] claim 2023-09-07; note 2022-09-07 (published); DT001 year typo"
    for row, word in ((typo, "year typo"), (early, "before event")):
        assert classes(marks(row, "tl-gap")[0]) == {"tl-gap", "tl-bad"}
        (cross,) = marks(row, "tl-early")
        assert cross.tag == f"{SVG}path"
        assert [t.text for t in marks(row, "tl-tag-dt001")] == [word]
    clean = rows(draw(view))[0]
    assert classes(clean) == {"tl-row"} and marks(clean, "tl-early") == []
    assert classes(marks(clean, "tl-gap")[0]) == {"tl-gap"}


def test_a_note_after_the_report_is_an_orange_triangle_past_the_line_on_every_citing_row() -> None:
    view = unit(
        [
            marker("1", 3, D(2023, 4), note=0),
            marker("2", 4, note=1),
            marker("1", 5, D(2023, 6, 1), note=0),
        ],
        [note("1", D(2025, 1, 15), 20), note("2", D(2023, 3, 1), 21)],
    )
    svg = draw(view, [finding("DT002", 20, 1, "1", source_date=D(2025, 1, 15))])
    first, other, again = rows(svg)
    report = next(e for e in svg.iter(f"{SVG}line") if "tl-report" in classes(e))
    for row in (first, again):
        assert "tl-dt002" in classes(row)
        (triangle,) = marks(row, "tl-late")
        assert triangle.tag == f"{SVG}path" and x_of(triangle) > x_of(report)
        assert [t.text for t in marks(row, "tl-tag-dt002")] == ["after report"]
    assert classes(other) == {"tl-row"} and marks(other, "tl-late") == []


def test_a_late_date_that_is_not_the_notes_own_gets_its_own_triangle() -> None:
    view = unit([marker("1", 3, D(2023, 4), note=0)], [note("1", D(2023, 5, 2), 20)])
    (row,) = rows(draw(view, [finding("DT002", 20, 1, "1", source_date=D(2024, 8, 1))]))
    assert len(marks(row, "tl-late")) == 1 and len(marks(row, "tl-note")) == 2
    assert "dated 2024-08-01" in title(row)


def test_a_url_date_is_a_hollow_purple_circle_dashed_to_the_notes_date() -> None:
    view = unit(
        [marker("1", 3, D(2013, 8), note=0)],
        [note("1", D(2013, 8, 8), 20, url_date=D(2013, 8, 18))],
    )
    (row,) = rows(draw(view, [finding("DT005", 20, 1, "1")]))
    assert "tl-dt005" in classes(row)
    (url,) = marks(row, "tl-url")
    (dashed,) = marks(row, "tl-url-gap")
    (square,) = marks(row, "tl-note")
    assert url.tag == f"{SVG}circle" and x_of(url) > x_of(square)
    assert float(dashed.get("x1") or 0) == pytest.approx(x_of(square), abs=0.1)
    assert float(dashed.get("x2") or 0) == pytest.approx(x_of(url), abs=0.1)
    assert "URL 2013-08-18" in title(row) and "DT005 URL date" in title(row)
    assert not marks(rows(draw(view))[0], "tl-url")  # drawn only for the finding


def test_a_page_read_before_publication_is_a_teal_diamond_dotted_to_it() -> None:
    view = unit(
        [marker("2", 3, D(2013, 8, 20), note=0)],
        [note("2", D(2013, 8, 26), 20, published=D(2013, 8, 26), accessed=D(2013, 8, 22))],
    )
    message = "note [2] was accessed 2013-08-22, before it was published (2013-08-26)"
    (row,) = rows(draw(view, [finding("DT006", 20, 1, "2", message=message)]))
    assert "tl-dt006" in classes(row)
    (diamond,) = marks(row, "tl-access")
    (dotted,) = marks(row, "tl-access-gap")
    assert diamond.tag == f"{SVG}path" and dotted.tag == f"{SVG}line"
    assert [t.text for t in marks(row, "tl-tag-dt006")] == ["read early"]
    assert "accessed 2013-08-22; published 2013-08-26" in title(row)


def test_each_finding_kind_looks_different() -> None:
    """Shape and class of each finding's own mark, and its word: never the colour alone."""
    view = unit(
        [marker(str(i), i, D(2023, 9, 7), note=i) for i in range(4)],
        [
            note(
                str(i),
                D(2022, 9, 7),
                20 + i,
                url_date=D(2022, 9, 27),
                accessed=D(2022, 9, 1),
                published=D(2022, 9, 7),
            )
            for i in range(4)
        ],
    )
    message = "before it was published"
    svg = draw(
        view,
        [
            finding("DT001", 0, 10, "0"),
            finding("DT002", 21, 1, "1"),
            finding("DT005", 22, 1, "2"),
            finding("DT006", 23, 1, "3", message=message),
        ],
    )
    own = {
        "tl-dt001": "tl-early",
        "tl-dt002": "tl-late",
        "tl-dt005": "tl-url",
        "tl-dt006": "tl-access",
    }
    seen = set()
    for row in rows(svg):
        (code,) = classes(row) - {"tl-row"}
        (mark,) = marks(row, own[code])
        words = "".join(all_text(e) for e in marks(row, "tl-tag"))
        seen.add((mark.tag, mark.get("d", "")[-8:], words))
        for rule in own.values():  # the colours: each mark's class has its own CSS rule
            assert re.search(rf"\.{rule}\{{", TIMELINE_CSS)
    assert len(seen) == 4 and len({s[2] for s in seen}) == 4


def test_a_finding_falls_on_the_marker_whose_label_it_names_when_places_coincide() -> None:
    """A Word file gives every marker of a paragraph the paragraph's place."""
    markers = [
        MarkerView(label, 0, 5, 1, claim_dates=(D(2023, 9, 7),), note=i)
        for i, label in enumerate(("1", "2"))
    ]
    notes = [NoteView("1", "a", 30, 1, date=D(2023, 9, 9)), NoteView("2", "b", 30, 1, date=D(2022))]
    first, second = rows(draw(unit(markers, notes), [finding("DT001", 5, 1, "2")]))
    assert classes(first) == {"tl-row"} and classes(second) == {"tl-row", "tl-dt001"}
    first, second = rows(draw(unit(markers, notes), [finding("DT002", 30, 1, "1")]))
    assert classes(first) == {"tl-row", "tl-dt002"} and classes(second) == {"tl-row"}


# Safe text, fixed output.

HOSTILE = [
    "<script>alert(1)</script>",
    '"><x onload=y>',
    "\u202e1",
    "a\x00b\x1b\x85",
    "\ud800",
    "&amp;",
]


def test_hostile_labels_and_ids_cannot_add_markup() -> None:
    view = unit(
        [marker(label, i + 1, D(2023, 1, 1), note=i) for i, label in enumerate(HOSTILE)],
        [
            note(label, D(2023, 2, 1), 50 + i, date_origin='<b x="1">')
            for i, label in enumerate(HOSTILE)
        ],
        report=D(2024, 1, 1),
    )
    view = UnitView(
        view.path,
        view.format,
        view.paragraphs,
        view.notes,
        view.report_date,
        report_date_origin="</svg><script>",
    )
    # Ids are the page's own (never a document's text), but quoted all the same.
    svg_text = timeline(view, (), lambda p, m: f'"><script>x</script><a href="{p + m}')
    svg = etree.fromstring(svg_text)  # well-formed: nothing broke out of an attribute or text
    assert {e.tag for e in svg.iter()} <= {
        f"{SVG}{t}"
        for t in ("svg", "a", "g", "title", "rect", "text", "line", "circle", "path", "tspan")
    }
    for element in svg.iter():
        assert "style" not in element.attrib and not any(
            str(a).startswith("on") for a in element.attrib
        )
    found = rows(svg)
    assert len(found) == len(HOSTILE)
    labels = [r.findtext(f"{SVG}text") for r in found]
    assert labels[0] == "[<script…]"  # shortened, and shown as text
    assert labels[2] == "[\\u202e1]"  # an override shown, not obeyed
    assert labels[3] == "[a\\x00b\\x1b\\x85]" and labels[4] == "[\ufffd]" and labels[5] == "[&amp;]"
    assert found[0].get("href") == '#"><script>x</script><a href="0'
    assert title(found[0]).startswith("[<script>alert(1)</script>] claim")
    assert "report date 2024-01-01 (</svg><script>)" in all_text(svg)


def test_escape_text_escapes_markup_and_shows_controls() -> None:
    assert text("plain text, 7 May 2023 — ok") == "plain text, 7 May 2023 — ok"
    assert text("<a href=\"x\" title='y'>&</a>") == (
        "&lt;a href=&quot;x&quot; title=&#x27;y&#x27;&gt;&amp;&lt;/a&gt;"
    )
    assert text("a\x00b\tc\nd\x1b\x7f\x85\x9f") == "a\\x00b\tc\nd\\x1b\\x7f\\x85\\x9f"
    assert text("x\ud800y\udfff") == "x\ufffdy\ufffd"
    assert text("\ufffe\uffff\ufdd0") == "\\ufffe\\uffff\\ufdd0"
    assert text("\u200f\u061c\U0001f600") == "\u200f\u061c\U0001f600"  # marks kept
    assert text("a\u202eb\u2067c") == "a\\u202eb\\u2067c"  # overrides and isolates shown
    etree.fromstring(f'<t a="{text("".join(map(chr, range(0x20))))}">{text("<&>")}</t>')


def test_escape_label_also_shows_invisible_characters() -> None:
    assert label("12") == "12" and label("imf-2021 <b>") == "imf-2021 &lt;b&gt;"
    assert label("1\u200b") == "1\\u200b"
    assert label("\u202eabc\u2066\u200f\ufeff") == "\\u202eabc\\u2066\\u200f\\ufeff"
    assert label("\u0661\u05d0") == "\u0661\u05d0"  # right-to-left letters and digits: kept
    assert label("a\x00") == "a\\x00"
    assert label("a\tb\n") == "a\\x09b\\x0a"  # in prose kept, in a name shown


def test_the_output_is_the_same_each_time() -> None:
    view = unit(
        [marker(str(i), i, D(2020 + i % 4, 1 + i % 12), note=i % 3) for i in range(30)],
        [note(str(i), D(2021, i + 1, 3), 40 + i) for i in range(3)],
    )
    made = {timeline(view, (), lambda p, m: f"m{p}-{m}") for _ in range(3)}
    assert len(made) == 1


def test_three_hundred_dated_markers_are_three_hundred_rows_of_sixteen_pixels() -> None:
    view = unit(
        [marker(str(i), i, D(2023, 1 + i % 12, 1 + i % 28), note=0) for i in range(300)],
        [note("1", D(2023, 12, 1), 900)],
    )
    svg = draw(view)
    assert len(rows(svg)) == 300
    height = float((svg.get("viewBox") or "").split()[3])
    assert 300 * 16 <= height <= 300 * 16 + 60 and svg.get("width") == "100%"


def test_a_longer_document_draws_its_flagged_rows_and_says_so() -> None:
    view = unit(
        [marker(str(i), i, D(2023, 1 + i % 12, 1 + i % 28), note=0) for i in range(400)],
        [note("1", D(2023, 12, 1), 900)],
    )
    late = [
        Finding(
            "DT001",
            "source-predates-claim",
            Severity.ERROR,
            "m",
            "r.txt",
            Location(i, 10),
            footnote=str(i),
        )
        for i in (5, 7)
    ]
    made = timeline(view, late, lambda p, m: f"m{p}-{m}")
    svg_text, caption = made.split("</svg>")
    assert len(rows(etree.fromstring(svg_text + "</svg>"))) == 2
    assert "398 more dated markers" in caption and caption.startswith("<figcaption")


def test_dates_that_cannot_exist_are_drawn_at_the_precision_they_have_right() -> None:
    view = unit(
        [
            marker("1", 1, D(2023, 2, 30), note=0),
            marker("2", 2, D(2023, 13, 1)),
            marker("3", 3, D(0, 1, 1)),
            marker("4", 4, D(12023, 1, 1)),
        ],
        [note("1", D(2023, 4, 31), 9)],
    )
    found = rows(draw(view))
    assert [r.findtext(f"{SVG}text") for r in found] == ["[1]", "[2]"]
    assert {m.tag for r in found for m in marks(r, "tl-claim")} == {f"{SVG}rect"}


def test_legend_uses_the_timelines_classes() -> None:
    svg = etree.fromstring(legend())
    used = {c for e in svg.iter() for c in classes(e)} - {"tl", "tl-legend"}
    assert {
        "tl-claim",
        "tl-note",
        "tl-report",
        "tl-early",
        "tl-late",
        "tl-url",
        "tl-access",
    } <= used
    defined = set(re.findall(r"\.(tl-[\w-]+)", TIMELINE_CSS))
    assert used <= defined
    drawn = draw(
        unit([marker("1", 3, D(2023, 9, 7), note=0)], [note("1", D(2022, 9, 7), 9)]),
        [finding("DT001", 3, 10, "1", hint="probably a year typo")],
    )
    marks_used = {c for e in drawn.iter() if e.tag != f"{SVG}a" for c in classes(e)}
    assert marks_used - {"tl"} <= defined


# The axis.


def test_extent_of_days_months_and_years() -> None:
    day = extent(D(2024, 2, 29))
    assert day is not None and day[1] - day[0] == 1 and day[2]
    assert [
        (e[1] - e[0], e[2]) for d in (D(2024, 2), D(2023, 2), D(2024), D(2023)) if (e := extent(d))
    ] == [(29, False), (28, False), (366, False), (365, False)]
    assert extent(D(0)) is None and extent(D(10000, 1, 1)) is None
    assert extent(D(9999, 12, 31)) is not None


@pytest.mark.parametrize(
    ("dates", "kind"),
    [
        ([D(2023, 9, 7)], "month"),  # one day: widened to two months
        ([D(2023, 9, 7), D(2024, 2, 1)], "month"),
        ([D(2023, 1), D(2024, 2, 1)], "month"),
        ([D(2022, 1), D(2024, 2, 1)], "year"),  # over 800 days
        ([D(2019), D(2024, 2, 1)], "year"),
        ([D(1, 1, 1), D(9999, 12, 31)], "year"),
    ],
)
def test_ticks_are_months_over_a_short_span_and_few(dates: list[PartialDate], kind: str) -> None:
    lo, hi = bounds(dates)
    assert hi - lo >= 60
    for d in dates:
        e = extent(d)
        assert e is not None and lo <= e[0] and e[1] <= hi
    found = ticks(lo, hi)
    assert 1 <= len(found) <= 10
    assert all(lo <= day <= hi for day, _ in found)
    words = [w for _, w in found]
    if kind == "month":
        assert any(
            w[:3]
            in ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
            for w in words
        )
    else:
        assert all(w.isdigit() for w in words)


# The real checker's findings on the example drafts.


def check(name: str) -> etree._Element:
    path = EXAMPLES / name
    doc = parsers.parse(path.read_bytes(), str(path), None)
    checked = check_document(doc, Config(today=D(2026, 11, 24)))
    return draw(view_of(checked.context), checked.findings)


def test_the_examples_findings_land_on_their_rows() -> None:
    energy = {
        r.findtext(f"{SVG}text"): classes(r) for r in rows(check("energy-security-draft.txt"))
    }
    assert energy["[3]"] == {"tl-row", "tl-dt001", "tl-typo"}
    assert all(c == {"tl-row"} for label, c in energy.items() if label != "[3]")
    harbour = {
        r.findtext(f"{SVG}text"): classes(r) for r in rows(check("harbour-closure-briefing.txt"))
    }
    assert harbour == {
        "[1]": {"tl-row", "tl-dt005"},
        "[2]": {"tl-row", "tl-dt006"},
        "[3]": {"tl-row"},
    }
    housing = [classes(r) for r in rows(check("housing-survey-review.md"))]
    assert sum("tl-dt002" in c for c in housing) == 1
