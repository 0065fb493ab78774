"""A 200-chapter Markdown book for the benchmark's `book` case (issue 12).

An mdBook: a SUMMARY.md listing 200 chapters in order, each chapter a few
paragraphs with twelve `[^n]` notes of its own, some sources cited again in later
chapters (so the book rules have work to do). Deterministic: the same book every
time, written only when the folder does not hold it already.
"""

from __future__ import annotations

import calendar
import random
from pathlib import Path

CHAPTERS = 200
NOTES_PER_CHAPTER = 12
_MARKER = ".fc-bench-book"
_OUTLETS = ("Harbour Times", "Coast Gazette", "Rail Observer", "Valley Post", "Northern Ledger")
_MONTHS = tuple(calendar.month_name[1:])


def book(folder: Path) -> Path:
    """The book under `folder` (written unless a complete one is there)."""
    marker = folder / _MARKER
    done = f"{CHAPTERS} chapters\n"
    if marker.exists() and marker.read_text(encoding="utf-8") == done:
        return folder
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(12)
    summary = ["# Summary", ""]
    for number in range(1, CHAPTERS + 1):
        name = f"chapter-{number:03d}.md"
        summary.append(f"- [Chapter {number}]({name})")
        (folder / name).write_text(_chapter(number, rng), encoding="utf-8")
    (folder / "SUMMARY.md").write_text("\n".join(summary) + "\n", encoding="utf-8")
    marker.write_text(done, encoding="utf-8")
    return folder


def _chapter(number: int, rng: random.Random) -> str:
    body = [f"---\ntitle: Chapter {number}\ndate: 2025-05-01\n---\n\n# Chapter {number}\n"]
    notes = []
    for note in range(1, NOTES_PER_CHAPTER + 1):
        year = rng.randint(2012, 2022)
        body.append(
            f"In {year} the harbour board met again to weigh its accounts and the repairs"
            f" to the north quay that had waited for years.[^{note}] The minutes record a"
            " long argument about tolls, dredging and the price of coal."
        )
        story = rng.randint(1, 400)  # some stories cited again in later chapters
        month = _MONTHS[rng.randint(0, 11)]
        notes.append(
            f'[^{note}]: {_OUTLETS[story % len(_OUTLETS)]}, "Board weighs the quay,'
            f' part {story}," {month} {rng.randint(1, 28)}, {year + 1}.'
        )
    return "\n\n".join(body) + "\n\n" + "\n".join(notes) + "\n"
