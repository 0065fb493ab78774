"""GitHub Actions workflow commands: one annotation per finding, one per unchecked file.

    ::error file=PATH,line=LINE,col=COL,title=CODE RULE::MESSAGE

Errors are `::error`, warnings `::warning`, infos `::notice`. A file that could not
be checked is `::error file=PATH,title=footcheck::REASON`. Values are escaped as the
runner expects (the same as @actions/core): `%`, CR and LF in the message, and also
`:` and `,` in properties, so no text from a document can end a command or start
another one.
"""

from __future__ import annotations

from footcheck.footnotes.model import Finding, Severity
from footcheck.footnotes.results import RunResult

TOOL_NAME = "footcheck"

COMMANDS: dict[Severity, str] = {
    Severity.ERROR: "error",
    Severity.WARNING: "warning",
    Severity.INFO: "notice",
}


def escape_data(text: str) -> str:
    """A command's message: `%`, CR and LF percent-encoded."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A property value: as data, and `:` and `,` too."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(name: str, properties: dict[str, str], message: str) -> str:
    props = ",".join(f"{key}={escape_property(value)}" for key, value in properties.items())
    return f"::{name} {props}::{escape_data(message)}"


def finding_command(f: Finding) -> str:
    return command(
        COMMANDS[f.severity],
        {
            "file": f.path,
            "line": str(max(1, f.location.line)),
            "col": str(max(1, f.location.column)),
            "title": f"{f.code} {f.rule}",
        },
        f.message,
    )


def render(result: RunResult, version: str) -> str:
    """One command a line, files in run order, each file's error before its findings."""
    lines: list[str] = []
    for file in result.files:
        if file.error is not None:
            lines.append(command("error", {"file": file.path, "title": TOOL_NAME}, file.error))
        lines.extend(finding_command(f) for f in file.findings)
    return "".join(line + "\n" for line in lines)
