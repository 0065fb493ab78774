"""Make the README's picture of the HTML report: docs/report.png.

Runs `footcheck check examples --format html` (the footcheck console script next to this
Python, as installed in its venv), opens the page in headless Chromium through the test
harness (tests/browser.py, loaded by its path) in a window 1280 pixels wide, and saves the
top of the page (2400 pixels at most; down to the end of its body when shorter) as a PNG:

    .venv/bin/python scripts/make_screenshot.py                 # writes docs/report.png
    .venv/bin/python scripts/make_screenshot.py --output /tmp/report.png

Needs Chromium and ChromeDriver (apt-get install chromium chromium-driver). Messages the
page logs as errors (a script its CSP refused, an exception) are printed and make the exit
status 1: the picture of a broken page is still written, for a look.
"""

from __future__ import annotations

import argparse
import importlib.util
import shutil
import struct
import subprocess
import sys
import tempfile
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tests.browser import Browser

ROOT = Path(__file__).resolve().parent.parent
HARNESS = ROOT / "tests" / "browser.py"


def load_harness() -> ModuleType:
    """tests/browser.py as a module of its own (the tests folder is not a package)."""
    spec = importlib.util.spec_from_file_location("footcheck_browser_harness", HARNESS)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def footcheck_command() -> list[str]:
    """The footcheck of this Python's environment: its console script, else the module."""
    beside = Path(sys.executable).parent / "footcheck"
    if beside.is_file():
        return [str(beside)]
    found = shutil.which("footcheck")
    if found:
        return [found]
    return [sys.executable, "-c", "from footcheck.cli import main; main()"]


def render_report(paths: list[str], out: Path) -> None:
    """Write footcheck's HTML report of the paths (exit 1, findings, is expected)."""
    command = [*footcheck_command(), "check", *paths, "--format", "html", "--output", str(out)]
    done = subprocess.run(
        command, cwd=ROOT, capture_output=True, text=True, timeout=300, check=False
    )
    if done.returncode not in (0, 1) or not out.is_file():
        sys.exit(
            f"make_screenshot: {' '.join(command)} failed (exit {done.returncode}):\n"
            f"{done.stderr.strip() or done.stdout.strip()}"
        )


def png_size(path: Path) -> tuple[int, int]:
    width, height = struct.unpack(">II", path.read_bytes()[16:24])
    return width, height


def take(page: Path, output: Path, width: int, max_height: int) -> list[str]:
    """Save the top of the page as a PNG; return the page's console errors."""
    harness = load_harness()
    browser_class: type[Browser] = harness.Browser
    with browser_class(window=(width, 900)) as browser:
        browser.open(page)
        browser.wait_for("return document.fonts.status === 'loaded'", timeout=10)
        # Down to the end of the body, not the rest of a window a short page leaves empty.
        bottom: int = browser.execute(
            "const b = document.body, style = getComputedStyle(b);"
            "return Math.ceil(b.getBoundingClientRect().bottom + parseFloat(style.marginBottom));"
        )
        output.parent.mkdir(parents=True, exist_ok=True)
        browser.screenshot(output, full_page=True, max_height=max(1, min(bottom, max_height)))
        return browser.console_errors()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--output", type=Path, default=ROOT / "docs" / "report.png", help="the PNG to write"
    )
    parser.add_argument("--width", type=int, default=1280, help="window width in pixels")
    parser.add_argument(
        "--max-height", type=int, default=2400, help="crop the page to its top this many pixels"
    )
    parser.add_argument("paths", nargs="*", default=["examples"], help="what footcheck checks")
    # A page to take instead of footcheck's report (to try the script on any HTML file).
    parser.add_argument("--html", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    harness = load_harness()
    if harness.find_browser() is None:
        sys.exit(
            "make_screenshot: Chromium not installed (apt-get install chromium chromium-driver)"
        )
    with tempfile.TemporaryDirectory(prefix="footcheck-screenshot-") as tmp:
        page = args.html
        if page is None:
            page = Path(tmp) / "report.html"
            render_report(args.paths, page)
        errors = take(page, args.output, args.width, args.max_height)
    width, height = png_size(args.output)
    print(f"{args.output}: {width}x{height}")
    for message in errors:
        print(f"make_screenshot: the page logged an error: {message}", file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
