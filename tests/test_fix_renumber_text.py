"""FN004's fix carried out on plain text and Markdown, short of the command line.

Read the file's faithful text, plan, find where the labels are written
(parsers/relabel.py), make the edits, encode: the result has no FN004, the same notes,
the file's own bytes outside the edits, and fixing it again changes nothing.
"""

from __future__ import annotations

from collections import Counter

import pytest

from footcheck import parsers
from footcheck.footnotes.engine import check_document
from footcheck.footnotes.fixes.edits import apply
from footcheck.footnotes.fixes.renumber import plan_renumbering
from footcheck.footnotes.fixes.renumber_edits import renumber_edits
from footcheck.footnotes.fixes.sites import SiteError
from footcheck.footnotes.settings import CommandLine, FileSettings, resolve
from footcheck.parsers import relabel
from footcheck.parsers.decode import faithful

CONFIG = resolve(FileSettings(), CommandLine(no_cache=True))


def fixed(data: bytes, name: str) -> bytes:
    fmt = parsers.parse.format_for_named(name)
    assert fmt is not None
    doc = parsers.parse(data, name, fmt)
    text = faithful(data)
    found = relabel.sites(fmt, text.text, doc, text.offset)
    edits, _ = renumber_edits(text.text, doc, plan_renumbering(doc), found)
    return text.encode(apply(text.text, edits))


def codes(data: bytes, name: str) -> list[str]:
    doc = parsers.parse(data, name, parsers.parse.format_for_named(name))
    return [f.code for f in check_document(doc, CONFIG).findings]


def notes_of(data: bytes, name: str) -> Counter[str]:
    doc = parsers.parse(data, name, parsers.parse.format_for_named(name))
    return Counter(n.text for n in doc.notes)


CASES = {
    "swapped.txt": (
        "Rents rose.[1] Wages did not.[3] Prices fell.[2]\n\n"
        "[1] Housing Survey, March 2022.\n[2] Price Index, May 2022.\n"
        "[3] Labour Review, April 2022.\n",
        "Rents rose.[1] Wages did not.[2] Prices fell.[3]\n\n"
        "[1] Housing Survey, March 2022.\n[2] Labour Review, April 2022.\n"
        "[3] Price Index, May 2022.\n",
    ),
    "groups.txt": (
        "A.[1] B.[4-5] C.[2] D.[3, 1]\n\nNotes\n\n"
        "1. One, 2021.\n2. Two, 2021.\n3. Three, 2021.\n4. Four, 2021.\n5. Five, 2021.\n",
        "A.[1] B.[2-3] C.[4] D.[5, 1]\n\nNotes\n\n"
        "1. One, 2021.\n2. Four, 2021.\n3. Five, 2021.\n4. Two, 2021.\n5. Three, 2021.\n",
    ),
    "notes.md": (
        "\ufeffRents rose.[^2]\r\nWages fell.[^1]\r\n\r\n"
        "[^1]: Labour Review,\r\n    April 2022.\r\n[^2]: Housing Survey, March 2022.\r\n",
        "\ufeffRents rose.[^1]\r\nWages fell.[^2]\r\n\r\n"
        "[^1]: Housing Survey, March 2022.\r\n[^2]: Labour Review,\r\n    April 2022.\r\n",
    ),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_the_fix_renumbers_moves_and_keeps_the_rest(name: str) -> None:
    before, expected = (text.encode("utf-8") for text in CASES[name])
    assert "FN004" in codes(before, name)
    after = fixed(before, name)
    assert after.decode("utf-8") == expected.decode("utf-8")
    assert "FN004" not in codes(after, name)
    assert notes_of(after, name) == notes_of(before, name)
    assert fixed(after, name) == after  # a second fix changes nothing


def test_a_document_in_order_is_left_byte_for_byte() -> None:
    data = b"Rents rose.[1] Wages.[2]\r\n\r\n[1] One, 2022.\r\n[2] Two, 2022.\r\n"
    assert fixed(data, "ok.txt") == data


def test_a_legacy_encoded_file_keeps_its_bytes() -> None:
    data = "Café prices rose.[2] Wages fell.[1]\n\n[1] Caf\xe9 Review.\n[2] Le Monde.\n"
    encoded = data.encode("cp1252")
    after = fixed(encoded, "legacy.txt")
    assert after == (
        "Café prices rose.[1] Wages fell.[2]\n\n[1] Le Monde.\n[2] Caf\xe9 Review.\n"
    ).encode("cp1252")


def test_a_label_not_where_the_reader_put_it_is_refused() -> None:
    data = b"A.[2] B.[1]\n\n[1] One.\n[2] Two.\n"
    doc = parsers.parse(data, "r.txt", "text")
    text = faithful(data)

    def shifted(line: int, column: int) -> int:
        return text.offset(line, column) + 1

    with pytest.raises(SiteError):
        relabel.sites("text", text.text, doc, shifted)
    with pytest.raises(SiteError):
        relabel.sites("rst", text.text, doc, text.offset)
