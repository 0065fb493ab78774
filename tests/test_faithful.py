"""`faithful`: a file's text at the readers' indexes, written back byte for byte.

`footcheck fix` edits labels at the places the readers report and must leave every
other byte as it was: the byte-order mark, invalid bytes, Windows-1252 characters and
each line's own newline. So for every encoding `decode` reads, the faithful text has
`decode`'s length and characters (a lone surrogate only where the file is invalid),
`encode` of the unedited text is the file, an edit of digits changes only their
bytes, and `offset` finds a reader's Location in the text.
"""

from __future__ import annotations

import codecs

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from footcheck.footnotes.model import DocumentError, Location
from footcheck.parsers import markdown, text
from footcheck.parsers.decode import Faithful, decode, faithful

# A report whose markers and notes are each written once ("[7]" as a marker, "[7] " as
# its note): a byte search finds each in the file, whatever the encoding.
REPORT = (
    "The \u201cdeal\u201d was signed \u2014 finally \u2026 in 2021.[7] See [9]\n"
    "The envoys\u2019 talks resumed.[8]\n"
    "\n"
    "[7] Wire, \u201cDeal signed\u201d, 4 May 2021.\n"
    "[8] Herald, 7 September 2022.\n"
    "[9] Gazette.\n"
)

CODECS = {
    "utf-8": (b"", "utf-8"),
    "utf-8 BOM": (codecs.BOM_UTF8, "utf-8"),
    "utf-16 LE BOM": (codecs.BOM_UTF16_LE, "utf-16-le"),
    "utf-16 BE BOM": (codecs.BOM_UTF16_BE, "utf-16-be"),
    "utf-32 LE BOM": (codecs.BOM_UTF32_LE, "utf-32-le"),
    "utf-32 BE BOM": (codecs.BOM_UTF32_BE, "utf-32-be"),
    "windows-1252": (b"", "cp1252"),
}


def _encoded(report: str, name: str) -> bytes:
    bom, codec = CODECS[name]
    return bom + report.encode(codec)


# Files with what a plain encode does not make: invalid bytes, newlines of every kind.
SAMPLES: dict[str, bytes] = {
    **{name: _encoded(REPORT, name) for name in CODECS},
    # UTF-8 with stray Windows-1252 bytes pasted in ("caf\xe9", a 0x93 quote)
    "mixed": REPORT.encode("utf-8").replace(b"finally", b"caf\xe9 \x93finally"),
    # Windows-1252 with bytes it leaves undefined (0x81, 0x8d)
    "windows-1252 undefined": REPORT.encode("cp1252").replace(b"Gazette", b"Ga\x81ze\x8dtte"),
    # a BOM, then single invalid bytes
    "utf-8 BOM invalid": codecs.BOM_UTF8 + REPORT.encode("utf-8").replace(b"Wire", b"W\xffi\xfere"),
    # lone surrogates in UTF-16 and UTF-32
    "utf-16 lone surrogate": codecs.BOM_UTF16_LE
    + REPORT.encode("utf-16-le").replace("Wire".encode("utf-16-le"), b"W\x00\x00\xd8i\x00"),
    "utf-32 lone surrogate": codecs.BOM_UTF32_BE
    + REPORT.encode("utf-32-be").replace("Wire".encode("utf-32-be"), b"\x00\x00\xdc\x00"),
    "crlf": REPORT.replace("\n", "\r\n").encode("utf-8"),
    "cr": REPORT.replace("\n", "\r").encode("utf-8"),
    "mixed newlines": REPORT.replace("resumed.[8]\n\n", "resumed.[8]\r\r\n").encode("utf-8"),
    "crlf utf-16": _encoded(REPORT.replace("\n", "\r\n"), "utf-16 LE BOM"),
    "crlf windows-1252": _encoded(REPORT.replace("\n", "\r\n"), "windows-1252"),
    "no final newline": REPORT.rstrip("\n").encode("utf-8"),
    "empty": b"",
    "only a BOM": codecs.BOM_UTF8,
    "one newline": b"\n",
}
_OTHER_CODECS = {  # the samples not in CODECS that are not UTF-8 without a BOM
    "windows-1252 undefined": "cp1252",
    "utf-16 lone surrogate": "utf-16-le",
    "utf-32 lone surrogate": "utf-32-be",
    "crlf utf-16": "utf-16-le",
    "crlf windows-1252": "cp1252",
}

WITH_NOTES = [name for name in SAMPLES if b"[" in SAMPLES[name]]


def _same_places(read: Faithful, data: bytes) -> None:
    """`read.text` has `decode`'s characters at `decode`'s indexes (a surrogate where invalid)."""
    shown = decode(data)
    assert read.display_text == shown
    assert len(read.text) == len(shown)
    for index, (mine, theirs) in enumerate(zip(read.text, shown, strict=True)):
        if mine != theirs:
            assert 0xD800 <= ord(mine) <= 0xDFFF, (index, mine, theirs)
            assert not theirs.isascii(), (index, mine, theirs)


@pytest.mark.parametrize("name", SAMPLES)
def test_round_trip_gives_back_the_exact_bytes(name: str) -> None:
    data = SAMPLES[name]
    read = faithful(data)
    assert read.encode(read.text) == data
    _same_places(read, data)


def test_text_holds_surrogates_only_where_the_file_is_invalid() -> None:
    read = faithful(SAMPLES["mixed"])
    assert "caf\udce9 \udc93finally" in read.text
    assert "caf\u00e9 \u201cfinally" in read.display_text  # what `decode` shows
    assert (read.encoding, read.bom) == ("utf-8", b"")
    cp = faithful(SAMPLES["windows-1252 undefined"])
    assert cp.encoding == "cp1252"
    assert "Ga\udc81ze\udc8dtte" in cp.text
    assert "\u201cdeal\u201d" in cp.text  # defined bytes are their characters
    assert "Ga\ufffdze\ufffdtte" in cp.display_text
    u16 = faithful(SAMPLES["utf-16 lone surrogate"])
    assert (u16.encoding, u16.bom) == ("utf-16-le", codecs.BOM_UTF16_LE)
    assert "W\ud800i" in u16.text and "W\ufffdi" in u16.display_text
    valid = faithful(SAMPLES["utf-8 BOM"])
    assert valid.text == REPORT == valid.display_text
    assert valid.bom == codecs.BOM_UTF8


@pytest.mark.parametrize("name", WITH_NOTES)
def test_an_edit_of_digits_changes_only_their_bytes(name: str) -> None:
    """Renumber [7] [9] [8] to [1] [3] [2]: each label's bytes change, nothing else."""
    data = SAMPLES[name]
    read = faithful(data)
    codec = CODECS[name][1] if name in CODECS else _OTHER_CODECS.get(name, "utf-8")
    renumber = {"7": "1", "8": "2", "9": "3"}
    edited = read.text
    expected = data
    for old, new in renumber.items():
        assert edited.count(f"[{old}]") == 2  # the marker and the note
        edited = edited.replace(f"[{old}]", f"[{new}]")
        expected = expected.replace(f"[{old}]".encode(codec), f"[{new}]".encode(codec))
    assert expected != data
    assert len(expected) == len(data)
    assert read.encode(edited) == expected


def test_new_characters_are_written_in_the_files_encoding() -> None:
    mixed = faithful(SAMPLES["mixed"])
    assert mixed.encode(mixed.text + "\u2192") == SAMPLES["mixed"] + "\u2192".encode()
    cp = faithful(SAMPLES["windows-1252"])
    assert cp.encode(cp.text + "\u20ac") == SAMPLES["windows-1252"] + b"\x80"
    u16 = faithful(SAMPLES["utf-16 BE BOM"])
    assert u16.encode("\U0001f600") == codecs.BOM_UTF16_BE + "\U0001f600".encode("utf-16-be")
    with pytest.raises(DocumentError) as caught:
        cp.encode(cp.text + "\u2192")
    message = str(caught.value)
    assert "\n" not in message
    assert "U+2192" in message and "Windows-1252" in message


@pytest.mark.parametrize(
    ("data", "why"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00", "binary file (a PNG image), not a text report"),
        (b"text\x00more", "binary file (NUL bytes), not a text report"),
        (codecs.BOM_UTF16_LE + "a\x00b".encode("utf-16-le"), "binary file (NUL characters)"),
    ],
)
def test_binary_data_is_refused_as_decode_refuses_it(data: bytes, why: str) -> None:
    with pytest.raises(DocumentError) as by_decode:
        decode(data)
    with pytest.raises(DocumentError) as by_faithful:
        faithful(data)
    assert str(by_faithful.value) == str(by_decode.value)
    assert str(by_faithful.value).startswith(why)


@pytest.mark.parametrize(
    "data",
    [
        codecs.BOM_UTF16_LE + "report".encode("utf-16-le") + b"!",  # cut within a character
        codecs.BOM_UTF32_BE + "report".encode("utf-32-be") + b"\x00\x11\x00\x00",  # > U+10FFFF
        codecs.BOM_UTF8 + b"report \xe2\x82 cut",  # two bytes that `decode` shows as one U+FFFD
    ],
)
def test_a_file_with_no_exact_text_is_refused_not_corrupted(data: bytes) -> None:
    decode(data)  # the readers read it
    with pytest.raises(DocumentError) as caught:
        faithful(data)
    message = str(caught.value)
    assert "cannot be rewritten exactly" in message
    assert "\n" not in message


def _places(data: bytes, parse: object) -> list[tuple[str, Location, str]]:
    """Every marker and note the reader finds: (label, location, what starts there)."""
    assert callable(parse)
    doc = parse(data, "report")
    found = [
        (marker.label, marker.location, "marker")
        for paragraph in doc.paragraphs
        for marker in paragraph.markers
    ]
    found += [(note.label, note.location, "note") for note in doc.notes]
    return found


@pytest.mark.parametrize("name", WITH_NOTES)
def test_offset_finds_the_text_readers_markers_and_notes(name: str) -> None:
    data = SAMPLES[name]
    read = faithful(data)
    places = _places(data, text.parse)
    assert sorted(label for label, _, kind in places if kind == "marker") == ["7", "8", "9"]
    assert sorted(label for label, _, kind in places if kind == "note")[:3] == ["7", "8", "9"]
    for label, location, _ in places:
        at = read.offset(location.line, location.column)
        assert read.text.startswith(f"[{label}]", at), (label, location)


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_offset_finds_the_markdown_readers_markers_and_notes(newline: str) -> None:
    source = (
        "# Title\n\nThe \u201cdeal\u201d.[^a] More,\nlater.[^b]\n\n"
        "[^a]: Wire.\n[^b]: Herald,\n    7 May 2021.\n"
    ).replace("\n", newline)
    data = source.encode("utf-8").replace(b"More", b"M\xf6re")  # and an invalid byte
    read = faithful(data)
    places = _places(data, markdown.parse)
    assert [(label, kind) for label, _, kind in places] == [
        ("a", "marker"),
        ("b", "marker"),
        ("a", "note"),
        ("b", "note"),
    ]
    for label, location, kind in places:
        at = read.offset(location.line, location.column)
        token = f"[^{label}]" + (":" if kind == "note" else "")
        assert read.text.startswith(token, at), (label, location)


def test_offset_counts_lines_as_the_readers_do() -> None:
    read = faithful(b"ab\r\ncd\ref\n\rgh\x0bi\x0cj\xc2\x85k")
    text_ = read.text
    assert read.offset(1, 1) == 0
    assert read.offset(1, 3) == 2  # the end of "ab", before its "\r\n"
    assert read.offset(2, 1) == 4 and text_[4] == "c"  # "\r\n" is one line end
    assert read.offset(3, 2) == 8 and text_[8] == "f"  # so is a lone "\r"
    assert read.offset(4, 1) == 10  # "\n\r": two line ends, an empty line 4
    assert read.offset(5, 1) == 11 and text_[11] == "g"
    # vertical tab, form feed and NEL end no line for the readers
    assert read.offset(5, 8) == len(text_) - 1 and text_[-1] == "k"
    assert read.offset(5, 9) == len(text_)
    for line, column in [(0, 1), (1, 0), (1, 4), (2, 4), (5, 10), (6, 1)]:
        with pytest.raises(ValueError, match="not in the text"):
            read.offset(line, column)
    final = faithful(b"one\n")
    assert final.offset(2, 1) == 4  # after the final newline: the end of the text
    with pytest.raises(ValueError):
        final.offset(2, 2)
    assert faithful(b"").offset(1, 1) == 0


@pytest.mark.parametrize(
    ("data", "newline"),
    [(b"a\r\nb\nc", "\r\n"), (b"a\rb", "\r"), (b"a\nb\r\n", "\n"), (b"one line", "\n")],
)
def test_newline_is_the_files_first_line_end(data: bytes, newline: str) -> None:
    assert faithful(data).newline == newline


_BOM_PREFIXES = [b""] * 6 + [bom for bom, _ in CODECS.values() if bom]
# Mostly text (ASCII, newlines, UTF-8, Windows-1252 and stray bytes), some of it as
# UTF-16 for the files after a UTF-16 BOM, and now and then any bytes at all.
_PIECES = st.one_of(
    st.text(st.characters(min_codepoint=32, max_codepoint=126), max_size=8).map(str.encode),
    st.sampled_from(
        [b"\r\n", b"\r", b"\n", b"[1]", b"\xe9", b"\x93", b"\x81", b"\xff", b"\xe2\x80"]
    ),
    st.text(max_size=4).map(lambda s: s.encode("utf-8", "surrogatepass")),
    st.text(max_size=4).map(lambda s: s.encode("cp1252", "ignore")),
    st.text(max_size=3).map(lambda s: s.encode("utf-16-le", "surrogatepass")),
    st.binary(max_size=3),
)
_FILES = st.tuples(
    st.sampled_from(_BOM_PREFIXES), st.lists(_PIECES, max_size=12).map(b"".join)
).map(b"".join)


@settings(max_examples=400, deadline=None)
@given(_FILES)
def test_any_file_decode_reads_is_written_back_exactly_or_refused(data: bytes) -> None:
    try:
        shown = decode(data)
    except DocumentError:
        with pytest.raises(DocumentError):
            faithful(data)
        return
    try:
        read = faithful(data)
    except DocumentError as exc:
        # only what a BOM's codec cannot carry: a cut character, a value beyond Unicode,
        # several UTF-8 bytes shown as one U+FFFD
        assert any(data.startswith(bom) for bom in _BOM_PREFIXES if bom)
        assert "cannot be rewritten exactly" in str(exc)
        return
    assert read.encode(read.text) == data
    assert len(read.text) == len(shown)
    _same_places(read, data)
