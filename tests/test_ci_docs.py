"""The README's CI snippets are valid as pasted, and the pre-commit hook picks the right files."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

import pytest

from footcheck.parsers import parse

try:
    import yaml
except ImportError:  # pyyaml is in the test extras: a missing one is a failure, not a skip
    pytest.fail('pyyaml is not installed; install the test extras: pip install -e ".[test]"')

ROOT = Path(__file__).resolve().parent.parent
_README = (ROOT / "README.md").read_text(encoding="utf-8")
CI_DOC = _README[_README.index("## In CI") : _README.index("## Development")]
HOOKS = ROOT / ".pre-commit-hooks.yaml"


def _blocks(language: str) -> list[str]:
    return re.findall(rf"^```{language}\n(.*?)^```$", CI_DOC, flags=re.DOTALL | re.MULTILINE)


def _section(title: str) -> str:
    """The text of the README's CI `### title` section."""
    match = re.search(rf"^### {re.escape(title)}\n(.*?)(?=^### |\Z)", CI_DOC, re.S | re.M)
    assert match, f"the README's CI section has no '### {title}' section"
    return match.group(1)


def _yaml_in(title: str) -> list[Any]:
    return [
        yaml.safe_load(block)
        for block in re.findall(r"^```yaml\n(.*?)^```$", _section(title), re.S | re.M)
    ]


def _hook() -> dict[str, Any]:
    hooks = yaml.safe_load(HOOKS.read_text(encoding="utf-8"))
    assert isinstance(hooks, list)
    (hook,) = (h for h in hooks if h["id"] == "footcheck")
    assert isinstance(hook, dict)
    return hook


def test_every_yaml_block_parses_to_a_mapping() -> None:
    blocks = _blocks("yaml")
    assert len(blocks) >= 4
    for block in blocks:
        assert isinstance(yaml.safe_load(block), dict), block


def test_github_actions_workflows_have_jobs_with_steps() -> None:
    workflows = _yaml_in("GitHub Actions")
    assert len(workflows) >= 2
    runs: list[str] = []
    uses: list[str] = []
    for workflow in workflows:
        assert isinstance(workflow["jobs"], dict) and workflow["jobs"]
        for job in workflow["jobs"].values():
            assert isinstance(job["runs-on"], str)
            assert isinstance(job["steps"], list) and job["steps"]
            for step in job["steps"]:
                assert isinstance(step, dict) and ("run" in step or "uses" in step), step
                runs += [step["run"]] if "run" in step else []
                uses += [step["uses"]] if "uses" in step else []
    assert any("--format sarif --output footcheck.sarif" in run for run in runs)
    assert any("--format github" in run for run in runs)
    assert any(use.startswith("github/codeql-action/upload-sarif@") for use in uses)


def test_gitlab_job_runs_footcheck_and_keeps_the_junit_report() -> None:
    (pipeline,) = _yaml_in("GitLab CI")
    jobs = [job for job in pipeline.values() if isinstance(job, dict) and "script" in job]
    assert len(jobs) == 1
    (job,) = jobs
    script = job["script"]
    assert isinstance(script, list)
    assert any("--format junit --output footcheck-junit.xml" in line for line in script)
    assert job["artifacts"]["reports"]["junit"] == "footcheck-junit.xml"
    assert job["artifacts"]["when"] == "always"
    assert not job.get("allow_failure", False)  # findings fail the job


def test_pre_commit_config_uses_the_footcheck_hook() -> None:
    (config,) = _yaml_in("pre-commit")
    (repo,) = config["repos"]
    assert isinstance(repo["repo"], str) and isinstance(repo["rev"], str)
    assert [hook["id"] for hook in repo["hooks"]] == [_hook()["id"]]


def test_every_toml_block_parses() -> None:
    blocks = _blocks("toml")
    assert blocks
    for block in blocks:
        assert tomllib.loads(block)["tool"]["footcheck"]


def test_toml_example_is_a_valid_footcheck_configuration(tmp_path: Path) -> None:
    from footcheck.footnotes import settings as config

    for block in _blocks("toml"):
        pyproject = tmp_path / "pyproject.toml"
        pyproject.write_text(block, encoding="utf-8")
        settings = config.load_config(pyproject)
        assert settings.present == frozenset(tomllib.loads(block)["tool"]["footcheck"])


def test_hook_manifest_is_what_pre_commit_expects() -> None:
    hook = _hook()
    assert hook["entry"] == "footcheck check"
    assert hook["language"] == "python"
    assert hook["pass_filenames"] is True
    assert hook["require_serial"] is False
    assert re.fullmatch(r"\d+\.\d+\.\d+", hook["minimum_pre_commit_version"])


@pytest.mark.parametrize(
    ("name", "checked"),
    [
        ("report.md", True),
        ("drafts/report.markdown", True),
        ("a.mdown", True),
        ("a.mkd", True),
        ("notes.txt", True),
        ("notes.text", True),
        ("page.html", True),
        ("page.htm", True),
        ("page.xhtml", True),
        ("Brief.DOCX", True),
        ("brief.docx", True),
        ("brief.odt", True),
        ("book.epub", True),
        ("pep-3107.rst", True),
        ("intro.rest", True),
        ("tool.py", False),
        ("setup.cfg", False),
        ("report.md.bak", False),
        ("report.pdf", False),
        ("html", False),
    ],
)
def test_hook_files_pattern(name: str, checked: bool) -> None:
    # pre-commit matches `files` with re.search against the path from the repository root.
    assert bool(re.search(_hook()["files"], name)) is checked


def test_hook_reads_every_suffix_footcheck_reads() -> None:
    pattern = _hook()["files"]
    for suffix in parse.suffixes:
        assert re.search(pattern, f"report{suffix}"), suffix
