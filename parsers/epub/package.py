"""An EPUB's package: where its package document (OPF) is, and what the OPF says.

`META-INF/container.xml` names the OPF (the first `rootfile` whose media-type is
application/oebps-package+xml; failing that, the first that names an .opf file).
The OPF lists the book's files (`manifest`: id -> href, media-type, properties,
fallback), their reading order (`spine`: `itemref idref`, in order, `linear="no"`
items included) and its metadata. EPUB 2 and EPUB 3 both: elements are matched by
their local names, so an OPF with a missing or odd namespace still reads.

Paths: a manifest href is a URL relative to the OPF's folder, percent-encoded; the
container's `full-path` is relative to the zip's root. `resolve` makes a zip member
name of either, and refuses (None) what is absolute, a URL, or climbs out of the zip.

Metadata (raw strings): `title` (dc:title), `language` (the first dc:language that
is a plausible BCP 47 tag, as `parsers.language` writes it), `date` (the
first dc:date that is not an EPUB 2 `opf:event` other than publication),
`modified` (`<meta property="dcterms:modified">`, or EPUB 2's
`<meta name="dcterms:modified" content=...>`, else a dc:date with
`opf:event="modification"`).
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import unquote

from footcheck.footnotes import pattern_store
from footcheck.footnotes.model import DocumentError
from footcheck.parsers.language import first_language
from footcheck.parsers.office.archive import Archive, parse_xml

if TYPE_CHECKING:
    from lxml import etree

__all__ = ["CONTAINER", "WHAT", "Item", "Package", "read_package", "resolve"]

WHAT = "EPUB"
CONTAINER = "META-INF/container.xml"
_OPF_MEDIA_TYPE = "application/oebps-package+xml"
_OPF_NS = "http://www.idpf.org/2007/opf"
# A scheme ("http:", "file:", "data:") or a network path ("//host"): not a member.
_ELSEWHERE = pattern_store.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.\-]*:|//)")
_PUBLICATION_EVENTS = frozenset({"", "publication", "original-publication"})
_MODIFIED = "dcterms:modified"


@dataclass(frozen=True, slots=True)
class Item:
    """One manifest entry: the zip member its href names, and what it says it is."""

    member: str
    media_type: str
    properties: frozenset[str]
    fallback: str | None


@dataclass(frozen=True, slots=True)
class Package:
    """The OPF read: its member name, manifest items by id, spine idrefs, metadata."""

    path: str
    items: dict[str, Item]
    spine: tuple[str, ...]
    metadata: dict[str, str]


def resolve(folder: str, href: str) -> str | None:
    """The zip member `href` names from `folder`; None for a URL, an absolute path or
    a path that climbs out of the zip."""
    href = href.strip()
    if not href or _ELSEWHERE.match(href):
        return None
    path = unquote(href.partition("#")[0])
    if not path:
        return None
    member = posixpath.normpath(posixpath.join(folder, path))
    if member in (".", "..") or member.startswith(("../", "/")):
        return None
    return member


def read_package(archive: Archive) -> Package:
    """The OPF the container names, read; `DocumentError` when there is none to read."""
    path = _package_path(archive)
    if not archive.has(path):
        raise DocumentError(f"{CONTAINER} names the package document {path}, which is not there")
    root = parse_xml(archive.read(path), path, WHAT)
    if _local(root) != "package":
        raise DocumentError(f"{path} is not an EPUB package document (its root is not <package>)")
    sections = {_local(child): child for child in reversed(root)}
    spine = sections.get("spine")
    if spine is None:
        raise DocumentError(f"an EPUB with no chapters ({path} has no spine)")
    folder = posixpath.dirname(path)
    return Package(
        path,
        _manifest(sections.get("manifest"), folder),
        tuple(ref.get("idref", "") for ref in spine if _local(ref) == "itemref"),
        _metadata(sections.get("metadata")),
    )


def _package_path(archive: Archive) -> str:
    root = parse_xml(archive.read(CONTAINER), CONTAINER, WHAT)
    rootfiles = [(el.get("full-path") or "", el) for el in root.iter() if _local(el) == "rootfile"]
    for full_path, el in rootfiles:
        media_type = (el.get("media-type") or "").strip().lower()
        if media_type == _OPF_MEDIA_TYPE and (member := resolve("", full_path)):
            return member
    for full_path, _ in rootfiles:
        if full_path.strip().lower().endswith(".opf") and (member := resolve("", full_path)):
            return member
    raise DocumentError(f"{CONTAINER} names no package document (no rootfile of an OPF)")


def _manifest(manifest: etree._Element | None, folder: str) -> dict[str, Item]:
    items: dict[str, Item] = {}
    for el in () if manifest is None else manifest:
        item_id = el.get("id")
        if _local(el) != "item" or not item_id or item_id in items:
            continue
        member = resolve(folder, el.get("href") or "")
        if member is None:
            continue
        items[item_id] = Item(
            member,
            (el.get("media-type") or "").strip().lower(),
            frozenset((el.get("properties") or "").split()),
            el.get("fallback"),
        )
    return items


def _metadata(metadata: etree._Element | None) -> dict[str, str]:
    found: dict[str, str] = {}
    modification: str | None = None
    languages: list[str] = []
    for el in () if metadata is None else metadata.iter():
        name = _local(el)
        if name == "meta":
            if el.get("property") == _MODIFIED and (text := _text(el)):
                found.setdefault("modified", text)
            elif el.get("name") == _MODIFIED and (content := (el.get("content") or "").strip()):
                found.setdefault("modified", content)
        elif name == "date" and (text := _text(el)):
            event = (el.get(f"{{{_OPF_NS}}}event") or el.get("event") or "").strip().lower()
            if event in _PUBLICATION_EVENTS:
                found.setdefault("date", text)
            elif event == "modification" and modification is None:
                modification = text
        elif name == "title" and (text := _text(el)):
            found.setdefault(name, text)
        elif name == "language":
            languages.append(_text(el))
    if modification is not None:
        found.setdefault("modified", modification)
    language = first_language(languages)
    if language is not None:
        found["language"] = language
    return found


def _local(el: etree._Element) -> str:
    """An element's name without its namespace ("" for an entity reference)."""
    tag = el.tag
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


def _text(el: etree._Element) -> str:
    return " ".join("".join(str(text) for text in el.itertext()).split())
