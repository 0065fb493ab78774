"""The worker processes of `footnotes.split_work`: forked, handed slices by ticket,
answering each slice as soon as it is worked out.

Slices are handed out through a pipe of tickets, one per slice: whoever reads a
ticket does that slice, and no lock is ever held (a worker that dies holds
nothing). A worker writes each slice's answer (`footnotes.split_codec`) to a file
of its own, then the answer's length to a pipe: a pipe alone would fill, and stop
the worker, while the parent reads the notes. The parent rebuilds answers between
its own slices, and at the end waits for each worker until a deadline, after which
the worker is stopped.
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
from footcheck.footnotes.context import Context
from footcheck.footnotes.split_work import Found

_TICKET = struct.Struct("=I")
_LENGTH = struct.Struct("=Q")


class Tickets:
    """A pipe holding one ticket per slice, shared with the workers it is forked into."""

    def __init__(self, count: int) -> None:
        self._read, write = os.pipe()
        try:
            os.write(write, b"".join(_TICKET.pack(i) for i in range(count)))
        finally:
            os.close(write)  # once empty, the pipe reads as ended: every slice is taken

    def take(self) -> int | None:
        """The next slice to work out, or None when every slice is taken."""
        ticket = os.read(self._read, _TICKET.size)  # a pipe reads a whole ticket at once
        return _TICKET.unpack(ticket)[0] if len(ticket) == _TICKET.size else None

    def close(self) -> None:
        _close(self._read)
        self._read = -1


@dataclass
class Worker:
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


def fork_worker(context: Context, slices: list[tuple[int, int]], tickets: Tickets) -> Worker:
    """A worker forked from this process, taking `tickets` for `slices`."""
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
    return Worker(pid, answers, lengths)


def _serve(
    context: Context, slices: list[tuple[int, int]], tickets: Tickets, answers: int, lengths: int
) -> NoReturn:
    """A worker's life: take slices until none is left, answering each, then exit.

    It leaves through os._exit: none of the parent's clean-up (buffered output,
    exit handlers) runs twice. The garbage collector stays off: it would only walk,
    and so copy, the parent's pages.
    """
    status = 1
    try:
        gc.disable()
        while (index := tickets.take()) is not None:
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
