"""Parse CPU of one format over a folder: how long the readers alone take, for issue 14.

Reads every file with the given suffixes under a folder into memory once, then times
`footcheck.parsers.parse(data, path, None)` over all of them (process time, best of
`--repeat`), and with `--profile` prints cProfile's top entries over one more loop.

    .venv/bin/python bench/parse_cpu.py /tmp/benchwork/corpus .txt
    .venv/bin/python bench/parse_cpu.py /tmp/benchwork/corpus .html --profile
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import time
from pathlib import Path

from footcheck.parsers import parse


def _load(folder: Path, suffixes: tuple[str, ...]) -> list[tuple[bytes, str]]:
    files = sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in suffixes)
    return [(p.read_bytes(), str(p)) for p in files]


def _parse_all(files: list[tuple[bytes, str]]) -> None:
    for data, path in files:
        parse(data, path, None)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", type=Path)
    ap.add_argument("suffixes", nargs="+", help="e.g. .txt .html")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--profile", action="store_true")
    ap.add_argument("--top", type=int, default=25)
    args = ap.parse_args()
    files = _load(args.folder, tuple(s.lower() for s in args.suffixes))
    _parse_all(files)  # warm: imports, compiled patterns
    best = float("inf")
    for _ in range(args.repeat):
        start = time.process_time()
        _parse_all(files)
        best = min(best, time.process_time() - start)
    print(f"{len(files)} files: {best:.3f} s CPU, {best / len(files) * 1000:.3f} ms per file")
    if args.profile:
        profiler = cProfile.Profile()
        profiler.runcall(_parse_all, files)
        pstats.Stats(profiler).sort_stats("tottime").print_stats(args.top)


if __name__ == "__main__":
    main()
