"""Organisations not in the outlets table, recognised by the shape of their names.

A capitalised name is clearly that of an organisation publishing its own work when
its first part (before "of", "for", "on") holds a word such as Institute, Centre,
Foundation, Observatory, Bureau, Bank or, for the press, Times, Post, Journal:
"the Institute for the Study of War", "the Housing Observatory", "The Moscow
Times". A person ("John Smith", "Health Minister Viktor Liashko", "Smith of the
Brookings Institution") is not. Nor are a government's ministries, councils and
commissions: what they say is news, rightly cited to the news report of it; nor
schools: academics publish in journals, which notes cite instead. Such a name is
useful only with a word of its own to look for in a note ("Moscow", "War"), or its
initials ("ISW").
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from footcheck.footnotes import pattern_store
from footcheck.footnotes.outlets import BODY, NEWS


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Words that make a capitalised name an organisation's, in its first part.
_BODY_HEADS = _words(
    "Institute Institution Center Centre Foundation Observatory Laboratory Bureau Bank Fund "
    "Survey Trust"
)
_NEWS_HEADS = _words(
    "Times Post News Journal Herald Tribune Gazette Telegraph Chronicle Observer Express "
    "Mail Daily Magazine Weekly Radio Television"
)
# Words too common in names to tell one organisation from another.
_GENERIC = _words(
    "the of for on and de du des national international federal global world united "
    "states american european research studies study policy public state general central "
    "new affairs economic statistics statistical development"
)
_CAPITALISED = r"[A-Z][\w’'.&-]*"
_ORGANISATION = pattern_store.compile(
    rf"{_CAPITALISED}(?:\s+(?:(?:of|for|on)(?:\s+the)?\s+|(?:and|&|de|du|des)\s+)?{_CAPITALISED})+"
)
_CONNECTORS = _words("of for on")
# A text with no head word holds no organisation's name: most claims, looked at once.
_ANY_HEAD = pattern_store.compile("|".join(sorted(_BODY_HEADS | _NEWS_HEADS)))
_POSSESSIVE = pattern_store.compile(r"['’]s?$")
_WORD = pattern_store.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class Organisation:
    """A capitalised organisation's name not in the table, at [start, end)."""

    name: str
    kind: str
    start: int
    end: int
    distinctive: frozenset[str]  # its casefolded words that tell it apart
    initials: str  # "ISW" for "Institute for the Study of War"

    def named_in(self, text: str) -> bool:
        """Whether `text` names it: one of its distinctive words, or its initials."""
        words = {w.casefold() for w in _WORD.findall(text)}
        return bool(words & self.distinctive) or (
            len(self.initials) > 1 and self.initials.casefold() in words
        )


def organisation_names(text: str) -> Iterator[Organisation]:
    """Capitalised names in `text` that are clearly organisations, with distinctive words."""
    if not _ANY_HEAD.search(text):
        return
    for match in _ORGANISATION.finditer(text):
        words = match.group().split()
        start = match.start()
        if words[0] == "The":
            words = words[1:]
            start = match.start() + match.group().index(words[0])
        words[-1] = _POSSESSIVE.sub("", words[-1])
        first_part = []
        for word in words:
            if word in _CONNECTORS:
                break
            first_part.append(word)
        heads = {w for w in first_part if w in _BODY_HEADS or w in _NEWS_HEADS}
        distinctive = frozenset(
            w.casefold()
            for w in _WORD.findall(" ".join(words))
            if len(w) > 2
            and w not in _BODY_HEADS
            and w not in _NEWS_HEADS
            and w.casefold() not in _GENERIC
        )
        if len(words) < 2 or not heads or not distinctive:
            continue
        kind = NEWS if heads <= _NEWS_HEADS else BODY
        initials = "".join(w[0] for w in words if w[0].isupper())
        end = match.start() + len(_POSSESSIVE.sub("", match.group()))
        yield Organisation(" ".join(words), kind, start, end, distinctive, initials)
