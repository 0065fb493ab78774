"""Writing styled lines to a stream: through rich when colour is on, plainly otherwise.

Text taken from documents is made safe first: control characters and escape
sequences are shown as visible escapes, and nothing is read as rich markup.
rich is imported only when colour is actually wanted.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import TextIO

from footcheck.footnotes import pattern_store

Segment = tuple[str, str]  # (text, rich style; "" for none)
Line = Sequence[Segment]

_CONTROL = pattern_store.compile(
    r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]"
)


def safe(text: str) -> str:
    """Document text fit for a terminal: control and bidi characters made visible."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text.replace("\t", " "))


def colour_wanted(stream: TextIO, no_color: bool) -> bool:
    """Colour only on a terminal, never when NO_COLOR is set or --no-color given."""
    if no_color or os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


class Writer:
    """Writes lines of segments; styles apply only when colour is on."""

    def __init__(self, stream: TextIO, colour: bool) -> None:
        self.stream = stream
        self.colour = colour
        self._console = None
        if colour:
            from rich.console import Console

            self._console = Console(file=stream, highlight=False, soft_wrap=False)

    def line(self, *segments: Segment) -> None:
        if self._console is None:
            self.stream.write("".join(text for text, _ in segments) + "\n")
            return
        from rich.text import Text

        out = Text()
        for text, style in segments:
            out.append(text, style=style or None)
        self._console.print(out)

    def blank(self) -> None:
        self.line()
