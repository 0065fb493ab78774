"""A document's fragment put on the page: its findings' badges put at their markers and
notes.

The fragment (`document.unit_html`, made where the document was checked) marks each
card and note with `data-at="LINE:COLUMN"`; a finding goes to the element at its
line and column, else to the first on its line, else nowhere (a file-wide finding,
shown in the file's list only). The card of a flagged marker repeats the claim
(from the finding), and the marker itself is drawn as flagged.
"""

from __future__ import annotations

from collections.abc import Sequence

from footcheck.footnotes.model import Finding
from footcheck.footnotes.report.html.escape import text
from footcheck.footnotes.report.html.findings import badge
from footcheck.footnotes.rules.base import shorten


def placed(
    body: bytes, findings: Sequence[tuple[int, Finding]], file_id: str
) -> tuple[bytes, dict[int, str]]:
    """The fragment (UTF-8) with the badges of `findings` (each with its index in the
    file's list) in place; and the id of the element each finding went to."""
    at: dict[int, list[tuple[int, Finding]]] = {}
    targets: dict[int, str] = {}
    for index, finding in findings:
        line, column = finding.location.line, finding.location.column
        found = body.find(f' data-at="{line}:{column}" id="'.encode())
        if found < 0:
            found = body.find(f' data-at="{line}:'.encode())
        if found < 0:
            continue
        id_start = body.find(b' id="', found) + 5
        id_end = body.find(b'"', id_start)
        element = targets[index] = body[id_start:id_end].decode("ascii")
        position = body.find(b">", id_end) + 1
        if element.endswith("c"):  # a marker's card: after its label
            position = body.find(b"</a>", position) + 4
        at.setdefault(position, []).append((index, finding))
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
    for element in sorted(set(targets.values())):
        if element.endswith("c"):  # a marker's card: the marker is flagged
            marker = element[:-1]
            page = page.replace(
                f'class="marker" id="{marker}"'.encode(),
                f'class="marker flagged" id="{marker}"'.encode(),
                1,
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
