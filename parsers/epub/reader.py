"""The EPUB reader: a book in one file, read as one document per chapter.

An EPUB is a zip (opened through `parsers.office.archive`, with its caps on
members and inflated sizes, and its XML parsed with entities, DTDs and the network
off). `package` finds and reads its OPF; the chapters are the spine's XHTML
documents in spine order (`linear="no"` ones too: endnotes files often are),
a non-XHTML spine item standing for the XHTML document its manifest fallback names.
The navigation document is a chapter only when the spine lists it.

Each chapter is read by the HTML reader (through the registry, so that its
suppression comments count) under the path "book.epub:OEBPS/text/chapter-3.xhtml";
markers keep their link targets as written, relative to the chapter's folder: the
run resolves notes across the parts. The book's `Document` has no paragraphs or
notes of its own, the OPF's metadata (see `package`), and the chapters as `parts`.
The book's `date` and `language` become each chapter's when the chapter states none
(a chapter's own `xml:lang` or `lang` is its language).

Refused, with one line: what is not a readable EPUB (not a zip, no container.xml,
a container naming no OPF, a malformed or hostile OPF), an EPUB with no chapters,
more than `MAX_CHAPTERS` chapters, chapters that `META-INF/encryption.xml` says are
encrypted (DRM), and a chapter that declares XML entities or that the HTML reader
refuses (the message names the chapter). A spine item missing from the zip is
skipped: the book is checked without it (and a link into it finds no note).
"""

from __future__ import annotations

from dataclasses import replace

from footcheck.footnotes.model import Document, DocumentError
from footcheck.parsers import parse as parse_file
from footcheck.parsers.office.archive import Archive, refuse_entities

from .encryption import encrypted_members
from .package import WHAT, Package, read_package

__all__ = ["FORMAT", "MAX_CHAPTERS", "parse"]

FORMAT = "epub"
MAX_CHAPTERS = 2000
_XHTML_TYPES = frozenset({"application/xhtml+xml", "text/html", "text/x-oeb1-document"})
_XHTML_SUFFIXES = (".xhtml", ".html", ".htm")
# What the book states for every chapter that does not state its own.
_INHERITED = ("date", "language")


def parse(data: bytes, path: str) -> Document:
    """Read an EPUB; `DocumentError` for input it cannot read."""
    archive = Archive(data, WHAT)
    package = read_package(archive)
    listed = chapter_members(package)
    if not listed:
        raise DocumentError(
            f"an EPUB with no chapters ({package.path} lists no XHTML in its spine)"
        )
    if len(listed) > MAX_CHAPTERS:
        raise DocumentError(f"an EPUB with {len(listed):,} chapters; the limit is {MAX_CHAPTERS:,}")
    chapters = [member for member in listed if archive.has(member)]
    if not chapters:
        raise DocumentError(
            f"an EPUB with no chapters (none of the {len(listed):,} its spine lists is in the file)"
        )
    encrypted = encrypted_members(archive)
    if any(member.casefold() in encrypted for member in chapters):
        raise DocumentError("DRM-protected EPUB: its chapters are encrypted")
    inherited = {key: package.metadata[key] for key in _INHERITED if key in package.metadata}
    parts = tuple(_chapter(archive, path, member, inherited) for member in chapters)
    return Document(path, FORMAT, (), (), metadata=package.metadata, parts=parts)


def chapter_members(package: Package) -> list[str]:
    """The members of the spine's XHTML documents, in spine order, each once."""
    members: list[str] = []
    seen: set[str] = set()
    for idref in package.spine:
        member = _xhtml_member(package, idref)
        if member is not None and member not in seen:
            seen.add(member)
            members.append(member)
    return members


def _xhtml_member(package: Package, item_id: str) -> str | None:
    """The XHTML member an item is, or stands for through its fallback chain."""
    visited: set[str] = set()
    current: str | None = item_id
    while current is not None and current not in visited:
        visited.add(current)
        item = package.items.get(current)
        if item is None:
            return None
        if item.media_type in _XHTML_TYPES or item.member.lower().endswith(_XHTML_SUFFIXES):
            return item.member
        current = item.fallback
    return None


def _chapter(archive: Archive, path: str, member: str, inherited: dict[str, str]) -> Document:
    data = archive.read(member)
    refuse_entities(data, member, WHAT)
    try:
        chapter = parse_file(data, f"{path}:{member}", "html")
    except DocumentError as exc:
        raise DocumentError(f"EPUB chapter {member}: {exc}") from None
    if inherited.keys() <= chapter.metadata.keys():
        return chapter
    return replace(chapter, metadata={**inherited, **chapter.metadata})
