"""A progress bar for long runs on a terminal, and nowhere else.

It appears only when the report goes to a person (console format, standard error
is a terminal, not in CI) and only once a run has lasted longer than a moment;
it is drawn on standard error and cleared at the end, so the report itself is
unchanged. rich is imported only when the bar is actually shown.
"""

from __future__ import annotations

import os
import sys
import time
from types import TracebackType
from typing import Any

_DELAY = 0.5  # seconds before a run earns a bar


class ProgressBar:
    """A callback `(done, total)` for footnotes.runner.run; a context manager that clears it."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled and _interactive()
        self._started = time.monotonic()
        self._bar: Any = None
        self._task: Any = None

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled:
            return
        if self._bar is None:
            if time.monotonic() - self._started < _DELAY or done >= total:
                return
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

            self._bar = Progress(
                TextColumn("checking"),
                BarColumn(),
                MofNCompleteColumn(),
                console=Console(file=sys.stderr),
                transient=True,
            )
            self._bar.start()
            self._task = self._bar.add_task("files", total=total)
        self._bar.update(self._task, completed=done)

    def __enter__(self) -> ProgressBar:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self._bar is not None:
            self._bar.stop()


def _interactive() -> bool:
    if os.environ.get("CI") or os.environ.get("NO_PROGRESS"):
        return False
    return sys.stderr.isatty()
