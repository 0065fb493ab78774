"""The HTML report in a real browser (headless Chromium, tests/browser.py).

The page of `examples/` holds every finding and marker once its script has run, its
own style and script pass its Content-Security-Policy (no refusal in the console),
the filters narrow what is shown, and a hostile document runs nothing and changes
nothing of the page beyond its own text. Skipped, with a line in the summary, where
Chromium is not installed.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.browser import Browser
from tests.test_cli import footcheck

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"

pytestmark = pytest.mark.browser

SHOWN = """
return Array.from(document.querySelectorAll(arguments[0]))
  .filter(e => !e.closest('[hidden]'))
  .map(e => e.dataset.code || e.dataset.file || e.id);
"""


@pytest.fixture(scope="module")
def examples_page(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:  # type: ignore[type-arg]
    folder = tmp_path_factory.mktemp("page")
    page = folder / "report.html"
    done = footcheck("check", str(EXAMPLES), "--format", "html", "-o", str(page), "--no-cache")
    assert done.returncode == 1, done.stderr
    report = json.loads(footcheck("check", str(EXAMPLES), "--format", "json").stdout)
    return page, report


def test_every_finding_and_marker_is_there_and_the_policy_refuses_nothing(
    browser: Browser,
    examples_page: tuple[Path, dict],  # type: ignore[type-arg]
    tmp_path: Path,
) -> None:
    page, report = examples_page
    browser.open(page)
    found = browser.execute(
        "return {findings: Array.from(document.querySelectorAll('li.finding'),"
        " e => [e.dataset.code, e.querySelector('.msg').textContent]),"
        " markers: document.querySelectorAll('a.marker').length,"
        " bar: document.getElementById('filters').hidden,"
        " count: document.getElementById('filter-count').textContent,"
        " rows: document.querySelectorAll('svg.tl a.tl-row').length}"
    )
    assert sorted(code for code, _ in found["findings"]) == sorted(
        f["code"] for f in report["findings"]
    )
    for code, message in found["findings"]:
        assert any(
            f["code"] == code and f["message"].startswith(message) for f in report["findings"]
        )
    assert found["markers"] == sum(f["markers"] for f in report["files"])
    assert found["bar"] is False  # the script ran: the filters are shown
    total = len(report["findings"])
    assert found["count"] == f"{total} of {total} findings shown"
    assert found["rows"] > 0
    assert browser.console_errors() == []  # the style and the script passed the policy
    shot = browser.screenshot(tmp_path / "page.png", full_page=True, max_height=3000)
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_the_filters_narrow_the_findings_and_the_files(
    browser: Browser,
    examples_page: tuple[Path, dict],  # type: ignore[type-arg]
) -> None:
    page, report = examples_page
    browser.open(page)
    every = browser.execute(SHOWN, "li.finding")
    assert len(every) == len(report["findings"])

    browser.click(browser.find('#filter-rule option[value="DT001"]'))
    assert browser.execute(SHOWN, "li.finding") == ["DT001"]
    (path,) = {f["path"] for f in report["findings"] if f["code"] == "DT001"}
    sections = browser.execute(
        "return Array.from(document.querySelectorAll('section.file'))"
        ".filter(e => !e.hidden).map(e => e.dataset.path)"
    )
    assert sections == [path]
    badges = browser.execute(
        "return Array.from(document.querySelectorAll('a.badge'))"
        ".filter(e => !e.hidden && !e.closest('[hidden]')).map(e => e.textContent)"
    )
    assert badges == ["DT001"]  # the others' badges are hidden with their findings

    browser.click(browser.find('#filter-rule option[value=""]'))
    for level in ("error", "warning"):
        browser.click(browser.find(f'.filter-severity[value="{level}"]'))
    infos = sorted(f["code"] for f in report["findings"] if f["severity"] == "info")
    assert sorted(browser.execute(SHOWN, "li.finding")) == infos
    for level in ("error", "warning"):
        browser.click(browser.find(f'.filter-severity[value="{level}"]'))

    search = browser.find("#filter-search")
    browser.send_keys(search, "year typo")
    browser.wait_for(
        "return document.getElementById('filter-count').textContent.startsWith('1 of')"
    )
    assert browser.execute(SHOWN, "li.finding") == ["DT001"]
    browser.clear(search)
    browser.send_keys(search, " ")  # an input event after clear(), which sends none
    total = len(report["findings"])
    browser.wait_for(
        "return document.getElementById('filter-count').textContent.startsWith(arguments[0])",
        f"{total} of",
    )

    first = browser.execute("return document.querySelector('section.file').dataset.file")
    browser.click(browser.find(f'#filter-file option[value="{first}"]'))
    shown_files = browser.execute(
        "return Array.from(document.querySelectorAll('section.file'))"
        ".filter(e => !e.hidden).map(e => e.dataset.file)"
    )
    assert shown_files == [first]


HOSTILE = (
    "Prices rose in May 2023.[1] <script>window.pwned = 1; document.title = 'pwned'</script>"
    ' <img src=x onerror="window.pwned = 2"> <svg onload="window.pwned = 3"></svg>'
    " </style><style>body{display:none}</style> \u202eevil\u202c"
    ' <a href="javascript:window.pwned=4">click</a>.[2]\n\n'
    "[1] Wire, 2 June 2023. <script>window.pwned = 5</script>\n"
    '[2] Wire, 3 June 2023. <iframe src="javascript:window.pwned=6"></iframe>\n'
)
HOSTILE_MD = (
    "# <script>window.pwned = 7</script>\n\n"
    "Prices rose.[^<img src=x onerror=window.pwned=8>]\n\n"
    "[^<img src=x onerror=window.pwned=8>]: <b onmouseover=window.pwned=9>Wire</b>, 2 June 2023.\n"
)


def test_a_hostile_document_runs_nothing_and_keeps_the_layout(
    browser: Browser, tmp_path: Path
) -> None:
    (tmp_path / "hostile.txt").write_text(HOSTILE)
    (tmp_path / "hostile.md").write_text(HOSTILE_MD)
    page = tmp_path / "report.html"
    footcheck("check", str(tmp_path), "--format", "html", "-o", str(page), "--no-cache")
    browser.open(page)
    state = browser.execute(
        "document.querySelectorAll('a, .marker, .card, .note').forEach(e => {"
        " e.dispatchEvent(new MouseEvent('mouseover', {bubbles: true})); });"
        "return {pwned: window.pwned === undefined ? null : window.pwned,"
        " title: document.title, scripts: document.scripts.length,"
        " display: getComputedStyle(document.body).display,"
        " injected: document.querySelectorAll("
        "  'img, iframe, svg svg, [onerror], [onload], [onmouseover], [onclick]').length,"
        " text: document.querySelector('main').textContent}"
    )
    assert state["pwned"] is None
    assert state["title"].startswith("footcheck report")
    assert state["scripts"] == 1 and state["display"] == "block" and state["injected"] == 0
    assert "<script>window.pwned = 1;" in state["text"]  # shown as the text it is
    assert browser.console_errors() == []  # and nothing was even attempted
