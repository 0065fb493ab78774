"""Who a claim names as its source, and whether its notes bear that out.

A sentence attributes what it says to an outlet or body when it writes "according
to X", "a report by X", "data from X", "X's report", "a X survey", "X reported", "X
found", "X estimates" (and, for news organisations only, "X wrote", "X cited" and
"told X"). "X said" is not read: a body's statement is news, rightly cited to the
news report of it, and "Bloomberg said" may be the man. X is a name of
the outlets table read with confidence, or a name that is clearly an
organisation's (`footnotes.organisations`); a name that qualifies the next word is
not the source ("according to EU rules", "according to a UN official").

The notes of the sentence bear the attribution out when one of them names any
outlet the sentence mentions (by any name, domain, or agency of the same body), or
a word of the organisation's own name or its initials, or says it cites at second
hand ("quoted in", "cited in", "via", "as reported by", "reprinted in", "citing").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from footcheck.footnotes import pattern_store
from footcheck.footnotes.citations import MAIN
from footcheck.footnotes.organisations import Organisation, organisation_names
from footcheck.footnotes.outlets import NEWS, Outlet, cited_outlets, named_outlets, strict_mentions

if TYPE_CHECKING:
    from footcheck.footnotes.sources import Source

_WORKS = (
    r"(?:reports?|stud(?:y|ies)|surveys?|analys[ie]s|data(?:set)?|figures|estimates?|"
    r"statistics|numbers|poll(?:s|ing)?|investigations?|findings|reporting|count|tally|"
    r"reviews?|assessments?|index|census|articles?|calculations?|projections?|forecasts?|"
    r"research)"
)
# What, written just before a name, makes it the claim's source.
_SOURCE_BEFORE = pattern_store.compile(
    r"(?:\baccording\s+to|"
    r"\b(?:reported|found|estimated|published|documented|compiled|conducted|released|"
    r"calculated|counted|tallied|analy[sz]ed|commissioned)\s+by|"
    rf"\b{_WORKS}\s+(?:from|by)|"
    r"\b(?:articles?|reports?|story|piece|editorial|column|op-ed|interview)\s+in)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_NEWS_SOURCE_BEFORE = pattern_store.compile(r"\btold\s+(?:the\s+)?$", re.IGNORECASE)
# What, written just after a name, makes it the claim's source: "X's report", "a
# X survey", "X reported".
_WORK_AFTER = pattern_store.compile(
    rf"(?:['’]s?)?\s+(?:(?:own|latest|new|recent|annual|preliminary|official|\d{{4}})\s+)?"
    rf"{_WORKS}\b",
    re.IGNORECASE,
)
_ADVERBS = r"(?:(?:has|have|had|also|recently|previously|later|itself|first|then|now)\s+)*"
_VERB_AFTER = pattern_store.compile(
    rf"\s+{_ADVERBS}(?:reported|reports|found|finds|estimated|estimates|counted|counts|"
    r"calculated|calculates|recorded|records|documented|documents|concluded|concludes|"
    r"projected|projects|revealed|reveals|showed|shows|tallied|put|puts)\b"
)
_NEWS_VERB_AFTER = pattern_store.compile(
    rf"\s+{_ADVERBS}(?:wrote|writes|cited|cites|quoted|quotes)\b"
)
# A note that says it cites at second hand.
_SECOND_HAND = pattern_store.compile(
    r"\b(?:quoted|cited|reprinted|reproduced|republished|summari[sz]ed|excerpted|"
    r"syndicated|reported|translated)\s+(?:in|by)\b|\bvia\b|\bquoting\b|\bciting\b|"
    r"\bas\s+reported\b",
    re.IGNORECASE,
)
# Words that may follow a source's name or work without the name being a modifier of
# them: "according to the UN, which...", "a UN report released in May found".
_CLAUSE_WORDS = (
    r"(?:in|on|at|and|or|as|which|who|whose|that|since|from|for|to|the|this|last|earlier|"
    r"until|of|by|is|are|was|were|has|have|had|also|shows?|showed|shown|suggest(?:s|ed)?|"
    r"indicate[sd]?|puts?|reveal(?:s|ed)?|finds?|found|estimate[sd]?|published|released|"
    r"issued|conducted|compiled|cited|quoted|based|covering|concluded|warned|noted)"
)
# A name (or its work) followed by another word, which it qualifies: "EU rules", "a
# UN official", "EU data protection".
_QUALIFIES_NEXT_WORD = pattern_store.compile(rf"(?:['’]s?)?\s+(?!{_CLAUSE_WORDS}\b)[a-z]")
_BEFORE_SPAN = 60
_ARTICLE_BEFORE = pattern_store.compile(r"\b[Tt]he\s+$")


@dataclass(frozen=True, slots=True)
class Attribution:
    """A source a claim names: an outlet of the table, or an organisation not in it.

    (Whether a note names an outlet of the table is read from every outlet the claim
    mentions; an organisation is looked for by its own words.)
    """

    name: str  # as the claim writes it, with its article: "the World Bank", "Reuters"
    kind: str
    organisation: Organisation | None = None

    @property
    def work(self) -> str:
        """What of it to cite: a news organisation's article, a body's report."""
        return "article" if self.kind == NEWS else "report"


def attributions(text: str) -> list[Attribution]:
    """The outlets and organisations `text` names as the source of what it says."""
    found: list[Attribution] = []
    spans: list[tuple[int, int]] = []
    for mention in strict_mentions(text):
        spans.append((mention.start, mention.end))
        outlet = mention.outlet
        if _is_source(text, mention.start, mention.end, outlet.kind):
            name = _as_written(text, mention.start, mention.end, outlet.name)
            found.append(Attribution(name, outlet.kind))
    for org in organisation_names(text):
        if any(start < org.end and org.start < end for start, end in spans):
            continue  # a name of the table, read above
        if _is_source(text, org.start, org.end, org.kind):
            name = _as_written(text, org.start, org.end, None if org.kind == NEWS else "")
            found.append(Attribution(name, org.kind, org))
    return found


def _as_written(text: str, start: int, end: int, title: str | None) -> str:
    """The name at [start, end) with the article before it, capital only in a title.

    The table's title decides ("The New York Times", but "The World Bank estimates"
    -> "the World Bank"); without one (`title` None) the article stays as written
    ("The Moscow Times").
    """
    article = _ARTICLE_BEFORE.search(text, max(0, start - 4), start)
    if article is None:
        return text[start:end]
    if title is None:
        return text[article.start() : end]
    the = "The" if title.startswith("The ") else "the"
    return f"{the} {text[start:end]}"


def _is_source(text: str, start: int, end: int, kind: str) -> bool:
    """Whether the name at [start, end) is written as the source of the claim."""
    news = kind == NEWS
    work = _WORK_AFTER.match(text, end)
    if work is not None:
        return not _QUALIFIES_NEXT_WORD.match(text, work.end())  # not "EU data protection"
    if _VERB_AFTER.match(text, end) or (news and _NEWS_VERB_AFTER.match(text, end)):
        return True
    before = text[max(0, start - _BEFORE_SPAN) : start]
    if not (_SOURCE_BEFORE.search(before) or (news and _NEWS_SOURCE_BEFORE.search(before))):
        return False
    # "according to EU rules", "according to a UN official": the name qualifies another
    # word, which is the source (a law, a person), not the outlet.
    return not _QUALIFIES_NEXT_WORD.match(text, end)


def cited_by(source: Source) -> set[Outlet]:
    """The outlets a note cites with confidence, in the citations the sentence rests on."""
    main = [c for c in source.citations if c.role == MAIN] or list(source.citations)
    cited: set[Outlet] = set()
    for citation in main:
        cited |= cited_outlets(citation.text, citation.urls)
    return cited


def borne_out(claim: str, attributed: list[Attribution], notes: list[Source]) -> bool:
    """Whether the notes of a claim's sentence name an outlet the claim names, or say
    they cite at second hand (then the claim may well rest on them)."""
    if any(_SECOND_HAND.search(s.note.text) for s in notes):
        return True
    in_notes = {o.group for s in notes for o in named_outlets(s.note.text)}
    in_claim = {o.group for o in named_outlets(claim)}
    organisations = [a.organisation for a in attributed if a.organisation is not None]
    return bool(in_claim & in_notes) or any(
        org.named_in(s.note.text) for org in organisations for s in notes
    )
