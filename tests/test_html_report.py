"""The HTML report (`check --format html`, `show --format html`), read back as HTML.

What the page must hold (every finding, every marker, every note, in every format),
what it must never hold (a document's markup, a script or style of its own, an
outside address it would load), and how it is made (in worker processes, from the
cache). The same page in a real browser: tests/test_html_browser.py.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import shutil
from dataclasses import replace
from pathlib import Path

import lxml.html
import pytest

from footcheck import parsers
from footcheck.footnotes.model import Finding, Location, Severity
from footcheck.footnotes.report.html.placing import placed
from footcheck.footnotes.report.html.rule_docs import rules_section
from footcheck.footnotes.rules import RULES, lookup
from footcheck.footnotes.runner import run
from footcheck.footnotes.settings import CommandLine, FileSettings, resolve
from tests.test_cli import footcheck

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
FIXTURES = ROOT / "tests" / "fixtures"


def page_of(path: Path) -> lxml.html.HtmlElement:
    return lxml.html.fromstring(path.read_text(encoding="utf-8"))


def check_html(tmp_path: Path, *args: str) -> tuple[int, lxml.html.HtmlElement, str]:
    out = tmp_path / "report.html"
    done = footcheck("check", *args, "--format", "html", "--output", str(out), "--no-cache")
    text = out.read_text(encoding="utf-8")
    return done.returncode, lxml.html.fromstring(text), text


def check_json(*args: str) -> tuple[int, dict]:  # type: ignore[type-arg]
    done = footcheck("check", *args, "--format", "json", "--no-cache")
    return done.returncode, json.loads(done.stdout)


def test_the_examples_page_holds_every_finding_marker_and_note(tmp_path: Path) -> None:
    status, page, _ = check_html(tmp_path, str(EXAMPLES))
    json_status, report = check_json(str(EXAMPLES))
    assert status == json_status == 1
    items = page.cssselect("li.finding")
    assert len(items) == len(report["findings"]) > 10
    for found in report["findings"]:
        matching = [
            li
            for li in items
            if li.get("data-code") == found["code"]
            and li.get("data-severity") == found["severity"]
            and found["message"].startswith(li.cssselect(".msg")[0].text_content())
        ]
        assert matching, found
    sections = page.cssselect("section.file")
    assert sorted(s.get("data-path") for s in sections) == sorted(
        f["path"] for f in report["files"]
    )
    assert len(page.cssselect("a.marker")) == sum(f["markers"] for f in report["files"])
    notes = page.cssselect("div.source[data-at], li.note[data-at]")
    assert len(notes) == sum(f["footnotes"] for f in report["files"])
    # Every finding with a place links to an element that exists, and shows a badge there.
    ids = {e.get("id") for e in page.iter() if e.get("id")}
    for li in items:
        for link in li.cssselect("a.where"):
            target = link.get("href")[1:]
            assert target in ids
            assert page.cssselect(f'a.badge[data-finding="{li.get("id")}"]')
    # The worst file comes first, and the summary counts what the JSON counts.
    worst = page.cssselect("table.worst tbody tr")[0].cssselect("a")[0].text_content()
    assert worst == sections[0].get("data-path")
    totals = page.cssselect("ul.totals .sev-error b")[0].text_content()
    assert int(totals) == report["summary"]["errors"]


def test_a_year_typo_is_drawn_on_the_timeline_and_flagged_at_its_marker(tmp_path: Path) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text(
        "The envoys met on September 7, 2023.[1] The talks resumed in 2024.[2]\n\n"
        "[1] Capital Herald, September 7, 2022.\n[2] Capital Herald, 3 March 2024.\n"
    )
    _, page, _ = check_html(tmp_path, str(draft), "--report-date", "2024-06-01")
    (row,) = page.cssselect("svg.tl a.tl-row.tl-dt001")
    assert "tl-typo" in row.get("class")
    marker = page.get_element_by_id(row.get("href")[1:])
    assert "flagged" in marker.get("class") and marker.text_content() == "1"
    card = page.get_element_by_id(marker.get("id") + "c")
    assert card.cssselect("a.badge")[0].text_content() == "DT001"
    assert "September 7, 2023" in card.cssselect(".claim-text")[0].text_content()
    clean = page.cssselect("a.marker:not(.flagged)")
    assert [m.text_content() for m in clean] == ["2"]


def test_the_page_loads_nothing_and_allows_only_its_own_style_and_script(
    tmp_path: Path,
) -> None:
    _, page, text = check_html(tmp_path, str(EXAMPLES))
    (style,) = page.cssselect("style")
    (script,) = page.cssselect("script")
    (policy,) = page.cssselect('meta[http-equiv="Content-Security-Policy"]')
    rules = dict(p.strip().split(" ", 1) for p in policy.get("content").split(";"))
    assert rules["default-src"] == "'none'"

    def digest(content: str) -> str:
        return base64.b64encode(hashlib.sha256(content.encode()).digest()).decode()

    assert rules["script-src"] == f"'sha256-{digest(script.text)}'"
    assert rules["style-src"] == f"'sha256-{digest(style.text)}'"
    assert not page.cssselect("link, img, iframe, object, embed, [src], [style]")
    assert "@import" not in style.text and "url(" not in style.text
    for element in page.iter():
        assert not any(name.startswith("on") for name in element.attrib)
    for link in page.cssselect("a[href]"):
        assert link.get("href").startswith(("#", "http://", "https://"))
    assert text.startswith("<!DOCTYPE html>")


HOSTILE_TEXT = (
    "Prices rose in May 2023.[1] <script>document.title='pwned'</script> "
    "<img src=x onerror=\"document.title='pwned'\"> </style><style>body{display:none}</style> "
    "\x1b[2J\x1b]0;title\x07 \u202eevil\u202c end.[2]\n\n"
    '[1] Wire, 2 June 2023. javascript:alert(1) https://example.org/a"onmouseover="x\n'
    '[2] Wire, 3 June 2023. <a href="javascript:alert(1)">x</a>\n'
)
HOSTILE_MD = (
    "# <script>alert(1)</script>\n\nPrices rose.[^<b>x</b>] A [link](javascript:alert(1)).\n\n"
    "[^<b>x</b>]: <img src=x onerror=alert(1)> <svg onload=alert(1)></svg> 2 June 2023.\n"
)
HOSTILE_HTML = (
    "<html><body><p>Prices rose in 2023.<sup><a href='#n1' onclick='alert(1)'>1</a></sup>"
    "<script>alert(1)</script><style>*{display:none}</style></p>"
    "<ol><li id='n1'><iframe src='javascript:alert(1)'></iframe>Wire, 2 June 2023 "
    "&lt;script&gt;alert(2)&lt;/script&gt;</li></ol></body></html>"
)


def test_a_hostile_document_is_only_text_on_the_page(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(HOSTILE_TEXT)
    (tmp_path / "b.md").write_text(HOSTILE_MD)
    (tmp_path / "c.html").write_text(HOSTILE_HTML)
    (tmp_path / "<script>alert(1)<").mkdir()
    (tmp_path / "<script>alert(1)<" / "d.txt").write_text(HOSTILE_TEXT)
    _, page, text = check_html(tmp_path, str(tmp_path))
    assert len(page.cssselect("script")) == 1 and len(page.cssselect("style")) == 1
    assert not page.cssselect("img, iframe, svg svg, [onerror], [onload], [onclick]")
    for element in page.iter():
        assert not any(name.startswith("on") for name in element.attrib)
    for link in page.cssselect("a[href]"):
        assert link.get("href").startswith(("#", "http://", "https://")), link.get("href")
    assert "\x1b" not in text and "\\x1b[2J" in text  # terminal escapes shown, not sent
    body = page.cssselect("main")[0].text_content()
    assert "<script>document.title='pwned'</script>" in body  # the text, as text
    urls = [a.get("href") for a in page.cssselect("a.url")]
    assert urls and all('"' not in u and " " not in u for u in urls)


@pytest.mark.parametrize(
    ("path", "place"),
    [
        ("text/grain-memo.txt", "line"),
        ("markdown/footnotes.md", "line"),
        ("html/pandoc.html", "line"),
        ("rst/report.rst", "line"),
        ("office/notes.docx", "paragraph"),
        ("office/notes.odt", "paragraph"),
        ("epub/river.epub", "line"),
    ],
)
def test_every_format_shows_its_markers_and_notes(tmp_path: Path, path: str, place: str) -> None:
    source = FIXTURES / path
    _, page, _ = check_html(tmp_path, str(source))
    _, report = check_json(str(source))
    (entry,) = report["files"]
    assert entry["error"] is None
    assert len(page.cssselect("a.marker")) == entry["markers"] > 0
    notes = page.cssselect("div.source[data-at], li.note[data-at]")
    assert len(notes) == entry["footnotes"] > 0
    places = " ".join(e.text_content() for e in page.cssselect(".text .ln, .source .ln"))
    if place == "paragraph":
        assert "¶" in places and "paragraph " in places
    else:
        assert "paragraph" not in places
    if path.endswith(".epub"):  # each chapter under its own heading
        assert page.cssselect("h3.part")


def test_show_gives_one_file_without_filters(tmp_path: Path) -> None:
    draft = EXAMPLES / "energy-security-draft.txt"
    done = footcheck("show", str(draft), "--format", "html")
    assert done.returncode == 0
    page = lxml.html.fromstring(done.stdout)
    assert not page.cssselect("#filters")
    (section,) = page.cssselect("section.file")
    assert section.get("data-path") == str(draft)
    assert page.cssselect("li.finding") and page.cssselect("a.marker")
    assert footcheck("show", str(EXAMPLES), "--format", "html").returncode == 2
    missing = footcheck("show", str(tmp_path / "gone.txt"), "--format", "html")
    assert missing.returncode == 2
    assert "Could not be checked" in lxml.html.fromstring(missing.stdout).text_content()


def test_with_scripts_off_nothing_is_hidden_but_the_filters(tmp_path: Path) -> None:
    _, page, _ = check_html(tmp_path, str(EXAMPLES))
    hidden = [e for e in page.iter() if e.get("hidden") is not None]
    assert [e.get("id") for e in hidden] == ["filters"]
    assert not page.cssselect("details[open]")  # the folded lists are the summary's own
    assert page.cssselect("noscript")


def test_pages_come_back_from_the_cache(tmp_path: Path) -> None:
    drafts = tmp_path / "drafts"
    shutil.copytree(EXAMPLES, drafts)
    cache = tmp_path / "cache"

    def html(fmt: str = "html") -> str:
        out = tmp_path / f"out.{fmt}"
        footcheck("check", str(drafts), "--format", fmt, "-o", str(out), "--cache-dir", str(cache))
        return out.read_text(encoding="utf-8")

    html("json")  # results cached without pages: an HTML run must draw them
    first = html()
    assert len(lxml.html.fromstring(first).cssselect("a.marker")) > 20
    entries = list(cache.rglob("*.pages"))
    assert entries
    second = html()
    assert second == first
    for entry in entries:  # a damaged page entry is a miss, never a broken page
        entry.write_text('{"stamp": 1}')
    assert html() == first


def test_a_document_that_cannot_be_drawn_keeps_its_findings() -> None:
    def broken(ctx: object, findings: object) -> str:
        raise ValueError("boom")

    config = replace(resolve(FileSettings(), CommandLine(no_cache=True)), unit_page=broken)
    result = run([str(EXAMPLES / "energy-security-draft.txt")], config, parsers.parse)
    (file,) = result.files
    assert file.findings and file.error is None
    assert file.pages is not None
    assert b"internal error drawing this document" in file.pages[0][1]


def finding(line: int, column: int, code: str = "DT001", claim: str | None = None) -> Finding:
    rule = lookup(code)
    assert rule is not None
    location = Location(line, column)
    return Finding(code, rule.name, Severity.ERROR, "m", "a.txt", location, claim=claim)


def test_placing_puts_badges_at_their_exact_place_only() -> None:
    fragment = (
        b'<a class="marker" id="f1u0m0" href="#f1u0m0c">1</a>'
        b'<a class="marker" id="f1u0m1" href="#f1u0m1c">2</a>'
        b'<li class="card" data-at="3:5" id="f1u0m0c"><a class="label" href="#">[1]</a>'
        b'<div class="source" data-at="9:1" id="f1u0n0">note</div></li>'
        b'<li class="card" data-at="3:9" id="f1u0m1c"><a class="label" href="#">[2]</a></li>'
    )
    found = [
        (0, finding(3, 5, claim="They met <b>")),
        (1, finding(9, 1, "DT002")),
        (2, finding(40, 1)),
        (3, finding(3, 1, "DT003")),  # a whole paragraph's: never on a marker of its line
    ]
    placed_bytes, targets = placed(fragment, found, "f1")
    html = placed_bytes.decode()
    assert targets == {0: "f1u0m0c", 1: "f1u0n0"}
    assert 'class="marker flagged" id="f1u0m0"' in html
    assert 'class="marker" id="f1u0m1"' in html  # not flagged
    assert html.index('data-finding="f1x0"') > html.index("[1]</a>")  # after the label
    assert "They met &lt;b&gt;" in html
    assert html.index('data-finding="f1x1"') > html.index('id="f1u0n0"')
    assert 'data-finding="f1x2"' not in html and 'data-finding="f1x3"' not in html


def test_placing_many_findings_places_each_once() -> None:
    cards = b"".join(
        b'<a class="marker" id="dm%d" href="#">1</a>'
        b'<li class="card" data-at="%d:1" id="dm%dc"><a class="label" href="#">[1]</a></li>'
        % (i, i, i)
        for i in range(20_000)
    )
    found = [(i, finding(i, 1)) for i in range(20_000)]
    page, targets = placed(cards, found, "f1")  # one pass over the fragment (bench/: speed)
    assert len(targets) == 20_000 and page.count(b"marker flagged") == 20_000
    assert page.count(b'class="badge') == 20_000


def test_every_rule_is_documented_on_the_page() -> None:
    section = lxml.html.fromstring(rules_section(RULES, {"DT001"}))
    articles = section.cssselect("article.rule")
    assert articles[0].get("id") == "rule-DT001"
    assert len(articles) == len(RULES)
    dt001 = articles[0]
    assert [h.text_content() for h in dt001.cssselect("h4")][:2] == [
        "What it does",
        "Why is this bad?",
    ]
    assert "September 7, 2022" in dt001.cssselect("pre")[0].text_content()
    fn004 = section.cssselect("#rule-FN004")[0]
    assert re.search(r"<code>\[N\]</code>", lxml.html.tostring(fn004, encoding="unicode"))


def test_with_no_report_date_the_timeline_draws_the_event_the_rule_compared(
    tmp_path: Path,
) -> None:
    draft = tmp_path / "undated.txt"
    draft.write_text(
        "The meeting took place on 3 May 2023 and 5 June 2031.[1]\n\n[1] Source A, 3 May 2022.\n"
    )
    done = footcheck("show", str(draft), "--format", "html")
    page = lxml.html.fromstring(done.stdout)
    (row,) = page.cssselect("svg.tl a.tl-row.tl-dt001")
    title = row.cssselect("title")[0].text_content()
    assert "claim 2023-05-03" in title and "2031" not in title


def test_a_bidi_override_in_a_document_is_shown_not_obeyed(tmp_path: Path) -> None:
    draft = tmp_path / "x\u202eevil.txt"
    draft.write_text(
        "Prices rose on 2 June 2023.[1]\n\n[1] Energy Daily \u202ehello world, 7 June 2023.\n"
    )
    _, page, text = check_html(tmp_path, str(draft))
    assert "\u202e" not in text
    assert "Energy Daily \\u202ehello world" in page.text_content()


def test_a_cache_entry_holding_markup_of_its_own_is_drawn_again(tmp_path: Path) -> None:
    drafts = tmp_path / "drafts"
    shutil.copytree(EXAMPLES, drafts)
    cache = tmp_path / "cache"
    out = tmp_path / "page.html"
    args = ("check", str(drafts), "--format", "html", "-o", str(out), "--cache-dir", str(cache))
    footcheck(*args)
    first = out.read_text(encoding="utf-8")
    for entry in cache.rglob("*.pages"):
        stored = json.loads(entry.read_text(encoding="utf-8"))
        for page in stored["result"]:
            page[1] = '<meta http-equiv="refresh" content="1;url=file:///x">' + page[1]
            page[1] += '<a href="javascript:alert(1)">ok</a><p style="x">All notes verified</p>'
        entry.write_text(json.dumps(stored), encoding="utf-8")
    footcheck(*args)
    again = out.read_text(encoding="utf-8")
    assert "refresh" not in again and "All notes verified" not in again
    assert again == first


def test_trusted_fragments_are_footchecks_own_markup() -> None:
    from footcheck.footnotes.report.html.fragment import trusted

    assert trusted(b'<p class="para"><span class="ln">3</span>a &amp; b &lt;c&gt;</p>')
    assert trusted(b'<a class="url" href="https://x.org/a?b=1">https://x.org/a?b=1</a>')
    for hostile in (
        b"<script>x</script>",
        b'<a href="javascript:x">y</a>',
        b'<p onclick="x">y</p>',
        b'<p style="color:red">y</p>',
        b"<meta http-equiv=refresh>",
        b"a < b",
        b"a &nbsp b",
        b'<svg xmlns="http://evil.example/"></svg>',
    ):
        assert not trusted(hostile), hostile


def test_the_baseline_s_findings_are_not_drawn(tmp_path: Path) -> None:
    draft = EXAMPLES / "energy-security-draft.txt"
    base = tmp_path / "base.json"
    footcheck("check", str(draft), "--write-baseline", str(base), "--no-cache")
    out = tmp_path / "page.html"
    footcheck("check", str(draft), "--baseline", str(base), "--format", "html", "-o", str(out))
    page = page_of(out)
    assert not page.cssselect("li.finding") and not page.cssselect("svg.tl, a.badge")


def test_two_documents_of_one_path_keep_their_ids_apart(tmp_path: Path) -> None:
    draft = tmp_path / "a.txt"
    draft.write_text(HOSTILE_TEXT)
    out = tmp_path / "page.html"
    footcheck(
        "check",
        "-",
        str(draft),
        "--stdin-name",
        str(draft),
        "--format",
        "html",
        "-o",
        str(out),
        stdin=HOSTILE_TEXT,
    )
    ids = [e.get("id") for e in page_of(out).iter() if e.get("id")]
    assert len(ids) == len(set(ids)) and len(page_of(out).cssselect("section.file")) == 2


def test_the_page_says_what_it_counts(tmp_path: Path) -> None:
    _, page, _ = check_html(tmp_path, str(FIXTURES / "epub" / "river.epub"), str(EXAMPLES))
    text = page.text_content()
    assert "1 markers" not in text and "1 notes" not in text
    assert "1 errors" not in text and "1 warnings" not in text and "1 infos" not in text
    # A book file's chapters are one file in "Findings by rule".
    _, report = check_json(str(FIXTURES / "epub" / "river.epub"), str(EXAMPLES))
    for row in page.cssselect("table.by-rule tbody tr"):
        code = row.cssselect("td")[0].text_content()
        files = {f["path"].split(":", 1)[0] for f in report["findings"] if f["code"] == code}
        assert int(row.cssselect("td.n")[1].text_content()) == len(files)
    # A second definition is said to be one, not "cited nowhere".
    survey = page.cssselect('section.file[data-path$="housing-survey-review.md"]')[0]
    assert "defined again" in survey.text_content()


def test_a_file_that_could_not_be_checked_says_so(tmp_path: Path) -> None:
    (tmp_path / "broken.docx").write_bytes(b"PK\x03\x04 not a zip")
    _, page, _ = check_html(tmp_path, str(tmp_path))
    (section,) = page.cssselect("section.file")
    assert "not checked" in section.cssselect(".counts")[0].text_content()
    assert section.cssselect("p.error")
    assert not page.cssselect("aside.legend")  # no timeline, no legend


def test_show_writes_every_format_to_its_output(tmp_path: Path) -> None:
    draft = EXAMPLES / "energy-security-draft.txt"
    for fmt in ("console", "json", "html"):
        out = tmp_path / f"show.{fmt}"
        assert footcheck("show", str(draft), "--format", fmt, "-o", str(out)).returncode == 0
        assert "Energy Daily" in out.read_text(encoding="utf-8")
    missing = footcheck("check", str(draft), "--format", "html", "-o", str(tmp_path / "no/x"))
    assert missing.returncode == 2 and "cannot write" in missing.stderr
    assert not list(tmp_path.glob(".footcheck-*"))


def test_a_document_whose_id_another_has_is_renamed() -> None:
    from footcheck.footnotes.report.html.document import unit_id
    from footcheck.footnotes.report.html.page import _own_ids

    prefix = unit_id("a.txt")
    fragment = f'<a class="marker" id="{prefix}m0" href="#{prefix}n0">1</a>{prefix}'.encode()
    seen: set[str] = set()
    assert _own_ids(fragment, "a.txt", "f1u0", seen) == fragment
    renamed = _own_ids(fragment, "a.txt", "f2u0", seen).decode()
    assert 'id="f2u0m0"' in renamed and 'href="#f2u0n0"' in renamed
    assert renamed.endswith(prefix)  # text that happens to spell the id is left alone


def test_a_drawing_failure_s_words_are_escaped() -> None:
    def broken(ctx: object, findings: object) -> str:
        raise ValueError("<script>alert(1)</script>")

    class Broken:
        cacheable = True
        draw = staticmethod(broken)

        def trusts(self, fragment: bytes) -> bool:
            return True

    config = replace(resolve(FileSettings(), CommandLine(no_cache=True)), unit_page=Broken())
    result = run([str(EXAMPLES / "energy-security-draft.txt")], config, parsers.parse)
    (file,) = result.files
    assert file.pages is not None
    assert b"<script>" not in file.pages[0][1] and b"&lt;script&gt;" in file.pages[0][1]
