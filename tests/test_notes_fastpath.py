"""The shortcuts of the notes layer give what the plain code gives.

sources.py, note_kinds.py, note_dates.py and source_keys.py pre-test their
case-insensitive patterns on a lower-cased copy of the note (`footnotes.lowered`),
and read each date's access clause once for a note's dates and its key. Each is
checked here against the plain formulation, on the generated text of
tests/test_dates_fastpath.py (case variants that IGNORECASE matches, curly quotes,
access words, URLs) and on a few notes written for the purpose.
"""

from __future__ import annotations

import re
import sys

import pytest

from footcheck.footnotes import lowered, note_dates, note_kinds, source_keys, sources
from footcheck.footnotes.dates import find_dates
from footcheck.footnotes.model import Location, Note
from tests.test_dates_fastpath import texts

NOTES = [
    "Smith, Book (n.d.).",
    "Smith, Book (N. D.).",
    "Verlag X, o. J.",
    "Verlag X, O.J.",
    "Archivo, sin fecha.",
    "ARCHIVE, NO DATE.",
    "An undated memo.",
    "Smiſh, n.ſ., 2001.",
    "İbid., 4.",
    "Ames, 2001; SİEHE AUCH Müller, 2003.",
    "Ames, 2001. ſee also Müller, 2003.",
    "Reuters, 3 May 2023. See also AP, 4 May 2023.",
    "Vgl. Meier, Buch, 2001, S. 4.",
    "Véase también Pérez, Libro, 2001.",
    "Accessed\ue000 3 May 2020, http://x.org/2020/05/03/a",
    "Archived from the original on 3 May 2019. Retrieved 4 May 2020.",
    "Ledger, “Title,” last updated: June 2, 2021, accessed June 3, 2021.",
]


@pytest.fixture(scope="module")
def every_character() -> str:
    return "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c < 0xE000)


def test_lowered_keeps_what_ignorecase_matches(every_character: str) -> None:
    # Every letter of the pre-tested patterns: IGNORECASE matches nothing but what
    # lower-cases to it, or a character that `lowered` refuses.
    letters = {c for c in "abcdefghijklmnopqrstuvwxyzé"}
    for letter in sorted(letters):
        for char in re.findall(re.escape(letter), every_character, re.IGNORECASE):
            assert char.lower() == letter or lowered.lowered(char) is None, (letter, char)


def test_lowered_keeps_the_offsets(every_character: str) -> None:
    plain = re.sub("[ſıİ]", "", every_character)
    lower = lowered.lowered(plain)
    assert lower is not None and len(lower) == len(plain)
    assert [lowered.lowered(f"Ames {c}bid.") for c in "ſıİ"] == [None, None, None]


def test_says_undated_is_the_pattern() -> None:
    for text in [*NOTES, *texts(5000, 21), *(t + " n.d." for t in texts(500, 22))]:
        plain = note_kinds._UNDATED.search(text) is not None
        assert note_kinds.says_undated(text) == plain, text


def test_may_open_another_is_the_pattern() -> None:
    vocabulary = " See ſee SEE cf. Cf compare Contra ALSO vgl Voir siehe VÉASE vedi Zie seen"
    words = vocabulary.split(" ")
    for index, text in enumerate([*NOTES, *texts(5000, 23)]):
        text += words[index % len(words)]
        plain = sources._MAY_SIGNAL.search(text) is not None
        assert sources._may_open_another(text, lowered.lowered(text)) == plain, text


def test_shared_access_clauses_give_the_plain_dates_and_key() -> None:
    for text in [*NOTES, *texts(5000, 24)]:
        try:
            mentions = find_dates(text, note=True)
        except KeyError:  # "ſept 2020": a bug of the scanner's own
            continue
        quoted = note_dates.quoted_spans(text)
        clauses = note_dates.access_clauses(text, mentions)
        shared = note_dates.note_dates(text, mentions, quoted, clauses)
        assert shared == note_dates.note_dates(text, mentions, quoted), text
        key = source_keys.duplicate_key(text, mentions, clauses)
        assert key == source_keys.duplicate_key(text, mentions), text


def test_the_notes_written_for_the_shortcuts_read_as_before() -> None:
    read = sources.read_sources([Note(str(i), t, Location(i)) for i, t in enumerate(NOTES, 1)])
    undated = [n for n, s in zip(NOTES, read, strict=True) if s.citations[-1].undated]
    assert undated == NOTES[:7]
    split = [n for n, s in zip(NOTES, read, strict=True) if len(s.citations) > 1]
    assert split == NOTES[9:12]  # "Retrieved" closes the citation it follows


def test_non_words_blanked_on_bytes_as_by_the_pattern(every_character: str) -> None:
    def plain(text: str) -> list[str]:
        return source_keys._NON_WORD.sub(" ", text).replace("_", " ").split()

    letters = [c for c in every_character if not c.isascii() and c.isalnum()]
    others = [c for c in every_character if not c.isascii() and not c.isalnum()][::50]
    for char in [*letters, *others, "\ud800"]:
        for text in (f"x{char}.y_z", f"{char}:{char}-“{char}”"):
            assert source_keys._blank_non_words(text).split() == plain(text), hex(ord(char))
