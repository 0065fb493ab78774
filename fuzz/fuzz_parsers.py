"""A fuzz target for footcheck's five readers and its rules.

    python fuzz/fuzz_parsers.py -atheris_runs=20000          # atheris (libFuzzer options)
    python fuzz/fuzz_parsers.py -max_total_time=60 corpus/   # ... for a minute, keeping a corpus
    python fuzz/fuzz_parsers.py --smoke 2000 [--seed 7]      # no atheris needed: random inputs
    python fuzz/fuzz_parsers.py crash-1a2b...                # replay saved inputs (either way)

One input is: a byte choosing the format (text, Markdown, HTML, DOCX, ODT), a byte
choosing how the rest is used, and the rest. The rest is either the file itself,
or spliced into a committed fixture of that format (for DOCX and ODT, into one of
the zip's members, which is zipped again so that the XML readers, not the zip
checks, see the damage). Each input must give a Document or a one-line
`DocumentError`; a Document must have every location at line >= 1 and column >= 1
(and, for the text formats, inside the decoded input), markers inside their
paragraph's text, and the rules (`check_document` with `Config()`) must run on it
without a failure. Anything else is a crash: atheris stops and writes the input to
`crash-<sha1>`; the smoke loop does the same, prints the replay command and exits 1.

Without atheris installed, `-atheris_runs=N` runs the smoke loop for N inputs, so
CI can run this briefly either way. The smoke loop's inputs are random bytes in the
same layout, so random bytes also reach the spliced fixtures.
"""

from __future__ import annotations

import argparse
import hashlib
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

# The smoke loop and replays need no coverage feedback: instrument for atheris only.
_FUZZING = atheris is not None and "--smoke" not in sys.argv
if _FUZZING and atheris is not None:
    with atheris.instrument_imports():
        from footcheck import parsers
        from footcheck.footnotes.engine import check_document
        from footcheck.footnotes.model import Document, DocumentError, Note, Paragraph
        from footcheck.footnotes.settings import Config
        from footcheck.parsers.decode import decode
        from footcheck.parsers.html.load import decode_page as decode_html
else:
    from footcheck import parsers
    from footcheck.footnotes.engine import check_document
    from footcheck.footnotes.model import Document, DocumentError, Note, Paragraph
    from footcheck.footnotes.settings import Config
    from footcheck.parsers.decode import decode
    from footcheck.parsers.html.load import decode_page as decode_html

FORMATS = ("text", "markdown", "html", "docx", "odt")
TEXT_FORMATS = frozenset({"text", "markdown", "html"})
FIXTURES = ROOT / "tests" / "fixtures"
_SUFFIXES = {
    "text": (".txt",),
    "markdown": (".md",),
    "html": (".html", ".htm", ".xhtml"),
    "docx": (".docx",),
    "odt": (".odt",),
}
CONFIG = Config()


class Broken(AssertionError):
    """A promise of the readers or the rules that an input broke."""


@cache
def fixtures(fmt: str) -> tuple[bytes, ...]:
    """The committed fixtures of one format, as seeds to splice into."""
    found = sorted(p for p in FIXTURES.rglob("*") if p.suffix in _SUFFIXES[fmt] and p.is_file())
    return tuple(p.read_bytes() for p in found)


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


def source_lines(data: bytes, fmt: str) -> int | None:
    """Lines of the decoded input for the text formats; None when not applicable."""
    if fmt not in TEXT_FORMATS:
        return None
    try:
        text = decode_html(data) if fmt == "html" else decode(data)
    except DocumentError:
        return None
    return text.replace("\r\n", "\n").replace("\r", "\n").count("\n") + 1


def check(data: bytes, fmt: str) -> Document | None:
    """Read `data` as `fmt` and hold it to every promise; raise `Broken` (or a bug) if not."""
    try:
        doc = parsers.parse(data, f"fuzz.{fmt}", fmt)
    except DocumentError as exc:
        if not str(exc) or "\n" in str(exc):
            raise Broken(f"DocumentError is not one line: {str(exc)!r}") from None
        return None
    lines = source_lines(data, fmt)
    holders: list[Paragraph | Note] = [*doc.paragraphs, *doc.notes]
    places = [h.location for h in holders]
    for holder in holders:
        for marker in holder.markers:
            places.append(marker.location)
            if not 0 <= marker.offset <= len(holder.text):
                raise Broken(f"{fmt}: marker offset outside its text: {marker}")
    for place in places:
        if place.line < 1 or place.column < 1:
            raise Broken(f"{fmt}: location before the start: {place}")
        if lines is not None and place.line > lines + 1:
            raise Broken(f"{fmt}: location past the end ({lines} lines): {place}")
    checked = check_document(doc, CONFIG)
    if checked.failure is not None:
        raise Broken(f"{fmt}: {checked.failure}")
    for finding in checked.findings:
        if finding.location.line < 1 or finding.location.column < 1:
            raise Broken(f"{fmt}: finding before the start: {finding}")
    return doc


def test_one_input(data: bytes) -> None:
    """The fuzz entry point."""
    fmt, content = build(data)
    check(content, fmt)


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
        except Exception:
            path = _save(data)
            report(traceback.format_exc())
            report(f"crash on run {run} (seed {seed}); input saved: {path}")
            report(f"replay: python {Path(__file__).name} {path}")
            return 1
    report(f"smoke: {runs} inputs in {time.monotonic() - started:.1f} s, no crash (seed {seed})")
    return 0


def replay(paths: Sequence[str], report: Callable[[str], None]) -> int:
    status = 0
    for name in paths:
        try:
            test_one_input(Path(name).read_bytes())
        except Exception:
            report(traceback.format_exc())
            report(f"{name}: crash")
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
