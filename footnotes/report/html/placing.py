"""A document's fragment put on the page: its findings' badges put at their markers and
notes.

The fragment (`document.unit_html`, made where the document was checked) marks each
card and note with `data-at="LINE:COLUMN"`; a finding goes to the element at its
line and column, else nowhere on the text (a finding about a whole paragraph or
file, shown in the file's list only: never on a marker that happens to share its
line). The card of a flagged marker repeats the claim (from the finding), and the
marker itself is drawn as flagged. One pass over the fragment, however many
findings it has.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from footcheck.footnotes.model import Finding
from footcheck.footnotes.report.html.escape import text
from footcheck.footnotes.report.html.findings import badge
from footcheck.footnotes.rules.base import shorten

_PLACE = re.compile(rb' data-at="([0-9]+):([0-9]+)" id="([^"]*)"')
_MARKER = re.compile(rb'class="marker" id="([^"]*)"')


def placed(
    body: bytes, findings: Sequence[tuple[int, Finding]], file_id: str
) -> tuple[bytes, dict[int, str]]:
    """The fragment (UTF-8) with the badges of `findings` (each with its index in the
    file's list) in place; and the id of the element each finding went to."""
    if not findings:
        return body, {}
    wanted: dict[tuple[int, int], list[tuple[int, Finding]]] = {}
    for index, finding in findings:
        wanted.setdefault((finding.location.line, finding.location.column), []).append(
            (index, finding)
        )
    at: dict[int, list[tuple[int, Finding]]] = {}
    targets: dict[int, str] = {}
    flagged: set[bytes] = set()
    for match in _PLACE.finditer(body):
        here = wanted.pop((int(match.group(1)), int(match.group(2))), None)
        if here is None:
            continue
        element = match.group(3).decode("ascii")
        for index, _ in here:
            targets[index] = element
        position = body.find(b">", match.end()) + 1
        if element.endswith("c"):  # a marker's card: after its label; the marker flagged
            position = body.find(b"</a>", position) + 4
            flagged.add(match.group(3)[:-1])
        at[position] = here
        if not wanted:
            break
    if not at:
        return body, targets
    out: list[bytes] = []
    cursor = 0
    for position in sorted(at):
        out.append(body[cursor:position])
        out.append(_here(at[position], file_id, targets).encode("utf-8"))
        cursor = position
    out.append(body[cursor:])
    page = b"".join(out)
    if flagged:
        page = _MARKER.sub(
            lambda m: (
                b'class="marker flagged" id="%s"' % m.group(1)
                if m.group(1) in flagged
                else m.group(0)
            ),
            page,
        )
    return page, targets


def _here(found: Sequence[tuple[int, Finding]], file_id: str, targets: dict[int, str]) -> str:
    """The badges of the findings at one element (and, on a card, the claim)."""
    badges = "".join(badge(finding, index, file_id) for index, finding in found)
    out = f'<span class="here">{badges}</span>'
    on_card = targets[found[0][0]].endswith("c")
    claim = next((f.claim for _, f in found if f.claim), None)
    if on_card and claim:
        out += f'<p class="claim-text"><span class="k">claim</span> {text(shorten(claim, 240))}</p>'
    return out
