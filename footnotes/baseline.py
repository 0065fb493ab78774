"""Baselines: accept today's findings, fail only on new ones.

`footcheck check --write-baseline FILE` records the findings of a run;
`--baseline FILE` reports only findings not in it. An entry is keyed by file,
rule, and the text the finding is about (the note's text, else the claim, else
the message with its numbers folded), never by line or column: an edit elsewhere
in a report moves lines but wakes no old finding. Entries count: two equal
findings need two entries. `--prune-baseline` rewrites the file without the
entries that no longer occur in the files this run checked.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from footcheck.footnotes import pattern_store
from footcheck.footnotes.model import DocumentError, Finding
from footcheck.footnotes.results import RunResult

FORMAT_VERSION = 1
_NUMBERS = pattern_store.compile(r"\d+")

Key = tuple[str, str, str]  # (path, code, text)


class BaselineError(DocumentError):
    """A baseline file that cannot be read or written: one line saying why."""


def _path(path: str) -> str:
    return path.replace("\\", "/").removeprefix("./")


def key(finding: Finding) -> Key:
    """What makes a finding the same finding after unrelated edits."""
    text = finding.note_text or finding.claim or _NUMBERS.sub("#", finding.message)
    return (_path(finding.path), finding.code, " ".join(text.split()))


@dataclass
class Baseline:
    """The findings a project has accepted, counted by their key."""

    entries: Counter[Key]

    @classmethod
    def from_findings(cls, findings: Iterable[Finding]) -> Baseline:
        return cls(Counter(key(f) for f in findings))

    @classmethod
    def load(cls, path: Path) -> Baseline:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except OSError as exc:
            raise BaselineError(f"{path}: cannot read the baseline ({exc.strerror})") from None
        except (ValueError, UnicodeDecodeError):
            raise BaselineError(f"{path}: not a footcheck baseline (not JSON)") from None
        if not isinstance(data, dict) or data.get("version") != FORMAT_VERSION:
            raise BaselineError(f"{path}: not a footcheck baseline (version {FORMAT_VERSION})")
        entries: Counter[Key] = Counter()
        for entry in data.get("entries", []):
            try:
                entries[(_path(entry["path"]), entry["code"], entry["text"])] += int(
                    entry.get("count", 1)
                )
            except (KeyError, TypeError, ValueError):
                raise BaselineError(f"{path}: a baseline entry is malformed: {entry!r}") from None
        return cls(entries)

    def filter(self, findings: Sequence[Finding]) -> list[Finding]:
        """The findings not accounted for by the baseline, in their order."""
        left = Counter(self.entries)
        new: list[Finding] = []
        for finding in findings:
            k = key(finding)
            if left[k] > 0:
                left[k] -= 1
            else:
                new.append(finding)
        return new

    def pruned(self, findings: Sequence[Finding], checked_paths: Iterable[str]) -> Baseline:
        """Entries of the checked files cut down to what still occurs; others kept."""
        checked = {_path(p) for p in checked_paths}
        current = Counter(key(f) for f in findings)
        kept: Counter[Key] = Counter()
        for k, count in self.entries.items():
            kept[k] = min(count, current[k]) if k[0] in checked else count
        return Baseline(+kept)

    def write(self, path: Path) -> None:
        payload: dict[str, Any] = {
            "version": FORMAT_VERSION,
            "tool": "footcheck",
            "entries": [
                {"path": p, "code": c, "text": t, "count": n}
                for (p, c, t), n in sorted(self.entries.items())
            ],
        }
        try:
            path.write_text(
                json.dumps(payload, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
            )
        except OSError as exc:
            raise BaselineError(f"{path}: cannot write the baseline ({exc.strerror})") from None


def apply(result: RunResult, baseline: Baseline) -> RunResult:
    """The run's result with the baseline's findings taken out of every file."""
    files = tuple(
        replace(f, findings=tuple(baseline.filter(f.findings))) if f.findings else f
        for f in result.files
    )
    return replace(result, files=files)
