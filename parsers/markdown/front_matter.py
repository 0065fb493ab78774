"""YAML front matter at the very top of a Markdown file: blanked, and its date, title, language.

Only simple `key: value` lines are read (no YAML library): `metadata["date"]` from
`date`, else `published`, `pubDate` or `date_published`; `metadata["title"]`; and
`metadata["language"]` from `lang` (pandoc, Quarto, Jekyll), else `language`, else
`locale` ("en_US"), the first that is a plausible BCP 47 tag (`parsers.language`).
The front matter's lines are kept as blank lines, so that line numbers stay the
file's and nothing in it is read as body text. A block never closed is not front
matter.
"""

from __future__ import annotations

from footcheck.footnotes import pattern_store

from ..language import first_language

_FRONT_KEY = pattern_store.compile(r"([A-Za-z_][A-Za-z0-9_\-]*+)[ \t]*+:(?:[ \t]++(.*))?$")
_DATE_KEYS = ("date", "published", "pubdate", "date_published")
_LANGUAGE_KEYS = ("lang", "language", "locale")


def read_front_matter(text: str) -> tuple[str, dict[str, str]]:
    """The text with its YAML front matter blanked (lines kept), and the metadata found."""
    if not text.startswith("---"):
        return text, {}
    first_end = text.find("\n")
    if first_end < 0 or text[3:first_end].strip():
        return text, {}
    pos = first_end + 1
    found: dict[str, str] = {}
    while pos <= len(text):
        nl = text.find("\n", pos)
        end = len(text) if nl < 0 else nl
        line = text[pos:end]
        if line.rstrip() in ("---", "..."):
            blanked = "\n" * text.count("\n", 0, end) + text[end:]
            meta: dict[str, str] = {}
            for key in _DATE_KEYS:
                if key in found:
                    meta["date"] = found[key]
                    break
            if "title" in found:
                meta["title"] = found["title"]
            language = first_language(found.get(name) for name in _LANGUAGE_KEYS)
            if language:
                meta["language"] = language
            return blanked, meta
        match = _FRONT_KEY.match(line)
        if match is not None and match.group(2):
            key = match.group(1).lower()
            value = match.group(2).strip()
            if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
                value = value[1:-1].strip()
            if value and key not in found:
                found[key] = value
        if nl < 0:
            break
        pos = nl + 1
    return text, {}  # never closed: not front matter
