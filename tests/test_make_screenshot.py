"""scripts/make_screenshot.py: it runs this environment's footcheck for the report page (a
stand-in footcheck here, until `--format html` exists), takes the top of the page as a PNG,
and exits 1 when the page logged errors."""

from __future__ import annotations

import importlib.util
import struct
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from tests.browser import Browser

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "make_screenshot.py"

FAKE_FOOTCHECK = """
import json, pathlib, sys
pathlib.Path(sys.argv[1]).write_text(json.dumps(sys.argv[2:]))
out = pathlib.Path(sys.argv[sys.argv.index("--output") + 1])
out.write_text("<!doctype html><style>body{margin:0}</style><div style='height:5000px'>r</div>")
sys.exit(1)  # findings, as on examples/
"""


def load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_screenshot_under_test", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_the_report_is_rendered_by_footcheck_and_its_top_taken(
    browser: Browser, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    script = load_script()
    argv_file = tmp_path / "argv.json"
    fake = tmp_path / "fake_footcheck.py"
    fake.write_text(FAKE_FOOTCHECK, encoding="utf-8")
    monkeypatch.setattr(
        script, "footcheck_command", lambda: [sys.executable, str(fake), str(argv_file)]
    )
    out = tmp_path / "docs" / "report.png"
    assert script.main(["--output", str(out)]) == 0
    assert argv_file.read_text()[:56] == '["check", "examples", "--format", "html", "--output", "/'
    assert png_size(out) == (1280, 2400)


def test_a_short_page_is_taken_down_to_its_end(browser: Browser, tmp_path: Path) -> None:
    page = tmp_path / "short.html"
    page.write_text("<!doctype html><style>body{margin:0}</style><div style='height:300px'>")
    out = tmp_path / "short.png"
    assert load_script().main(["--html", str(page), "--output", str(out)]) == 0
    assert png_size(out) == (1280, 300)


def test_errors_the_page_logs_fail_the_run(
    browser: Browser, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = tmp_path / "broken.html"
    page.write_text(
        "<!doctype html><meta http-equiv='Content-Security-Policy' content=\"script-src 'none'\">"
        "<p>broken</p><script>document.title = 'ran'</script>"
    )
    out = tmp_path / "broken.png"
    assert load_script().main(["--html", str(page), "--output", str(out)]) == 1
    assert "Content Security Policy" in capsys.readouterr().err
    assert out.is_file()


def test_a_footcheck_that_fails_stops_the_script(tmp_path: Path) -> None:
    script = load_script()
    with pytest.raises(SystemExit, match=r"failed \(exit 2\)"):
        script.render_report(["nowhere-at-all"], tmp_path / "report.html")


def test_the_footcheck_run_is_this_environments() -> None:
    command = load_script().footcheck_command()
    done = subprocess.run([*command, "--version"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and "0." in done.stdout
