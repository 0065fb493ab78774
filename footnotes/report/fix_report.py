"""What `footcheck fix` says it did: per file, the labels it changed, the notes it
deleted, what it could not fix and why; or the diff; or the JSON of the contract's
"What a fix changed"."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TextIO

from footcheck.footnotes.fixes.run import FileFix
from footcheck.footnotes.report import fastjson
from footcheck.footnotes.report.terminal import safe


def fix_dict(fix: FileFix) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "path": fix.path,
        "changed": fix.changed,
        "written": fix.written,
        "map": dict(fix.map),
        "deleted": list(fix.deleted),
        "fixes": list(fix.fixes),
        "skipped": list(fix.skipped),
        "error": fix.error,
    }
    return entry


def render_json(fixes: Sequence[FileFix], version: str) -> str:
    payload = {
        "tool": {"name": "footcheck", "version": version},
        "files": [fix_dict(f) for f in fixes],
    }
    return fastjson.dumps(payload) + "\n"


def render_console(fixes: Sequence[FileFix], stream: TextIO, *, diff: bool) -> None:
    """One block per file with something to say, and a closing line."""
    changed = 0
    for fix in fixes:
        if diff and fix.diff:
            stream.write(_shown(fix.diff))
        lines = _lines(fix, diff=diff)
        if lines:
            stream.write(f"{safe(fix.path)}\n")
            stream.writelines(f"  {line}\n" for line in lines)
        changed += fix.changed
    verb = "would change" if diff else "changed"
    failed = sum(1 for f in fixes if f.error)
    tail = f", {failed} could not be fixed" if failed else ""
    stream.write(f"footcheck fix {verb} {changed} of {len(fixes)} files{tail}.\n")


def _shown(diff: str) -> str:
    """A diff fit for a terminal: each line's text made safe, its own line end kept (a
    CRLF file's diff is not strewn with "\\x0d")."""
    out = []
    for line in diff.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        out.append(safe(body) + line[len(body) :])
    return "".join(out)


def _lines(fix: FileFix, *, diff: bool) -> list[str]:
    lines: list[str] = []
    if fix.error:
        lines.append(f"error: {safe(fix.error)}")
    merged = {old: new for old, new in fix.map.items() if old in fix.deleted}
    renumbered = {old: new for old, new in fix.map.items() if old not in merged}
    if renumbered:
        pairs = ", ".join(f"[{safe(old)}] -> [{safe(new)}]" for old, new in renumbered.items())
        lines.append(f"{'would renumber' if diff else 'renumbered'}: {pairs}")
    if merged:
        pairs = ", ".join(f"[{safe(old)}] into [{safe(new)}]" for old, new in merged.items())
        lines.append(f"{'would merge' if diff else 'merged'}: {pairs}")
    gone = [label for label in fix.deleted if label not in merged]
    if gone:
        labels = ", ".join(f"[{safe(label)}]" for label in gone)
        lines.append(f"{'would delete' if diff else 'deleted'}: {labels}")
    comments = sum(1 for f in fix.fixes if f["code"] == "SUP001")
    if comments:
        what = "unused suppression comment" + ("s" if comments > 1 else "")
        lines.append(f"{'would delete' if diff else 'deleted'} {comments} {what}")
    lines.extend(
        f"not fixed: {skip['code']}{_label(skip['footnote'])}: {safe(skip['why'] or '')}"
        for skip in fix.skipped
    )
    return lines


def _label(footnote: str | None) -> str:
    return f" [{safe(footnote)}]" if footnote is not None else ""
