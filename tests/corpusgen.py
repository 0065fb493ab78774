"""A deterministic generator of report drafts, for the speed invariants (issue 6).

Everything here is our own text: sentence and citation templates filled from
small word lists with a seeded `random.Random`, so a seed always gives the same
bytes. Nothing is read from the network or from third-party text.

- `write_corpus(folder, reports=60, seed=SEED)` writes a drafts folder of
  Markdown (pandoc `[^n]` notes, some named labels, some multi-paragraph notes,
  front matter `date:` on some), plain text (`[1]` markers and a notes block of
  `[1]` or `1.` entries under a heading) and HTML (pandoc-style `<sup>`/`<a>`
  markers linking to an `<ol>` of notes with ids, or plain `<sup><a>` ones).
  Every report carries its own date (front matter, a date line or dateline, a
  `<meta>`/`<time>`/JSON-LD date), so no finding depends on the day the check
  runs. About a third of the reports have planted faults; the return value says
  which, by file (`FAULT_CODES` maps each kind of fault to the rule that must
  report it).
- `big_report(notes, fmt, seed=0)` is one document with `notes` notes in the
  format `fmt` ("md", "txt" or "html"), for the scaling test.
- `run_footcheck(code_root, cwd, *args)` and `show_each(...)` run the command
  line of a given checkout (this one, or a pristine one for the snapshot), so that
  tests/fixtures/corpus/regenerate.py and the tests run the very same command.

Run `python tests/corpusgen.py FOLDER` to write the corpus somewhere and look at it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import json
import os
import random
import subprocess
import sys
import textwrap
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path

SEED = 20240607
REPORTS = 60
FORMATS = ("md", "txt", "html")

# Each kind of planted fault and the rule code that must report it.
FAULT_CODES = {
    "missing-note": "FN001",
    "unused-note": "FN002",
    "duplicate-label": "FN003",
    "out-of-order": "FN004",
    "duplicate-source": "CT001",
    "year-typo": "DT001",
    "after-report": "DT002",
    "impossible-date": "DT003",
    "undated-note": "DT004",
}
FAULT_KINDS = tuple(FAULT_CODES)

# ---------------------------------------------------------------------------
# Word lists (invented places, people and outlets)

PLACES = [
    "Brackenford",
    "Millbridge",
    "Osterholm",
    "Quillan Falls",
    "Ravensmoor",
    "Sellick Point",
    "Wexmoor",
    "Tarrow",
    "Lindhaven",
    "Corvale",
    "Dunmere",
    "Ashgrove",
]
TOPICS = [
    ("harbour", "Harbour"),
    ("water", "Water Supply"),
    ("rail", "Rail Link"),
    ("schools", "Schools"),
    ("fisheries", "Fisheries"),
    ("energy", "Energy"),
    ("housing", "Housing"),
    ("roads", "Coastal Roads"),
]
KINDS = ["Review", "Brief", "Dispatch", "Assessment", "Update", "Memo"]
SUBJECTS = [
    "The {place} town council",
    "The regional water authority",
    "The harbour board of {place}",
    "The transport ministry",
    "The rail operator",
    "The fisheries agency",
    "The energy regulator",
    "Farmers' cooperatives in {place}",
    "The county planning office",
    "The {place} hospital trust",
]
DAY_EVENTS = [
    "{subject} approved the new budget on {date}",
    "{subject} opened the northern bridge to traffic on {date}",
    "{subject} signed a supply contract with two contractors on {date}",
    "{subject} held a public hearing on the proposals on {date}",
    "Inspectors visited the pumping station on {date}",
    "Storm damage closed the coastal road on {date}",
    "{subject} announced a review of its tariffs on {date}",
    "The strike at the container terminal ended on {date}",
    "{subject} met the three largest suppliers on {date}, the last of several meetings",
]
MONTH_EVENTS = [
    "{subject} published its annual accounts in {date}",
    "Rainfall in the upper valley fell sharply in {date}",
    "Ticket sales recovered in {date}",
    "{subject} cut its staff by a tenth in {date}",
]
YEAR_EVENTS = [
    "Cargo volumes doubled in {date}",
    "The share of renewable power rose in {date}",
    "Enrolment in rural schools fell in {date}",
    "{subject} missed its repair targets in {date}",
]
RANGE_EVENTS = [
    "The drought of {date} cut harvests by half",
    "Rents rose faster than wages during {date}",
    "Catch quotas were reduced three times during {date}",
]
PLAIN_SENTENCES = [
    "Residents objected to the night shifts",
    "Costs rose faster than the council expected",
    "Critics called the figures optimistic",
    "The opposition asked for an independent audit",
    "Shippers doubted that the berth would pay for itself",
    "Several smaller operators left the market",
    "The delays were blamed on a shortage of engineers",
    "Local traders welcomed the decision",
]
CONTEXT_SENTENCES = [
    "The plan had been debated for years",
    "Few expected a quick agreement",
    "The question divided the council",
    "Much of the work was still unfinished",
]
FUTURE_SENTENCES = [
    "{subject} will publish a full review in {year}",
    "A second phase is scheduled for {year}",
    "{subject} plans to finish the works by {year}",
]
IN_FORCE_SENTENCES = [
    "The new tariff took effect on {date}",
    "The revised quota rules entered into force on {date}",
]
RELATIVE_SENTENCES = [
    "Fuel prices fell again last month",
    "Passenger numbers rose last month",
]
OUTLETS = [
    "Brackenford Courier",
    "The Northern Almanac",
    "Regional Audit Office",
    "Wexmoor Evening Post",
    "Tidewatch Weekly",
    "Farm and Field Review",
    "Quillan Falls Gazette",
    "Municipal Bulletin",
    "Rail Observer",
    "Lindhaven Daily",
    "Statistics Office",
    "Harbour Trade Letter",
]
TITLE_WORDS = [
    "Council backs budget",
    "Bridge opens at last",
    "Suppliers brace for winter",
    "Hearing draws a crowd",
    "Tariff review announced",
    "Strike ends after talks",
    "Accounts show deficit",
    "Rainfall at record low",
    "Ticket sales recover",
    "Cargo doubles",
    "Schools lose pupils",
    "Repairs fall behind",
    "Harvests halved",
    "Rents outpace wages",
    "Quotas cut again",
    "Quarterly figures",
    "Minutes of the board",
    "Annual statistics",
]
PEOPLE = [
    "Maren Holt",
    "Tobias Renn",
    "Ada Kellerman",
    "Jonas Ferrow",
    "Priya Lanner",
    "Oskar Brandt",
    "Lena Vosk",
    "Ruth Adeyemi",
]
PRESSES = ["Lowmoor Press", "Stonegate Books", "Fenwick University Press", "Harrow & Dane"]
LABEL_WORDS = [
    "budget",
    "bridge",
    "contract",
    "hearing",
    "inspection",
    "storm",
    "tariff",
    "strike",
    "suppliers",
    "accounts",
    "rainfall",
    "tickets",
    "cargo",
    "census",
    "minutes",
]
SECOND_PARAGRAPHS = [
    "The figures in the second table were later corrected by the publisher.",
    "The same issue carries a reply from the contractor.",
    "Only the summary is public; the annexes were withheld.",
    "See also the accompanying maps and the list of witnesses.",
]

MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
SHORT_MONTHS = [
    "Jan.",
    "Feb.",
    "March",
    "April",
    "May",
    "June",
    "July",
    "Aug.",
    "Sept.",
    "Oct.",
    "Nov.",
    "Dec.",
]


def day_form(d: dt.date, style: int) -> str:
    """A day-precision date: "September 7, 2023", "7 September 2023" or "2023-09-07"."""
    if style == 0:
        return f"{MONTHS[d.month - 1]} {d.day}, {d.year}"
    if style == 1:
        return f"{d.day} {MONTHS[d.month - 1]} {d.year}"
    return d.isoformat()


def month_form(d: dt.date, short: bool) -> str:
    """A month-precision date: "Sept. 2023" or "September 2023"."""
    names = SHORT_MONTHS if short else MONTHS
    return f"{names[d.month - 1]} {d.year}"


# ---------------------------------------------------------------------------
# The report model


@dataclass
class Note:
    key: int  # identity before labels are given; a second definition has key < 0
    text: str
    date: dt.date | None  # its publication date (None: undated or impossible)
    extra: list[str] = field(default_factory=list)  # further paragraphs (Markdown)
    label: str = ""
    ibid: bool = False


@dataclass
class Sentence:
    text: str
    notes: list[int] = field(default_factory=list)  # keys of the notes it cites
    before_stop: bool = False  # marker before the full stop


@dataclass
class Report:
    fmt: str
    title: str
    place: str
    date: dt.date
    paragraphs: list[list[Sentence]]
    notes: list[Note]  # in the order the notes section lists them
    faults: list[str] = field(default_factory=list)
    labels: dict[int, str] = field(default_factory=dict)
    named_labels: bool = False
    date_style: int = 0
    note_style: int = 0
    wrap: bool = False


class _Builder:
    """Draws the sentences and notes of one report from the random source."""

    def __init__(self, rnd: random.Random, report_date: dt.date, place: str) -> None:
        self.rnd = rnd
        self.date = report_date
        self.place = place
        self.notes: list[Note] = []
        self.used: set[tuple[object, ...]] = set()
        self.plain: list[int] = []  # keys of the notes that are not "Ibid."

    def subject(self) -> str:
        return self.rnd.choice(SUBJECTS).format(place=self.place)

    def event_date(self) -> dt.date:
        event = self.date - dt.timedelta(days=self.rnd.randint(20, 900))
        return event - dt.timedelta(days=1) if (event.month, event.day) == (2, 29) else event

    def note_date(self, event: dt.date) -> dt.date:
        """A publication date on or after the event, and not after the report."""
        latest = min(event + dt.timedelta(days=self.rnd.randint(0, 90)), self.date)
        return event + dt.timedelta(days=self.rnd.randint(0, (latest - event).days))

    # -- notes

    def citation(self, when: dt.date) -> tuple[str, tuple[object, ...]]:
        """The text of a citation published on `when`, and what makes it the same source."""
        rnd = self.rnd
        outlet = rnd.choice(OUTLETS)
        title = rnd.choice(TITLE_WORDS)
        slug = title.lower().replace(" ", "-")
        site = outlet.lower().removeprefix("the ").replace(" ", "")
        precision = rnd.choice(["day", "day", "day", "month", "year"])
        if precision == "day":
            written = day_form(when, rnd.randrange(3))
        elif precision == "month":
            written = month_form(when, rnd.random() < 0.5)
        else:
            written = str(when.year)
        url = f"https://www.{site}.example/{when.year}/{when.month:02d}/{slug}"
        access = when + dt.timedelta(days=rnd.randint(0, max(0, (self.date - when).days)))
        form = rnd.randrange(6)
        if precision == "year" or form == 5:
            author = rnd.choice(PEOPLE)
            page = rnd.randint(3, 240)
            text = (
                f"{author}, {title} ({self.place}: {rnd.choice(PRESSES)}, {when.year}), p. {page}."
            )
            return text, (author, title, when.year, page)
        if form == 0 and rnd.random() < 0.25:
            # A year in a quoted title names the subject, not the publication.
            plan = f"Outlook {when.year + 1}-{when.year + 6}"
            return f'{outlet}, "{plan}," {written}.', (outlet, plan, when.year, when.month)
        if form == 0:
            text = f'{outlet}, "{title}," {written}.'
        elif form == 1:
            text = f"{outlet}, {written}, {url}."
        elif form == 2:
            text = f"{outlet}, {url}, {written}, accessed {day_form(access, 1)}."
        elif form == 3:
            person = rnd.choice(PEOPLE)
            return f"Interview with {person}, {self.place}, {written}.", (person, written)
        else:
            text = f"{outlet}, {title.lower()}, {written}."
        return text, (outlet, title, when.year, when.month, form)

    def add_note(self, when: dt.date) -> Note:
        for _ in range(50):
            text, same = self.citation(when)
            if same not in self.used:
                break
        self.used.add(same)
        note = Note(key=len(self.notes), text=text, date=when)
        self.notes.append(note)
        self.plain.append(note.key)
        return note

    def ibid_or_note(self, event: dt.date) -> Note:
        """An "Ibid." note when the previous note can source the event, else a new one."""
        prev = self.notes[-1] if self.notes else None
        if (
            prev is not None
            and not prev.ibid
            and prev.date is not None
            and prev.date >= event
            and self.rnd.random() < 0.2
        ):
            text = self.rnd.choice(["Ibid.", f"Ibid., p. {self.rnd.randint(2, 90)}."])
            note = Note(key=len(self.notes), text=text, date=prev.date, ibid=True)
            self.notes.append(note)
            return note
        return self.add_note(self.note_date(event))

    # -- sentences

    def sentence(self) -> Sentence:
        """One cited sentence, its note or notes added."""
        rnd = self.rnd
        roll = rnd.random()
        before = rnd.random() < 0.2
        if roll < 0.36:
            event = self.event_date()
            text = rnd.choice(DAY_EVENTS).format(
                subject=self.subject(), date=day_form(event, rnd.randrange(3))
            )
        elif roll < 0.5:
            event = self.event_date()
            text = rnd.choice(MONTH_EVENTS).format(
                subject=self.subject(), date=month_form(event, rnd.random() < 0.5)
            )
            event = event.replace(day=1)
        elif roll < 0.6:
            event = self.event_date()
            text = rnd.choice(YEAR_EVENTS).format(subject=self.subject(), date=event.year)
            event = event.replace(month=1, day=1)
        elif roll < 0.66:
            event = self.event_date()
            span = f"{event.year - rnd.randint(1, 3)}-{event.year}"
            text = rnd.choice(RANGE_EVENTS).format(date=span)
            event = event.replace(month=1, day=1)
        elif roll < 0.72:
            # A future date is not an event: the note may be older than it.
            year = self.date.year + rnd.randint(1, 4)
            text = rnd.choice(FUTURE_SENTENCES).format(subject=self.subject(), year=year)
            return Sentence(text, [self.add_note(self.note_date(self.event_date())).key], before)
        elif roll < 0.76:
            # A date set in advance ("took effect on") is not an event either.
            effect = self.date - dt.timedelta(days=rnd.randint(5, 60))
            text = rnd.choice(IN_FORCE_SENTENCES).format(date=day_form(effect, rnd.randrange(3)))
            published = effect - dt.timedelta(days=rnd.randint(10, 80))
            return Sentence(text, [self.add_note(published).key], before)
        elif roll < 0.8:
            # "last month" is read against the report's date.
            text = rnd.choice(RELATIVE_SENTENCES)
            when = self.date - dt.timedelta(days=rnd.randint(0, 10))
            return Sentence(text, [self.add_note(when).key], before)
        else:
            text = rnd.choice(PLAIN_SENTENCES)
            if self.plain and rnd.random() < 0.3:
                return Sentence(text, [rnd.choice(self.plain)], before)  # cited again
            event = self.event_date()
        keys = [self.ibid_or_note(event).key]
        if rnd.random() < 0.08:
            keys.append(self.add_note(self.note_date(event)).key)
        return Sentence(text, keys, before)


def _plan(rnd: random.Random, fmt: str, report_date: dt.date, notes: int) -> Report:
    """A clean report with at least `notes` notes."""
    place = rnd.choice(PLACES)
    topic = rnd.choice(TOPICS)[1]
    title = f"{place} {topic} {rnd.choice(KINDS)}"
    b = _Builder(rnd, report_date, place)
    paragraphs: list[list[Sentence]] = []
    while len(b.notes) < notes:
        para: list[Sentence] = []
        for _ in range(rnd.randint(2, 4)):
            if rnd.random() < 0.15:
                para.append(Sentence(rnd.choice(CONTEXT_SENTENCES)))
            para.append(b.sentence())
        paragraphs.append(para)
    return Report(fmt, title, place, report_date, paragraphs, b.notes)


def _first_citations(report: Report) -> list[int]:
    """Keys cited in the body, in the order of their first marker."""
    seen: dict[int, None] = {}
    for para in report.paragraphs:
        for s in para:
            for key in s.notes:
                seen.setdefault(key)
    return list(seen)


# ---------------------------------------------------------------------------
# Planted faults


class _Planter:
    """Plants faults in a report, each on notes no other fault has touched."""

    def __init__(self, report: Report, rnd: random.Random) -> None:
        self.report = report
        self.rnd = rnd
        self.touched: set[int] = set()
        self.extra_key = 10_000

    def sentences(self) -> list[Sentence]:
        return [s for p in self.report.paragraphs for s in p if s.notes]

    def free(self) -> list[Note]:
        """Dated, ordinary notes that nothing else leans on: safe to change."""
        notes = self.report.notes
        followed_by_ibid = {a.key for a, b in pairwise(notes) if b.ibid}
        shared = {k for s in self.sentences() if len(s.notes) > 1 for k in s.notes}
        return [
            n
            for n in notes
            if n.key >= 0
            and not n.ibid
            and n.date is not None
            and n.key not in self.touched
            and n.key not in followed_by_ibid
            and n.key not in shared
        ]

    def undate(self, key: int) -> None:
        """The sentences citing `key` no longer report a dated event."""
        for s in self.sentences():
            if key in s.notes:
                s.text = self.rnd.choice(PLAIN_SENTENCES)

    def new_key(self) -> int:
        self.extra_key += 1
        return self.extra_key

    def plant(self, kind: str) -> bool:
        """Plant one fault; False when the report has no room for it."""
        rnd, report = self.rnd, self.report
        free = self.free()
        if kind == "missing-note":
            s = Sentence("Prices for next winter already reflect the risk", [self.new_key()])
            report.paragraphs[-1].append(s)
        elif kind == "unused-note":
            when = report.date - dt.timedelta(days=rnd.randint(30, 300))
            text = f"{rnd.choice(OUTLETS)}, background paper, {day_form(when, 1)}."
            report.notes.append(Note(self.new_key(), text, when))
        elif kind == "duplicate-label":
            if not free:
                return False
            target = rnd.choice(free)
            assert target.date is not None
            text = f"{rnd.choice(OUTLETS)}, second draft, {target.date.year}."
            twin = Note(-1 - target.key, text, target.date)
            report.notes.insert(report.notes.index(target) + 1, twin)
            self.touched.add(target.key)
        elif kind == "out-of-order":
            if len(_first_citations(report)) < 4:
                return False  # done when the labels are given
        elif kind == "duplicate-source":
            if len(free) < 2:
                return False
            earlier, later = free[0], free[-1]
            text = earlier.text
            if "https://www." in text and rnd.random() < 0.6:
                text = text.replace("https://www.", "http://")  # the same page all the same
            later.text, later.date = text, earlier.date
            self.touched.update((earlier.key, later.key))
            self.undate(later.key)
        elif kind == "year-typo":
            if not free:
                return False
            note = rnd.choice(free)
            event = report.date - dt.timedelta(days=rnd.randint(40, 400))
            if (event.month, event.day) == (2, 29):
                event -= dt.timedelta(days=1)
            for s in self.sentences():
                if note.key in s.notes:
                    s.text = rnd.choice(PLAIN_SENTENCES)
            first = next(s for s in self.sentences() if note.key in s.notes)
            first.text = rnd.choice(DAY_EVENTS).format(
                subject="The board", date=day_form(event, rnd.randrange(3))
            )
            typo = event.replace(year=event.year - 1)
            note.text = f"{rnd.choice(OUTLETS)}, {day_form(typo, rnd.randrange(3))}."
            note.date = typo
            self.touched.add(note.key)
        elif kind == "after-report":
            if not free:
                return False
            note = rnd.choice(free)
            after = report.date + dt.timedelta(days=rnd.randint(40, 400))
            note.text = f'{rnd.choice(OUTLETS)}, "{rnd.choice(TITLE_WORDS)}," {day_form(after, 0)}.'
            note.date = after
            self.touched.add(note.key)
            self.undate(note.key)
        elif kind == "impossible-date":
            if not free:
                return False
            note = rnd.choice(free)
            year = report.date.year - rnd.randint(0, 1)
            written = rnd.choice([f"February 30, {year}", f"30 February {year}", f"{year}-02-30"])
            self.touched.add(note.key)
            self.undate(note.key)
            if rnd.random() < 0.5:  # in the note
                note.text = f"{rnd.choice(OUTLETS)}, special edition, {written}."
                note.date = None
            else:  # in the sentence that cites it
                first = next(s for s in self.sentences() if note.key in s.notes)
                first.text = f"Berth {rnd.randint(2, 9)} reopened on {written}"
        elif kind == "undated-note":
            if not free:
                return False
            note = rnd.choice(free)
            note.text = rnd.choice(
                [
                    f'{rnd.choice(OUTLETS)}, "{rnd.choice(TITLE_WORDS)}."',
                    f"Conversation with {rnd.choice(PEOPLE)}, harbour office.",
                    f"Interview with {rnd.choice(PEOPLE)}, {report.place}.",
                ]
            )
            note.date = None
            self.touched.add(note.key)
            self.undate(note.key)
        else:
            raise ValueError(kind)
        report.faults.append(kind)
        return True


def _label(report: Report, rnd: random.Random) -> None:
    """Give every note its label, and list the notes in label order.

    Numbers follow the first citations (cited notes, then the markers whose note is
    missing, then the notes nothing cites); an out-of-order fault swaps two of them.
    In Markdown some notes get names instead.
    """
    defined = {n.key for n in report.notes if n.key >= 0}
    cited = _first_citations(report)
    order = [k for k in cited if k in defined]
    order += [k for k in cited if k not in defined]
    order += [n.key for n in report.notes if n.key >= 0 and n.key not in cited]
    number = {key: i + 1 for i, key in enumerate(order)}
    if "out-of-order" in report.faults:
        i = rnd.randrange(1, len(cited) - 2)
        number[order[i]], number[order[i + 1]] = number[order[i + 1]], number[order[i]]
    labels: dict[int, str] = {}
    numbered = 0  # with names among them, the numbers still run 1, 2, 3...
    for key in order:
        if report.named_labels and key in defined and rnd.random() < 0.6:
            word = rnd.choice(LABEL_WORDS)
            labels[key] = word if word not in labels.values() else f"{word}-{number[key]}"
        else:
            numbered += 1
            labels[key] = str(number[key] if not report.named_labels else numbered)
    report.labels = labels
    for n in report.notes:
        n.label = labels[n.key if n.key >= 0 else -1 - n.key]

    def place(n: Note) -> tuple[int, bool]:
        return number[n.key if n.key >= 0 else -1 - n.key], n.key < 0

    report.notes.sort(key=place)


# ---------------------------------------------------------------------------
# Rendering


def _sentence(report: Report, s: Sentence, mark: Callable[[list[str]], str]) -> str:
    """A body sentence with its markers (`mark` writes them), the text escaped for HTML."""
    text = s.text[0].upper() + s.text[1:]
    if report.fmt == "html":
        text = html.escape(text, quote=False)
    marks = mark([report.labels[k] for k in s.notes]) if s.notes else ""
    return f"{text}{marks}." if s.before_stop else f"{text}.{marks}"


def _date_line(report: Report) -> str:
    d = report.date
    return [
        day_form(d, 1),
        f"Published {day_form(d, 0)}",
        f"DATE: {d.isoformat()}",
        f"{report.place.upper()}, {SHORT_MONTHS[d.month - 1]} {d.day}, {d.year} -",
    ][report.date_style % 4]


def _wrap(text: str) -> str:
    return textwrap.fill(text, width=78, break_long_words=False, break_on_hyphens=False)


def _render_md(report: Report) -> str:
    out: list[str] = []
    if report.date_style % 2 == 0:
        out += ["---", f'title: "{report.title}"', f"date: {report.date.isoformat()}", "---", ""]
        out += [f"# {report.title}", ""]
    else:
        out += [f"# {report.title}", "", day_form(report.date, report.date_style % 3), ""]

    def mark(labels: list[str]) -> str:
        return "".join(f"[^{label}]" for label in labels)

    for para in report.paragraphs:
        text = " ".join(_sentence(report, s, mark) for s in para)
        out += [_wrap(text) if report.wrap else text, ""]
    for n in report.notes:
        out.append(f"[^{n.label}]: {n.text}")
        for extra in n.extra:
            out += ["", f"    {extra}"]
        out.append("")
    return "\n".join(out)


def _render_txt(report: Report) -> str:
    def mark(labels: list[str]) -> str:
        if len(labels) > 1 and report.note_style % 2:
            return "[" + ", ".join(labels) + "]"
        return "".join(f"[{label}]" for label in labels)

    out = [report.title]
    line = _date_line(report)
    paragraphs = [" ".join(_sentence(report, s, mark) for s in p) for p in report.paragraphs]
    if line.endswith("-"):
        paragraphs[0] = f"{line} {paragraphs[0]}"  # a dateline opens the first paragraph
    else:
        out.append(line)
    out.append("")
    for text in paragraphs:
        out += [_wrap(text) if report.wrap else text, ""]
    out.append(["Notes", "Endnotes", "Sources", "NOTES"][report.note_style % 4])
    dotted = report.note_style % 3 == 2
    for n in report.notes:
        out.append(f"{n.label}. {n.text}" if dotted else f"[{n.label}] {n.text}")
    if report.note_style % 5 == 4:
        out += ["", "This brief may be shared freely with credit to the desk."]
    return "\n".join(out) + "\n"


def _link_urls(text: str) -> str:
    words = text.split(" ")
    for i, word in enumerate(words):
        if word.startswith(("https://", "http://")):
            url = word.rstrip(".,")
            words[i] = f'<a href="{url}">{url}</a>{word[len(url) :]}'
    return " ".join(words)


def _render_html(report: Report) -> str:
    pandoc = report.note_style % 3 != 2
    seen: dict[str, int] = {}

    def mark(labels: list[str]) -> str:
        parts = []
        for label in labels:
            seen[label] = seen.get(label, 0) + 1
            ref = f"fnref{label}" if seen[label] == 1 else f"fnref{label}-{seen[label] - 1}"
            if pandoc:
                parts.append(
                    f'<a href="#fn{label}" class="footnote-ref" id="{ref}"'
                    f' role="doc-noteref"><sup>{label}</sup></a>'
                )
            else:
                parts.append(f'<sup id="{ref}"><a href="#note-{label}">{label}</a></sup>')
        return "".join(parts)

    d = report.date
    title = html.escape(report.title)
    out = ["<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">']
    out.append(f"<title>{title}</title>")
    style = report.date_style % 4
    if style == 0:
        out.append(f'<meta property="article:published_time" content="{d.isoformat()}T08:00:00Z">')
    elif style == 1:
        out.append(f'<meta name="dcterms.date" content="{d.isoformat()}">')
    elif style == 2:
        ld = {"@context": "https://schema.org", "@type": "Report", "datePublished": d.isoformat()}
        out.append(f'<script type="application/ld+json">{json.dumps(ld)}</script>')
    out += ["<style>body { font-family: serif; }</style>", "</head>", "<body>", "<article>"]
    out.append(f"<h1>{title}</h1>")
    if style == 3:
        out.append(f'<p><time datetime="{d.isoformat()}">{day_form(d, 1)}</time></p>')
    for para in report.paragraphs:
        out.append("<p>" + " ".join(_sentence(report, s, mark) for s in para) + "</p>")
    notes = []
    for n in report.notes:
        quoted = n.text.replace('"', "“", 1).replace('"', "”", 1)
        text = _link_urls(html.escape(quoted, quote=False))
        if pandoc:
            back = f' <a href="#fnref{n.label}" class="footnote-back" role="doc-backlink">↩︎</a>'
            notes.append(f'<li id="fn{n.label}"><p>{text}{back}</p></li>')
        else:
            notes.append(f'<li id="note-{n.label}">{text}</li>')
    if pandoc:
        out += [
            "</article>",
            '<section id="footnotes" class="footnotes footnotes-end-of-document"'
            ' role="doc-endnotes">',
            "<hr>",
            "<ol>",
            *notes,
            "</ol>",
            "</section>",
        ]
    else:
        out += ["<h2>Notes</h2>", "<ol>", *notes, "</ol>", "</article>"]
    return "\n".join([*out, "</body>", "</html>"]) + "\n"


RENDER: dict[str, Callable[[Report], str]] = {
    "md": _render_md,
    "txt": _render_txt,
    "html": _render_html,
}
SUFFIX = {"md": ".md", "txt": ".txt", "html": ".html"}
_ALIASES = {"markdown": "md", "text": "txt", "htm": "html"}


# ---------------------------------------------------------------------------
# Entry points


def _report(rnd: random.Random, fmt: str, notes: int, faults: list[str]) -> Report:
    start = dt.date(2018, 3, 1).toordinal()
    report_date = dt.date.fromordinal(rnd.randint(start, dt.date(2024, 12, 31).toordinal()))
    report = _plan(rnd, fmt, report_date, notes)
    report.date_style = rnd.randrange(12)
    report.note_style = rnd.randrange(60)
    report.wrap = fmt != "html" and rnd.random() < 0.3
    report.named_labels = fmt == "md" and "out-of-order" not in faults and rnd.random() < 0.4
    if fmt == "html" and ("duplicate-label" in faults or "unused-note" in faults):
        # Plain <sup><a> notes are what the markers link to: an unused one, or a
        # second <li> with the same id, is a note only in pandoc's layout.
        report.note_style = 0
    if fmt == "md":
        for n in report.notes:
            if not n.ibid and rnd.random() < 0.12:
                n.extra.append(rnd.choice(SECOND_PARAGRAPHS))
    planter = _Planter(report, rnd)
    for kind in faults:
        planter.plant(kind)
    _label(report, rnd)
    return report


def _faults_for(index: int) -> list[str]:
    """About a third of the reports get one or two faults, every kind in turn."""
    if index % 9 not in (1, 5, 6):
        return []
    turn = index // 3
    kinds = [FAULT_KINDS[turn % len(FAULT_KINDS)]]
    if index % 2:
        second = FAULT_KINDS[(turn + 4) % len(FAULT_KINDS)]
        if second not in kinds:
            kinds.append(second)
    return kinds


FOLDERS = ["briefs", "desk/dispatches", "web", "archive/2023", "."]


def corpus(reports: int = REPORTS, seed: int = SEED) -> dict[str, tuple[str, list[str]]]:
    """The corpus in memory: relative path -> (text, the faults planted in it)."""
    rnd = random.Random(seed)
    files: dict[str, tuple[str, list[str]]] = {}
    for i in range(reports):
        fmt = FORMATS[i % 3]
        report = _report(rnd, fmt, rnd.randint(6, 14), _faults_for(i))
        slug = report.title.lower().replace(" ", "-")
        folder = FOLDERS[(i * 7) % len(FOLDERS)]
        path = f"{slug}-{i:03d}{SUFFIX[fmt]}"
        path = path if folder == "." else f"{folder}/{path}"
        files[path] = (RENDER[fmt](report), list(report.faults))
    return files


def write_corpus(folder: Path, reports: int = REPORTS, seed: int = SEED) -> dict[str, list[str]]:
    """Write the drafts under `folder`; returns each file's planted faults (relative paths)."""
    planted: dict[str, list[str]] = {}
    for path, (text, faults) in corpus(reports, seed).items():
        target = folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(text.encode("utf-8"))
        planted[path] = faults
    return planted


def big_report(notes: int, fmt: str, seed: int = 0) -> str:
    """One report with about `notes` notes in `fmt` ("md", "txt" or "html").

    It has the corpus's mix of dates, URLs, "Ibid." notes and re-cited notes, and
    one fault of each kind.
    """
    fmt = _ALIASES.get(fmt, fmt)
    rnd = random.Random(f"big-{fmt}-{notes}-{seed}")
    return RENDER[fmt](_report(rnd, fmt, notes, list(FAULT_KINDS)))


def fingerprint(reports: int = REPORTS, seed: int = SEED) -> str:
    """A digest of the whole corpus: paths and bytes."""
    digest = hashlib.sha256()
    for path, (text, _faults) in sorted(corpus(reports, seed).items()):
        digest.update(f"{path}\0{len(text)}\0".encode())
        digest.update(text.encode("utf-8"))
    return digest.hexdigest()


# ---------------------------------------------------------------------------
# Running one checkout's command line on a folder

# Imports cli, footnotes and parsers from the checkout named first (not from
# whatever footcheck the venv has installed), optionally pins "today" (for the
# snapshot's proof that no finding depends on it), then runs the command line.
_LAUNCHER = """
import sys
root, today = sys.argv.pop(1), sys.argv.pop(1)
sys.path.insert(0, root)
import footcheck
from footcheck import cli, footnotes, parsers
from pathlib import Path
for module in (footcheck, cli, footnotes, parsers):
    if not Path(module.__file__).resolve().is_relative_to(Path(root).resolve()):
        sys.exit(f"{module.__name__} imported from {module.__file__}, not from {root}")
if today:
    import footcheck.footnotes.context, footcheck.footnotes.engine, footcheck.footnotes.model
    import footcheck.footnotes.runner
    from footcheck.footnotes.model import PartialDate
    def pinned():
        return PartialDate(*map(int, today.split("-")))
    for module in (footnotes.model, footnotes.context, footnotes.runner, footnotes.engine):
        if hasattr(module, "current_date"):
            module.current_date = pinned
if sys.argv[1:2] == ["--show-each"]:
    import json
    from click.testing import CliRunner
    shown = {}
    for path in sys.argv[2:]:
        result = CliRunner().invoke(cli.main, ["show", "--format", "json", path])
        shown[path] = json.loads(result.output) if result.output else {"exit": result.exit_code}
    print(json.dumps(shown, ensure_ascii=False))
else:
    cli.main()
"""


def run_footcheck(
    code_root: Path,
    cwd: Path,
    *args: str,
    cache_dir: Path | None = None,
    today: str = "",
) -> subprocess.CompletedProcess[str]:
    """`footcheck ARGS` as the checkout at `code_root` runs it, in `cwd`.

    `cache_dir` becomes FOOTCHECK_CACHE_DIR (code without a result cache ignores
    it); `today` ("YYYY-MM-DD") replaces the day the check runs.
    """
    env = {**os.environ, "NO_COLOR": "1", "PYTHONDONTWRITEBYTECODE": "1"}
    env.pop("PYTHONPATH", None)
    if cache_dir is not None:
        env["FOOTCHECK_CACHE_DIR"] = str(cache_dir)
    return subprocess.run(
        [sys.executable, "-c", _LAUNCHER, str(code_root), today, *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def show_each(code_root: Path, cwd: Path, paths: list[str], today: str = "") -> dict[str, object]:
    """`footcheck show --format json PATH` of every path, in one process: path -> JSON."""
    run = run_footcheck(code_root, cwd, "--show-each", *paths, today=today)
    if run.returncode != 0:
        raise RuntimeError(f"show failed ({run.returncode}): {run.stderr}")
    shown: dict[str, object] = json.loads(run.stdout)
    return shown


if __name__ == "__main__":
    where = Path(sys.argv[1] if len(sys.argv) > 1 else "corpus")
    faults = write_corpus(where)
    print(f"wrote {len(faults)} reports to {where}, {sum(map(bool, faults.values()))} with faults")
