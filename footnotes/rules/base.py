"""What every rule module shares: its identity and the way it builds a finding."""

from __future__ import annotations

from dataclasses import dataclass

from footcheck.footnotes.model import Finding, Location, PartialDate, Severity


@dataclass(frozen=True, slots=True)
class RuleId:
    """A rule's code, name and default severity (the module constants, bundled)."""

    code: str
    name: str
    severity: Severity

    def finding(
        self,
        path: str,
        location: Location,
        message: str,
        *,
        footnote: str | None = None,
        related: tuple[str, ...] = (),
        claim_date: PartialDate | None = None,
        source_date: PartialDate | None = None,
        claim: str | None = None,
        note_text: str | None = None,
        hint: str | None = None,
        related_path: str | None = None,
        related_line: int | None = None,
    ) -> Finding:
        full = f"{message}; {hint}" if hint else message
        return Finding(
            code=self.code,
            rule=self.name,
            severity=self.severity,
            message=full,
            path=path,
            location=location,
            footnote=footnote,
            related=related,
            claim_date=claim_date,
            source_date=source_date,
            claim=claim,
            note_text=note_text,
            hint=hint,
            related_path=related_path,
            related_line=related_line,
        )


def shorten(text: str, width: int = 100) -> str:
    """Text cut to `width` characters at a word boundary, with an ellipsis."""
    if len(text) <= width:
        return text
    cut = text[: width - 1].rsplit(" ", 1)[0]
    return cut + "…"
