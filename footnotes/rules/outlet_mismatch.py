"""CT002 outlet-mismatch: the sentence names one outlet as its source, the note cites another.

What it does
------------
Reports, for information, a claim whose sentence attributes it to a named outlet
or body while the note its marker points to cites only other outlets. It fires
only when all of these hold:

- the claim (the marker's sentence, from the previous marker) attributes what it
  says to an outlet: "according to X", "a report by X", "data from X", "X's
  report", "a X survey", "X reported", "X found", "X estimates" (and, for news
  organisations only, "X wrote", "told X"); not "X said": a body's statement is
  news, rightly cited to the news report of it;
- X is recognised with confidence: a name from footcheck's table of well-known
  outlets and bodies, written as the table writes it and not part of a longer
  name ("Thomson Reuters", "UN Security Council" are not Reuters or the UN); or a
  capitalised name that is clearly a publishing organisation's ("the Razumkov
  Centre", "The Moscow Times": a first part with Institute, Centre, Foundation,
  Bureau, Times, Post...) and has a word of its own to look for. People
  ("according to John Smith"), a government's ministries and councils (their
  word is news) and unnamed sources ("the report found", "officials said") name
  no outlet;
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
from collections.abc import Iterator
from typing import TYPE_CHECKING

from footcheck.footnotes.model import Document, Finding, Severity
from footcheck.footnotes.rules.base import RuleId, shorten

if TYPE_CHECKING:
    from footcheck.footnotes.attribution import Attribution
    from footcheck.footnotes.claims import Claim
    from footcheck.footnotes.context import Context
    from footcheck.footnotes.outlets import Outlet
    from footcheck.footnotes.sources import Source

CODE = "CT002"
NAME = "outlet-mismatch"
SEVERITY = Severity.INFO
RULE = RuleId(CODE, NAME, SEVERITY)


def check(doc: Document, ctx: Context) -> Iterator[Finding]:
    # Loaded when the rule runs, not with the rules: the claims module comes with the
    # context's claims, and the attribution's tables are needed only here.
    from footcheck.footnotes.attribution import attributions, borne_out, cited_by
    from footcheck.footnotes.claims import sentence_spans

    sources = ctx.first_source_by_key
    cited_by_key: dict[tuple[int, str], set[Outlet]] = {}
    for paragraph, claims in zip(doc.paragraphs, ctx.paragraph_claims, strict=True):
        candidates = []
        for index, claim in enumerate(claims):
            source = sources.get(claim.marker.key)
            if source is None:
                continue
            if source.note.key not in cited_by_key:
                cited_by_key[source.note.key] = cited_by(source)
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
            if not borne_out(claim.text, attributed, siblings):
                yield _finding(doc, claim, source, attributed[0], sorted(cited, key=_by_name))


def _by_name(outlet: Outlet) -> str:
    return outlet.name


def _finding(
    doc: Document, claim: Claim, source: Source, attributed: Attribution, others: list[Outlet]
) -> Finding:
    label = claim.marker.label
    cited = " and ".join(o.name for o in others)
    the = "" if attributed.name.lower().startswith("the ") else "the "
    hint = (
        f'cite {the}{attributed.name} {attributed.work}, or say "as reported by {others[0].name}"'
    )
    return RULE.finding(
        doc.path,
        claim.marker.location,
        f"the sentence attributes the claim to {attributed.name}, but note [{label}] cites {cited}",
        footnote=label,
        claim=shorten(claim.text),
        note_text=shorten(source.note.text),
        hint=hint,
    )
