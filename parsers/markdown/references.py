"""A link reference definition found by the pyromark pass, as markdown-it's env keeps one.

markdown-it keeps `{"title": ..., "href": normalizeLink(destination)}` under each
normalised label. The destination's normal form (percent-encoded, punycode host) is
read by few documents (`anchor_links`, for a reference-style number link), so it is
made on first use, with markdown-it's own `normalizeLink`; until then markdown-it is
not imported.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping


class Reference(Mapping[str, str]):
    """`{"title", "href"}` of one link reference definition, its href made when read."""

    __slots__ = ("_dest", "_href", "_title")

    def __init__(self, dest: str, title: str) -> None:
        self._dest = dest
        self._title = title
        self._href: str | None = None

    def __getitem__(self, key: str) -> str:
        if key == "title":
            return self._title
        if key == "href":
            if self._href is None:
                from markdown_it.common.normalize_url import normalizeLink

                self._href = normalizeLink(self._dest)
            return self._href
        raise KeyError(key)

    def __iter__(self) -> Iterator[str]:
        return iter(("title", "href"))

    def __len__(self) -> int:
        return 2
