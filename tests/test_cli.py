"""The command line end to end, through the installed `footcheck` entry point."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from footcheck import __version__

FOOTCHECK = shutil.which("footcheck", path=os.path.dirname(sys.executable)) or shutil.which(
    "footcheck"
)

CLEAN = """\
Turnout in the 2022 election reached 61 percent.[1] The count ended on 3 June 2022.[2]

[1] Electoral Commission, final report, 10 June 2022.
[2] National Broadcaster, 4 June 2022.
"""

FAULTY = """\
The envoys met on September 7, 2023.[1] A deal followed.[3]

[1] Capital Herald, September 7, 2022.
[2] Capital Herald, September 7, 2022.
"""

CLEAN_MD = """\
---
date: 2024-03-01
---
# Water report

Reservoirs were full in January 2024.[^res]

[^res]: Water Board, bulletin, 2 February 2024.
"""


def footcheck(
    *args: str, stdin: str | None = None, env: dict[str, str] | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    assert FOOTCHECK, "the footcheck entry point is not installed in this environment"
    full_env = {**os.environ, "NO_COLOR": "1", **(env or {})}
    return subprocess.run(
        [FOOTCHECK, *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
        env=full_env,
        cwd=cwd,
    )


@pytest.fixture
def drafts(tmp_path: Path) -> Path:
    folder = tmp_path / "drafts"
    (folder / "nested").mkdir(parents=True)
    (folder / "clean.txt").write_text(CLEAN)
    (folder / "nested" / "faulty.txt").write_text(FAULTY)
    (folder / "water.md").write_text(CLEAN_MD)
    (folder / "notes.docx.txt").write_bytes(b"PK\x03\x04\x00\x00binary\x00junk")
    (folder / "ignored.csv").write_text("a,b\n1,2\n")
    return folder


def test_clean_file_exits_0(tmp_path: Path) -> None:
    report = tmp_path / "clean.txt"
    report.write_text(CLEAN)
    run = footcheck("check", str(report))
    assert run.returncode == 0, run.stdout + run.stderr
    assert "No problems in 1 file checked." in run.stdout


def test_faulty_file_exits_1_and_explains(tmp_path: Path) -> None:
    report = tmp_path / "faulty.txt"
    report.write_text(FAULTY)
    run = footcheck("check", str(report))
    assert run.returncode == 1
    out = run.stdout
    assert "DT001" in out and "probably a year typo" in out
    assert "claim  The envoys met on September 7, 2023." in out
    assert "note   [1] Capital Herald, September 7, 2022." in out
    assert "CT001" in out and "cite [1] again instead" in out
    assert "FN001" in out and "FN002" in out  # [3] has no note; [2] is cited nowhere
    assert "Traceback" not in run.stderr


def test_json_contract_on_a_folder_of_good_faulty_and_unreadable_files(drafts: Path) -> None:
    run = footcheck("check", str(drafts), "--format", "json")
    assert run.returncode == 2, run.stderr  # a file could not be checked
    out = json.loads(run.stdout)
    assert out["tool"] == {"name": "footcheck", "version": __version__}
    paths = [f["path"] for f in out["files"]]
    base = str(drafts)
    assert paths == [
        os.path.join(base, "clean.txt"),
        os.path.join(base, "nested", "faulty.txt"),
        os.path.join(base, "notes.docx.txt"),
        os.path.join(base, "water.md"),
    ]
    by_path = {f["path"]: f for f in out["files"]}
    for entry in out["files"]:
        assert set(entry) >= {"path", "format", "report_date", "markers", "footnotes", "error"}
    broken = by_path[os.path.join(base, "notes.docx.txt")]
    assert broken["error"] and "\n" not in broken["error"]
    assert "please report" not in broken["error"]  # refused by its reader, not a reader's bug
    assert by_path[os.path.join(base, "water.md")] == {
        "path": os.path.join(base, "water.md"),
        "format": "markdown",
        "report_date": "2024-03-01",
        "markers": 1,
        "footnotes": 1,
        "error": None,
    }
    faulty = [f for f in out["findings"] if f["path"].endswith("faulty.txt")]
    keys = {
        "path",
        "line",
        "column",
        "code",
        "rule",
        "severity",
        "message",
        "footnote",
        "related",
        "claim_date",
        "source_date",
    }
    for f in out["findings"]:
        assert keys <= set(f)
    dt001 = next(f for f in faulty if f["code"] == "DT001")
    expected = {
        "line": 1,
        "column": 37,
        "rule": "source-predates-claim",
        "severity": "error",
        "footnote": "1",
        "related": [],
        "claim_date": "2023-09-07",
        "source_date": "2022-09-07",
    }
    assert {key: dt001[key] for key in expected} == expected
    ct001 = next(f for f in faulty if f["code"] == "CT001")
    assert (ct001["footnote"], ct001["related"]) == ("2", ["1"])
    summary = out["summary"]
    assert summary["files"] == 4 and summary["checked"] == 3 and summary["failed"] == 1
    assert summary["errors"] == sum(1 for f in out["findings"] if f["severity"] == "error")


def test_fail_on_error_ignores_warnings(tmp_path: Path) -> None:
    report = tmp_path / "r.txt"
    report.write_text("A claim.[1]\n\n[1] Source, 2020.\n[2] Unused source, 2021.\n")
    assert footcheck("check", str(report)).returncode == 1
    assert footcheck("check", str(report), "--fail-on", "error").returncode == 0


def test_info_never_fails(tmp_path: Path) -> None:
    report = tmp_path / "r.txt"
    report.write_text("A claim.[1]\n\n[1] Interview with the mayor.\n")
    run = footcheck("check", str(report), "--format", "json")
    assert run.returncode == 0
    assert [f["code"] for f in json.loads(run.stdout)["findings"]] == ["DT004"]


def test_select_and_ignore(tmp_path: Path) -> None:
    report = tmp_path / "faulty.txt"
    report.write_text(FAULTY)

    def found(*args: str) -> set[str]:
        run = footcheck("check", str(report), "--format", "json", *args)
        return {f["code"] for f in json.loads(run.stdout)["findings"]}

    assert found("--select", "DT001") == {"DT001"}
    assert found("--select", "duplicate-citation") == {"CT001"}
    assert found("--select", "FN", "--ignore", "FN001") == {"FN002", "FN004"}
    assert "DT001" not in found("--ignore", "DT")
    # Given empty (an unset variable in a CI script), an option is not given.
    assert found("--select", "") == found() == found("--ignore", " , ")
    assert {"DT001", "CT001", "FN001"} <= found("--select", "")


def test_unknown_rule_is_a_usage_error(tmp_path: Path) -> None:
    report = tmp_path / "r.txt"
    report.write_text(CLEAN)
    run = footcheck("check", str(report), "--select", "XX999")
    assert run.returncode == 2
    assert "XX999" in run.stderr


def test_missing_path_is_reported_and_others_still_checked(tmp_path: Path) -> None:
    report = tmp_path / "faulty.txt"
    report.write_text(FAULTY)
    run = footcheck("check", str(tmp_path / "nope.txt"), str(report), "--format", "json")
    assert run.returncode == 2
    out = json.loads(run.stdout)
    assert out["files"][0]["error"]
    assert out["files"][1]["error"] is None
    assert any(f["code"] == "DT001" for f in out["findings"])


def test_stdin_with_format_and_name() -> None:
    run = footcheck(
        "check",
        "-",
        "--stdin-format",
        "markdown",
        "--stdin-name",
        "draft.md",
        "--format",
        "json",
        stdin=CLEAN_MD,
    )
    assert run.returncode == 0, run.stdout
    out = json.loads(run.stdout)
    assert out["files"][0]["path"] == "draft.md"
    assert out["files"][0]["format"] == "markdown"


def test_report_date_option(tmp_path: Path) -> None:
    report = tmp_path / "r.txt"
    report.write_text("Rates rose in 2023.[1]\n\n[1] Central Bank, March 2024.\n")
    run = footcheck("check", str(report), "--report-date", "2024-02-01", "--format", "json")
    assert run.returncode == 1
    out = json.loads(run.stdout)
    assert out["files"][0]["report_date"] == "2024-02-01"
    assert [f["code"] for f in out["findings"]] == ["DT002"]
    bad = footcheck("check", str(report), "--report-date", "2024-02-30")
    assert bad.returncode == 2


def test_show_json_lists_markers_and_notes(tmp_path: Path) -> None:
    report = tmp_path / "faulty.txt"
    report.write_text(FAULTY)
    run = footcheck("show", str(report), "--format", "json")
    assert run.returncode == 0
    out = json.loads(run.stdout)
    assert out["format"] == "text" and out["error"] is None
    assert [(m["label"], m["line"], m["column"]) for m in out["markers"]] == [
        ("1", 1, 37),
        ("3", 1, 57),
    ]
    assert out["markers"][0]["claim"] == "The envoys met on September 7, 2023."
    assert out["markers"][0]["claim_dates"] == ["2023-09-07"]
    assert [n["label"] for n in out["notes"]] == ["1", "2"]
    assert out["notes"][0]["source_date"] == "2022-09-07"


def test_show_console_table(tmp_path: Path) -> None:
    report = tmp_path / "faulty.txt"
    report.write_text(FAULTY)
    run = footcheck("show", str(report), env={"COLUMNS": "160"})
    assert run.returncode == 0
    assert "Markers and the claims they support" in run.stdout
    assert "Capital Herald" in run.stdout and "(no note)" in run.stdout


def test_show_unreadable_file_is_one_line(tmp_path: Path) -> None:
    junk = tmp_path / "junk.txt"
    junk.write_bytes(b"\x00\x01\x02" * 100)
    run = footcheck("show", str(junk), "--format", "json")
    assert run.returncode == 2
    assert json.loads(run.stdout)["error"].startswith("binary file")


def test_rules_and_explain() -> None:
    rules = footcheck("rules")
    assert rules.returncode == 0
    for code in ("FN001", "FN005", "CT001", "DT001", "DT004"):
        assert code in rules.stdout
    explained = footcheck("explain", "DT001")
    assert explained.returncode == 0
    assert "source-predates-claim" in explained.stdout and "Use instead" in explained.stdout
    assert footcheck("explain", "duplicate-citation").returncode == 0
    assert footcheck("explain", "ZZ1").returncode == 2


def test_document_text_is_not_read_as_markup_or_escapes(tmp_path: Path) -> None:
    report = tmp_path / "r.txt"
    report.write_text("A claim.[1]\n\n[1] Interview with [bold red]Evil\x1b[2J source.\n")
    for env in ({"FORCE_COLOR": "1", "NO_COLOR": ""}, {}):
        run = footcheck("check", str(report), env=env)
        assert "DT004" in run.stdout  # the finding that shows the note's text
        assert "\x1b[2J" not in run.stdout
        assert "Interview with [bold red]Evil\\x1b[2J source." in run.stdout


def test_no_colour_when_not_a_terminal(tmp_path: Path) -> None:
    report = tmp_path / "r.txt"
    report.write_text(FAULTY)
    run = footcheck("check", str(report), env={"NO_COLOR": ""})
    assert "\x1b[" not in run.stdout


def test_formats_not_read_yet_are_named_not_guessed(tmp_path: Path) -> None:
    page = tmp_path / "page.pdf"
    page.write_bytes(b"%PDF-1.7 binary")
    plain = tmp_path / "README"
    plain.write_text(CLEAN)
    run = footcheck("check", str(page), str(plain), "--format", "json")
    assert run.returncode == 2
    files = json.loads(run.stdout)["files"]
    assert (files[0]["format"], files[0]["error"]) == (
        "pdf",
        "footcheck does not read PDF files yet",
    )
    assert (files[1]["format"], files[1]["error"]) == ("text", None)


def test_summary_does_not_call_a_failed_run_clean(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(CLEAN)
    run = footcheck("check", str(good), str(tmp_path / "missing.txt"))
    assert run.returncode == 2
    assert "No problems in 1 file checked; 1 file could not be checked." in run.stdout


def test_show_lists_markers_inside_notes(tmp_path: Path) -> None:
    report = tmp_path / "r.md"
    report.write_text("Claim.[^a]\n\n[^a]: Source, 2020; see also[^b].\n[^b]: Other, 2021.\n")
    out = json.loads(footcheck("show", str(report), "--format", "json").stdout)
    assert [(m["label"], m.get("in_note")) for m in out["markers"]] == [("a", None), ("b", "a")]


def test_a_file_over_the_size_limit_is_refused_in_one_line(tmp_path: Path) -> None:
    from footcheck.footnotes.runner import run
    from footcheck.footnotes.settings import Config
    from footcheck.parsers import parse

    big = tmp_path / "big.txt"
    big.write_text("Claim.[1]\n\n[1] Source, 2020.\n" + "x" * 5000)
    result = run([str(big)], Config(max_bytes=1000), parse)
    assert result.files[0].error is not None
    assert result.files[0].error.startswith("too large")
    assert result.exit_code == 2


def test_a_file_named_twice_is_checked_once(tmp_path: Path) -> None:
    report = tmp_path / "r.txt"
    report.write_text(FAULTY)
    other_way = os.path.join(str(tmp_path), ".", "r.txt")
    out = json.loads(footcheck("check", str(report), other_way, "--format", "json").stdout)
    assert len(out["files"]) == 1


def test_select_all_and_ignore_by_name(tmp_path: Path) -> None:
    report = tmp_path / "faulty.txt"
    report.write_text(FAULTY)
    run = footcheck(
        "check",
        str(report),
        "--format",
        "json",
        "--select",
        "ALL",
        "--ignore",
        "source-predates-claim",
    )
    codes = {f["code"] for f in json.loads(run.stdout)["findings"]}
    assert "DT001" not in codes and {"CT001", "FN001", "FN002"} <= codes


def test_report_date_outside_plausible_years_is_a_usage_error(tmp_path: Path) -> None:
    report = tmp_path / "r.txt"
    report.write_text(CLEAN)
    assert footcheck("check", str(report), "--report-date", "0001-01-01").returncode == 2


def test_broken_office_files_fail_alone(tmp_path: Path) -> None:
    import io
    import zipfile

    folder = tmp_path / "drafts"
    folder.mkdir()
    (folder / "a-good.txt").write_text(FAULTY)
    (folder / "b-not-a-zip.docx").write_bytes(b"this is not a zip")
    no_part = io.BytesIO()
    with zipfile.ZipFile(no_part, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
    (folder / "c-no-content.odt").write_bytes(no_part.getvalue())
    bad_xml = io.BytesIO()
    with zipfile.ZipFile(bad_xml, "w") as archive:
        archive.writestr("word/document.xml", "<w:document><unclosed>")
    (folder / "d-bad-xml.docx").write_bytes(bad_xml.getvalue())
    (folder / "e-page.html").write_text("<p>Claim.<sup>1</sup>")
    run = footcheck("check", str(folder), "--format", "json")
    assert run.returncode == 2
    out = json.loads(run.stdout)
    errors = {Path(f["path"]).name: f["error"] for f in out["files"]}
    assert errors["a-good.txt"] is None and errors["e-page.html"] is None
    for name in ("b-not-a-zip.docx", "c-no-content.odt", "d-bad-xml.docx"):
        assert errors[name] and "\n" not in errors[name], name
        assert "please report" not in errors[name], errors[name]  # not a reader's bug
    assert any(f["code"] == "DT001" for f in out["findings"])
    assert "Traceback" not in run.stderr


def test_undecodable_file_names_give_valid_json(tmp_path: Path) -> None:
    name = os.fsdecode(b"bad\xff name.txt")
    (tmp_path / name).write_text(CLEAN)
    run = subprocess.run(
        [str(FOOTCHECK), "check", str(tmp_path), "--format", "json"],
        capture_output=True,
        timeout=60,
        env={**os.environ, "NO_COLOR": "1"},
    )
    assert run.returncode == 0
    out = json.loads(run.stdout.decode("utf-8"))
    assert out["files"][0]["path"].endswith("bad\ufffd name.txt")
