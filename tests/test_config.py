"""The configuration loader: discovery, every key, every error, rule codes, globs, provenance."""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

import pytest

from footcheck.footnotes.model import PartialDate, Severity
from footcheck.footnotes.rules import RULES
from footcheck.footnotes.settings import (
    KEYS,
    CommandLine,
    ConfigError,
    FileSettings,
    Origin,
    describe,
    find_config,
    load_config,
    load_for,
    matches,
    resolve,
    rule_codes,
)
from footcheck.footnotes.settings.values import DEFAULT_MAX_FILE_SIZE, BookEntry

ALL_CODES = frozenset(r.code for r in RULES)


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def pyproject(folder: Path, body: str) -> Path:
    return write(folder / "pyproject.toml", "[tool.footcheck]\n" + textwrap.dedent(body))


def dotfile(folder: Path, body: str) -> Path:
    return write(folder / ".footcheck.toml", body)


# --- discovery ---------------------------------------------------------------------------


def test_nothing_found(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    # tmp_path's parents (/tmp, /) are not expected to hold footcheck configuration.
    assert find_config(tmp_path / "a" / "b") is None
    settings = load_for(tmp_path / "a" / "b")
    assert settings == FileSettings()
    assert settings.path is None and settings.root is None and settings.present == frozenset()


def test_found_in_a_parent_from_a_nested_folder_and_from_a_file(tmp_path: Path) -> None:
    config = pyproject(tmp_path, 'select = ["DT"]\n')
    deep = tmp_path / "a" / "b" / "c"
    deep.mkdir(parents=True)
    report = write(deep / "report.md", "text\n")
    assert find_config(deep) == config
    assert find_config(report) == config
    assert find_config(tmp_path) == config


def test_a_file_starts_from_its_own_folder(tmp_path: Path) -> None:
    outer = dotfile(tmp_path, "")
    inner = dotfile(tmp_path / "sub", "")
    assert find_config(tmp_path / "sub" / "report.md") == inner  # need not exist
    assert find_config(tmp_path / "report.md") == outer


def test_nearest_folder_wins(tmp_path: Path) -> None:
    pyproject(tmp_path, 'select = ["DT"]\n')
    nearer = pyproject(tmp_path / "sub", 'select = ["FN"]\n')
    assert find_config(tmp_path / "sub" / "x") == nearer
    assert load_for(tmp_path / "sub").select == frozenset(
        {"FN001", "FN002", "FN003", "FN004", "FN005", "FN006"}
    )


def test_pyproject_without_the_table_is_passed_over(tmp_path: Path) -> None:
    outer = pyproject(tmp_path, 'fail-on = "error"\n')
    write(tmp_path / "sub" / "pyproject.toml", '[project]\nname = "x"\n[tool.ruff]\nx = 1\n')
    assert find_config(tmp_path / "sub") == outer


def test_subtable_of_tool_footcheck_counts_as_having_the_table(tmp_path: Path) -> None:
    config = write(tmp_path / "pyproject.toml", "[tool.footcheck.severity]\nDT004 = 'error'\n")
    assert find_config(tmp_path) == config
    assert load_config(config).severity == {"DT004": Severity.ERROR}


def test_dotfile_preferred_in_the_same_folder(tmp_path: Path) -> None:
    pyproject(tmp_path, 'fail-on = "error"\n')
    chosen = dotfile(tmp_path, 'fail-on = "warning"\n')
    assert find_config(tmp_path) == chosen
    assert load_for(tmp_path).fail_on is Severity.WARNING


def test_nearer_pyproject_beats_farther_dotfile(tmp_path: Path) -> None:
    dotfile(tmp_path, "")
    nearer = pyproject(tmp_path / "sub", "")
    assert find_config(tmp_path / "sub") == nearer


def test_malformed_pyproject_on_the_way_is_an_error(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", "[tool.footcheck\n")
    with pytest.raises(ConfigError, match=r"pyproject\.toml: invalid TOML"):
        find_config(tmp_path / "sub")


def test_relative_start_is_resolved_against_the_cwd(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = dotfile(tmp_path, "")
    (tmp_path / "docs").mkdir()
    monkeypatch.chdir(tmp_path / "docs")
    assert find_config(Path(".")) == config
    assert find_config(Path("report.md")) == config


# --- every key ----------------------------------------------------------------------------


def test_every_key_parsed_and_normalised(tmp_path: Path) -> None:
    config = pyproject(
        tmp_path,
        """
        select = ["DT", "FN001", "duplicate-citation"]
        ignore = ["DT004"]
        severity = {DT004 = "warning", "duplicate-citation" = "ERROR"}
        fail-on = "error"
        include = ["./drafts/**/*.md"]
        exclude = ["drafts/archive/**"]
        per-file-ignores = {"drafts/legacy/*.txt" = ["FN004", "empty-footnote"]}
        ignore-notes = [{path = "drafts/iraq.txt", rule = "CT001", note = "5"}]
        report-date = "2024-02-01"
        max-file-size = "50MB"
        books = [{name = "Annual report", files = ["report/ch*.md", "report/notes.md"]}]
        """,
    )
    s = load_config(config)
    assert s.path == config and s.root == tmp_path
    assert s.select == frozenset(
        {"DT001", "DT002", "DT003", "DT004", "DT005", "DT006", "FN001", "CT001"}
    )
    assert s.ignore == {"DT004"}
    assert dict(s.severity) == {"CT001": Severity.ERROR, "DT004": Severity.WARNING}
    assert s.fail_on is Severity.ERROR
    assert s.include == ("drafts/**/*.md",)
    assert s.exclude == ("drafts/archive/**",)
    assert s.per_file_ignores == (("drafts/legacy/*.txt", frozenset({"FN004", "FN005"})),)
    assert s.ignore_notes == (("drafts/iraq.txt", "CT001", "5"),)
    assert s.report_date == PartialDate(2024, 2, 1)
    assert s.max_file_size == 50 * 1024 * 1024 == DEFAULT_MAX_FILE_SIZE
    assert s.books == (
        BookEntry("Annual report", ("report/ch*.md", "report/notes.md"), merged=False),
    )
    assert s.present == frozenset(KEYS)


def test_same_keys_at_top_level_of_dotfile(tmp_path: Path) -> None:
    s = load_config(dotfile(tmp_path, 'ignore = ["FN"]\nreport-date = "2024-02"\n'))
    assert s.ignore == {"FN001", "FN002", "FN003", "FN004", "FN005", "FN006"}
    assert s.report_date == PartialDate(2024, 2)
    assert s.present == {"ignore", "report-date"}
    assert s.select is None and s.fail_on is None and s.max_file_size is None


def test_absent_keys_are_none_or_empty(tmp_path: Path) -> None:
    s = load_config(pyproject(tmp_path, ""))
    assert s.path is not None
    assert s == FileSettings(path=s.path, root=tmp_path)


def test_pyproject_named_directly_without_the_table_gives_empty_settings(tmp_path: Path) -> None:
    path = write(tmp_path / "pyproject.toml", "[project]\nname = 'x'\n")
    assert load_config(path) == FileSettings(path=path, root=tmp_path)


def test_snake_case_spellings(tmp_path: Path) -> None:
    s = load_config(
        pyproject(
            tmp_path,
            """
            fail_on = "warning"
            per_file_ignores = {"*.txt" = ["FN004"]}
            ignore_notes = [{path = "a.txt", rule = "undated-source", note = 3}]
            report_date = 2024-02-01
            max_file_size = 1024
            """,
        )
    )
    assert s.fail_on is Severity.WARNING
    assert s.per_file_ignores == (("*.txt", frozenset({"FN004"})),)
    assert s.ignore_notes == (("a.txt", "DT004", "3"),)  # a TOML date and an integer note too
    assert s.report_date == PartialDate(2024, 2, 1)
    assert s.max_file_size == 1024
    assert s.present == {
        "fail-on",
        "per-file-ignores",
        "ignore-notes",
        "report-date",
        "max-file-size",
    }


def test_empty_select_is_no_rules_not_every_rule(tmp_path: Path) -> None:
    assert load_config(dotfile(tmp_path, "select = []\n")).select == frozenset()


def test_select_all(tmp_path: Path) -> None:
    assert load_config(dotfile(tmp_path, 'select = ["ALL"]\n')).select == ALL_CODES


@pytest.mark.parametrize(
    ("text", "size"),
    [
        ("1", 1),
        ("12345", 12345),
        ('"50MB"', 50 * 1024**2),
        ('"50 mb"', 50 * 1024**2),
        ('"500KB"', 500 * 1024),
        ('"2KiB"', 2048),
        ('"1GB"', 1024**3),
        ('"1.5MB"', 1536 * 1024),
        ('"10M"', 10 * 1024**2),
        ('"100B"', 100),
        ('"100"', 100),
    ],
)
def test_max_file_size(tmp_path: Path, text: str, size: int) -> None:
    assert load_config(dotfile(tmp_path, f"max-file-size = {text}\n")).max_file_size == size


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ('"2024"', PartialDate(2024)),
        ('"2024-02"', PartialDate(2024, 2)),
        ('" 2024-02-29 "', PartialDate(2024, 2, 29)),
        ("2023-12-31", PartialDate(2023, 12, 31)),
    ],
)
def test_report_date(tmp_path: Path, text: str, date: PartialDate) -> None:
    assert load_config(dotfile(tmp_path, f"report-date = {text}\n")).report_date == date


def test_severity_more_specific_entry_wins(tmp_path: Path) -> None:
    s = load_config(
        dotfile(
            tmp_path,
            """
            [severity]
            ALL = "info"
            DT = "warning"
            DT00 = "error"
            undated-source = "info"
            """,
        )
    )
    expected = {code: Severity.INFO for code in ALL_CODES}
    expected.update({f"DT00{n}": Severity.ERROR for n in (1, 2, 3, 5, 6)})
    assert dict(s.severity) == expected
    assert list(s.severity) == [r.code for r in RULES]  # in the rules' order


def test_settings_helpers(tmp_path: Path) -> None:
    s = load_config(
        pyproject(
            tmp_path,
            """
            include = ["drafts/**/*.md"]
            exclude = ["drafts/archive/**"]
            per-file-ignores = {"*.md" = ["FN004"], "drafts/legacy/**" = ["DT"]}
            ignore-notes = [{path = "drafts/iraq.md", rule = "CT001", note = "5"}]
            """,
        )
    )
    root = tmp_path
    assert s.wants(str(root / "drafts" / "a" / "x.md"))
    assert not s.wants(str(root / "drafts" / "x.txt"))
    assert not s.wants(str(root / "drafts" / "archive" / "x.md"))
    assert not s.wants(str(root / "other" / "x.md"))
    assert s.ignores_for(str(root / "drafts" / "legacy" / "y.md")) == {
        "FN004",
        "DT001",
        "DT002",
        "DT003",
        "DT004",
        "DT005",
        "DT006",
    }
    assert s.ignores_for(str(root / "z.txt")) == frozenset()
    assert s.ignores_note(str(root / "drafts" / "iraq.md"), "CT001", "5")
    assert not s.ignores_note(str(root / "drafts" / "iraq.md"), "CT001", "6")
    assert not s.ignores_note(str(root / "drafts" / "iraq.md"), "FN001", "5")
    assert not s.ignores_note(str(root / "iraq.md"), "CT001", "5")


# --- errors ---------------------------------------------------------------------------------


BAD_VALUES = [
    ('selct = ["DT"]', "unknown key 'selct' (did you mean 'select'?)"),
    ("colour = true", "unknown key 'colour'"),
    ('select = ["XX9"]', "select: unknown rule 'XX9'"),
    ('select = "DT"', "select: expected an array of strings, got a string"),
    ("select = [1]", "select: expected an array of strings, found an integer"),
    ('ignore = ["DT", "nope"]', "ignore: unknown rule 'nope'"),
    ('severity = {DT004 = "fatal"}', "severity.DT004: expected 'error' or 'warning' or 'info'"),
    ("severity = {DT004 = 1}", "severity.DT004: expected"),
    ('severity = {XX1 = "info"}', "severity: unknown rule 'XX1'"),
    ('severity = "info"', "severity: expected a table"),
    (
        'severity = {DT004 = "info", undated-source = "error"}',
        "severity: 'DT004' and 'undated-source' give DT004 different severities",
    ),
    ('fail-on = "info"', "fail-on: expected 'error' or 'warning', got 'info'"),
    ('fail-on = "fatal"', "fail-on: expected 'error' or 'warning', got 'fatal'"),
    ("fail-on = 1", "fail-on: expected 'error' or 'warning', got an integer"),
    ('include = "*.md"', "include: expected an array of strings"),
    ('exclude = [""]', "exclude: empty glob ''"),
    ('exclude = ["../x"]', "exclude: glob '../x' leaves the config file's folder"),
    ('exclude = ["[z-a].md"]', "exclude: invalid glob '[z-a].md'"),
    ('per-file-ignores = ["x"]', "per-file-ignores: expected a table"),
    ('per-file-ignores = {"*.md" = "FN004"}', "per-file-ignores.'*.md': expected an array"),
    ('per-file-ignores = {"*.md" = ["ZZ"]}', "per-file-ignores.'*.md': unknown rule 'ZZ'"),
    ("ignore-notes = {}", "ignore-notes: expected an array of tables"),
    ('ignore-notes = ["x"]', "ignore-notes[0]: expected a table"),
    ('ignore-notes = [{path = "a", rule = "CT001"}]', "ignore-notes[0]: missing 'note'"),
    (
        'ignore-notes = [{path = "a", rule = "CT001", note = "1", lines = 2}]',
        "ignore-notes[0]: unknown key 'lines'",
    ),
    (
        'ignore-notes = [{path = "a", rule = "DT", note = "1"}]',
        "ignore-notes[0].rule: unknown rule 'DT' (one rule code or name",
    ),
    ('ignore-notes = [{path = 1, rule = "CT001", note = "1"}]', "ignore-notes[0].path: expected"),
    (
        'ignore-notes = [{path = "a", rule = "CT001", note = true}]',
        "ignore-notes[0].note: expected a note label",
    ),
    ('report-date = "2024-02-30"', "report-date: '2024-02-30' is not a date of the form"),
    ('report-date = "Feb 2024"', "report-date: 'Feb 2024' is not a date"),
    ('report-date = "1066"', "report-date: '1066' is not a date"),
    ("report-date = 2024", "report-date: expected a date YYYY-MM-DD, got an integer"),
    ("report-date = 2024-02-01T10:00:00", "report-date: expected a date (YYYY-MM-DD), got a date"),
    ('max-file-size = "big"', "max-file-size: 'big' is not a size"),
    ('max-file-size = "5TB"', "max-file-size: '5TB' is not a size"),
    ("max-file-size = 0", "max-file-size: expected a size above zero"),
    ("max-file-size = -5", "max-file-size: expected a size above zero"),
    ("max-file-size = true", "max-file-size: expected a number of bytes"),
    ("max-file-size = 1.5", "max-file-size: expected a number of bytes"),
    ('fail-on = "error"\nfail_on = "warning"', "both 'fail-on' and 'fail_on' given"),
    ('books = {files = ["a.md"]}', "books: expected an array of tables"),
    ('books = ["a.md"]', 'books[0]: expected a table {name = "...", files = ["..."]}'),
    ('books = [{name = "A"}]', "books[0]: missing 'files'"),
    ("books = [{files = []}]", "books[0].files: expected at least one file or glob"),
    ('books = [{files = ["a.md"], order = 1}]', "books[0]: unknown key 'order' (expected 'name',"),
    ('books = [{files = ["a.md"], merged = "yes"}]', "books[0].merged: expected true or false"),
    ('books = [{name = 1, files = ["a.md"]}]', "books[0].name: expected a string"),
]


@pytest.mark.parametrize(("body", "message"), BAD_VALUES)
def test_errors_name_the_file_table_and_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, body: str, message: str
) -> None:
    monkeypatch.chdir(tmp_path)
    pyproject(tmp_path, body + "\n")
    with pytest.raises(ConfigError) as info:
        load_for(tmp_path)
    text = str(info.value)
    assert "\n" not in text
    assert text.startswith("pyproject.toml: [tool.footcheck] "), text
    assert message in text, text


@pytest.mark.parametrize(("body", "message"), BAD_VALUES[:6])
def test_errors_in_a_dotfile_name_it(tmp_path: Path, body: str, message: str) -> None:
    path = dotfile(tmp_path / "sub", body + "\n")
    with pytest.raises(ConfigError) as info:
        load_config(path)
    text = str(info.value)
    # Outside the current folder: the absolute path.
    assert text.startswith(f"{path}: "), text
    assert message in text


def test_snake_case_keys_are_named_as_written(tmp_path: Path) -> None:
    path = dotfile(tmp_path, 'fail_on = "never"\n')
    with pytest.raises(ConfigError, match=r"fail_on: expected 'error' or 'warning'"):
        load_config(path)
    path = dotfile(tmp_path, 'fail_onn = "error"\n')
    with pytest.raises(ConfigError, match=r"unknown key 'fail_onn' \(did you mean 'fail_on'\?\)"):
        load_config(path)


def test_malformed_toml(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    dotfile(tmp_path, "select = [\n")
    with pytest.raises(ConfigError, match=r"^\.footcheck\.toml: invalid TOML: "):
        load_for(tmp_path)
    dotfile(tmp_path, 'fail-on = "error"\nfail-on = "warning"\n')
    with pytest.raises(ConfigError, match=r"^\.footcheck\.toml: invalid TOML: "):
        load_for(tmp_path)
    (tmp_path / ".footcheck.toml").write_bytes(b'fail-on = "\xff"\n')
    with pytest.raises(ConfigError, match=r"^\.footcheck\.toml: invalid TOML"):
        load_for(tmp_path)


def test_tool_footcheck_not_a_table(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "pyproject.toml", "[tool]\nfootcheck = 1\n")
    with pytest.raises(ConfigError, match=r"^pyproject\.toml: \[tool\.footcheck\] must be a table"):
        load_for(tmp_path)


def test_unreadable_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read"):
        load_config(tmp_path / "missing.toml")


# --- rule codes -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("values", "codes"),
    [
        ([], set()),
        (["FN001"], {"FN001"}),
        (["fn001"], {"FN001"}),
        (["missing-footnote"], {"FN001"}),
        (["Missing-Footnote"], {"FN001"}),
        (["DT"], {"DT001", "DT002", "DT003", "DT004", "DT005", "DT006"}),
        (["dt00"], {"DT001", "DT002", "DT003", "DT004", "DT005", "DT006"}),
        (
            ["FN00", "CT"],
            {"FN001", "FN002", "FN003", "FN004", "FN005", "FN006", "CT001", "CT002", "CT003"},
        ),
        (["F"], {"FN001", "FN002", "FN003", "FN004", "FN005", "FN006"}),
        (["ALL"], set(ALL_CODES)),
        (["all"], set(ALL_CODES)),
        (["DT001, unused-footnote", " ,CT001"], {"DT001", "FN002", "CT001"}),
        (["DT001", "DT"], {"DT001", "DT002", "DT003", "DT004", "DT005", "DT006"}),
    ],
)
def test_rule_codes(values: list[str], codes: set[str]) -> None:
    assert rule_codes(values, "--select") == codes


@pytest.mark.parametrize("value", ["XX", "FN9", "missing_footnote", "DT001x", "AL"])
def test_rule_codes_unknown(value: str) -> None:
    with pytest.raises(ConfigError) as info:
        rule_codes(["DT", value], "--ignore")
    assert str(info.value) == f"--ignore: unknown rule {value!r} (see `footcheck rules`)"


# --- globs ------------------------------------------------------------------------------


MATCH_TABLE = [
    # (path relative to root, glob, matches?)
    ("drafts/a.md", "drafts/**/*.md", True),
    ("drafts/x/y/a.md", "drafts/**/*.md", True),
    ("drafts/a.txt", "drafts/**/*.md", False),
    ("other/drafts/a.md", "drafts/**/*.md", False),
    ("drafts/x/a.md", "drafts/*.md", False),  # "*" does not cross folders
    ("drafts/a.md", "drafts/*.md", True),
    ("drafts/a.md", "drafts/*", True),
    ("a.md", "*.md", True),  # no "/": the basename at any depth
    ("deep/er/a.md", "*.md", True),
    ("deep/er/a.md.bak", "*.md", False),
    ("deep/notes.md", "notes.md", True),
    ("notes.md", "/notes.md", True),  # a leading "/" anchors at the root
    ("deep/notes.md", "/notes.md", False),
    ("a/notes.md", "a/notes.md", True),
    ("b/a/notes.md", "a/notes.md", False),  # a "/" in the middle anchors too
    ("drafts/archive/2020/x.md", "drafts/archive/**", True),
    ("drafts/archive", "drafts/archive/**", False),
    ("drafts/archive/x.md", "drafts/archive", True),  # a folder matches the files under it
    ("x/archive/y.md", "archive", True),
    ("x/archive", "archive/", False),  # a trailing "/": folders only
    ("x/archive/y.md", "archive/", True),
    ("a/b/c.md", "**/c.md", True),
    ("c.md", "**/c.md", True),
    ("a/b/c.md", "a/**/c.md", True),
    ("a/c.md", "a/**/c.md", True),
    ("ab/c.md", "a/**/c.md", False),
    ("a/b/c.md", "**", True),
    ("drafts/a.md", "./drafts/*.md", True),  # a leading "./" is dropped
    ("a1.md", "a?.md", True),
    ("a12.md", "a?.md", False),
    ("b.md", "[ab].md", True),
    ("c.md", "[ab].md", False),
    ("c.md", "[!ab].md", True),
    ("a.md", "[!ab].md", False),
    ("a*.md", "a\\*.md", True),
    ("ab.md", "a\\*.md", False),
    ("Notes.MD", "*.md", False),  # case matters
]


@pytest.mark.parametrize(("relative", "glob", "expected"), MATCH_TABLE)
def test_matches_absolute_paths_under_root(
    tmp_path: Path, relative: str, glob: str, expected: bool
) -> None:
    assert matches(str(tmp_path / relative), glob, tmp_path) is expected


@pytest.mark.parametrize(("relative", "glob", "expected"), MATCH_TABLE)
def test_matches_paths_relative_to_cwd(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, relative: str, glob: str, expected: bool
) -> None:
    root = tmp_path / "project"
    (root / "sub").mkdir(parents=True)
    monkeypatch.chdir(root)
    assert matches(relative, glob, root) is expected
    assert matches("./" + relative, glob, root) is expected
    assert matches(relative, glob, None) is expected  # no root: the current folder
    monkeypatch.chdir(root / "sub")
    assert matches(os.path.join("..", relative), glob, root) is expected


def test_matches_outside_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "project"
    root.mkdir()
    outside = tmp_path / "elsewhere" / "a.md"
    assert not matches(str(outside), "*.md", root)
    assert not matches(str(outside), "**", root)
    assert not matches(str(tmp_path / "projectx" / "a.md"), "*.md", root)  # a sibling, not under
    assert not matches(str(root), "**", root)  # the root itself is no file under it
    monkeypatch.chdir(root)
    assert not matches("../elsewhere/a.md", "**/*.md", root)
    assert matches("../project/a.md", "*.md", root)


def test_matches_through_a_symlinked_root(tmp_path: Path) -> None:
    real = tmp_path / "real"
    (real / "drafts").mkdir(parents=True)
    link = tmp_path / "link"
    link.symlink_to(real, target_is_directory=True)
    assert matches(str(link / "drafts" / "a.md"), "drafts/*.md", real)
    assert matches(str(real / "drafts" / "a.md"), "drafts/*.md", link)


def test_matches_empty_glob_matches_nothing(tmp_path: Path) -> None:
    assert not matches(str(tmp_path / "a.md"), "", tmp_path)
    assert not matches(str(tmp_path / "a.md"), "./", tmp_path)


# --- describe ---------------------------------------------------------------------------


def test_describe_defaults() -> None:
    rows = describe(resolve(FileSettings(), CommandLine()))
    assert [key for key, _, _ in rows] == list(KEYS)
    assert all(origin == Origin("default") for _, _, origin in rows)
    values = {key: value for key, value, _ in rows}
    assert values["select"] == "ALL"
    assert values["fail-on"] == "warning"
    assert values["max-file-size"] == "50MB"
    assert values["report-date"] == "(each report's own)"


def test_describe_file_and_command_line(tmp_path: Path) -> None:
    config = pyproject(
        tmp_path,
        """
        select = ["DT", "FN001"]
        severity = {DT004 = "warning"}
        fail_on = "error"
        per-file-ignores = {"legacy/*.txt" = ["FN004"]}
        ignore-notes = [{path = "iraq.txt", rule = "CT001", note = "5"}]
        max-file-size = 1000
        """,
    )
    settings = load_config(config)
    from_file = Origin("file", f"{config} [tool.footcheck]")
    cli = Origin("command line", "--fail-on")
    given = CommandLine(fail_on=Severity.WARNING, report_date=PartialDate(2024, 2))
    rows = describe(resolve(settings, given))
    assert rows == [
        ("select", "FN001, DT001, DT002, DT003, DT004, DT005, DT006", from_file),
        ("ignore", "(none)", Origin("default")),
        ("severity", "DT004 = warning", from_file),
        ("fail-on", "warning", cli),  # the command line beats the file
        ("include", "(every file named or found)", Origin("default")),
        ("exclude", "(none)", Origin("default")),
        ("per-file-ignores", "legacy/*.txt: FN004", from_file),
        ("ignore-notes", "iraq.txt CT001 note 5", from_file),
        ("report-date", "2024-02", Origin("command line", "--report-date")),
        ("max-file-size", "1000 bytes", from_file),
        ("books", "(from links and tables of contents)", Origin("default")),
    ]


def test_describe_dotfile_origin_and_overrides(tmp_path: Path) -> None:
    settings = load_config(dotfile(tmp_path, 'exclude = ["a/**", "*.bak"]\nselect = []\n'))
    rows = {key: (v, origin) for key, v, origin in describe(resolve(settings, CommandLine()))}
    here = Origin("file", str(tmp_path / ".footcheck.toml"))
    assert rows["exclude"] == ("a/**, *.bak", here)
    assert rows["select"] == ("(none)", here)  # an empty select is shown, not the default
    cli = Origin("command line", "--ignore")
    given = CommandLine(ignore=frozenset({"CT001", "FN002"}))
    rows = {key: (v, origin) for key, v, origin in describe(resolve(settings, given))}
    assert rows["ignore"] == ("FN002, CT001", cli)
    assert rows["max-file-size"] == ("50MB", Origin("default"))
    both = load_config(dotfile(tmp_path, 'ignore = ["DT004"]\n'))
    rows = {key: (v, origin) for key, v, origin in describe(resolve(both, given))}
    added = Origin("command line", "--ignore, added to the file's")
    assert rows["ignore"] == ("FN002, CT001, DT004", added)
