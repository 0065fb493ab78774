"""One large document's language layer, worked out on several cores at once.

After the parse, a large document's paragraphs are cut into slices. Forked worker
processes (they inherit the parsed document, its report date and date style) take
slices one at a time and find each paragraph's date mentions and claims: a
paragraph's are its own, independent of every other. Meanwhile this process reads
the notes as sources (serial: "Ibid." and short forms resolve against the notes
before them), then takes slices too. The workers' answers fill the context's
caches, so the rules run unchanged and find what a serial run finds.

Slices are handed out through a pipe of tickets, one per slice: whoever reads a
ticket does that slice, and no lock is ever held. A worker that fails, dies or
does not answer in time costs only time: the slices it took are worked out here.
A failure here (a bug in the dates or claims) leaves the caches empty, and the
rules then meet it where a serial run would.
"""

from __future__ import annotations

import contextlib
import gc
import os
import select
import signal
import struct
import tempfile
import time
from dataclasses import dataclass
from typing import IO, NoReturn

from footcheck.footnotes import split_codec
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
_TICKET = struct.Struct("=I")
_LENGTH = struct.Struct("=Q")
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
    helpers = min(helpers, _MOST_HELPERS)
    slices = _slices(context, helpers + 1)
    tickets_read, tickets_write = os.pipe()
    workers: list[_Worker] = []
    done: dict[int, Found] = {}
    try:
        os.write(tickets_write, b"".join(_TICKET.pack(i) for i in range(len(slices))))
        os.close(tickets_write)
        tickets_write = -1
        for _ in range(helpers):
            workers.append(_fork(context, slices, tickets_read))
        started = time.monotonic()
        # Serial: each note may lean on the ones before. A failure is left for the
        # rules to meet, as in a serial run.
        with contextlib.suppress(Exception):
            context.sources  # noqa: B018
        while (index := _ticket(tickets_read)) is not None:
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
        _close(tickets_read, tickets_write)
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


def _ticket(tickets: int) -> int | None:
    """The next slice to work out, or None when every slice is taken."""
    ticket = os.read(tickets, _TICKET.size)  # a pipe reads a whole ticket at once
    return _TICKET.unpack(ticket)[0] if len(ticket) == _TICKET.size else None


def _work_out(context: Context, span: tuple[int, int]) -> dict[int, Found]:
    """The dates and claims of the paragraphs of one slice, by paragraph index."""
    found: dict[int, Found] = {}
    for index in range(*span):
        mentions = context.dates_of_paragraph(index)
        found[index] = (mentions, context.claims_of_paragraph(index, mentions))
    return found


@dataclass
class _Worker:
    """A forked worker, and where its answers come: one message per slice, written to
    a file (a pipe would fill, and stop the worker, while this process reads the
    notes), and each message's length on a pipe once the message is whole."""

    pid: int
    answers: IO[bytes]
    lengths: int  # read end of the pipe of lengths; -1 once closed
    read_to: int = 0  # the answers read so far end here
    pending: bytes = b""  # part of a length not yet read
    ended: bool = False
    failed: bool = False

    def collect(self, context: Context, deadline: float | None) -> dict[int, Found]:
        """The slices the worker has answered since the last call, rebuilt here.

        With no deadline, only what is there already; with one, everything up to the
        worker's end or the deadline (after which it is stopped).
        """
        found: dict[int, Found] = {}
        while self.lengths >= 0 and not self.failed:
            # Past the deadline, what is there already is still taken.
            wait = 0.0 if deadline is None else max(0.0, deadline - time.monotonic())
            if not select.select([self.lengths], [], [], wait)[0]:
                break
            data = os.read(self.lengths, 64 * _LENGTH.size)
            if not data:  # the worker is done (or gone): what it answered stands
                os.close(self.lengths)
                self.lengths = -1
                break
            data, self.pending = _whole(self.pending + data)
            for (length,) in _LENGTH.iter_unpack(data):
                found.update(self._message(context, length))
        return found

    def _message(self, context: Context, length: int) -> dict[int, Found]:
        message = os.pread(self.answers.fileno(), length, self.read_to)
        self.read_to += length
        paragraphs = context.doc.paragraphs
        found: dict[int, Found] = {}
        try:
            for index, mentions, claims in split_codec.decode_slice(
                split_codec.load(message), paragraphs
            ):
                found[index] = (mentions, claims)
        except Exception:  # a damaged answer: its slices and the rest are worked out here
            self.failed = True
            return {}
        return found

    def end(self) -> None:
        """Close the pipe and file, stop the worker if it still runs, and reap it."""
        _close(self.lengths)
        self.lengths = -1
        self.answers.close()
        if not self.ended:
            self.ended = True
            with contextlib.suppress(ProcessLookupError):  # it has exited already
                os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)


def _whole(data: bytes) -> tuple[bytes, bytes]:
    """The whole lengths in `data`, and the part of one that follows them."""
    cut = len(data) - len(data) % _LENGTH.size
    return data[:cut], data[cut:]


def _fork(context: Context, slices: list[tuple[int, int]], tickets: int) -> _Worker:
    answers = tempfile.TemporaryFile()  # noqa: SIM115  (the worker's to write; `end` closes it)
    lengths, lengths_write = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        answers.close()
        _close(lengths, lengths_write)
        raise
    if pid == 0:  # the worker: never returns
        os.close(lengths)
        _serve(context, slices, tickets, answers.fileno(), lengths_write)
    os.close(lengths_write)
    return _Worker(pid, answers, lengths)


def _serve(
    context: Context, slices: list[tuple[int, int]], tickets: int, answers: int, lengths: int
) -> NoReturn:
    """A worker's life: take slices until none is left, answering each, then exit.

    It leaves through os._exit: none of the parent's clean-up (buffered output,
    exit handlers) runs twice. The garbage collector stays off: it would only walk,
    and so copy, the parent's pages.
    """
    status = 1
    try:
        gc.disable()
        while (index := _ticket(tickets)) is not None:
            lo, hi = slices[index]
            paragraphs = []
            for position in range(lo, hi):
                mentions = context.dates_of_paragraph(position)
                claims = context.claims_of_paragraph(position, mentions)
                paragraphs.append(split_codec.encode_paragraph(mentions, claims))
            message = split_codec.dump((lo, paragraphs))
            left = memoryview(message)
            while left:
                left = left[os.write(answers, left) :]
            os.write(lengths, _LENGTH.pack(len(message)))
        status = 0
    except BaseException:  # any failure: the parent works the other slices out itself
        pass
    finally:
        os._exit(status)


def _close(*descriptors: int) -> None:
    for descriptor in descriptors:
        if descriptor >= 0:
            os.close(descriptor)
