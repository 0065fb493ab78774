"""The DOCX package: the relationships that name its parts, optional parts, metadata.

A part is found through the relationships of the package or of the part that
refers to it (`relationships`); a reader falls back on the usual names. An
optional part that is malformed is ignored; one that is hostile is still refused.

Metadata from docProps/core.xml: `modified`, `created`, `title` (raw strings).
"""

from __future__ import annotations

import posixpath
from typing import TYPE_CHECKING

from .archive import Archive, MalformedXML, metadata_texts, parse_xml

if TYPE_CHECKING:
    from lxml import etree

__all__ = ["WHAT", "core_metadata", "relationships"]

WHAT = "DOCX"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_DC = "http://purl.org/dc/elements/1.1/"
_DCTERMS = "http://purl.org/dc/terms/"


def relationships(archive: Archive, source: str) -> dict[str, str]:
    """Relationship type (its last path segment) -> target part, for one part."""
    folder, name = posixpath.split(source)
    rels_name = posixpath.join(folder, "_rels", name + ".rels")
    data = archive.read_optional(rels_name)
    if data is None:
        return {}
    try:
        root = parse_xml(data, rels_name, WHAT)
    except MalformedXML:
        return {}
    found: dict[str, str] = {}
    for rel in root.iter(f"{{{_PKG_REL}}}Relationship"):
        if rel.get("TargetMode", "").lower() == "external":
            continue
        rel_type = rel.get("Type", "").rstrip("/").rsplit("/", 1)[-1]
        target = rel.get("Target", "")
        if not rel_type or not target:
            continue
        if target.startswith("/"):
            path = target.lstrip("/")
        else:
            path = posixpath.normpath(posixpath.join(folder, target))
        found.setdefault(rel_type, path)
    return found


def core_metadata(core: etree._Element | None) -> dict[str, str]:
    return metadata_texts(
        core,
        (
            ("modified", f"{{{_DCTERMS}}}modified"),
            ("created", f"{{{_DCTERMS}}}created"),
            ("title", f"{{{_DC}}}title"),
        ),
    )
