"""The document's language as a BCP 47 tag: the one check every reader's value goes through.

Readers find the language where their format states it (an HTML page's `lang`, a
Markdown front matter's `lang:`, a word processor's default run language, an
EPUB's `dc:language`) and keep it as `metadata["language"]`, so that the date layer
can tell whether 03/04/2023 is March 4 or 3 April. `language_tag` turns one such
value into a tag, or None when it is not a plausible one:

- `_` is read as `-` ("en_US" is "en-US"), and a POSIX locale's codeset and
  modifier are dropped ("de_DE.UTF-8@euro" is "de-DE");
- the tag is hyphen-separated subtags of one to eight letters or digits, at most
  `MAX_LENGTH` characters, whose first subtag is a language code of two or three
  letters (RFC 5646); anything else (a 10 KB attribute, control characters, a
  language's name such as "English", a bare "x-klingon") is no tag;
- a tag that names no language is none: private use ("x-none", as Word writes it;
  qaa-qtz), "und" (undetermined), "mul" (several), "mis" and "zxx" (no text);
- the case is the one RFC 5646 recommends: "EN-us" is "en-US", "zh-hant-tw" is
  "zh-Hant-TW"; subtags after a singleton ("-u-", "-x-") stay lower case.
"""

from __future__ import annotations

from collections.abc import Iterable

from footcheck.footnotes import pattern_store

__all__ = ["MAX_LENGTH", "first_language", "language_tag"]

# RFC 5646 asks for buffers of at least 35 characters: language, extlang, script,
# region and a variant fit; a longer value is a sentence, not a tag.
MAX_LENGTH = 35
_TAG = pattern_store.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*")
_POSIX_SUFFIX = pattern_store.compile(r"[.@][A-Za-z0-9_.@-]*$")
_NO_LANGUAGE = frozenset({"und", "mul", "mis", "zxx"})


def language_tag(value: str | None) -> str | None:
    """`value` as a BCP 47 tag in its recommended case; None when it is no plausible tag."""
    if value is None or len(value) > 2 * MAX_LENGTH:
        return None
    text = _POSIX_SUFFIX.sub("", value.strip().replace("_", "-"))
    if len(text) > MAX_LENGTH or _TAG.fullmatch(text) is None:
        return None
    primary, *rest = text.lower().split("-")
    if primary in _NO_LANGUAGE or "qaa" <= primary <= "qtz":
        return None
    return "-".join([primary, *_cased(rest)])


def first_language(values: Iterable[str | None]) -> str | None:
    """The first of `values` that is a tag (see `language_tag`), as a tag."""
    for value in values:
        tag = language_tag(value)
        if tag is not None:
            return tag
    return None


def _cased(subtags: list[str]) -> list[str]:
    """Script title case, region upper case, the rest lower case; all lower after a singleton."""
    cased: list[str] = []
    for index, subtag in enumerate(subtags):
        if len(subtag) == 1:
            return cased + subtags[index:]
        if len(subtag) == 4 and subtag.isalpha():
            cased.append(subtag.title())
        elif len(subtag) == 2:
            cased.append(subtag.upper())
        else:
            cased.append(subtag)
    return cased
