"""One large document's language layer, worked out on several cores at once.

After the parse, a large document's paragraphs are cut into slices. Forked worker
processes (`footnotes.split_workers`: they inherit the parsed document, its report
date and date style) take slices one at a time and find each paragraph's date
mentions and claims: a paragraph's are its own, independent of every other.
Meanwhile this process reads the notes as sources (serial: "Ibid." and short forms
resolve against the notes before them), then takes slices too. The workers'
answers fill the context's caches, so the rules run unchanged and find what a
serial run finds.

A worker that fails, dies or does not answer in time costs only time: the slices
it took are worked out here. A failure here (a bug in the dates or claims) leaves
the caches empty, and the rules then meet it where a serial run would.

This module is light to import: the process machinery is imported only for a
document worth splitting (a small report's start-up pays nothing for it).
"""

from __future__ import annotations

import contextlib
import time

from footcheck.footnotes.claims import Claim
from footcheck.footnotes.context import Context
from footcheck.footnotes.dates import DateMention

# A paragraph's date mentions and claims.
Found = tuple[list[DateMention], list[Claim]]
# Below this much text (paragraphs and notes), a worker's start-up and the answers'
# trip back cost more than they save.
SPLIT_FROM = 2_000_000
# About this many slices per process, so that all finish at about the same time.
_SLICES_PER_PROCESS = 16
# At most this many workers: their tickets must fit in a pipe before anyone reads.
_MOST_HELPERS = 63
# How long to wait for a worker once this process has done its part: a few times
# as long as that part took, and never less than this (a loaded machine).
_PATIENCE = 30.0
_PATIENCE_FACTOR = 4.0


def worth_splitting(context: Context) -> bool:
    """Whether the document is large enough for workers to pay for themselves."""
    doc = context.doc
    size = sum(len(p.text) for p in doc.paragraphs) + sum(len(n.text) for n in doc.notes)
    return size >= SPLIT_FROM and len(doc.paragraphs) > 1


def share_language_layer(context: Context, helpers: int) -> bool:
    """Work out the context's dates, claims and sources with `helpers` worker processes.

    True when the paragraphs' dates and claims were filled in; False when they were
    left for the rules to find (the report's date or style could not be read, or
    working them out failed: the rules meet the same failure).
    """
    try:
        context.report  # noqa: B018  (the workers inherit these: worked out once, here)
        context.date_style  # noqa: B018
    except Exception:  # the rules report it, as in a serial run
        return False
    from footcheck.footnotes.split_workers import Tickets, Worker, fork_worker

    helpers = min(helpers, _MOST_HELPERS)
    slices = _slices(context, helpers + 1)
    tickets = Tickets(len(slices))
    workers: list[Worker] = []
    done: dict[int, Found] = {}
    try:
        for _ in range(helpers):
            workers.append(fork_worker(context, slices, tickets))
        started = time.monotonic()
        # Serial: each note may lean on the ones before. A failure is left for the
        # rules to meet, as in a serial run.
        with contextlib.suppress(Exception):
            context.sources  # noqa: B018
        while (index := tickets.take()) is not None:
            done.update(_work_out(context, slices[index]))
            for worker in workers:  # rebuilt between slices, not all at the end
                done.update(worker.collect(context, None))
        patience = max(_PATIENCE, _PATIENCE_FACTOR * (time.monotonic() - started))
        deadline = time.monotonic() + patience
        for worker in workers:
            done.update(worker.collect(context, deadline))
        for lo, hi in slices:  # what a failed worker took
            if lo not in done:
                done.update(_work_out(context, (lo, hi)))
    except Exception:
        return False
    finally:
        tickets.close()
        for worker in workers:
            worker.end()
    ordered = [done[index] for index in range(len(context.doc.paragraphs))]
    context.share([d for d, _ in ordered], [c for _, c in ordered])
    return True


def _slices(context: Context, processes: int) -> list[tuple[int, int]]:
    """The paragraphs cut into runs of about equal text, as (first, past the last)."""
    paragraphs = context.doc.paragraphs
    total = sum(len(p.text) for p in paragraphs)
    target = max(1, total // (processes * _SLICES_PER_PROCESS))
    slices: list[tuple[int, int]] = []
    start = size = 0
    for index, paragraph in enumerate(paragraphs):
        size += len(paragraph.text)
        if size >= target:
            slices.append((start, index + 1))
            start, size = index + 1, 0
    if start < len(paragraphs):
        slices.append((start, len(paragraphs)))
    return slices


def _work_out(context: Context, span: tuple[int, int]) -> dict[int, Found]:
    """The dates and claims of the paragraphs of one slice, by paragraph index."""
    found: dict[int, Found] = {}
    for index in range(*span):
        mentions = context.dates_of_paragraph(index)
        found[index] = (mentions, context.claims_of_paragraph(index, mentions))
    return found
