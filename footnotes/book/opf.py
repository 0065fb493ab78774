"""An EPUB's chapter order, from its package file's spine (an unpacked EPUB, or a
Standard Ebooks source tree).

`META-INF/container.xml` names the package file (`<rootfile full-path="...">`,
relative to the folder that holds META-INF); the package file's `<manifest>` maps
item ids to files (hrefs relative to the package file, percent-encoded) and its
`<spine>` lists item ids in reading order. Every spine item is kept, `linear="no"`
ones too: an endnotes file is often one, and it is still part of the book. An EPUB
renders each content document on its own, so `merged` is False.

XML is parsed as untrusted input: no entity expansion, no DTD, no network, and
libxml2's limits on huge documents left on.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from footcheck.footnotes.book.manifest_files import (
    Manifest,
    chapter_path,
    existing_files,
    read_data,
)
from footcheck.footnotes.xmlsafe import xml_parser

if TYPE_CHECKING:
    from lxml import etree

_PACKAGE_MEDIA_TYPE = "application/oebps-package+xml"


def from_container(container_xml: str) -> list[Manifest]:
    """The books a `META-INF/container.xml` names (one per rendition, usually one)."""
    root = os.path.dirname(os.path.dirname(container_xml))
    document = _parse(container_xml)
    if document is None:
        return []
    found = []
    for rootfile in document.iter("{*}rootfile"):
        if rootfile.get("media-type", _PACKAGE_MEDIA_TYPE) != _PACKAGE_MEDIA_TYPE:
            continue
        opf = chapter_path(rootfile.get("full-path"), root, root, link=True)
        manifest = None if opf is None else package(opf, root)
        if manifest is not None:
            found.append(manifest)
    return found


def standalone(opf: str) -> Manifest | None:
    """A package file that no container names: a book bounded by the file's own folder."""
    return package(opf, os.path.dirname(opf))


def package(opf: str, root: str) -> Manifest | None:
    """The spine of the package file `opf`, whose chapters must lie inside `root`."""
    document = _parse(opf)
    if document is None:
        return None
    base = os.path.dirname(opf)
    chapters = existing_files(chapter_path(href, base, root, link=True) for href in spine(document))
    return Manifest("epub-opf", opf, root, chapters, merged=False) if chapters else None


def spine(package_document: etree._Element) -> list[str]:
    """The hrefs of a package document's spine items, in reading order, as written."""
    hrefs = {
        item.get("id"): item.get("href")
        for manifest in package_document.iterfind("{*}manifest")
        for item in manifest.iterfind("{*}item")
    }
    return [
        href
        for spine in package_document.iterfind("{*}spine")
        for itemref in spine.iterfind("{*}itemref")
        if (href := hrefs.get(itemref.get("idref"))) is not None
    ]


def _parse(path: str) -> etree._Element | None:
    data = read_data(path)
    if data is None:
        return None
    from lxml import etree

    parser = xml_parser()
    try:
        return etree.fromstring(data, parser)
    except (etree.LxmlError, ValueError):
        return None
