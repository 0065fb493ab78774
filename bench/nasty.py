"""Time footcheck on the nasty corpus: wall time and peak memory of each case.

Runs ``footcheck check`` (the one in the project's venv) as a subprocess on each
file `scripts/nasty_corpus.py` writes, and prints a Markdown table: case, size,
wall time, peak resident memory, exit status. Each run is wrapped in its own
small Python parent so that ``getrusage(RUSAGE_CHILDREN).ru_maxrss`` is the peak
of that run alone (the field is a maximum, not a sum, so deltas in one process
would only ever show the largest run so far).

    python bench/nasty.py [--corpus FOLDER] [--timeout 60] [--only NAME ...]

A run that exceeds the timeout, exits with anything but 0 or 1 (2 means a file
could not be read; more means a crash), or prints a traceback makes this script
say so loudly and exit 1.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FOOTCHECK = ROOT / ".venv" / "bin" / "footcheck"
sys.path.insert(0, str(ROOT))

from scripts.nasty_corpus import DEFAULT_FOLDER, cases, write  # noqa: E402

# The child: run footcheck, discard its (possibly huge) report, print time and peak RSS.
_MEASURE = """
import json, resource, subprocess, sys, time
start = time.perf_counter()
try:
    proc = subprocess.run(sys.argv[2:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                          timeout=float(sys.argv[1]))
    status, err = proc.returncode, proc.stderr.decode(errors="replace")
except subprocess.TimeoutExpired:
    status, err = None, "timeout"
elapsed = time.perf_counter() - start
peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({"status": status, "seconds": elapsed, "peak_kib": peak_kib, "stderr": err}))
"""


@dataclass(frozen=True)
class Result:
    name: str
    size: int
    seconds: float
    peak_mib: float
    status: int | None  # None: timed out
    stderr: str

    @property
    def problem(self) -> str | None:
        if self.status is None:
            return "TIMEOUT"
        if self.status not in (0, 1):
            return f"exit {self.status}"
        if "Traceback" in self.stderr:
            return "traceback"
        return None


def measure(path: Path, timeout: float, report_date: str) -> Result:
    command = [
        str(FOOTCHECK),
        "check",
        "--no-cache",
        "--no-color",
        "--report-date",
        report_date,
        str(path),
    ]
    proc = subprocess.run(
        [sys.executable, "-c", _MEASURE, str(timeout), *command],
        capture_output=True,
        text=True,
        check=True,
    )
    data = json.loads(proc.stdout)
    return Result(
        path.name,
        path.stat().st_size,
        float(data["seconds"]),
        int(data["peak_kib"]) / 1024,
        data["status"],
        str(data["stderr"]),
    )


def _size(n: int) -> str:
    if n >= 2**20:
        return f"{n / 2**20:.1f} MiB"
    return f"{n / 2**10:.0f} KiB"


def table(results: list[Result]) -> str:
    lines = [
        "| case | size | time (s) | peak MiB | exit |",
        "|---|---:|---:|---:|---|",
    ]
    for r in results:
        status = "TIMEOUT" if r.status is None else str(r.status)
        lines.append(
            f"| {r.name} | {_size(r.size)} | {r.seconds:.2f} | {r.peak_mib:.0f} | {status} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Time footcheck on the nasty corpus.")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_FOLDER)
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds per case")
    parser.add_argument("--report-date", default="2024-06-01")
    parser.add_argument("--only", nargs="*", help="case names or file names to run")
    parser.add_argument("--no-write", action="store_true", help="use the corpus as it is")
    args = parser.parse_args(argv)
    if not FOOTCHECK.exists():
        parser.error(f"{FOOTCHECK} not found: install footcheck into the venv first")
    if not args.no_write:
        write(args.corpus)
    wanted = set(args.only) if args.only else None
    results: list[Result] = []
    for case in cases():
        if wanted is not None and case.filename not in wanted and case.name not in wanted:
            continue
        result = measure(args.corpus / case.filename, args.timeout, args.report_date)
        results.append(result)
        mark = f"  <-- {result.problem}" if result.problem else ""
        print(
            f"{result.name:32} {result.seconds:7.2f} s {result.peak_mib:7.0f} MiB{mark}",
            file=sys.stderr,
            flush=True,
        )
    print(table(results))
    problems = [r for r in results if r.problem]
    for r in problems:
        last = r.stderr.strip().splitlines()[-3:] if r.stderr.strip() else []
        print(f"\n!!! {r.name}: {r.problem} (limit {args.timeout:.0f} s)", file=sys.stderr)
        for line in last:
            print(f"    {line}", file=sys.stderr)
    if problems:
        print(f"\nFAILED: {len(problems)} of {len(results)} cases", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
