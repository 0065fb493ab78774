"""reST end to end: `footcheck check` and `show` on reST files, as a user runs them."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from tests.test_cli import footcheck

FIXTURES = Path(__file__).parent / "fixtures" / "rst"


def test_check_json_on_a_faulty_report_exits_1() -> None:
    done = footcheck("check", "--no-cache", "--format", "json", str(FIXTURES / "report.rst"))
    assert done.returncode == 1, done.stderr
    assert done.stderr == ""
    result = json.loads(done.stdout)
    (file,) = result["files"]
    assert (file["format"], file["markers"], file["footnotes"], file["error"]) == (
        "rst",
        16,
        18,
        None,
    )
    assert file["report_date"] == "2024-03-15"
    found = [(f["code"], f["footnote"], f["line"], f["column"]) for f in result["findings"]]
    assert found == [
        ("FN004", "4", 26, 48),
        ("DT001", "5", 28, 40),
        ("FN001", "9", 45, 12),
        ("FN002", "10", 51, 1),
        ("FN002", "3", 69, 1),
    ]


def test_a_pep_in_a_txt_file_is_checked_as_rst_and_passes(tmp_path: Path) -> None:
    pep = tmp_path / "pep-9901.txt"
    shutil.copy(FIXTURES / "pep-9901.txt", pep)
    done = footcheck("check", "--no-cache", "--format", "json", str(pep))
    assert done.returncode == 0, done.stdout  # infos only: notes dated after Created are fine
    result = json.loads(done.stdout)
    assert result["files"][0]["format"] == "rst"
    assert {f["severity"] for f in result["findings"]} == {"info"}


def test_a_folder_finds_rst_and_rest_files(tmp_path: Path) -> None:
    (tmp_path / "a.rst").write_text("Claim [1]_.\n\n.. [1] Office, 2020.\n")
    (tmp_path / "b.rest").write_text("Claim [2]_.\n")
    done = footcheck("check", "--no-cache", "--format", "json", str(tmp_path))
    result = json.loads(done.stdout)
    assert [(f["path"].rsplit("/", 1)[-1], f["format"]) for f in result["files"]] == [
        ("a.rst", "rst"),
        ("b.rest", "rst"),
    ]
    assert [(f["code"], f["footnote"]) for f in result["findings"]] == [("FN001", "2")]
    assert done.returncode == 1


def test_hostile_input_is_one_line_in_the_files_error(tmp_path: Path) -> None:
    deep = tmp_path / "deep.rst"
    deep.write_text("".join(" " * i + "x\n\n" for i in range(300)))
    done = footcheck("check", "--no-cache", "--format", "json", str(deep))
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    (file,) = json.loads(done.stdout)["files"]
    assert file["error"].startswith("reStructuredText nested too deeply")


def test_no_docutils_configuration_file_is_read(tmp_path: Path) -> None:
    # Were it read, this one would halt docutils on its first message and write them out.
    (tmp_path / "docutils.conf").write_text(
        "[general]\nhalt_level: 1\nreport_level: 1\nwarning_stream: warnings.log\n"
    )
    (tmp_path / "a.rst").write_text("Bad *emphasis [1]_.\n\n.. unknown:: x\n\n.. [1] Note, 2020.\n")
    done = footcheck(
        "check", "--no-cache", "--format", "json", "a.rst",
        cwd=tmp_path, env={"DOCUTILSCONFIG": str(tmp_path / "docutils.conf")},
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    assert json.loads(done.stdout)["files"][0]["error"] is None
    assert not (tmp_path / "warnings.log").exists()


def test_show_lists_markers_inside_notes_and_unlinked_markers() -> None:
    done = footcheck("show", "--format", "json", str(FIXTURES / "report.rst"))
    assert done.returncode == 0, done.stderr
    shown = json.loads(done.stdout)
    assert shown["format"] == "rst"
    assert {"label": "13", "in_note": "11"}.items() <= next(
        m for m in shown["markers"] if m.get("in_note")
    ).items()
    unlinked = [m for m in shown["markers"] if m.get("scope")]
    assert [(m["label"], m["line"]) for m in unlinked] == [("9", 45)]


def test_importing_the_cli_does_not_import_docutils() -> None:
    script = "import sys, footcheck.cli; print('docutils' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.stdout.strip() == "False", done.stderr
