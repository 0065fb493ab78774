"""Safe reading of zip-packaged XML documents (DOCX, ODT, EPUB): shared by their readers.

An office document is a zip of XML parts, and a hostile one can be a zip bomb, a
zip with a lying directory, a million members, or XML with a billion-laughs
DOCTYPE. This module is the only place that opens such a file:

- `Archive(data, what)` opens the zip from bytes. Not a zip, too many members,
  members whose declared sizes or compression ratio are over the caps (checked
  from the zip directory before anything is inflated), encrypted members: each is
  a one-line `DocumentError`. `Archive.read(name)` inflates a member in chunks and
  stops at the cap whatever the directory claimed.
- `parse_xml(data, part, what)` parses one part with lxml with entity resolution,
  network access, DTD loading and huge trees off; a DOCTYPE that declares entities
  is refused before the parser sees it (`refuse_entities`, also for parts another
  parser reads: an EPUB's chapters); malformed XML is a one-line `MalformedXML`
  (a `DocumentError`, which a reader may ignore for an optional part).
- `unique_labels` is the one labelling rule both readers share: an endnote never
  takes a footnote's label.

lxml is imported inside the functions, so that importing the parsers stays cheap.
"""

from __future__ import annotations

import io
import re
import zipfile
from typing import TYPE_CHECKING

from footcheck.footnotes import pattern_store
from footcheck.footnotes.model import DocumentError
from footcheck.footnotes.xmlsafe import xml_parser

if TYPE_CHECKING:
    from lxml import etree

__all__ = [
    "MAX_MEMBERS",
    "MAX_MEMBER_BYTES",
    "MAX_RATIO",
    "MAX_TOTAL_BYTES",
    "Archive",
    "MalformedXML",
    "optional_root",
    "parse_xml",
    "refuse_entities",
    "unique_labels",
]

MAX_MEMBERS = 10_000
MAX_MEMBER_BYTES = 100 * 1024 * 1024
MAX_TOTAL_BYTES = 200 * 1024 * 1024
# Deflate rarely does better than ~20:1 on real XML; a member over RATIO_FLOOR that
# claims more than MAX_RATIO:1 is a bomb.
MAX_RATIO = 200
RATIO_FLOOR = 1024 * 1024
_CHUNK = 1024 * 1024

_DOCTYPE = pattern_store.compile(rb"<!DOCTYPE", re.IGNORECASE)
_ENTITY = pattern_store.compile(rb"<!ENTITY", re.IGNORECASE)
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


class MalformedXML(DocumentError):
    """An XML part that is not well-formed (not one that is hostile: that is refused)."""


class Archive:
    """A zip opened from bytes with its directory checked against the caps.

    `what` names the format in messages ("DOCX", "ODT"): "not a DOCX file (...)".
    """

    def __init__(
        self,
        data: bytes,
        what: str,
        *,
        max_members: int = MAX_MEMBERS,
        max_member_bytes: int = MAX_MEMBER_BYTES,
        max_total_bytes: int = MAX_TOTAL_BYTES,
    ) -> None:
        self.what = what
        self._max_member = max_member_bytes
        self._max_total = max_total_bytes
        self._read_total = 0
        article = "an" if what[:1] in "AEIOU" else "a"
        self._not_this = f"not {article} {what} file"
        if not data.startswith(b"PK"):
            raise DocumentError(f"{self._not_this} (not a zip archive)")
        try:
            self._zip = zipfile.ZipFile(io.BytesIO(data))
            infos = self._zip.infolist()
        except Exception as exc:  # zipfile parses hostile bytes: struct.error, IndexError, ...
            raise DocumentError(f"{self._not_this} (not a zip archive: {_one_line(exc)})") from exc
        if len(infos) > max_members:
            raise DocumentError(
                f"{self._not_this} (the zip has {len(infos):,} members; the limit is "
                f"{max_members:,})"
            )
        total = 0
        self._infos: dict[str, zipfile.ZipInfo] = {}
        self._folded: dict[str, str] = {}
        for info in infos:
            if not info.filename or info.filename.endswith("/"):
                continue  # a folder, or a nameless member (ZipInfo.is_dir fails on that)
            self._check_declared(info)
            total += info.file_size
            self._infos[info.filename] = info
            self._folded.setdefault(info.filename.casefold(), info.filename)
        if total > max_total_bytes:
            raise DocumentError(
                f"{self._not_this} (its parts would inflate to {total:,} bytes; the limit is "
                f"{max_total_bytes:,})"
            )

    def _check_declared(self, info: zipfile.ZipInfo) -> None:
        name = _shown(info.filename)
        if info.file_size > self._max_member:
            raise DocumentError(
                f"{self.what} part {name} would inflate to {info.file_size:,} bytes; "
                f"the limit is {self._max_member:,}"
            )
        ratio = info.file_size // max(info.compress_size, 1)
        if info.file_size > RATIO_FLOOR and ratio > MAX_RATIO:
            raise DocumentError(
                f"{self.what} part {name} is compressed {ratio:,}:1 (a zip bomb?); "
                f"the limit is {MAX_RATIO}:1"
            )
        if info.flag_bits & 0x1:
            raise DocumentError(f"{self.what} part {name} is encrypted")

    def _resolve(self, name: str) -> str | None:
        name = name.lstrip("/")
        if name in self._infos:
            return name
        return self._folded.get(name.casefold())  # OPC part names are case-insensitive

    def has(self, name: str) -> bool:
        return self._resolve(name) is not None

    def read(self, name: str) -> bytes:
        """A member's inflated bytes; `DocumentError` naming it when it is missing or too big."""
        real = self._resolve(name)
        if real is None:
            raise DocumentError(f"{self._not_this} (it has no {_shown(name)})")
        return self._inflate(self._infos[real])

    def read_optional(self, name: str) -> bytes | None:
        """A member's bytes, or None when the zip has no such member."""
        real = self._resolve(name)
        return None if real is None else self._inflate(self._infos[real])

    def _inflate(self, info: zipfile.ZipInfo) -> bytes:
        name = _shown(info.filename)
        limit = min(self._max_member, self._max_total - self._read_total)
        chunks: list[bytes] = []
        size = 0
        try:
            with self._zip.open(info) as member:
                while True:
                    chunk = member.read(_CHUNK)
                    if not chunk:
                        break
                    size += len(chunk)
                    if size > limit:
                        raise DocumentError(
                            f"{self.what} part {name} inflates past the limit of {limit:,} bytes "
                            "(its zip directory understates it)"
                        )
                    chunks.append(chunk)
        except DocumentError:
            raise
        except Exception as exc:  # zlib.error, BadZipFile, NotImplementedError, struct.error...
            raise DocumentError(
                f"{self.what} part {name} cannot be read: {_one_line(exc)}"
            ) from exc
        self._read_total += size
        return b"".join(chunks)


def parse_xml(data: bytes, part: str, what: str) -> etree._Element:
    """Parse one XML part safely and return its root element.

    A DOCTYPE that declares entities is refused (office documents never have one):
    with entity expansion off that would be harmless, but refusing is simpler to
    trust than any parser flag.
    """
    from lxml import etree

    refuse_entities(data, part, what)
    parser = xml_parser()
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise MalformedXML(f"{what} part {part} is not well-formed XML: {_one_line(exc)}") from exc
    except (ValueError, etree.LxmlError) as exc:
        raise MalformedXML(f"{what} part {part} cannot be parsed: {_one_line(exc)}") from exc
    if root is None:
        raise MalformedXML(f"{what} part {part} is empty")
    return root


def refuse_entities(data: bytes, part: str, what: str) -> None:
    """`DocumentError` for a part whose DOCTYPE declares entities (XXE, billion laughs)."""
    head = data
    if data[:2] in _UTF16_BOMS:
        head = data.decode("utf-16", errors="replace").encode("utf-8", errors="replace")
    doctype = _DOCTYPE.search(head)
    if doctype is not None and _ENTITY.search(head, doctype.start()):
        raise DocumentError(f"{what} part {_shown(part)} declares XML entities (refused)")


def optional_root(archive: Archive, name: str | None) -> etree._Element | None:
    """An optional part's root; a missing or malformed one is None (a hostile one is refused)."""
    if name is None:
        return None
    data = archive.read_optional(name)
    if data is None:
        return None
    try:
        return parse_xml(data, name, archive.what)
    except MalformedXML:
        return None


def metadata_texts(
    root: etree._Element | None, fields: tuple[tuple[str, str], ...]
) -> dict[str, str]:
    """metadata key -> the stripped text of the first element with that tag (Clark notation)."""
    if root is None:
        return {}
    found: dict[str, str] = {}
    for key, tag in fields:
        element = root.find(f".//{tag}")
        if element is not None and element.text and element.text.strip():
            found[key] = element.text.strip()
    return found


def unique_labels(notes: list[tuple[str, str]]) -> list[str]:
    """Labels that name one note each, from (kind, displayed label) in reading order.

    Word and LibreOffice number footnotes and endnotes separately, so both can
    show "1". When any endnote label equals a footnote label, every endnote label
    gets the prefix "e" ("e1", "e2"): footnotes keep what the reader sees, and the
    endnotes stay recognisable and consistent within the document. A label still
    shared after that (a custom mark used for two notes, a numbering restarted per
    section) gets "(2)", "(3)" after its second and later uses.
    """
    footnote_labels = {label for kind, label in notes if kind == "footnote"}
    clash = any(kind == "endnote" and label in footnote_labels for kind, label in notes)
    labels = [f"e{label}" if clash and kind == "endnote" else label for kind, label in notes]
    taken = set(labels)
    seen: set[str] = set()
    result: list[str] = []
    for label in labels:
        if label not in seen:
            seen.add(label)
            result.append(label)
            continue
        n = 2
        while f"{label}({n})" in taken:
            n += 1
        unique = f"{label}({n})"
        taken.add(unique)
        seen.add(unique)
        result.append(unique)
    return result


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return (text[:200] + "...") if len(text) > 200 else (text or type(exc).__name__)


def _shown(name: str) -> str:
    """A part name fit for a one-line message (a hostile zip can name members anything)."""
    cleaned = "".join(ch if ch.isprintable() else "?" for ch in name)
    return cleaned[:120] + ("..." if len(cleaned) > 120 else "")
