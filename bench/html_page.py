"""What the HTML report costs: writing it (against the same run's JSON), and opening and
filtering it in a browser (issue 15).

    .venv/bin/python bench/html_page.py /tmp/footcheck-bench/corpus    # 2000 reports
    .venv/bin/python bench/html_page.py examples --repeat 1

Times `footcheck check FOLDER --no-cache --format json` and `--format html --output`
taking turns (`--repeat` each, median; the ratio is what writing the page adds), then
opens the page in headless Chromium (tests/browser.py: Chromium and ChromeDriver
needed) and reads the browser's own clocks: the navigation up to the load event
(parsing, style, layout of what is on screen, the script run), then a rule chosen in
the filter bar, a severity turned off, and a search typed, each timed from the event
to the next frame drawn. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent

# Runs one filter change in the page and resolves with the milliseconds it took to the
# next frame drawn.
TIMED_CHANGE = """
const [selector, value, done] = [arguments[0], arguments[1], arguments[arguments.length - 1]];
const element = document.querySelector(selector);
const start = performance.now();
if (element.type === 'checkbox') { element.checked = !element.checked; }
else { element.value = value; }
element.dispatchEvent(new Event(element.type === 'search' ? 'input' : 'change'));
const wait = element.type === 'search' ? 400 : 0;
setTimeout(() => requestAnimationFrame(() => requestAnimationFrame(() =>
  done([performance.now() - start - wait,
        document.getElementById('filter-count').textContent]))), wait);
"""


def harness() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "footcheck_browser", ROOT / "tests" / "browser.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def footcheck() -> str:
    found = shutil.which("footcheck", path=os.path.dirname(sys.executable))
    if found is None:
        sys.exit("footcheck is not installed next to this Python")
    return found


def timed(argv: list[str]) -> tuple[float, float]:
    """Wall time and CPU time (user and system, the process and its workers)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1):
        sys.exit(f"{' '.join(argv)} exited {done.returncode}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def writing(folder: Path, page: Path, repeat: int) -> None:
    tool = footcheck()
    json_run = [tool, "check", str(folder), "--no-cache", "--format", "json"]
    html_run = [tool, "check", str(folder), "--no-cache", "--format", "html", "-o", str(page)]
    timed(json_run)  # warm the disk and the start-up cache
    runs: dict[str, list[tuple[float, float]]] = {"json": [], "html": []}
    for _ in range(repeat):
        runs["json"].append(timed(json_run))
        runs["html"].append(timed(html_run))
    medians = {}
    for fmt, found in runs.items():
        wall = statistics.median(t for t, _ in found)
        cpu = statistics.median(c for _, c in found)
        medians[fmt] = (wall, cpu)
        listed = ", ".join(f"{t:.2f}" for t, _ in found)
        print(f"check --format {fmt}: {wall:.2f} s wall, {cpu:.2f} s CPU   (runs: {listed})")
    wall_ratio = medians["html"][0] / medians["json"][0] - 1
    cpu_ratio = medians["html"][1] / medians["json"][1] - 1
    print(
        f"writing the page adds {100 * wall_ratio:+.0f}% wall time, {100 * cpu_ratio:+.0f}% CPU"
        f" (page {page.stat().st_size / 1e6:.1f} MB)"
    )


def browsing(page: Path) -> None:
    browser_module = harness()
    found = browser_module.find_browser()
    if found is None:
        sys.exit("headless Chromium not installed (apt-get install chromium chromium-driver)")
    with browser_module.Browser(*found, timeout=120) as browser:
        start = time.perf_counter()
        browser.open(page)
        opened = time.perf_counter() - start
        loaded = browser.execute(
            "const t = performance.getEntriesByType('navigation')[0];"
            "return [t.domContentLoadedEventEnd, t.loadEventEnd,"
            " document.querySelectorAll('li.finding').length,"
            " document.querySelectorAll('a.marker').length]"
        )
        print(
            f"open: {opened:.2f} s to the load event as the test sees it; the browser's clock: "
            f"DOM ready {loaded[0] / 1000:.2f} s, loaded {loaded[1] / 1000:.2f} s "
            f"({loaded[2]} findings, {loaded[3]} markers)"
        )
        code = browser.execute(
            "const o = document.querySelector('#filter-rule option:nth-child(2)');"
            "return o ? o.value : ''"
        )
        for title, selector, value in (
            (f"rule {code}", "#filter-rule", code),
            ("every rule again", "#filter-rule", ""),
            ("warnings off", '.filter-severity[value="warning"]', ""),
            ("search 'year typo'", "#filter-search", "year typo"),
            ("search cleared", "#filter-search", ""),
        ):
            took, count = browser.execute_async(TIMED_CHANGE, selector, value)
            print(f"filter, {title}: {took / 1000:.2f} s ({count})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--page", type=Path, help="keep the page here (default: a temp file)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as scratch:
        page = args.page or Path(scratch) / "report.html"
        writing(args.folder, page, args.repeat)
        browsing(page)
    return 0


if __name__ == "__main__":
    sys.exit(main())
