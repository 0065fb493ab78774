"""Speed benchmark of footcheck against the Python floor and its peers (issue 6).

Builds its inputs with the shared generator (``../shared/bench/gen_corpus.py``)
into a work folder outside the repository (default ``/tmp/footcheck-bench``;
inputs already there are reused), then times whole processes: ``footcheck check
--format json`` (report sent to /dev/null), the floor ``../shared/bench/floor.py``
run by the same interpreter, and the Markdown linters it finds installed
(markdownlint-cli2, remark-cli with remark-lint, rumdl). Each command gets one
warm-up run, which is also checked (right exit status, every file processed), and
then ``--repeat`` timed runs, the tools of a case taking turns; the table gives the
median wall time, footcheck's ratio to the floor against the target, and the peak
resident memory (``os.wait4``: the largest of the process and its children).

The cases are ``corpus`` (2000 reports, Markdown, text and HTML), ``md`` (its
984 Markdown reports), ``one`` (one Markdown report near 10 KB), ``big`` (one
20 MB report with 20,000 notes), ``cached`` (the corpus again with a warm
footcheck cache), ``book`` (a 200-chapter mdBook again with a warm cache,
``bench/book.py``) and ``startup`` (``footcheck --version`` against ``python -c
pass``). Run it with the project's interpreter, not a shim:

    .venv/bin/python bench/run.py --quick                  # repeat 3, no peers
    .venv/bin/python bench/run.py                          # repeat 5, with peers
    .venv/bin/python bench/run.py --only one,big --json /tmp/bench.json

It is not part of the test suite; see bench/README.md for how to read the table.
Exit status: 0, or 1 when a footcheck or floor run crashed or skipped files.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import shlex
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NoReturn

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
DEFAULT_GENERATOR = ROOT.parent / "shared" / "bench" / "gen_corpus.py"
DEFAULT_FLOOR = ROOT.parent / "shared" / "bench" / "floor.py"
DEFAULT_WORK = Path(tempfile.gettempdir()) / "footcheck-bench"
DEFAULT_PEERS = Path("/work/peers")

CORPUS_MARKER = ".fc-corpus"  # written by gen_corpus.py into every folder it makes
COPY_MARKER = ".fc-bench-copy"  # written by this script into the folders it fills
CORPUS_REPORTS = 2000
ONE_REPORT_BYTES = 10_000
CASE_NAMES = ("corpus", "md", "one", "big", "cached", "book", "startup")
PEER_NAMES = ("markdownlint-cli2", "remark", "rumdl")
REMARK_PLUGINS = ("remark-gfm", "remark-preset-lint-recommended")  # gfm: footnote syntax

Check = Callable[[int, str, str], str | None]  # (exit status, stdout, stderr) -> problem


# ---------------------------------------------------------------- running one process
@dataclass(frozen=True)
class Sample:
    seconds: float
    peak_kib: int
    status: int  # exit code; negative: killed by that signal
    timed_out: bool = False
    cpu_seconds: float = 0.0  # user + system, of the process and its reaped children


@dataclass(frozen=True)
class Command:
    """One tool on one case: what to run, where, and how to tell it worked."""

    argv: list[str]
    cwd: Path
    check: Check
    warmup_argv: list[str] | None = None  # a chattier variant for the checked warm-up
    before_each: Callable[[], None] | None = None  # untimed set-up before every run


# The spawner: a small interpreter (no site, three modules) that starts the command,
# reaps it with wait4 and prints its time and peak RSS. Linux counts in a child's
# ru_maxrss the resident size of the process that spawned it (the memory it had when
# it called exec), so spawning from this ~9 MiB helper rather than from the
# benchmark itself keeps the figures clean; the time is taken inside the helper, so
# its own start-up is not counted.
_SPAWN = r"""
import os, signal, sys, time
timeout, out, err, cwd = float(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
argv = sys.argv[5:]
os.chdir(cwd)
wr = os.O_WRONLY | os.O_CREAT | os.O_TRUNC
actions = [(os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
           (os.POSIX_SPAWN_OPEN, 1, out, wr, 0o600), (os.POSIX_SPAWN_OPEN, 2, err, wr, 0o600)]
expired = []
def on_alarm(signum, frame):
    expired.append(signum)
    os.kill(pid, signal.SIGKILL)
def on_stop(signum, frame):
    os.kill(pid, signal.SIGKILL)
    os.wait4(pid, 0)
    sys.exit(128 + signum)
start = time.perf_counter()
try:
    pid = os.posix_spawnp(argv[0], argv, os.environ, file_actions=actions)
except OSError as exc:
    print(time.perf_counter() - start, 0, 127, 0, 0, exc)
    sys.exit()
signal.signal(signal.SIGALRM, on_alarm)
signal.signal(signal.SIGTERM, on_stop)
signal.signal(signal.SIGINT, on_stop)
signal.setitimer(signal.ITIMER_REAL, timeout)
_, status, usage = os.wait4(pid, 0)
seconds = time.perf_counter() - start
signal.setitimer(signal.ITIMER_REAL, 0)
cpu = usage.ru_utime + usage.ru_stime
print(seconds, usage.ru_maxrss, os.waitstatus_to_exitcode(status), len(expired), cpu)
"""


@dataclass(frozen=True)
class Runner:
    python: str  # runs the spawner
    repeat: int
    timeout: float
    scratch: Path  # where captured output goes

    def once(
        self, argv: Sequence[str], cwd: Path, capture: bool = False
    ) -> tuple[Sample, str, str]:
        """Run argv once: wall time from spawn to reaping, and peak RSS, from the spawner."""
        env = {**os.environ, "NO_COLOR": "1"}
        env.pop("FORCE_COLOR", None)
        out, err = self.scratch / "stdout.txt", self.scratch / "stderr.txt"
        files = [str(out), str(err)] if capture else [os.devnull, os.devnull]
        helper = [self.python, "-S", "-E", "-c", _SPAWN, str(self.timeout), *files, str(cwd)]
        proc = subprocess.Popen(
            [*helper, *argv], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        try:
            stdout, stderr = proc.communicate(timeout=self.timeout + 60)
        except BaseException:  # interrupted (or a stuck spawner): stop the command too
            proc.terminate()
            proc.wait()
            raise
        fields = stdout.split(maxsplit=5)
        if proc.returncode != 0 or len(fields) < 5:
            fail(f"the spawner failed on {shlex.join(argv)}: {_tail(stderr)}")
        sample = Sample(
            float(fields[0]), int(fields[1]), int(fields[2]), fields[3] != "0", float(fields[4])
        )
        texts = [
            f.read_text(encoding="utf-8", errors="replace") if capture else "" for f in (out, err)
        ]
        if len(fields) > 5:  # could not start it at all
            texts[1] += fields[5]
        return sample, texts[0], texts[1]

    def warm_up(self, tool: str, command: Command) -> Timing:
        """The untimed first run, checked: a Timing with no samples yet, or with a problem."""
        timing = Timing(tool, list(command.argv), str(command.cwd))
        if command.before_each:
            command.before_each()
        warm, out, err = self.once(command.warmup_argv or command.argv, command.cwd, True)
        if warm.timed_out:
            timing.problem = f"timed out after {self.timeout:.0f} s"
        elif warm.status == 127 or warm.status < 0 or "Traceback (most recent call last)" in err:
            timing.problem = f"crashed (exit {warm.status}): {_tail(err or out)}"
        else:
            timing.problem = command.check(warm.status, out, err)
        if timing.problem:
            print(f"    {tool}: {timing.problem}", file=sys.stderr, flush=True)
        return timing

    def measure(self, commands: dict[str, Command | str]) -> dict[str, Timing]:
        """Warm up and check every command, then time them in turns, `repeat` rounds.

        Taking turns (rather than all the runs of one tool, then the next) keeps the
        ratios fair when the machine's load changes during the benchmark. A string
        instead of a command is why that tool cannot run.
        """
        timings = {
            tool: Timing(tool, problem=c) if isinstance(c, str) else self.warm_up(tool, c)
            for tool, c in commands.items()
        }
        for i in range(self.repeat):
            for tool, command in commands.items():
                timing = timings[tool]
                if isinstance(command, str) or timing.problem:
                    continue
                if command.before_each:
                    command.before_each()
                sample, _, _ = self.once(command.argv, command.cwd)
                if sample.timed_out:
                    timing.problem = f"timed out after {self.timeout:.0f} s"
                    continue
                timing.samples.append(sample)
                print(
                    f"    {tool} {i + 1}/{self.repeat}: {sample.seconds:.3f} s "
                    f"(CPU {sample.cpu_seconds:.3f} s), {sample.peak_kib / 1024:.0f} MiB, "
                    f"exit {sample.status}",
                    file=sys.stderr,
                    flush=True,
                )
        return timings


@dataclass
class Timing:
    tool: str
    argv: list[str] = field(default_factory=list)
    cwd: str = ""
    samples: list[Sample] = field(default_factory=list)
    problem: str | None = None  # why there is no figure (not installed, failed check)

    @property
    def median(self) -> float | None:
        return statistics.median(s.seconds for s in self.samples) if self.samples else None

    @property
    def median_cpu(self) -> float | None:
        return statistics.median(s.cpu_seconds for s in self.samples) if self.samples else None

    @property
    def peak_mib(self) -> float | None:
        return max(s.peak_kib for s in self.samples) / 1024 if self.samples else None

    def as_json(self) -> dict[str, Any]:
        return {
            "tool": self.tool,
            "argv": self.argv,
            "cwd": self.cwd,
            "problem": self.problem,
            "median_s": self.median,
            "median_cpu_s": self.median_cpu,
            "min_s": min((s.seconds for s in self.samples), default=None),
            "max_s": max((s.seconds for s in self.samples), default=None),
            "peak_mib": self.peak_mib,
            "samples": [
                {
                    "seconds": s.seconds,
                    "peak_kib": s.peak_kib,
                    "status": s.status,
                    "timed_out": s.timed_out,
                    "cpu_seconds": s.cpu_seconds,
                }
                for s in self.samples
            ],
        }


def _tail(text: str, lines: int = 3) -> str:
    kept = [line.strip() for line in text.splitlines() if line.strip()]
    return " / ".join(kept[-lines:])


# ---------------------------------------------------------------- checks of a warm-up run
def _count(pattern: str, text: str) -> int | None:
    found = re.findall(pattern, text)
    return int(found[-1]) if found else None


def _expect(what: str, got: int | None, files: int) -> str | None:
    if got is None:
        return f"no {what} in its output"
    if got != files:
        return f"processed {got} of {files} files"
    return None


def check_footcheck(files: int) -> Check:
    def check(status: int, out: str, err: str) -> str | None:
        if status not in (0, 1):
            return f"exit {status}: {_tail(err)}"
        try:
            summary = json.loads(out)["summary"]
        except (ValueError, KeyError, TypeError):
            return f"no JSON report: {_tail(err or out)}"
        if summary.get("failed"):
            return f"{summary['failed']} files could not be read"
        return _expect("summary", summary.get("checked"), files)

    return check


def check_floor(files: int) -> Check:
    def check(status: int, out: str, err: str) -> str | None:
        if status not in (0, 1):
            return f"exit {status}: {_tail(err)}"
        return _expect("file count", _count(r"(\d+) files,", err), files)

    return check


def check_markdownlint(files: int) -> Check:
    def check(status: int, out: str, err: str) -> str | None:
        if status not in (0, 1):
            return f"exit {status}: {_tail(err or out)}"
        return _expect("'Linting: N file(s)'", _count(r"Linting: (\d+) file", out), files)

    return check


def check_remark(files: int) -> Check:
    def check(status: int, out: str, err: str) -> str | None:
        if "Cannot process file" in err:
            return f"could not process the files: {_tail(err, 6)}"
        if status not in (0, 1):
            return f"exit {status}: {_tail(err or out)}"
        # without --quiet, every file gets a header line: "path.md" or "path.md: no issues found"
        headers = re.findall(r"^\S.*\.md(?:: no issues found)?$", err, re.MULTILINE)
        return _expect("file headers", len(headers) or None, files)

    return check


def check_rumdl(files: int) -> Check:
    def check(status: int, out: str, err: str) -> str | None:
        if status not in (0, 1):
            return f"exit {status}: {_tail(err or out)}"
        return _expect("'in N files'", _count(r"\bin (\d+) files?\b", out + err), files)

    return check


# ---------------------------------------------------------------- inputs
def fail(message: str) -> NoReturn:
    sys.exit(f"bench/run.py: {message}")


def generated(python: str, generator: Path, out: Path, big: bool) -> dict[str, Any]:
    """The manifest of a generated folder, generating it unless a complete one is there."""
    manifest = out / "manifest.json"
    marked = (out / CORPUS_MARKER).exists()
    if marked and manifest.exists():
        data: dict[str, Any] = json.loads(manifest.read_text(encoding="utf-8"))
        if bool(data.get("big")) == big and (big or data.get("reports") == CORPUS_REPORTS):
            return data
    if out.exists() and any(out.iterdir()) and not marked:
        fail(f"{out} is not empty and was not made by gen_corpus.py; pick another --work")
    argv = [python, str(generator), *(["--big"] if big else []), str(out)]
    if marked:
        argv.insert(2, "--force")  # an interrupted or different run of the generator
    print(f"generating: {shlex.join(argv)}", file=sys.stderr, flush=True)
    subprocess.run(argv, check=True, stdout=sys.stderr)
    return dict(json.loads(manifest.read_text(encoding="utf-8")))


def copied(source: Path, rel_paths: Sequence[str], dest: Path) -> Path:
    """Copy source/rel for each rel into dest (reused when a complete copy is there)."""
    marker = dest / COPY_MARKER
    done = f"{len(rel_paths)} files from {source}\n"
    if marker.exists() and marker.read_text(encoding="utf-8") == done:
        return dest
    if dest.exists():
        if any(dest.iterdir()) and not marker.exists():
            fail(f"{dest} is not empty and was not filled by bench/run.py; pick another --work")
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    marker.write_text("copying\n", encoding="utf-8")
    for rel in rel_paths:
        target = dest / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source / rel, target)
    marker.write_text(done, encoding="utf-8")
    return dest


def _mb(n: int) -> str:
    return f"{n / 1e6:.1f} MB" if n >= 1e6 else f"{n / 1e3:.1f} KB"


@dataclass
class Case:
    name: str
    title: str
    paths: list[Path]
    files: int
    markdown: bool  # peers run only on Markdown cases
    target: float  # the largest footcheck/floor ratio that meets the target
    max_peak_mib: float | None = None
    cached: bool = False
    runs: dict[str, Timing] = field(default_factory=dict)

    @property
    def target_text(self) -> str:
        text = f"≤{self.target:g}x"
        return f"{text}, ≤{self.max_peak_mib:g} MiB" if self.max_peak_mib else text


def build_cases(args: argparse.Namespace, wanted: set[str]) -> list[Case]:
    work: Path = args.work
    python: str = args.python
    cases: list[Case] = []
    if wanted & {"corpus", "md", "one", "cached"}:
        corpus = work / "corpus"
        manifest = generated(python, args.generator, corpus, big=False)
        entries = manifest["files"]
        total = sum(int(f["bytes"]) for f in entries)
        md = sorted((str(f["path"]), int(f["bytes"])) for f in entries if f["format"] == "md")
        if "corpus" in wanted:
            title = f"{len(entries)} reports, md/txt/html, {_mb(total)}"
            cases.append(Case("corpus", title, [corpus], len(entries), False, 8))
        if "md" in wanted:
            folder = copied(corpus, [p for p, _ in md], work / "md")
            title = f"{len(md)} Markdown reports, {_mb(sum(b for _, b in md))}"
            cases.append(Case("md", title, [folder], len(md), True, 8))
        if "one" in wanted:
            rel, size = min(md, key=lambda m: (abs(m[1] - ONE_REPORT_BYTES), m[0]))
            one = copied(corpus, [rel], work / "one") / rel
            cases.append(Case("one", f"one Markdown report, {_mb(size)}", [one], 1, True, 3.5))
        if "cached" in wanted:
            title = f"{len(entries)} reports again, warm cache"
            cases.append(Case("cached", title, [corpus], len(entries), False, 2, cached=True))
    if "book" in wanted:
        from book import CHAPTERS  # bench/book.py, beside this script
        from book import book as write_book

        folder = write_book(work / "book")
        title = f"a {CHAPTERS}-chapter Markdown book again, warm cache"
        cases.append(Case("book", title, [folder], CHAPTERS + 1, True, 2, cached=True))
    if "big" in wanted:
        big = work / "big"
        manifest = generated(python, args.generator, big, big=True)
        entry = manifest["files"][0]
        title = f"one report, {_mb(int(entry['bytes']))}, {int(entry['footnotes']):,} notes"
        cases.append(Case("big", title, [big / entry["path"]], 1, True, 10, max_peak_mib=250))
    order = {name: i for i, name in enumerate(CASE_NAMES)}
    return sorted(cases, key=lambda c: order[c.name])


# ---------------------------------------------------------------- the commands
@dataclass(frozen=True)
class Footcheck:
    argv: list[str]
    extra: list[str]
    cache_dir: bool  # `check --help` lists --cache-dir
    no_cache: bool  # ... and --no-cache


def probe_footcheck(argv: list[str], extra: list[str]) -> Footcheck:
    try:
        proc = subprocess.run(
            [*argv, "check", "--help"], capture_output=True, text=True, timeout=120
        )
    except OSError as exc:
        fail(f"cannot run footcheck ({shlex.join(argv)}): {exc}")
    if proc.returncode != 0:
        fail(f"`{shlex.join(argv)} check --help` failed: {_tail(proc.stderr)}")
    return Footcheck(argv, extra, "--cache-dir" in proc.stdout, "--no-cache" in proc.stdout)


def footcheck_command(fc: Footcheck, case: Case, scratch: Path, cache: Path | None) -> Command:
    """footcheck on the case: uncached (cache None) or with `--cache-dir cache`."""
    before: Callable[[], None] | None = None
    if cache is not None:
        cache_args = ["--cache-dir", str(cache)]
    elif fc.no_cache:
        cache_args = ["--no-cache"]
    elif fc.cache_dir:  # no --no-cache: a cache dir emptied before every run
        fresh = scratch / "footcheck-cold-cache"
        cache_args = ["--cache-dir", str(fresh)]

        def before() -> None:
            shutil.rmtree(fresh, ignore_errors=True)

    else:
        cache_args = []
    argv = [*fc.argv, "check", "--format", "json", *fc.extra, *cache_args]
    argv += [str(p) for p in case.paths]
    return Command(argv, scratch, check_footcheck(case.files), before_each=before)


def floor_command(python: str, floor: Path, case: Case, scratch: Path) -> Command:
    ext = ["--ext", ".md"] if case.markdown else ["--ext", ".md,.txt,.html"]
    argv = [python, str(floor), *ext, *(str(p) for p in case.paths)]
    return Command(argv, scratch, check_floor(case.files))


def find_tool(name: str, peers: Path) -> Path | None:
    for candidate in (
        peers / "node_modules" / ".bin" / name,
        peers / "rumdl-venv" / "bin" / name,
        peers / ".venv" / "bin" / name,
        peers / "bin" / name,
    ):
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return candidate
    found = shutil.which(name)
    return Path(found) if found else None


def node_module(package: str, tool: Path, peers: Path) -> Path | None:
    """The entry file of an npm package installed next to `tool` or in the peers folder."""
    roots = [peers / "node_modules"]
    roots += [p for p in Path(os.path.realpath(tool)).parents if p.name == "node_modules"]
    for root in roots:
        folder = root / package
        try:
            main = json.loads((folder / "package.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        entry = folder / str(main.get("main") or "index.js")
        if entry.is_file():
            return entry
    return None


def _where(path: Path) -> tuple[Path, str]:
    """(cwd, argument) naming a case's path relative to the folder it is run from."""
    return (path, ".") if path.is_dir() else (path.parent, path.name)


def peer_commands(peers: Path, case: Case) -> dict[str, Command | str]:
    """Each peer's command on a Markdown case, or why it cannot run."""
    (path,) = case.paths
    cwd, arg = _where(path)
    result: dict[str, Command | str] = {}
    for name in PEER_NAMES:
        tool = find_tool(name, peers)
        if tool is None:
            result[name] = "not installed"
            continue
        if name == "markdownlint-cli2":
            glob = "**/*.md" if arg == "." else ":" + arg  # ':' marks a literal path
            result[name] = Command([str(tool), glob], cwd, check_markdownlint(case.files))
        elif name == "remark":
            plugins = {p: node_module(p, tool, peers) for p in REMARK_PLUGINS}
            missing = [p for p, entry in plugins.items() if entry is None]
            if missing:
                result[name] = f"not installed ({', '.join(missing)} missing)"
                continue
            uses = [a for entry in plugins.values() for a in ("--use", str(entry))]
            base = [str(tool), arg, "--no-config", "--no-stdout", "--no-color", "--frail"]
            result[name] = Command(
                [*base, "--quiet", *uses],
                cwd,
                check_remark(case.files),
                warmup_argv=[*base, *uses],  # lists every file, so the check can count them
            )
        else:
            argv = [str(tool), "check", "--no-cache", "--no-config", "--color", "never", arg]
            result[name] = Command(argv, cwd, check_rumdl(case.files))
    return result


# ---------------------------------------------------------------- the table
def _time(seconds: float | None) -> str:
    if seconds is None:
        return "-"
    return f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.2f} s"


def _ratio(timing: Timing | None, floor: Timing | None) -> float | None:
    if timing is None or floor is None or timing.median is None or not floor.median:
        return None
    return timing.median / floor.median


def _cell(timing: Timing | None, floor: Timing | None, memory: bool = False) -> str:
    if timing is None:
        return "-"
    if timing.median is None:
        problem = timing.problem or "-"
        short = problem.startswith(("not installed", "n/a")) and "|" not in problem
        return problem if short else "failed (below)"
    text = _time(timing.median)
    ratio = _ratio(timing, floor)
    if ratio is not None:
        text += f" ({ratio:.1f}x)"
    if memory and timing.peak_mib is not None:
        text += f", {timing.peak_mib:.0f} MiB"
    return text


def verdict(case: Case) -> str:
    fc = case.runs.get("footcheck")
    ratio = _ratio(fc, case.runs.get("floor.py"))
    if fc is None or fc.peak_mib is None or ratio is None:
        return "n/a"
    ok = ratio <= case.target
    if case.max_peak_mib is not None:
        ok = ok and fc.peak_mib <= case.max_peak_mib
    return "yes" if ok else "NO"


def table(cases: Sequence[Case], peer_columns: Sequence[str]) -> str:
    head = ["work", "floor.py", "footcheck", "footcheck peak", "ratio", "CPU ratio"]
    head += ["target", "met?", *peer_columns]
    lines = ["| " + " | ".join(head) + " |", "|---" + "|---:" * 5 + "|---|---|"]
    lines[1] += "---|" * len(peer_columns)
    for case in cases:
        floor, fc = case.runs.get("floor.py"), case.runs.get("footcheck")
        ratio = _ratio(fc, floor)
        cpu = None
        if fc and floor and fc.median_cpu is not None and floor.median_cpu:
            cpu = fc.median_cpu / floor.median_cpu
        row = [
            case.title,
            _time(floor.median) if floor and floor.median is not None else _cell(floor, None),
            _time(fc.median) if fc and fc.median is not None else _cell(fc, None),
            f"{fc.peak_mib:.0f} MiB" if fc and fc.peak_mib is not None else "-",
            f"{ratio:.1f}x" if ratio is not None else "-",
            f"{cpu:.1f}x" if cpu is not None else "-",
            case.target_text,
            verdict(case),
        ]
        row += [_cell(case.runs.get(p), floor, memory=True) for p in peer_columns]
        lines.append("| " + " | ".join(row) + " |")
    return "\n".join(lines)


# ---------------------------------------------------------------- main
def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Time footcheck against floor.py and installed peers (issue 6).",
        epilog="Cases: " + ", ".join(CASE_NAMES) + ". See bench/README.md.",
    )
    parser.add_argument("--generator", type=Path, default=DEFAULT_GENERATOR, metavar="PATH")
    parser.add_argument("--floor", type=Path, default=DEFAULT_FLOOR, metavar="PATH")
    parser.add_argument(
        "--work", type=Path, default=DEFAULT_WORK, metavar="DIR", help="inputs and scratch"
    )
    parser.add_argument("--peers", type=Path, default=DEFAULT_PEERS, metavar="DIR")
    parser.add_argument(
        "--python",
        default=str(VENV / "bin" / "python"),
        metavar="PATH",
        help="interpreter for floor.py, the generator and `python -c pass` (default: the venv's)",
    )
    parser.add_argument(
        "--footcheck",
        default=str(VENV / "bin" / "footcheck"),
        metavar="CMD",
        help="footcheck command, split like a shell line (default: the venv's)",
    )
    parser.add_argument(
        "--footcheck-args", default="", metavar="ARGS", help="extra `check` options, e.g. '-j 1'"
    )
    parser.add_argument("--repeat", type=int, default=None, metavar="N", help="default 5")
    parser.add_argument("--only", default="", metavar="CASES", help="comma list of cases")
    parser.add_argument("--quick", action="store_true", help="repeat 3, no peers")
    parser.add_argument("--no-peers", action="store_true")
    parser.add_argument("--timeout", type=float, default=900, metavar="S", help="per run")
    parser.add_argument("--json", type=Path, metavar="FILE", help="write the raw figures here")
    args = parser.parse_args(argv)
    args.repeat = args.repeat or (3 if args.quick else 5)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    wanted = {c.strip() for c in args.only.split(",") if c.strip()} or set(CASE_NAMES)
    if unknown := wanted - set(CASE_NAMES):
        parser.error(f"unknown case(s) {', '.join(sorted(unknown))}; pick from {CASE_NAMES}")
    args.wanted = wanted
    args.work = args.work.absolute()
    if args.work == ROOT or ROOT in args.work.resolve().parents:
        parser.error("--work must be outside the repository")
    for name in ("generator", "floor"):
        if not getattr(args, name).is_file():
            parser.error(f"--{name} {getattr(args, name)}: no such file")
    return args


def run_case(
    case: Case, args: argparse.Namespace, runner: Runner, fc: Footcheck, peers: bool
) -> None:
    print(f"{case.name}: {case.title}", file=sys.stderr, flush=True)
    scratch = runner.scratch
    commands: dict[str, Command | str] = {
        "floor.py": floor_command(args.python, args.floor, case, scratch)
    }
    cache = scratch / "footcheck-cache"
    if case.cached and not fc.cache_dir:
        commands["footcheck"] = "n/a (no cache option)"
    elif case.cached:
        shutil.rmtree(cache, ignore_errors=True)  # the warm-up run fills it
        commands["footcheck"] = footcheck_command(fc, case, scratch, cache)
    else:
        commands["footcheck"] = footcheck_command(fc, case, scratch, None)
    if peers and case.markdown:
        commands.update(peer_commands(args.peers, case))
    case.runs = runner.measure(commands)
    timing = case.runs["footcheck"]
    if case.cached and timing.samples and not (cache.is_dir() and any(cache.iterdir())):
        timing.problem = f"the cache dir {cache} stayed empty"
        timing.samples.clear()


def startup(args: argparse.Namespace, runner: Runner, fc: Footcheck) -> dict[str, Timing]:
    print("startup", file=sys.stderr, flush=True)

    def exits_zero(status: int, out: str, err: str) -> str | None:
        return None if status == 0 else f"exit {status}: {_tail(err)}"

    commands: dict[str, Command | str] = {
        name: Command(argv, runner.scratch, exits_zero)
        for name, argv in (
            ("footcheck --version", [*fc.argv, "--version"]),
            ("python -c pass", [args.python, "-c", "pass"]),
        )
    }
    return runner.measure(commands)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    # a plain `kill` stops the command being timed too (see Runner.once)
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
    fc = probe_footcheck(shlex.split(args.footcheck), shlex.split(args.footcheck_args))
    scratch = args.work / "scratch"  # the runs' current folder: no cache lands in the repo
    scratch.mkdir(parents=True, exist_ok=True)
    runner = Runner(args.python, args.repeat, args.timeout, scratch)
    peers = not (args.quick or args.no_peers)
    cases = build_cases(args, args.wanted)
    for case in cases:
        run_case(case, args, runner, fc, peers)
    starts = startup(args, runner, fc) if "startup" in args.wanted else {}

    version = subprocess.run([*fc.argv, "--version"], capture_output=True, text=True).stdout
    print(
        f"\nfootcheck speed, {dt.date.today().isoformat()}: {version.strip()}, "
        f"{platform.python_implementation()} {platform.python_version()}, "
        f"{os.cpu_count()} CPUs; median of {args.repeat} runs after one warm-up; "
        f"inputs in {args.work}\n"
    )
    peer_columns = [p for p in PEER_NAMES if any(p in c.runs for c in cases)]
    if cases:
        print(table(cases, peer_columns))
    if starts:
        version_t, bare = starts["footcheck --version"], starts["python -c pass"]
        line = f"\nstart-up: `footcheck --version` {_cell(version_t, None)}, "
        line += f"`python -c pass` {_cell(bare, None)}"
        if version_t.median is not None and bare.median is not None:
            line += f" (footcheck adds {_time(version_t.median - bare.median)})"
        print(line)
    problems = [
        f"{c.name}: {t.tool}: {t.problem}" for c in cases for t in c.runs.values() if t.problem
    ]
    if problems:
        print("\nnot measured:\n" + "\n".join(f"- {p}" for p in problems))

    if args.json:
        data = {
            "date": dt.datetime.now().isoformat(timespec="seconds"),
            "machine": {
                "cpus": os.cpu_count(),
                "platform": platform.platform(),
                "python": sys.version,
            },
            "footcheck": {"argv": fc.argv, "extra": fc.extra, "version": version.strip()},
            "repeat": args.repeat,
            "work": str(args.work),
            "cases": [
                {
                    "name": c.name,
                    "title": c.title,
                    "paths": [str(p) for p in c.paths],
                    "files": c.files,
                    "target_ratio": c.target,
                    "max_peak_mib": c.max_peak_mib,
                    "ratio": _ratio(c.runs.get("footcheck"), c.runs.get("floor.py")),
                    "met": verdict(c),
                    "runs": {name: t.as_json() for name, t in c.runs.items()},
                }
                for c in cases
            ],
            "startup": {name: t.as_json() for name, t in starts.items()},
        }
        args.json.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    broken = [
        t
        for c in cases
        for name, t in c.runs.items()
        if name in ("floor.py", "footcheck") and t.problem and not t.problem.startswith("n/a")
    ]
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
