"""The headless-Chromium harness (tests/browser.py) on pages written here: a click, typing
into a filter, a meta CSP that the browser enforces, screenshots of the expected size and
content, the console log, errors that raise, nothing left running after close, and
find_browser's search. The tests that take the `browser` fixture (tests/conftest.py) are
marked `browser` and skipped without Chromium."""

from __future__ import annotations

import base64
import hashlib
import html
import os
import signal
import struct
import time
import zlib
from pathlib import Path

import pytest

from tests.browser import Browser, BrowserError, Element, WebDriverError, find_browser

CLICK_SCRIPT = """
document.getElementById("go").addEventListener("click", () => {
  document.getElementById("out").textContent = "clicked";
});
"""

FILTER_SCRIPT = """
const box = document.getElementById("q");
function filter() {
  const q = box.value.toLowerCase();
  for (const li of document.querySelectorAll("li")) {
    li.hidden = !li.textContent.toLowerCase().includes(q);
  }
}
box.addEventListener("input", filter);
box.addEventListener("change", filter);  // WebDriver's clear fires change, not input
"""

# Runs first, when its hash is in the CSP: records that it ran and what was refused.
HASHED_SCRIPT = """
document.body.dataset.hashed = "ran";
document.addEventListener("securitypolicyviolation", (e) => {
  document.body.dataset.refused = e.violatedDirective;
});
"""
UNHASHED_SCRIPT = 'document.body.dataset.unhashed = "ran";'


def csp_hash(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode()).digest()).decode() + "'"


def write_page(
    folder: Path, body: str, scripts: list[str], *, allowed: list[str] | None = None
) -> Path:
    """A page with a strict meta CSP that allows the `allowed` scripts (default: all
    `scripts`) by hash; allowed=[] and no CSP at all differ: see the CSP test."""
    hashes = " ".join(csp_hash(s) for s in (scripts if allowed is None else allowed))
    csp = "default-src 'none'; style-src 'unsafe-inline'; script-src " + (hashes or "'none'")
    tags = "".join(f"<script>{s}</script>" for s in scripts)
    path = folder / f"page-{len(list(folder.glob('page-*.html')))}.html"
    path.write_text(
        "<!doctype html><html><head><meta charset='utf-8'>"
        f"<meta http-equiv='Content-Security-Policy' content=\"{html.escape(csp)}\">"
        f"<title>harness</title></head><body>{body}{tags}</body></html>",
        encoding="utf-8",
    )
    return path


def png_size_and_first_pixel(data: bytes) -> tuple[int, int, tuple[int, ...]]:
    """Width, height and the top-left pixel of an 8-bit RGB(A) PNG (that pixel is stored
    as is whatever the first row's filter, having no neighbour above or to the left)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height, depth, colour = struct.unpack(">IIBB", data[16:26])
    assert data[12:16] == b"IHDR" and depth == 8 and colour in (2, 6)
    idat, pos = b"", 8
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        if data[pos + 4 : pos + 8] == b"IDAT":
            idat += data[pos + 8 : pos + 8 + length]
        pos += 12 + length
    channels = 3 if colour == 2 else 4
    row = zlib.decompressobj().decompress(idat, 1 + channels)
    return width, height, tuple(row[1 : 1 + channels])


def test_a_click_changes_the_text(browser: Browser, tmp_path: Path) -> None:
    page = write_page(tmp_path, "<button id=go>Go</button><p id=out>before</p>", [CLICK_SCRIPT])
    browser.open(page)
    assert browser.text(browser.find("#out")) == "before"
    browser.click(browser.find("#go"))
    assert browser.text(browser.find("#out")) == "clicked"
    assert browser.console_errors() == []


def test_typing_filters_the_list_and_clearing_restores_it(browser: Browser, tmp_path: Path) -> None:
    items = "".join(f"<li>{w}</li>" for w in ("Energy", "Grain", "Harbour", "Green energy"))
    page = write_page(tmp_path, f"<input id=q><ul>{items}</ul>", [FILTER_SCRIPT])
    browser.open(page)
    visible = "return [...document.querySelectorAll('li')].filter(li => !li.hidden)"
    box = browser.find("#q")
    browser.send_keys(box, "ENER")
    shown = browser.execute(visible)
    assert all(isinstance(e, Element) for e in shown)
    assert [browser.text(e) for e in shown] == ["Energy", "Green energy"]
    assert [browser.text(e) for e in browser.find_all("li")] == ["Energy", "", "", "Green energy"]
    browser.clear(box)
    assert browser.execute("return arguments[0].value", box) == ""
    assert len(browser.execute(visible)) == 4


def test_the_meta_csp_runs_the_hashed_script_and_blocks_the_other(
    browser: Browser, tmp_path: Path
) -> None:
    scripts = [HASHED_SCRIPT, UNHASHED_SCRIPT]
    data = "return Object.assign({}, document.body.dataset)"
    browser.open(write_page(tmp_path, "<p>csp</p>", scripts, allowed=[HASHED_SCRIPT]))
    browser.wait_for("return document.body.dataset.refused")
    assert browser.execute(data) == {"hashed": "ran", "refused": "script-src-elem"}
    assert any("Content Security Policy" in m for m in browser.console_errors())
    # With both hashes allowed, both run: what blocked the second was its missing hash.
    browser.open(write_page(tmp_path, "<p>csp</p>", scripts))
    assert browser.execute(data) == {"hashed": "ran", "unhashed": "ran"}
    assert browser.console_errors() == []


def test_screenshots_are_pngs_of_the_viewport_or_the_page(browser: Browser, tmp_path: Path) -> None:
    body = "<style>body{margin:0;background:#c81e32}</style><div style='height:3000px'></div>"
    browser.open(write_page(tmp_path, body, []))
    assert browser.execute("return [innerWidth, innerHeight]") == [1280, 900]
    red = (200, 30, 50)
    shot = browser.screenshot(tmp_path / "viewport.png")
    assert png_size_and_first_pixel(shot.read_bytes()) == (1280, 900, red)
    full = browser.screenshot(tmp_path / "full.png", full_page=True)
    assert png_size_and_first_pixel(full.read_bytes()) == (1280, 3000, red)
    top = browser.screenshot(tmp_path / "top.png", full_page=True, max_height=1600)
    assert png_size_and_first_pixel(top.read_bytes())[:2] == (1280, 1600)
    # The capture beyond the viewport leaves the viewport as it was.
    assert browser.execute("return [innerWidth, innerHeight]") == [1280, 900]


def test_values_and_elements_go_both_ways(browser: Browser, tmp_path: Path) -> None:
    browser.open(write_page(tmp_path, "<p id=a class=x>one</p><p class=x>two</p>", []))
    assert browser.execute("return arguments[0] + arguments[1]", 2, 3) == 5
    assert browser.execute("return arguments[0]", {"k": [1, "b", None]}) == {"k": [1, "b", None]}
    first = browser.find(".x")
    assert browser.execute("return arguments[0].id", first) == "a"
    assert browser.execute("return {all: document.querySelectorAll('.x')}")["all"] == (
        browser.find_all(".x")
    )
    assert browser.find_all(".missing") == []


def test_errors_in_the_page_raise(browser: Browser, tmp_path: Path) -> None:
    browser.open(write_page(tmp_path, "<p>x</p>", []))
    with pytest.raises(WebDriverError) as raised:
        browser.execute("throw new Error('broken on purpose')")
    assert raised.value.error == "javascript error" and "broken on purpose" in raised.value.message
    with pytest.raises(WebDriverError, match="no such element"):
        browser.find("#nowhere")
    with pytest.raises(BrowserError, match="timed out"):
        browser.wait_for("return false", timeout=0.2)


def test_console_errors_are_the_open_pages_own(browser: Browser, tmp_path: Path) -> None:
    browser.open(write_page(tmp_path, "<p>1</p>", ["console.error('first page')"]))
    second = ["console.info('second page info'); console.error('second page')"]
    browser.open(write_page(tmp_path, "<p>2</p>", second))
    errors = browser.console_errors()
    assert len(errors) == 1 and "second page" in errors[0]
    assert browser.console_errors() == []  # read once
    browser.execute("console.warn('a warning'); console.error('an error')")
    log = browser.browser_log()
    assert [e["level"] for e in log] == ["WARNING", "SEVERE"]
    assert "a warning" in log[0]["message"] and "an error" in log[1]["message"]


def test_close_leaves_nothing_running(browser: Browser) -> None:
    """Its own Browser (the fixture's is in use): after close, no process of its group
    and none naming its throwaway folder, which is gone."""
    from tests.browser import _alive, _processes_naming

    client = Browser()
    work = client._work
    pid = client.driver_pid
    assert pid is not None
    with client:
        client.open("about:blank")
        started = _processes_naming(str(work))
        assert len(started) >= 2  # the driver's log path, Chromium's profile
    assert client.driver_pid is None
    assert not _alive(pid, group=True)
    assert not [p for p in started if _alive(p)]
    assert not work.exists()
    with pytest.raises(BrowserError, match="closed"):
        client.execute("return 1")
    client.close()  # twice is fine


def test_close_after_the_driver_died_ends_the_orphaned_browser(browser: Browser) -> None:
    """Chromium outlives a killed ChromeDriver: close() ends it all the same."""
    from tests.browser import _alive, _processes_naming

    client = Browser()
    with client:
        assert client.driver_pid is not None
        os.kill(client.driver_pid, signal.SIGKILL)
        time.sleep(0.5)
        orphans = [p for p in _processes_naming(str(client._work)) if _alive(p)]
        assert orphans  # Chromium, still running
    assert not [p for p in orphans if _alive(p)]


def fake_program(folder: Path, name: str, body: str) -> Path:
    path = folder / name
    path.write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
    path.chmod(0o755)
    return path


def test_a_driver_that_fails_or_never_answers_fails_fast(tmp_path: Path) -> None:
    dead = fake_program(tmp_path, "dead-driver", "exit 3")
    began = time.monotonic()
    with pytest.raises(BrowserError, match="ChromeDriver did not start"):
        Browser("/bin/false", str(dead), start_timeout=10)
    assert time.monotonic() - began < 5  # three tries, each ended when the driver exits
    pidfile = tmp_path / "pid"
    mute = fake_program(tmp_path, "mute-driver", f"echo $$ > {pidfile}; exec sleep 60")
    began = time.monotonic()
    with pytest.raises(BrowserError, match="ChromeDriver did not start"):
        Browser("/bin/false", str(mute), start_timeout=1)
    assert time.monotonic() - began < 5
    with pytest.raises(ProcessLookupError):
        os.kill(int(pidfile.read_text()), 0)


def test_a_browser_that_does_not_start_fails_fast(browser: Browser) -> None:
    """The real ChromeDriver with a "browser" that exits at once: an error naming Chromium,
    with the end of the driver's log, in well under the start timeout."""
    found = find_browser()
    assert found is not None
    began = time.monotonic()
    with pytest.raises(BrowserError, match="Chromium did not start") as raised:
        Browser("/bin/false", found[1], start_timeout=30)
    assert time.monotonic() - began < 10
    assert "chromedriver log:" in str(raised.value)


def test_find_browser_reads_the_variables_then_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bin_dir, other = tmp_path / "bin", tmp_path / "other"
    bin_dir.mkdir()
    other.mkdir()
    monkeypatch.setenv("PATH", str(bin_dir))
    monkeypatch.delenv("FOOTCHECK_CHROMIUM", raising=False)
    monkeypatch.delenv("FOOTCHECK_CHROMEDRIVER", raising=False)
    assert find_browser() is None
    chromium = fake_program(bin_dir, "chromium", "exit 0")
    assert find_browser() is None  # no driver
    driver = fake_program(bin_dir, "chromedriver", "exit 0")
    assert find_browser() == (str(chromium), str(driver))
    mine = fake_program(other, "my-chrome", "exit 0")
    monkeypatch.setenv("FOOTCHECK_CHROMIUM", str(mine))
    assert find_browser() == (str(mine), str(driver))
    monkeypatch.setenv("FOOTCHECK_CHROMEDRIVER", str(other / "absent"))
    assert find_browser() is None  # a variable that names nothing is not overridden by PATH
