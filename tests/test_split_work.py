"""One large file checked on several cores finds what one core finds, and a worker that
fails, dies or hangs costs time only (footnotes/split_work.py).

The threshold is forced low, so a generated report of a few hundred notes is split.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from footcheck import cli, parsers
from footcheck.footnotes import split_work
from footcheck.footnotes.claims import Claim
from footcheck.footnotes.context import Context
from footcheck.footnotes.dates import DateMention
from footcheck.footnotes.model import Document
from tests.corpusgen import big_report

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="the split forks workers")

# A dateline (its date is cut from the first paragraph's), an invalid date, "Ibid."
# notes and a marker with no note, ahead of a long generated report.
_HEAD = (
    "WASHINGTON, Feb. 1, 2024 - The council met on 3 May 2023.[^a] Talks ended "
    "on 31 June 2023.[^b] A fund was set up in 2019.[^c][^d] Then [^zz] nothing.\n\n"
    "[^a]: Harbour Gazette, 4 May 2023.\n[^b]: Ibid.\n[^c]: Wire Service, 2 March 2019.\n"
    "[^d]: Ibid., 7.\n\n"
)


@pytest.fixture
def report(tmp_path: Path) -> Path:
    path = tmp_path / "big.md"
    path.write_text(_HEAD + big_report(300, "md"), encoding="utf-8")
    return path


@pytest.fixture
def split_small(monkeypatch: pytest.MonkeyPatch) -> None:
    """Split a report of any size."""
    monkeypatch.setattr(split_work, "SPLIT_FROM", 1)


def _check(path: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(
        cli.main, ["check", "--no-cache", "--report-date", "2024-06-01", *args, str(path)]
    )
    return result.exit_code, result.output


def _context(path: Path) -> Context:
    doc = parsers.parse(path.read_bytes(), str(path), None)
    assert isinstance(doc, Document)
    return Context(doc)


def _serial(path: Path) -> tuple[list[list[DateMention]], list[list[Claim]]]:
    ctx = _context(path)
    return ctx.paragraph_dates, ctx.paragraph_claims


@pytest.mark.usefixtures("split_small")
@pytest.mark.parametrize("fmt", ["json", "console", "sarif", "jsonl", "junit", "github"])
def test_the_split_gives_the_bytes_of_one_core(report: Path, fmt: str) -> None:
    one = _check(report, "-j", "1", "--format", fmt)
    two = _check(report, "-j", "2", "--format", fmt)
    three = _check(report, "-j", "3", "--format", fmt)
    assert one == two == three
    assert one[0] == 1


@pytest.mark.usefixtures("split_small")
def test_the_split_fills_the_same_dates_and_claims_with_this_process_markers(
    report: Path,
) -> None:
    dates, claims = _serial(report)
    ctx = _context(report)
    assert split_work.share_language_layer(ctx, 2)
    assert "paragraph_dates" in ctx.__dict__  # filled by the workers, not found again
    assert ctx.paragraph_dates == dates
    assert ctx.paragraph_claims == claims
    markers = [m for p in ctx.doc.paragraphs for m in p.markers]
    assert [c.marker for c in ctx.claims] == markers
    assert all(c.marker is m for c, m in zip(ctx.claims, markers, strict=True))
    assert not ctx.paragraph_dates[0] or ctx.paragraph_dates[0][0].text != "Feb. 1, 2024"
    assert sum(not m.valid for ms in ctx.paragraph_dates for m in ms) >= 1
    assert ctx.sources[1].ibid and ctx.sources[1].inherited_date is not None


def test_a_small_report_is_not_split(report: Path) -> None:
    assert not split_work.worth_splitting(_context(report))


@pytest.fixture
def in_workers_only(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Make `claims_of_paragraph` misbehave in forked workers only, as each test says."""
    parent = os.getpid()
    real = Context.claims_of_paragraph
    how: list[str] = []

    def claims(self: Context, index: int, mentions: list[DateMention]) -> list[Claim]:
        if os.getpid() != parent:
            if how[0] == "raise":
                raise RuntimeError("a worker's bug")
            if how[0] == "die":
                os._exit(3)
            if how[0] == "hang":
                time.sleep(3600)
        return real(self, index, mentions)

    monkeypatch.setattr(Context, "claims_of_paragraph", claims)
    monkeypatch.setattr(split_work, "_PATIENCE", 1.0)
    monkeypatch.setattr(split_work, "_PATIENCE_FACTOR", 0.0)
    yield how


@pytest.mark.parametrize("failure", ["raise", "die", "hang"])
def test_a_failing_worker_costs_time_only(
    report: Path, in_workers_only: list[str], failure: str
) -> None:
    in_workers_only.append(failure)
    dates, claims = _serial(report)
    ctx = _context(report)
    started = time.monotonic()
    assert split_work.share_language_layer(ctx, 2)
    assert time.monotonic() - started < 30
    assert ctx.paragraph_dates == dates
    assert ctx.paragraph_claims == claims


@pytest.mark.usefixtures("split_small")
def test_a_failing_worker_gives_the_findings_of_one_core(
    report: Path, in_workers_only: list[str]
) -> None:
    in_workers_only.append("die")
    assert _check(report, "-j", "2", "--format", "json") == _check(
        report, "-j", "1", "--format", "json"
    )


@pytest.mark.usefixtures("split_small")
def test_a_bug_everywhere_is_the_one_line_error_of_one_core(
    report: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(self: Context, index: int, mentions: list[DateMention]) -> list[Claim]:
        raise RuntimeError("claims are broken")

    monkeypatch.setattr(Context, "claims_of_paragraph", broken)
    one = _check(report, "-j", "1", "--format", "json")
    two = _check(report, "-j", "2", "--format", "json")
    assert one == two
    assert "internal error in rule" in one[1]
    assert "RuntimeError: claims are broken" in one[1]


def test_no_worker_outlives_the_split(report: Path, in_workers_only: list[str]) -> None:
    in_workers_only.append("hang")
    ctx = _context(report)
    forked: list[int] = []
    real_fork = os.fork

    def fork() -> int:
        pid = real_fork()
        if pid:
            forked.append(pid)
        return pid

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(os, "fork", fork)
        assert split_work.share_language_layer(ctx, 2)
    assert len(forked) == 2
    for pid in forked:
        with pytest.raises(ChildProcessError):
            os.waitpid(pid, os.WNOHANG)  # reaped already
