"""A fuzz target for footcheck's readers and its rules.

    python fuzz/fuzz_parsers.py -atheris_runs=20000          # atheris (libFuzzer options)
    python fuzz/fuzz_parsers.py -max_total_time=60 corpus/   # ... for a minute, keeping a corpus
    python fuzz/fuzz_parsers.py --smoke 2000 [--seed 7]      # no atheris needed: random inputs
    python fuzz/fuzz_parsers.py crash-1a2b...                # replay saved inputs (either way)

One input is: a byte choosing the format (text, Markdown, HTML, DOCX, ODT, reST, EPUB), a byte
choosing how the rest is used, and the rest. The rest is either the file itself,
or spliced into a committed fixture of that format (for the zipped formats, into one of
the zip's members, which is zipped again so that the XML readers, not the zip
checks, see the damage). Each input is held to `promises.check`: the format's
reader, called directly, gives a Document or a one-line `DocumentError` (any other
exception is its bug), the Document's places lie inside the input, and the rules
(`check_document` with `Config()`) run on it without a failure. Anything else is a
crash: atheris stops and writes the input to `crash-<sha1>`; the smoke loop does the
same, prints the failure (naming the format and the exception) and the replay
command, and exits 1.

The readers to instrument are the registry's (`parsers.READERS`), wherever their
modules live; before fuzzing, every fixture is read once under instrumentation so
that what the readers and the rules import only when needed is instrumented too.

Without atheris installed, `-atheris_runs=N` runs the smoke loop for N inputs, so
CI can run this briefly either way. The smoke loop's inputs are random bytes in the
same layout, so random bytes also reach the spliced fixtures.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import importlib
import io
import random
import sys
import time
import traceback
import zipfile
from collections.abc import Callable, Sequence
from functools import cache
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # run from a checkout without installing

atheris: ModuleType | None
try:
    import atheris  # type: ignore[import-untyped, import-not-found, no-redef, unused-ignore]
except ImportError:  # the smoke loop needs nothing but footcheck
    atheris = None

# Coverage feedback is for an atheris run of this script only: the smoke loop, a
# replay without atheris, and the tests importing this module instrument nothing.
_FUZZING = __name__ == "__main__" and atheris is not None and "--smoke" not in sys.argv
# The checks themselves are not what is fuzzed.
_NOT_FUZZED = ["fuzz.promises"]


def _instrumented() -> contextlib.AbstractContextManager[object]:
    """Instrument what is imported inside it when fuzzing with atheris; else nothing."""
    if _FUZZING and atheris is not None:
        manager: contextlib.AbstractContextManager[object] = atheris.instrument_imports(
            exclude=_NOT_FUZZED
        )
        return manager
    return contextlib.nullcontext()


with _instrumented():
    from footcheck import parsers
    from fuzz.promises import TEXT_FORMATS, check

    for _module in parsers.READERS.values():
        importlib.import_module(_module)

FORMATS = parsers.FORMATS
FIXTURES = ROOT / "tests" / "fixtures"


@cache
def fixture_paths(fmt: str) -> tuple[Path, ...]:
    """The committed fixtures of one format."""
    suffixes = parsers.SUFFIXES[fmt]
    return tuple(sorted(p for p in FIXTURES.rglob("*") if p.suffix in suffixes and p.is_file()))


@cache
def fixtures(fmt: str) -> tuple[bytes, ...]:
    """The committed fixtures of one format, as seeds to splice into."""
    return tuple(p.read_bytes() for p in fixture_paths(fmt))


@cache
def members(index: int, fmt: str) -> tuple[tuple[str, bytes], ...]:
    """The members of one DOCX or ODT fixture."""
    with zipfile.ZipFile(io.BytesIO(fixtures(fmt)[index])) as archive:
        return tuple((info.filename, archive.read(info)) for info in archive.infolist())


def build(data: bytes) -> tuple[str, bytes]:
    """(format, file bytes) from one fuzz input."""
    if len(data) < 2:
        return "text", data
    fmt = FORMATS[data[0] % len(FORMATS)]
    mode, rest = data[1], data[2:]
    seeds = fixtures(fmt)
    if mode % 2 == 0 or not seeds or len(rest) < 4:
        return fmt, rest
    seed_index = rest[0] % len(seeds)
    at, cut, payload = rest[1], rest[2], rest[3:]
    if fmt in TEXT_FORMATS:
        seed = seeds[seed_index]
        where = (at * len(seed)) // 256
        return fmt, seed[:where] + payload + seed[where + cut % 64 :]
    parts = list(members(seed_index, fmt))
    name, content = parts[(mode // 2) % len(parts)]
    where = (at * len(content)) // 256
    parts[(mode // 2) % len(parts)] = (
        name,
        content[:where] + payload + content[where + cut % 64 :],
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for member, body in parts:
            archive.writestr(member, body)
    return fmt, buffer.getvalue()


def test_one_input(data: bytes) -> None:
    """The fuzz entry point."""
    fmt, content = build(data)
    check(content, fmt)


def read_every_fixture() -> None:
    """Every committed fixture through `check`: before fuzzing, so that under
    instrumentation what the readers and the rules import only when they need it
    (a reader's helpers, markdown-it, the date layer) is instrumented too."""
    for fmt in FORMATS:
        for path in fixture_paths(fmt):
            try:
                check(path.read_bytes(), fmt)
            except Exception as exc:
                exc.add_note(f"reading the fixture {path}")
                raise


def _save(data: bytes) -> Path:
    path = Path(f"crash-{hashlib.sha1(data).hexdigest()}")
    path.write_bytes(data)
    return path


def smoke(runs: int, seed: int, max_len: int, report: Callable[[str], None]) -> int:
    """`runs` random inputs through `test_one_input`; 0, or 1 on the first crash."""
    rng = random.Random(seed)
    started = time.monotonic()
    for run in range(runs):
        size = rng.choice((2, 8, 64, 512, max_len))
        data = bytes([rng.randrange(256), rng.randrange(256)]) + rng.randbytes(rng.randrange(size))
        try:
            test_one_input(data)
        except Exception as exc:
            path = _save(data)
            report(traceback.format_exc())
            report(f"crash on run {run} (seed {seed}): {type(exc).__name__}: {exc}")
            report(f"input saved: {path}")
            report(f"replay: python {Path(__file__).name} {path}")
            return 1
    report(f"smoke: {runs} inputs in {time.monotonic() - started:.1f} s, no crash (seed {seed})")
    return 0


def replay(paths: Sequence[str], report: Callable[[str], None]) -> int:
    status = 0
    for name in paths:
        try:
            test_one_input(Path(name).read_bytes())
        except Exception as exc:
            report(traceback.format_exc())
            report(f"{name}: crash: {type(exc).__name__}: {exc}")
            status = 1
        else:
            report(f"{name}: ok")
    return status


def main(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0], add_help=True)
    parser.add_argument("--smoke", type=int, metavar="N", help="N random inputs, no atheris")
    parser.add_argument("--seed", type=int, default=None, help="the smoke loop's random seed")
    parser.add_argument("--max-len", type=int, default=4096, help="longest smoke input")
    known, rest = parser.parse_known_args(argv[1:])
    report: Callable[[str], None] = lambda line: print(line, file=sys.stderr)  # noqa: E731
    if known.smoke is None and atheris is not None:
        with _instrumented():
            read_every_fixture()
        atheris.Setup([argv[0], *rest], test_one_input)
        atheris.Fuzz()
        return 0
    files = [a for a in rest if not a.startswith("-")]
    if known.smoke is None and files:
        return replay(files, report)
    runs = known.smoke
    if runs is None:
        runs_flags = [a.split("=", 1)[1] for a in rest if a.startswith("-atheris_runs=")]
        runs = int(runs_flags[-1]) if runs_flags else 1000
        report(f"atheris is not installed: a smoke loop of {runs} random inputs instead")
    seed = known.seed if known.seed is not None else random.randrange(2**32)
    return smoke(runs, seed, known.max_len, report)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
