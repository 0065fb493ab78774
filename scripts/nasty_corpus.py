"""Write footcheck's corpus of pathological inputs into a folder.

The nasty cases are generated here rather than stored: a million ``[``, ``[1``
repeated 200,000 times, a 10 MB single line, 30,000 notes, 100,000 nested
``<div>`` and so on, in plain text, Markdown and HTML where the case makes sense
there. `bench/nasty.py` runs ``footcheck check`` on each file and measures it;
`tests/test_pathological.py` builds smaller versions of the same cases in memory.

Each case is a function of one size ``n`` (how many times the nasty piece is
repeated), so a test can ask for a scaled-down copy with `build`.

    python scripts/nasty_corpus.py [FOLDER]     # default /tmp/footcheck-nasty

The folder must not be inside a git repository: the corpus is hundreds of
megabytes and is never committed.
"""

from __future__ import annotations

import argparse
import html
import os
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

DEFAULT_FOLDER = Path("/tmp/footcheck-nasty")

_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def _date(i: int) -> str:
    """A valid long-form date that changes with i."""
    return f"{_MONTHS[i % 12]} {i % 28 + 1}, {2000 + i % 24}"


def _iso(i: int) -> str:
    return f"{2000 + i % 24}-{i % 12 + 1:02d}-{i % 28 + 1:02d}"


# --- the pieces -----------------------------------------------------------------


def _repeat(piece: str, head: str = "Report\n\n", tail: str = "\n") -> Callable[[int], str]:
    def make(n: int) -> str:
        return head + piece * n + tail

    return make


def _long_line(fmt: str) -> Callable[[int], str]:
    """One line of prose, n sentences long, with markers and dates, then two notes."""

    def make(n: int) -> str:
        sentence = "The council met on {} and again on 2024-01-0{} [{}]. "
        line = "".join(sentence.format(_date(i), i % 9 + 1, i % 2 + 1) for i in range(n))
        if fmt == "md":
            line = line.replace("[1]", "[^1]").replace("[2]", "[^2]")
            notes = "[^1]: Daily News, March 3, 2024.\n[^2]: Weekly, April 1, 2024.\n"
        else:
            notes = "Notes\n\n[1] Daily News, March 3, 2024.\n[2] Weekly, April 1, 2024.\n"
        return f"Report\n\n{line}\n\n{notes}"

    return make


def _many_notes(fmt: str) -> Callable[[int], str]:
    """n sentences each citing its own note, and the n notes."""

    def make(n: int) -> str:
        if fmt == "md":
            body = "".join(f"Event {i} happened on {_date(i)}.[^{i}]\n\n" for i in range(1, n + 1))
            notes = "".join(
                f'[^{i}]: Author {i}, "Title {i}," Paper, {_date(i + 1)}.\n'
                for i in range(1, n + 1)
            )
            return f"# Report\n\n{body}{notes}"
        if fmt == "html":
            body = "".join(
                f"<p>Event {i} happened on {_date(i)}."
                f'<sup id="r{i}"><a href="#n{i}">{i}</a></sup></p>\n'
                for i in range(1, n + 1)
            )
            notes = "".join(
                f'<li id="n{i}">Author {i}, &#8220;Title {i},&#8221; Paper, {_date(i + 1)}.'
                f' <a href="#r{i}">&#8617;</a></li>\n'
                for i in range(1, n + 1)
            )
            return (
                "<!DOCTYPE html><html><head><title>R</title></head><body>\n"
                f'{body}<section class="footnotes" role="doc-endnotes"><ol>\n{notes}</ol></section>'
                "</body></html>\n"
            )
        body = "".join(f"Event {i} happened on {_date(i)}.[{i}]\n\n" for i in range(1, n + 1))
        notes = "".join(
            f'[{i}] Author {i}, "Title {i}," Paper, {_date(i + 1)}.\n' for i in range(1, n + 1)
        )
        return f"Report\n\n{body}Notes\n\n{notes}"

    return make


def _many_dates(fmt: str) -> Callable[[int], str]:
    """One paragraph with n dates, one marker at its end, and its note."""

    def make(n: int) -> str:
        dates = ", ".join(_date(i) if i % 2 else _iso(i) for i in range(n))
        mark, note = ("[^1]", "[^1]:") if fmt == "md" else ("[1]", "Notes\n\n[1]")
        return f"Report\n\nThe board met on {dates}.{mark}\n\n{note} Gazette, May 5, 2024.\n"

    return make


def _no_sentence_end(fmt: str) -> Callable[[int], str]:
    """One paragraph of n clauses that never ends a sentence, markers and dates inside."""

    def make(n: int) -> str:
        words = "".join(
            f"and the panel heard on {_date(i)} that Mr Smith [1] said no, " for i in range(n)
        )
        mark, note = ("[^1]", "[^1]:") if fmt == "md" else ("[1]", "Notes\n\n[1]")
        words = words.replace("[1]", mark)
        return f"Report\n\n{words}\n\n{note} Gazette, May 5, 2024.\n"

    return make


def _nested_list(n: int) -> str:
    """n list levels by indentation (the file grows as n squared)."""
    return "# Report\n\n" + "".join("  " * i + f"- item {i}\n" for i in range(n)) + "\n"


def _nested_div(n: int) -> str:
    """A pandoc-style footnote inside n nested `<div>`s."""
    return (
        "<html><body>"
        + "<div>" * n
        + '<p>Deep text on March 3, 2023.<sup><a href="#fn1" id="r1">1</a></sup></p>'
        + "</div>" * n
        + '<section class="footnotes"><ol><li id="fn1">Gazette, May 5, 2024.'
        + ' <a href="#r1">&#8617;</a></li></ol></section></body></html>\n'
    )


def _unclosed_sup(n: int) -> str:
    return "<html><body><p>Text " + "<sup>1" * n + "</p></body></html>\n"


def _big_note(fmt: str) -> Callable[[int], str]:
    """One marker and one note of n words (5 MB at full size), dates and quotes inside."""

    def make(n: int) -> str:
        words = " ".join(
            (f'"Title {i},"' if i % 50 == 0 else _date(i) if i % 37 == 0 else f"word{i % 97}")
            for i in range(n)
        )
        if fmt == "md":
            return f"# Report\n\nA claim made on March 3, 2023.[^1]\n\n[^1]: {words}.\n"
        if fmt == "html":
            return (
                '<html><body><p>A claim made on March 3, 2023.<sup><a href="#fn1">1</a></sup></p>'
                f'<ol class="footnotes"><li id="fn1">{html.escape(words)}.</li></ol>'
                "</body></html>\n"
            )
        return f"Report\n\nA claim made on March 3, 2023.[1]\n\nNotes\n\n[1] {words}.\n"

    return make


def _repeated_notes(kind: str, fmt: str) -> Callable[[int], str]:
    """n markers; note 1 a full citation, every other note "Ibid." or "Author, op. cit.\""""

    def make(n: int) -> str:
        later = "Ibid., p. {}." if kind == "ibid" else "Smith, op. cit., p. {}."
        if fmt == "md":
            body = "".join(f"Point {i} from 2019.[^{i}]\n\n" for i in range(1, n + 1))
            notes = '[^1]: Smith, "A Book," Press, May 2, 2020.\n' + "".join(
                f"[^{i}]: {later.format(i)}\n" for i in range(2, n + 1)
            )
            return f"# Report\n\n{body}{notes}"
        body = "".join(f"Point {i} from 2019.[{i}]\n\n" for i in range(1, n + 1))
        notes = '[1] Smith, "A Book," Press, May 2, 2020.\n' + "".join(
            f"[{i}] {later.format(i)}\n" for i in range(2, n + 1)
        )
        return f"Report\n\n{body}Notes\n\n{notes}"

    return make


def _many_citations(fmt: str) -> Callable[[int], str]:
    """One note of n citations: semicolons, "See also", brackets, short forms, URLs."""

    def make(n: int) -> str:
        parts = "; ".join(
            (
                f"Ames{i % 7}, Harbours (Hill Press, {1900 + i % 120}), {i}. "
                f"See also Bell{i}, p. {i} (ed.; trans.), "
                f"https://x.example/{2000 + i % 20}/05/0{i % 9 + 1}/"
                if i % 3
                else f"Ames{i % 7}, {i}"
            )
            for i in range(n)
        )
        if fmt == "md":
            return f"# Report\n\nA claim of 2023.[^1]\n\n[^1]: {parts}.\n"
        return f"Report\n\nA claim of 2023.[1]\n\nNotes\n\n[1] {parts}.\n"

    return make


def _many_quotes(fmt: str) -> Callable[[int], str]:
    """One note made of n quoted titles, curly and straight, some never closed."""

    def make(n: int) -> str:
        quotes = " ".join(
            (
                '"T{0}," “U{0},” «V{0}» ‘W{0}’ "open{0} ' if i % 10 == 0 else '"T{0}," “U{0},” '
            ).format(i)
            for i in range(n)
        )
        if fmt == "md":
            return f"# Report\n\nA claim of 2023.[^1]\n\n[^1]: {quotes} May 5, 2024.\n"
        return f"Report\n\nA claim of 2023.[1]\n\nNotes\n\n[1] {quotes} May 5, 2024.\n"

    return make


def _markers_without_notes(fmt: str) -> Callable[[int], str]:
    """n markers, every one missing its note: n findings to report."""

    def make(n: int) -> str:
        if fmt == "md":
            return "# Report\n\n" + "".join(f"Claim {i}.[^{i}] " for i in range(1, n + 1)) + "\n"
        return "Report\n\n" + "".join(f"Claim {i}.[{i}] " for i in range(1, n + 1)) + "\n"

    return make


def _op_cit_unknown(n: int) -> str:
    """n/2 notes by n/2 different authors, then n/2 "op. cit." notes naming none of them."""
    half = max(1, n // 2)

    def name(i: int) -> str:
        letters = ""
        while True:
            i, r = divmod(i, 26)
            letters += chr(ord("a") + r)
            if not i:
                return "Au" + letters

    body = "".join(f"Point {i} from 2019.[{i}]\n\n" for i in range(1, 2 * half + 1))
    named = "".join(f"[{i}] {name(i)}, Book, Press, 2020.\n" for i in range(1, half + 1))
    cited = "".join(f"[{i}] Nobody, op. cit., p. {i}.\n" for i in range(half + 1, 2 * half + 1))
    return f"Report\n\n{body}Notes\n\n{named}{cited}"


# --- the cases -------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    """One nasty file: its name, suffix, how to make it at size n, and its full size."""

    name: str
    suffix: str  # "txt", "md" or "html"
    make: Callable[[int], str]
    n: int
    notes: int | None = None  # notes footcheck should find, when the case has a known number

    @property
    def filename(self) -> str:
        return f"{self.name}.{self.suffix}"

    def text(self, n: int | None = None) -> str:
        return self.make(self.n if n is None else n)

    def notes_at(self, n: int) -> int | None:
        """The expected number of notes at size n (cases with one note per repeat scale)."""
        if self.notes is None or self.notes != self.n:
            return self.notes
        return n


def _each(
    name: str, make: Callable[[str], Callable[[int], str]], n: int, fmts: str, notes: int | None
) -> Iterator[Case]:
    for fmt in fmts.split():
        yield Case(name, fmt, make(fmt), n, notes)


def _simple(name: str, piece: str, n: int, fmts: str = "txt md") -> Iterator[Case]:
    for fmt in fmts.split():
        head = "<html><body><p>" if fmt == "html" else "Report\n\n"
        tail = "</p></body></html>\n" if fmt == "html" else "\n"
        yield Case(name, fmt, _repeat(piece, head, tail), n)


def cases() -> list[Case]:
    """Every nasty case, at full size."""
    found: list[Case] = [
        *_simple("open-brackets", "[", 1_000_000, "txt md html"),
        *_simple("open-bracket-one", "[1", 200_000, "txt md html"),
        *_simple("open-caret", "[^", 300_000),
        *_simple("caret-open", "^[", 100_000),
        *_simple("nested-brackets", "[", 100_000),
        *_simple("closing-brackets", "[1]]", 200_000),
        *_simple("year-dash", "2023-", 200_000, "txt md html"),
        *_simple("one-comma", "1,", 500_000, "txt md"),
        Case("bracket-one-comma", "txt", _repeat("1,", "Report\n\nText [", "1]\n"), 500_000),
        Case("bracket-one-comma", "md", _repeat("1,", "# Report\n\nText [", "1]\n"), 500_000),
        Case("bracket-one-dash", "txt", _repeat("1-", "Report\n\nText [", "1]\n"), 300_000),
        *_simple("superscripts", "¹²³⁴", 200_000),
        *_simple("stars", "*", 1_000_000, "md"),
        *_simple("underscores", "_", 1_000_000, "md"),
        *_simple("stars-underscores", "*_", 500_000, "md txt"),
        *_simple("backticks", "`", 100_000, "md"),
        *_simple("backtick-runs", "`a``b", 50_000, "md"),
        *_simple("blockquote-line", ">", 50_000, "md"),
        *_simple("nested-list", "- ", 10_000, "md"),  # n levels on one line
        *_simple("nested-ordered-list", "1. ", 10_000, "md"),
        Case("nested-list-indented", "md", _nested_list, 2_000),
        Case(
            "dots",
            "txt",
            _repeat(".", "Report\n\nIt ended", " then[1]\n\n[1] X, 2020.\n"),
            1_000_000,
            1,
        ),
        Case(
            "dots",
            "md",
            _repeat(".", "# Report\n\nIt ended", " then[^1]\n\n[^1]: X, 2020.\n"),
            1_000_000,
            1,
        ),
        *_simple("bangs-quotes", '!?"', 300_000),
        Case("ref-close", "md", lambda n: "# R\n\n" + "[" * n + "][]" * n + "\n", 200_000),
        Case("image-close", "md", lambda n: "# R\n\n" + "![" * n + "](#x)" * n + "\n", 100_000),
        *_simple("open-comments", "<!--", 50_000, "md html"),
        *_simple("open-tags", "<a", 200_000, "md html"),
        *_simple("links", "[a](", 200_000, "md"),
        *_simple("footnote-defs", "[^a]:", 200_000, "md"),
        *_simple("html-open-tags", "<div>", 100_000, "html"),
        Case("nested-div", "html", _nested_div, 100_000, 1),
        Case("unclosed-sup", "html", _unclosed_sup, 100_000),
        *_each("long-line", _long_line, 170_000, "txt md", 2),
        *_each("many-notes", _many_notes, 30_000, "txt md html", 30_000),
        *_each("many-dates", _many_dates, 200_000, "txt md", 1),
        *_each("no-sentence-end", _no_sentence_end, 30_000, "txt md", 1),
        *_each("big-note", _big_note, 700_000, "txt md html", 1),
        *_each("ibid-notes", lambda fmt: _repeated_notes("ibid", fmt), 20_000, "txt md", 20_000),
        *_each("op-cit-notes", lambda fmt: _repeated_notes("opcit", fmt), 20_000, "txt md", 20_000),
        *_each("many-quotes", _many_quotes, 30_000, "txt md", 1),
        *_each("many-citations", _many_citations, 30_000, "txt md", 1),
        Case("op-cit-unknown", "txt", _op_cit_unknown, 30_000, 30_000),
        *_each("markers-no-notes", _markers_without_notes, 50_000, "txt md", 0),
    ]
    return found


def build(scale: float = 1.0, *, names: set[str] | None = None) -> Iterator[tuple[Case, str, int]]:
    """(case, content, n) for each case, scaled down by `scale`."""
    for case in cases():
        if names is not None and case.filename not in names and case.name not in names:
            continue
        n = max(1, int(case.n * scale))
        yield case, case.text(n), n


def _in_git_repository(folder: Path) -> bool:
    return any((parent / ".git").exists() for parent in [folder, *folder.parents])


def write(folder: Path, scale: float = 1.0) -> list[Path]:
    """Write every case into folder (created); refuse a folder inside a git repository."""
    folder = folder.resolve()
    if _in_git_repository(folder):
        raise SystemExit(f"{folder} is inside a git repository: the corpus is never committed")
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for case, content, _ in build(scale):
        path = folder / case.filename
        path.write_bytes(content.encode())
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT_FOLDER)
    parser.add_argument("--scale", type=float, default=1.0, help="shrink every case (0 < s <= 1)")
    args = parser.parse_args(argv)
    if not 0 < args.scale <= 1:
        parser.error("--scale must be in (0, 1]")
    paths = write(args.folder, args.scale)
    total = sum(os.path.getsize(p) for p in paths)
    print(f"wrote {len(paths)} files, {total / 2**20:.1f} MiB, into {args.folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
