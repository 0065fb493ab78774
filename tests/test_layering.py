"""The layering of the design ("The house"): dependencies point one way, and no import cycle.

`cli.py -> parsers -> footnotes.model` and `cli.py -> footnotes`: nothing in
`footnotes/` imports `parsers/` (the domain knows no file formats; the readers are
injected), and no two modules import each other at load time. Read from the source
with `ast`, every import counts: at the top, inside a function, or for type checking.
"""

from __future__ import annotations

import ast
import importlib.util
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _modules() -> dict[str, Path]:
    found: dict[str, Path] = {"footcheck.cli": ROOT / "cli.py"}
    for package in ("footnotes", "parsers"):
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            found[".".join(["footcheck", *parts])] = path
    return found


def _imports(name: str, path: Path, *, top_level_only: bool) -> Iterator[str]:
    """The modules `path` imports (absolute names); at load time only, if asked."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    nodes = list(_at_load(tree.body)) if top_level_only else list(ast.walk(tree))
    for node in nodes:
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package.split(".")
            if node.level:
                base = base[: len(base) - node.level + 1]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            yield target
            yield from (f"{target}.{alias.name}" for alias in node.names)


def _at_load(body: list[ast.stmt]) -> Iterator[ast.stmt]:
    """The statements a module runs when it is imported: its top level, and the blocks
    of its top-level `try` and `if` statements, but for `if TYPE_CHECKING:`."""
    for node in body:
        yield node
        if isinstance(node, ast.If) and "TYPE_CHECKING" not in ast.unparse(node.test):
            yield from _at_load([*node.body, *node.orelse])
        elif isinstance(node, ast.Try):
            blocks = [node.body, *(h.body for h in node.handlers), node.orelse, node.finalbody]
            yield from _at_load([stmt for block in blocks for stmt in block])


def test_nothing_in_the_domain_imports_a_reader() -> None:
    modules = _modules()
    wrong = sorted(
        (name, imported)
        for name, path in modules.items()
        if name.startswith("footcheck.footnotes")
        for imported in _imports(name, path, top_level_only=False)
        if imported == "footcheck.parsers" or imported.startswith("footcheck.parsers.")
    )
    assert len(modules) > 50
    assert wrong == []


def test_no_modules_import_each_other_at_load_time() -> None:
    modules = _modules()
    edges = {
        name: {
            imported
            for imported in _imports(name, path, top_level_only=True)
            if imported in modules and imported != name
        }
        for name, path in modules.items()
    }
    cycles = [cycle for start in edges if (cycle := _cycle_through(start, edges))]
    assert cycles == []


def _cycle_through(start: str, edges: dict[str, set[str]]) -> list[str]:
    """A chain of imports from `start` back to itself, or [] when there is none."""
    stack: list[tuple[str, list[str]]] = [(start, [start])]
    seen = {start}
    while stack:
        node, chain = stack.pop()
        for nxt in sorted(edges[node]):
            if nxt == start:
                return [*chain, start]
            if nxt not in seen:
                seen.add(nxt)
                stack.append((nxt, [*chain, nxt]))
    return []


def test_starting_the_command_loads_no_language_layer() -> None:
    """`footcheck --version` and every run pay for the command line only: the date
    grammar (tens of milliseconds of regex compiling), the month tables, the outlets
    and the note readers load when a document is checked, not at start-up."""
    heavy = (
        "footcheck.footnotes.dates",
        "footcheck.footnotes.dates.grammar",
        "footcheck.footnotes.dates.month_names",
        "footcheck.footnotes.outlets",
        "footcheck.footnotes.note_kinds",
        "footcheck.footnotes.urls",
        "footcheck.footnotes.sources",
        "footcheck.footnotes.citations",
    )
    script = (
        "import sys, footcheck.cli\n"
        f"print(sorted(name for name in {heavy!r} if name in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_checking_one_file_loads_only_what_it_needs(tmp_path: Path) -> None:
    """One file checked to JSON, with no baseline and no book around it, pays for no
    manifest reader (TOML, YAML, OPF), no baseline, no console writer, no anchor-link
    reader (its notes are `[^1]` ones) and no markdown-it (pyromark reads it)."""
    report = tmp_path / "brief.md"
    report.write_text("The council met on 7 September 2023.[^1]\n\n[^1]: Minutes, 2023.\n")
    unneeded = (
        "footcheck.footnotes.book.manifests",
        "footcheck.footnotes.book.summary",
        "footcheck.footnotes.book.opf",
        "footcheck.footnotes.baseline",
        "footcheck.footnotes.report.console",
        "footcheck.parsers.markdown.anchor_document",
        "footcheck.parsers.markdown.anchor_notes",
        "tomllib",
    )
    if importlib.util.find_spec("pyromark") is not None:
        unneeded += ("markdown_it",)  # else it is the block pass
    script = (
        "import sys\n"
        "from footcheck.cli import main\n"
        f"try: main(['check', '--no-cache', '--format', 'json', {str(report)!r}])\n"
        "except SystemExit: pass\n"
        f"print(sorted(name for name in {unneeded!r} if name in sys.modules), file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=tmp_path
    )
    assert '"findings"' in done.stdout, done.stderr
    assert done.stderr.strip() == "[]"
