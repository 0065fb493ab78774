"""What a note says about its source: publication date, access date, URLs, identity.

The publication date is the one a reader takes it to be: the last free-standing
date of the citation ("Reuters, "Title," March 3, 2023."), not a date inside a
quoted title or a subject ("Interim Report January-September 2024", "Arbitral
Award of 3 October 1899", "resolution 2231 (2015)"), and never an access,
retrieval or update date. "Ibid.", "Id." and "Op. cit." notes cite the source of
the note before them: they are never duplicates, and they are dated by their own
date when they carry one, else by their antecedent's.

The duplicate key normalises a note's text so that the same source written twice
compares equal: casefold, NFKC, quotes and dashes folded, punctuation outside URLs
dropped, dates written as ISO, URLs without scheme, "www.", trailing slash or
tracking parameters. Access clauses do not count: the same page read on two days
is the same source.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import NamedTuple
from urllib.parse import parse_qsl, urlencode

from footcheck.footnotes.citations import Citation, role_of, split_spans, supporting_date
from footcheck.footnotes.dates import DateMention, DateStyle, find_dates
from footcheck.footnotes.model import Note, PartialDate
from footcheck.footnotes.note_kinds import cites_source, says_undated
from footcheck.footnotes.short_forms import (
    FullCitation,
    FullCitations,
    parse_short_form,
    supra_note,
)
from footcheck.footnotes.urls import capture_date, url_date

_IBID = re.compile(
    r"^\W{0,3}(?:(?:see\s+(?:also\s+)?|cf\.\s+)?(?:ibid(?:em)?\b|ib\.|id\.|idem\b)|op\.?\s*cit\b)"
    r"|^[^.;]{0,60}?,\s*op\.?\s*cit\b",
    re.IGNORECASE,
)
# "Ames, op. cit., 102": the author whose earlier note it repeats.
_OP_CIT_AUTHOR = re.compile(r"^\W{0,3}([^,.;]{2,60}?),\s*op\.?\s*cit\b", re.IGNORECASE)
_NAME_WORD = re.compile(r"[^\W\d_]{2,}")
# Words that may open a second citation ("See also", "Cf.", "Compare", "and"): a
# note without them, without ";" and with at most one date is one citation.
_MAY_SIGNAL = re.compile(r"\b(?:see|cf|compare|contra|also|vgl|voir|siehe)\b", re.IGNORECASE)
_NAME_SPAN = 120  # an author is named near the start of a note
_ACCESS_WORDS = re.compile(
    r"(?:accessed|retrieved|last\s+(?:visited|accessed|checked|modified|updated)|"
    r"viewed|consulted|updated|modified|archived(?:\s+from\s+the\s+original)?|"
    r"downloaded)\s*(?:on|at|from)?\s*[:,]?\s*$",
    re.IGNORECASE,
)
# The same in the languages whose dates footcheck reads: "consulté le", "abgerufen am",
# "consultado el", "acesso em", "consultato il", "geraadpleegd op", "дата обращения",
# "تاريخ الاطلاع" (tried only when the English pattern's quick test fails).
_FOREIGN_ACCESS_WORDS = re.compile(
    r"(?:consult[ée]e?s?\s+le|abgerufen\s+am|zugegriffen\s+am|aufgerufen\s+am|"
    r"consultad[oa]\s+(?:el|en)|acess(?:o|ado)\s+em|consultat[oa]\s+il|geraadpleegd\s+op|"
    r"дата\s+обращения|تاريخ\s+الاطلاع|تاريخ\s+الوصول)\s*[:,]?\s*$",
    re.IGNORECASE,
)
_FOREIGN_ACCESS_LAST_LETTERS = frozenset("elmpnELMPNяع")
# What an update clause says (the rest of _ACCESS_WORDS says when it was read).
_UPDATE_WORD = re.compile(r"updated|modified", re.IGNORECASE)
# Every form of _ACCESS_WORDS ends with one of these words (then only "on", "at" or
# "from", blanks, a colon or a comma): a text that does not is no access clause.
_ACCESS_ENDINGS = (
    "accessed",
    "retrieved",
    "visited",
    "checked",
    "modified",
    "updated",
    "viewed",
    "consulted",
    "archived",
    "original",
    "downloaded",
)
# The last letters of those endings and of "on", "at" and "from", in both cases (no
# other letter matches them under IGNORECASE).
_ACCESS_LAST_LETTERS = frozenset("dlnmtDLNMT")
_SUBJECT_WORDS = re.compile(r"\b(?:of|for|from|to|until|through|since|between)\s*$", re.IGNORECASE)
_SUBJECT_ENDINGS = ("of", "for", "from", "to", "until", "through", "since", "between")
_SUBJECT_LAST_LETTERS = frozenset("frmolhenFRMOLHEN")  # no other letter matches them
# "resolution 2231 (2015)": the year belongs to a legal instrument's designation.
# (A journal's "33, no. 4 (2020)" is its publication year and is kept.)
_DESIGNATION_BEFORE_PAREN = re.compile(
    r"\b(?:resolutions?|res|decisions?|directives?|regulations?|decrees?|conventions?|"
    r"protocols?|treaty|acts?|orders?|ordinances?|laws?|rules?|cases?)\.?\s+"
    r"(?:no\.?\s*)?[\w/.-]*\d[\w/.-]*\s*\(\s*$",
    re.IGNORECASE,
)
# "http://" or "www.", in any case: the first letter is written as plain literals so
# that the regex engine looks for an "h" or a "w" in C (a case-insensitive pattern
# is tried at every position). No letter but these matches them under IGNORECASE.
_URL = re.compile(r"""(?:h(?i:ttps?://)|H(?i:ttps?://)|w(?i:ww\.)|W(?i:ww\.))[^\s<>"'“”‘’)\]]+""")
_SCHEME = re.compile(r"^https?://", re.IGNORECASE)
_WWW = re.compile(r"^www\.", re.IGNORECASE)
_URL_TRAILING = ".,;:!?"
_TRACKING = re.compile(r"^(?:utm_\w*|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|igshid)$")
_WINDOW = 40  # characters around a date that decide how it is set off
_QUOTE_PAIRS = (("“", "”"), ('"', '"'), ("«", "»"), ("‘", "’"))
# Quotes, dashes and no-break spaces folded to ASCII. They end up as blanks either
# way; folded first, most notes' text is all ASCII and takes the fast path in
# _fold_words. (A chain of str.replace: str.translate with a table is slow on
# non-ASCII text.)
_FOLD_MAP = {
    "“": '"',
    "”": '"',
    "„": '"',
    "«": '"',
    "»": '"',
    "‘": "'",
    "’": "'",
    "‚": "'",
    "–": "-",
    "—": "-",
    "‒": "-",
    "―": "-",
    "\u00a0": " ",
}
_FOLD_PAIRS = tuple(_FOLD_MAP.items())
# On ASCII text, _NON_WORD and "_" to blanks, one blank per character.
_ASCII_PUNCTUATION_TO_BLANK = str.maketrans(
    {chr(c): " " for c in range(128) if not (chr(c).isalnum() or chr(c).isspace())}
)
_NON_WORD = re.compile(r"[^\w\s]+")


@dataclass(frozen=True, slots=True)
class Source:
    """A note read as a citation."""

    note: Note
    dates: tuple[DateMention, ...]
    publication_date: PartialDate | None
    access_date: PartialDate | None
    urls: tuple[str, ...]
    key: str
    ibid: bool
    antecedent: str | None = None  # label of the note an "Ibid." repeats
    inherited_date: PartialDate | None = None  # an "Ibid." note's antecedent's date
    citations: tuple[Citation, ...] = ()  # the note's citations, in order

    @property
    def cites(self) -> bool:
        """Whether the note names a source at all (False for a note that explains)."""
        return cites_source(self.note.text)

    @property
    def short_form(self) -> bool:
        """Whether every citation of the note shortens an earlier full one."""
        return bool(self.citations) and all(c.short_form for c in self.citations)

    @property
    def date(self) -> PartialDate | None:
        """The date the note's source carries: its own, else (for "Ibid.") its antecedent's."""
        return self.publication_date or self.inherited_date

    @property
    def invalid_dates(self) -> tuple[DateMention, ...]:
        return tuple(m for m in self.dates if not m.valid)

    @property
    def has_date(self) -> bool:
        return bool(self.dates) or self.inherited_date is not None


def read_sources(notes: Sequence[Note], style: DateStyle | None = None) -> list[Source]:
    """Read every note, resolving "Ibid." notes and short forms against the notes before.

    "Ibid." and "Id." repeat the note just before; "Author, op. cit." repeats that
    author's latest earlier note (and is left undated when none names the author);
    a short form ("Lessing, 239.") takes the date of the latest earlier full citation
    of its author (and short title). `style` is how the document writes numeric
    dates (day or month first, the century of two-digit years).
    """
    sources: list[Source] = []
    # Each word naming a source near a note's start -> the latest earlier note with it
    # (one look-up per "op. cit.", however many notes came before). The notes are
    # indexed only when an "op. cit." asks, each note once: sources[:named] are in.
    names: dict[str, Source] = {}
    named = 0
    full = FullCitations()
    by_label: dict[str, Source] = {}  # the first note of each label
    for note in notes:
        source = read_source(note, style)
        if source.ibid and sources:
            author = _OP_CIT_AUTHOR.match(note.text)
            if author is None:
                before: Source | None = sources[-1]
            else:
                for earlier in sources[named:]:
                    if not earlier.ibid:
                        for word in _NAME_WORD.findall(earlier.note.text[:_NAME_SPAN]):
                            names[word.casefold()] = earlier
                named = len(sources)
                before = _named(author, names)
            if before is not None:
                label = before.antecedent or before.note.label
                date = _date_of(before)
                first = source.citations[0]
                source = replace(
                    source,
                    antecedent=label,
                    inherited_date=date,
                    citations=(
                        replace(first, inherited_date=date, inherited_from=label),
                        *source.citations[1:],
                    ),
                )
        elif not source.ibid:
            source = _resolve_short_forms(source, full, by_label)
        sources.append(source)
        by_label.setdefault(note.label, source)
    return sources


def _date_of(source: Source) -> PartialDate | None:
    """The date a note repeating `source` takes: what its citations are dated by (a
    short form's full citation's, too), else its own."""
    used = supporting_date(source.citations)
    return used[1] if used is not None else source.date


def _resolve_short_forms(
    source: Source, full: FullCitations, by_label: dict[str, Source]
) -> Source:
    """Mark the note's short citations and date them by their full ones; remember the rest.

    A short form names its author (and short title), or the note it shortens
    ("supra note 3").
    """
    citations = list(source.citations)
    changed = False
    label = source.note.label
    for index, citation in enumerate(citations):
        short = None
        if citation.dated() is None and not citation.urls:
            supra = supra_note(citation.text)
            if supra is not None:
                earlier = by_label.get(supra)
                citations[index] = replace(
                    citation,
                    short_form=True,
                    inherited_date=_date_of(earlier) if earlier else None,
                    inherited_from=supra if earlier else None,
                )
                changed = True
                continue
            short = parse_short_form(citation.text)
        if short is None:
            dated = citation.dated()
            full.add(FullCitation(label, citation.text, dated[0] if dated else None))
            continue
        found = full.find(short)
        if found is None and not short.has_page:
            full.add(FullCitation(label, citation.text, None))
            continue  # "Smith, Code." with no earlier Smith: a full citation after all
        citations[index] = replace(
            citation,
            short_form=True,
            inherited_date=found.date if found else None,
            inherited_from=found.label if found else None,
        )
        changed = True
    return replace(source, citations=tuple(citations)) if changed else source


def _named(author: re.Match[str], names: dict[str, Source]) -> Source | None:
    """The latest earlier note naming the author of "Author, op. cit." (its last word)."""
    words = [w.casefold() for w in _NAME_WORD.findall(author.group(1))]
    if not words:
        return None
    return names.get(words[-1])


def read_source(note: Note, style: DateStyle | None = None) -> Source:
    """A single note, without "Ibid." resolution."""
    text = note.text
    mentions = find_dates(text, None, style, note=True)
    quoted = _quoted_spans(text)
    dates = _note_dates(text, mentions, quoted)
    urls = tuple(_clean_url(url) for url in _URL.findall(text))
    spans = [(0, len(text))]
    if len(text) > 20 and (";" in text or len(mentions) > 1 or _MAY_SIGNAL.search(text)):
        spans = split_spans(text, mentions, lambda at: _inside(quoted, at))
    if len(spans) == 1:
        start, end = spans[0]
        citations: tuple[Citation, ...] = (_citation(text, start, end, dates, urls),)
    else:
        starts = [m.start for m in mentions]
        citations = tuple(_part(text, start, end, mentions, starts, quoted) for start, end in spans)
    return Source(
        note=note,
        dates=tuple(mentions),
        publication_date=dates.publication or dates.fallback,
        access_date=dates.access or dates.updated,  # as it always was: when it was seen
        urls=urls,
        key=duplicate_key(text, mentions),
        ibid=_IBID.match(text) is not None,  # both forms are anchored at the start
        citations=citations,
    )


def _part(
    text: str,
    start: int,
    end: int,
    mentions: Sequence[DateMention],
    starts: list[int],
    quoted: list[tuple[int, int]],
) -> Citation:
    """The citation text[start:end] of a note that holds several.

    `starts` are the mentions' starts (in order), `quoted` the note's quotations.
    """
    first, last = bisect.bisect_left(starts, start), bisect.bisect_left(starts, end)
    inside = [m for m in mentions[first:last] if m.end <= end]
    urls = tuple(_clean_url(url) for url in _URL.findall(text, start, end))
    citation = _citation(text, start, end, _note_dates(text, inside, quoted), urls)
    return replace(citation, role=role_of(citation.text))


class _NoteDates(NamedTuple):
    """The dates of (part of) a note's text, by what they say."""

    publication: PartialDate | None  # the last free-standing date of the citation
    fallback: PartialDate | None  # the last other date that may be it
    access: PartialDate | None  # "accessed", "retrieved", "archived"
    updated: PartialDate | None  # "updated", "last modified"


def _note_dates(
    text: str, mentions: Sequence[DateMention], quoted: list[tuple[int, int]]
) -> _NoteDates:
    """The dates of `mentions` by what they say; `quoted` are the text's quotations."""
    publication: PartialDate | None = None
    fallback: PartialDate | None = None
    access: PartialDate | None = None
    updated: PartialDate | None = None
    for mention in mentions:
        if not mention.valid:
            continue
        before = text[max(0, mention.start - 40) : mention.start]
        clause = _access_clause(text, mention)
        if clause is not None:
            if _UPDATE_WORD.search(clause.group()):
                updated = mention.date
            else:
                access = mention.date
            continue
        if _inside(quoted, mention.start) or not _one_occasion(mention):
            continue
        if _subject_or_designation(before):
            continue
        if _free_standing(text, mention):
            publication = mention.date
        else:
            fallback = mention.date
    return _NoteDates(publication, fallback, access, updated)


def _citation(
    text: str, start: int, end: int, dates: _NoteDates, urls: tuple[str, ...]
) -> Citation:
    """The citation text[start:end] with its dates, the dates in its URLs, and "n.d.".

    A date that is not set off as a citation's ("founded in 2009") is its
    publication date only in a citation that names a source: in a note that
    explains, it is a date of what the note tells.
    """
    part = text[start:end]
    publication = dates.publication
    if publication is None and dates.fallback is not None and cites_source(part):
        publication = dates.fallback
    in_url = captured = None
    if urls:
        in_url = latest(d for d in map(url_date, urls) if d is not None)
        captured = next((d for d in map(capture_date, urls) if d is not None), None)
    return Citation(
        part,
        start,
        end,
        publication,
        dates.access,
        urls,
        url_date=in_url,
        undated=says_undated(part),
        captured_date=captured,
        updated_date=dates.updated,
    )


def latest(dates: Iterable[PartialDate]) -> PartialDate | None:
    """The latest of some dates (compared at the precision both have), or None."""
    best: PartialDate | None = None
    for date in dates:
        if best is None or not date.before(best):
            best = date
    return best


def _one_occasion(mention: DateMention) -> bool:
    """A date, or a range of days in one month ("19-21 Aug 2003": a conference's).

    A longer range is a subject's span ("Report 2019-2021"), not a citation's date.
    """
    start = mention.range_start
    return start is None or (
        mention.date.day is not None
        and start.day is not None
        and (start.year, start.month) == (mention.date.year, mention.date.month)
    )


def _subject_or_designation(before: str) -> bool:
    """Whether `before` ends with a subject word ("Report for") or a designation's "(".

    Both patterns end with blanks only, so the last other character decides first
    whether either can match; then lower-casing stands for IGNORECASE on ASCII
    (other characters are left to the pattern).
    """
    tail = before.rstrip()
    last = tail[-1:]
    if last == "(":
        return bool(_SUBJECT_WORDS.search(before) or _DESIGNATION_BEFORE_PAREN.search(before))
    if last not in _SUBJECT_LAST_LETTERS:
        return False  # the usual case: "Daily," "Ledger*," end no subject word
    end = tail[-7:]  # the longest subject word, "between", "through"
    if end.isascii() and not end.lower().endswith(_SUBJECT_ENDINGS):
        return False
    return _SUBJECT_WORDS.search(before) is not None


def _access_start(text: str, mention: DateMention) -> int | None:
    """Where the "accessed"/"retrieved"... words before an access date start, if any."""
    match = _access_clause(text, mention)
    return match.start() if match else None


def _access_clause(text: str, mention: DateMention) -> re.Match[str] | None:
    """The "accessed"/"retrieved"/"updated"... words just before a date, if any."""
    window = max(0, mention.start - 40)
    before = text[window : mention.start]
    if _may_end_with_access_words(before):
        return _ACCESS_WORDS.search(text, window, mention.start)
    if before.rstrip().rstrip(":,").rstrip()[-1:] in _FOREIGN_ACCESS_LAST_LETTERS:
        return _FOREIGN_ACCESS_WORDS.search(text, window, mention.start)
    return None


def _may_end_with_access_words(before: str) -> bool:
    """False when `before` cannot end with _ACCESS_WORDS: the pattern need not be run.

    Undoes the pattern's tail (blanks, one colon or comma, one "on", "at" or "from")
    and looks for one of _ACCESS_ENDINGS. Lower-casing matches IGNORECASE on ASCII;
    an ending with other characters ("İ", "ſ") is left to the pattern.
    """
    tail = before.rstrip().rstrip(":,").rstrip()
    if tail[-1:] not in _ACCESS_LAST_LETTERS:
        return False  # the usual case: "Ledger*," "Daily," end otherwise
    for word in ("on", "at", "from"):
        if tail[-len(word) :].lower() == word:
            tail = tail[: -len(word)].rstrip()
            break
    end = tail[-10:]  # the longest ending, "downloaded"
    return not end.isascii() or end.lower().endswith(_ACCESS_ENDINGS)


def _free_standing(text: str, mention: DateMention) -> bool:
    """A date set off by the punctuation of a citation, not run into a title."""
    before = text[max(0, mention.start - _WINDOW) : mention.start].rstrip()
    after = text[mention.end : mention.end + _WINDOW].lstrip()
    opens = (
        not before
        or before[-1] in ",;:([—–-\"'”’"
        or before.lower().endswith(
            ("published", "dated", "posted", "issued", "released", " on", "date")
        )
    )
    closes = not after or after[0] in ",.;)]"
    return opens and closes


def _quoted_spans(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for opening, closing in _QUOTE_PAIRS:
        start = text.find(opening)
        while start != -1:
            end = text.find(closing, start + 1)
            if end == -1:
                break
            # An apostrophe inside a word ("Russia's") does not open a quotation.
            if opening == "‘" and start > 0 and text[start - 1].isalnum():
                start = text.find(opening, start + 1)
                continue
            spans.append((start, end))
            start = text.find(opening, end + 1)
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _inside(spans: list[tuple[int, int]], position: int) -> bool:
    """Whether `position` lies inside one of `spans` (sorted by start, not overlapping)."""
    i = bisect.bisect_right(spans, (position, -1)) - 1
    return i >= 0 and spans[i][0] < position < spans[i][1]


def _clean_url(url: str) -> str:
    return url.rstrip(_URL_TRAILING)


def normalise_url(url: str) -> str:
    """A URL's identity: no scheme, no "www.", no trailing slash, no tracking parameters."""
    url = _clean_url(url)
    url = _SCHEME.sub("", url)
    url = _WWW.sub("", url)
    fragment = ""
    if "#" in url:
        url, fragment = url.split("#", 1)
        fragment = "#" + fragment
    query = ""
    if "?" in url:
        url, query = url.split("?", 1)
        kept = [
            (k, v) for k, v in parse_qsl(query, keep_blank_values=True) if not _TRACKING.match(k)
        ]
        query = "?" + urlencode(kept) if kept else ""
    host, _, rest = url.partition("/")
    url = host.lower() + ("/" + rest if rest else "")
    return url.rstrip("/") + query + fragment


def duplicate_key(text: str, mentions: Sequence[DateMention] | None = None) -> str:
    """The normalised form under which two notes count as the same source."""
    if mentions is None:
        mentions = find_dates(text)
    # U+E000 and U+E001 read as blanks (they once marked the URLs set aside; a
    # one-for-one replacement keeps the mentions' offsets right).
    text = text.replace("\ue000", " ").replace("\ue001", " ")
    # Dates as ISO and access clauses dropped (from the end, so offsets stay right).
    pieces: list[str] = []
    last = len(text)
    for mention in sorted(mentions, key=lambda m: m.start, reverse=True):
        if mention.end > last:
            continue
        pieces.append(text[mention.end : last])
        access = _access_start(text, mention) if mention.valid else None
        if access is None:
            pieces.append(f" {mention.date.iso()} ")
            last = mention.start
        else:
            pieces.append(" ")
            last = access
    pieces.append(text[:last])
    text = "".join(reversed(pieces))
    # URLs keep their own normal form; the text around them is folded, each stretch
    # between two URLs apart (the same as folding the whole text with the URLs set
    # aside behind blanks: folding works character by character, and NFKC composes
    # nothing across a blank). Blanks are collapsed last, over the whole key.
    folded: list[str] = []
    pos = 0
    for match in _URL.finditer(text):
        folded.append(_fold_words(text[pos : match.start()]))
        folded.append(normalise_url(match.group()))
        pos = match.end()
    folded.append(_fold_words(text[pos:]))
    return " ".join(" ".join(folded).split())


def _fold_words(text: str) -> str:
    """NFKC, quotes and dashes folded, casefold, and punctuation and "_" as blanks.

    Blanks are left as they come (the caller collapses them). ASCII text skips what
    cannot change it: NFKC, the folding of non-ASCII quotes and dashes, and the
    pattern for punctuation (a translation table does it character by character).
    """
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
        for char, folded in _FOLD_PAIRS:
            if char in text:
                text = text.replace(char, folded)
        text = text.casefold()
        if not text.isascii():
            return _NON_WORD.sub(" ", text).replace("_", " ")
    else:
        text = text.lower()  # casefold on ASCII
    return text.translate(_ASCII_PUNCTUATION_TO_BLANK)
