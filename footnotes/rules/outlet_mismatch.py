"""CT002 outlet-mismatch: the sentence names one outlet as its source, the note cites another.

What it does
------------
Reports, for information, a claim whose sentence attributes it to a named outlet
or body while the note its marker points to cites only other outlets. It fires
only when all of these hold:

- the claim (the marker's sentence, from the previous marker) attributes what it
  says to an outlet: "according to X", "a report by X", "data from X", "X's
  report", "a X survey", "X reported", "X found", "X estimates" (and, for news
  organisations only, "X said", "told X": a body's statement is news, and is
  rightly cited to the news report of it);
- X is recognised with confidence: a name from footcheck's table of well-known
  outlets and bodies, written as the table writes it and not part of a longer
  name ("Thomson Reuters", "UN Security Council" are not Reuters or the UN); or a
  capitalised name that is clearly an organisation's ("the Ministry of Health",
  "The Moscow Times": a first part with Ministry, Institute, Agency, Times...) and
  has a word of its own to look for. People ("according to John Smith") and
  unnamed sources ("the report found", "officials said") name no outlet;
- the note names at least one outlet of the table with confidence (by name, or
  by the domain of a URL or bare domain), in a citation the sentence rests on;
- no note of a marker in the same sentence names any outlet the claim mentions,
  by any name, domain or agency of the same body (UNHCR is the UN), or, for a
  name not in the table, by a word of its own or its initials; and none says it
  cites at second hand ("quoted in", "cited in", "via", "as reported by",
  "reprinted in", "citing").

Why is this bad?
----------------
A reader who follows the note to check the claim finds another outlet's report,
which may not say what the sentence attributes to the first, or may say it
differently. Either the note cites the wrong source, or the sentence should say
whose report the claim comes through.

Example
-------
```text
According to The New York Times, 43 million Americans rent their homes.[1]

[1] Pew Research Center, "A Nation of Renters," July 19, 2016.
```

Use instead
-----------
```text
According to the Pew Research Center, 43 million Americans rent their homes.[1]

[1] Pew Research Center, "A Nation of Renters," July 19, 2016.
```
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from footcheck.footnotes.citations import MAIN
from footcheck.footnotes.claims import Claim, sentence_spans
from footcheck.footnotes.model import Document, Finding, Severity
from footcheck.footnotes.organisations import Organisation, organisation_names
from footcheck.footnotes.outlets import NEWS, Outlet, cited_outlets, named_outlets, strict_mentions
from footcheck.footnotes.rules.base import RuleId, shorten
from footcheck.footnotes.sources import Source

if TYPE_CHECKING:
    from footcheck.footnotes.context import Context

CODE = "CT002"
NAME = "outlet-mismatch"
SEVERITY = Severity.INFO
RULE = RuleId(CODE, NAME, SEVERITY)

_WORKS = (
    r"(?:reports?|stud(?:y|ies)|surveys?|analys[ie]s|data(?:set)?|figures|estimates?|"
    r"statistics|numbers|poll(?:s|ing)?|investigations?|findings|reporting|count|tally|"
    r"reviews?|assessments?|index|census|articles?|calculations?|projections?|forecasts?|"
    r"research)"
)
# What, written just before a name, makes it the claim's source.
_SOURCE_BEFORE = re.compile(
    r"(?:\baccording\s+to|"
    r"\b(?:reported|found|estimated|published|documented|compiled|conducted|released|"
    r"calculated|counted|tallied|analy[sz]ed|commissioned)\s+by|"
    rf"\b{_WORKS}\s+(?:from|by)|"
    r"\b(?:articles?|reports?|story|piece|editorial|column|op-ed|interview)\s+in)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_NEWS_SOURCE_BEFORE = re.compile(r"\btold\s+(?:the\s+)?$", re.IGNORECASE)
# What, written just after a name, makes it the claim's source: "X's report", "a
# X survey", "X reported".
_WORK_AFTER = re.compile(
    rf"(?:['’]s?)?\s+(?:(?:own|latest|new|recent|annual|preliminary|official|\d{{4}})\s+)?"
    rf"{_WORKS}\b",
    re.IGNORECASE,
)
_ADVERBS = r"(?:(?:has|have|had|also|recently|previously|later|itself|first|then|now)\s+)*"
_VERB_AFTER = re.compile(
    rf"\s+{_ADVERBS}(?:reported|reports|found|finds|estimated|estimates|counted|counts|"
    r"calculated|calculates|recorded|records|documented|documents|concluded|concludes|"
    r"projected|projects|revealed|reveals|showed|shows|tallied|put|puts)\b"
)
_NEWS_VERB_AFTER = re.compile(
    rf"\s+{_ADVERBS}(?:said|says|stated|states|wrote|writes|cited|cites|quoted|quotes)\b"
)
# A note that says it cites at second hand.
_SECOND_HAND = re.compile(
    r"\b(?:quoted|cited|reprinted|reproduced|republished|summari[sz]ed|excerpted|"
    r"syndicated|reported|translated)\s+(?:in|by)\b|\bvia\b|\bquoting\b|\bciting\b|"
    r"\bas\s+reported\b",
    re.IGNORECASE,
)
_QUALIFIES_NEXT_WORD = re.compile(
    r"(?:['’]s?)?\s+(?!(?:in|on|at|and|or|as|which|who|whose|that|since|from|for|to|the|"
    r"this|last|earlier|until|is|are|was|were|has|have|had|show|shows|showed|shown|suggest|"
    r"suggests|suggested|indicate|indicates|indicated|put|puts|reveal|reveals|revealed|"
    r"find|finds|found|estimate|estimates|estimated)\b)[a-z]"
)
_BEFORE_SPAN = 60
_ARTICLE_BEFORE = re.compile(r"\b[Tt]he\s+$")


@dataclass(frozen=True, slots=True)
class _Attributed:
    """A source the claim names: an outlet of the table, or an organisation not in it.

    (Whether a note names an outlet of the table is read from every outlet the claim
    mentions; an organisation is looked for by its own words.)
    """

    name: str  # as the claim writes it, with its article: "the World Bank", "Reuters"
    kind: str
    organisation: Organisation | None = None


def check(doc: Document, ctx: Context) -> Iterator[Finding]:
    sources = ctx.first_source_by_key
    cited_by_key: dict[tuple[int, str], set[Outlet]] = {}
    for paragraph, claims in zip(doc.paragraphs, ctx.paragraph_claims, strict=True):
        candidates = []
        for index, claim in enumerate(claims):
            source = sources.get(claim.marker.key)
            if source is None:
                continue
            if source.note.key not in cited_by_key:
                cited_by_key[source.note.key] = _cited(source)
            # Only a note that cites a known outlet can cite the wrong one: the
            # sentence is read only then.
            cited = cited_by_key[source.note.key]
            attributed = attributions(claim.text) if cited else []
            if attributed:
                candidates.append((index, claim, source, cited, attributed))
        if not candidates:
            continue
        starts = [start for start, _ in sentence_spans(paragraph.text)]
        sentence_of = [bisect.bisect_right(starts, claim.start) for claim in claims]
        for index, claim, source, cited, attributed in candidates:
            siblings = [
                sources[other.marker.key]
                for other, sentence in zip(claims, sentence_of, strict=True)
                if sentence == sentence_of[index] and other.marker.key in sources
            ]
            if not _bears_out(claim, attributed, siblings):
                yield _finding(doc, claim, source, attributed[0], sorted(cited, key=_by_name))


def attributions(text: str) -> list[_Attributed]:
    """The outlets and organisations `text` names as the source of what it says."""
    found: list[_Attributed] = []
    spans: list[tuple[int, int]] = []
    for mention in strict_mentions(text):
        spans.append((mention.start, mention.end))
        outlet = mention.outlet
        if _is_source(text, mention.start, mention.end, outlet.kind):
            name = _as_written(text, mention.start, mention.end, outlet.name)
            found.append(_Attributed(name, outlet.kind))
    for org in organisation_names(text):
        if any(start < org.end and org.start < end for start, end in spans):
            continue  # a name of the table, read above
        if _is_source(text, org.start, org.end, org.kind):
            name = _as_written(text, org.start, org.end, None if org.kind == NEWS else "")
            found.append(_Attributed(name, org.kind, org))
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
    if (
        _WORK_AFTER.match(text, end)
        or _VERB_AFTER.match(text, end)
        or (news and _NEWS_VERB_AFTER.match(text, end))
    ):
        return True
    before = text[max(0, start - _BEFORE_SPAN) : start]
    if not (_SOURCE_BEFORE.search(before) or (news and _NEWS_SOURCE_BEFORE.search(before))):
        return False
    # "according to EU rules", "according to a UN official": the name qualifies another
    # word, which is the source (a law, a person), not the outlet.
    return not _QUALIFIES_NEXT_WORD.match(text, end)


def _cited(source: Source) -> set[Outlet]:
    """The outlets a note cites with confidence, in the citations the sentence rests on."""
    main = [c for c in source.citations if c.role == MAIN] or list(source.citations)
    cited: set[Outlet] = set()
    for citation in main:
        cited |= cited_outlets(citation.text, citation.urls)
    return cited


def _bears_out(claim: Claim, attributed: list[_Attributed], notes: list[Source]) -> bool:
    """Whether the notes of the claim's sentence name an outlet the claim names, or cite
    at second hand (then the claim may well rest on it)."""
    if any(_SECOND_HAND.search(s.note.text) for s in notes):
        return True
    in_notes = {o.group for s in notes for o in named_outlets(s.note.text)}
    in_claim = {o.group for o in named_outlets(claim.text)}
    organisations = [a.organisation for a in attributed if a.organisation is not None]
    return bool(in_claim & in_notes) or any(
        org.named_in(s.note.text) for org in organisations for s in notes
    )


def _by_name(outlet: Outlet) -> str:
    return outlet.name


def _finding(
    doc: Document, claim: Claim, source: Source, attributed: _Attributed, others: list[Outlet]
) -> Finding:
    label = claim.marker.label
    cited = " and ".join(o.name for o in others)
    work = "article" if attributed.kind == NEWS else "report"
    the = "" if attributed.name.lower().startswith("the ") else "the "
    return RULE.finding(
        doc.path,
        claim.marker.location,
        f"the sentence attributes the claim to {attributed.name}, but note [{label}] cites {cited}",
        footnote=label,
        claim=shorten(claim.text),
        note_text=shorten(source.note.text),
        hint=f'cite {the}{attributed.name} {work}, or say "as reported by {others[0].name}"',
    )
