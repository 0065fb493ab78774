"""`footcheck show`: the document as the parser split it, claims beside their notes.

For people debugging why a report reads the way it does, and for tools that
compare parsers (the JSON form is part of the output contract).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TextIO

from footcheck.footnotes.citations import Citation, supporting_date
from footcheck.footnotes.context import Context
from footcheck.footnotes.model import iso_or_none
from footcheck.footnotes.report import fastjson
from footcheck.footnotes.report.terminal import safe

if TYPE_CHECKING:
    from rich.text import Text

    from footcheck.footnotes.sources import Source


def show_dict(ctx: Context) -> dict[str, Any]:
    doc = ctx.doc
    markers: list[dict[str, Any]] = [
        {
            "label": c.marker.label,
            "line": c.marker.location.line,
            "column": c.marker.location.column,
            "claim": c.text,
            "claim_dates": [d.iso() for d in c.event_dates],
            **_placement(c.marker.scope, "target", c.marker.target),
        }
        for c in ctx.claims
    ]
    for note in doc.notes:
        markers.extend(
            {
                "label": m.label,
                "line": m.location.line,
                "column": m.location.column,
                "claim": None,
                "claim_dates": [],
                "in_note": note.label,
                **_placement(m.scope, "target", m.target),
            }
            for m in note.markers
        )
    notes = [
        {
            "label": s.note.label,
            "line": s.note.location.line,
            "column": s.note.location.column,
            "kind": s.note.kind,
            "text": s.note.text,
            "source_date": iso_or_none(s.date),
            "access_date": iso_or_none(s.access_date),
            "ibid_of": s.antecedent,
            **_placement(s.note.scope, "cited_from", s.note.cited_from),
            **_dating(s),
        }
        for s in ctx.sources
    ]
    shown: dict[str, Any] = {
        "path": doc.path,
        "format": doc.format,
        "report_date": iso_or_none(ctx.report_date),
        "report_date_origin": ctx.report.origin or None,
        "language": doc.metadata.get("language"),
        "date_order": ctx.date_style.order,
        "date_order_why": ctx.date_style.why,
        "error": None,
        "markers": markers,
        "notes": notes,
    }
    if doc.parts:  # a book in one file (EPUB): each chapter as it was read
        shown["parts"] = [show_dict(part) for part in _parts(ctx)]
    return shown


_ORDER_WORDS = {"mdy": "month first", "dmy": "day first", None: "undecided"}


def _dating(source: Source) -> dict[str, Any]:
    """How the date rules read a note: the date they use and why, and each citation.

    `date_used` is the date a claim is compared with (None when the note gives
    none), `date_origin` where it comes from ("published", "from its URL", "of
    note [3], which it shortens", "accessed"); `cites` is False for a note that
    explains and cites nothing; `citations` lists the note's citations with
    their own dates and role ("main" or "background").
    """
    used = supporting_date(source.citations)
    return {
        "date_used": used[1].iso() if used else None,
        "date_origin": used[2] if used else None,
        "cites": source.cites,
        "citations": [_citation_dict(c) for c in source.citations],
    }


def _citation_dict(citation: Citation) -> dict[str, Any]:
    dated = citation.dated()
    shown: dict[str, Any] = {
        "text": citation.text,
        "role": citation.role,
        "publication_date": iso_or_none(citation.publication_date),
        "access_date": iso_or_none(citation.access_date),
        "url_date": iso_or_none(citation.url_date),
        "date": dated[0].iso() if dated else None,
        "date_origin": dated[1] if dated else None,
    }
    if citation.short_form:
        shown["short_form_of"] = citation.inherited_from
    if citation.undated:
        shown["undated"] = True
    return shown


def _parts(ctx: Context) -> list[Context]:
    """The chapters of a book file, each read against the book's given report date."""
    return [Context(part, report_date=ctx.given_report_date) for part in ctx.doc.parts]


def _note_cell(source: Source | None, target: str | None) -> Text:
    """The note a marker resolves to, or where it lives, or that it has none."""
    from rich.text import Text

    if source is not None:
        return Text(safe(source.note.text))
    if target is not None:
        return Text(f"(in {safe(target)})", style="dim")
    return Text("(no note)", style="bold red")


def _placement(scope: int, elsewhere: str, other_file: str | None) -> dict[str, Any]:
    """The optional fields of a marker or note: its numbering scope, another file.

    Written only when set, so that a document numbered once through, with every
    note in it, shows exactly what it always did.
    """
    placed: dict[str, Any] = {}
    if scope:
        placed["scope"] = scope
    if other_file is not None:
        placed[elsewhere] = other_file
    return placed


def error_dict(path: str, fmt: str | None, error: str) -> dict[str, Any]:
    return {
        "path": path,
        "format": fmt,
        "report_date": None,
        "error": error,
        "markers": [],
        "notes": [],
    }


def render_json(payload: dict[str, Any]) -> str:
    return fastjson.dumps(payload) + "\n"


def render_console(ctx: Context, stream: TextIO, *, colour: bool) -> None:
    """Two rich tables: each marker with its claim and note, then every note (for a
    book file, for each of its chapters in turn)."""
    if ctx.doc.parts:
        for part in _parts(ctx):
            render_console(part, stream, colour=colour)
        return
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    console = Console(file=stream, no_color=not colour, highlight=False)
    doc = ctx.doc
    report = ctx.report
    dated = f"{report.date.iso()} from {report.origin}" if report.date else "unknown"
    console.print(
        Text(
            f"{safe(doc.path)} ({doc.format}): {len(doc.markers)} markers, "
            f"{len(doc.notes)} notes, report date {dated}, "
            f"language {safe(doc.metadata.get('language') or 'unknown')}; "
            f"numeric dates {_ORDER_WORDS[ctx.date_style.order]}: {safe(ctx.date_style.why)}",
            style="bold",
        )
    )
    sources = ctx.first_source_by_key
    claims = Table(title="Markers and the claims they support", show_lines=True, expand=True)
    for title, ratio in (
        ("marker", 1),
        ("at", 1),
        ("claim", 5),
        ("claim dates", 2),
        ("note", 5),
        ("note date", 2),
    ):
        claims.add_column(title, ratio=ratio, overflow="fold")
    for c in ctx.claims:
        source = sources.get(c.marker.key)
        claims.add_row(
            Text(f"[{c.marker.label}]"),
            Text(f"{c.marker.location.line}:{c.marker.location.column}"),
            Text(safe(c.text)),
            Text(", ".join(d.iso() for d in c.event_dates)),
            _note_cell(source, c.marker.target),
            Text(_date_cell(source) if source else ""),
        )
    console.print(claims)
    notes = Table(title="Notes", show_lines=False, expand=True)
    for title, ratio in (("label", 1), ("at", 1), ("text", 8), ("date", 3), ("accessed", 2)):
        notes.add_column(title, ratio=ratio, overflow="fold")
    for s in ctx.sources:
        notes.add_row(
            Text(f"[{s.note.label}]"),
            Text(f"{s.note.location.line}:{s.note.location.column}"),
            Text(safe(s.note.text)),
            Text(_date_cell(s)),
            Text(iso_or_none(s.access_date) or ""),
        )
    console.print(notes)


def _date_cell(source: Source) -> str:
    """The date the rules use for a note and why: "2013-08-18 (from its URL)"."""
    used = supporting_date(source.citations)
    if used is not None:
        return f"{used[1].iso()} ({used[2]})"
    if not source.cites:
        return "(explains; cites nothing)"
    return ""
