"""Which OpenDocument text styles raise their text (superscript), for the ODT reader.

A text style raises its text when its `style:text-properties` give a
`style:text-position` of `super` or a positive percentage (`33% 58%`); a style
that says nothing takes its parent's (`style:parent-style-name`). Styles come from
content.xml's automatic styles and styles.xml's common and automatic ones.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .superscript import superscript_styles

if TYPE_CHECKING:
    from lxml import etree

__all__ = ["raised_text_styles"]

_STYLE = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
_STYLE_STYLE = f"{{{_STYLE}}}style"
_NAME = f"{{{_STYLE}}}name"
_FAMILY = f"{{{_STYLE}}}family"
_PARENT = f"{{{_STYLE}}}parent-style-name"
_TEXT_PROPERTIES = f"{{{_STYLE}}}text-properties"
_TEXT_POSITION = f"{{{_STYLE}}}text-position"


def raised_text_styles(*roots: etree._Element | None) -> frozenset[str]:
    """The names of the text styles, in these parts, whose text is shown raised."""
    own: dict[str, bool | None] = {}
    parent: dict[str, str] = {}
    for root in roots:
        if root is None:
            continue
        for style in root.iter(_STYLE_STYLE):
            name = style.get(_NAME)
            if not name or style.get(_FAMILY) != "text":
                continue
            properties = style.find(_TEXT_PROPERTIES)
            position = properties.get(_TEXT_POSITION) if properties is not None else None
            own[name] = None if position is None else _is_raised(position)
            if style.get(_PARENT):
                parent[name] = style.get(_PARENT, "")
    return superscript_styles(own, parent)


def _is_raised(position: str) -> bool:
    first = position.split()[0] if position.split() else ""
    if first == "super":
        return True
    if first.endswith("%"):
        try:
            return float(first[:-1]) > 0
        except ValueError:
            return False
    return False
