"""docutils' reST parser made tolerant and bounded, for one parse at a time.

Real reST is mostly written for Sphinx, whose directives (`.. versionadded::`,
`.. code-block::`, `.. toctree::`) and roles (`:func:`, `:ref:`) docutils alone does
not know. docutils turns an unknown directive into an error holding its text as a
literal block, and an unknown role into an error: footnote references inside them
would be lost. Here, for this parser only (nothing is registered in docutils'
global tables):

- an unknown directive whose content is prose (`versionadded`, `deprecated`,
  `seealso`, `only`, `py:function`...) has its text, options aside, parsed as body,
  so its footnote references count; one whose content is code or data
  (`code-block`, `literalinclude`, `toctree`, `autoclass`...) is left out;
- an unknown role shows its text (`:func:`~os.path.join`` reads "join").

The effort is bounded (`Effort`): docutils searches the rest of a paragraph for
the end of every inline start-string it meets (`*`, `` ` ``, `|`), so a paragraph
of thousands of unclosed ones takes time quadratic in its length, and its table
parsers are slow on huge tables. Past a budget the parse stops with a one-line
`DocumentError`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from docutils import nodes
from docutils.parsers.rst import Directive, directives, roles, states
from docutils.utils import unescape

from footcheck.footnotes import pattern_store
from footcheck.footnotes.model import DocumentError

# Characters docutils may search past unclosed inline start-strings, in all (a few
# seconds), and characters of tables it may parse (as long again).
INLINE_BUDGET = 40_000_000
TABLE_BUDGET = 300_000

# Unknown directives whose content is code or data, not prose (with every `auto...`).
_OPAQUE = frozenset(
    {
        "code-block",
        "sourcecode",
        "literalinclude",
        "highlight",
        "doctest",
        "testcode",
        "testoutput",
        "testsetup",
        "testcleanup",
        "ipython",
        "jupyter-execute",
        "productionlist",
        "graphviz",
        "graph",
        "digraph",
        "mermaid",
        "uml",
        "plantuml",
        "plot",
        "toctree",
        "index",
        "tabularcolumns",
        "bibliography",
    }
)
_DIRECTIVE_START = pattern_store.compile(rf"\.\.[ ]+({states.Inliner.simplename})[ ]?::([ ]+|$)")
# `:ref:`the title <target>``: a role's text shows its title.
_EXPLICIT_TARGET = pattern_store.compile(r"^(.+?)\s*<[^<>]*>$", re.DOTALL)


class Effort:
    """What one parse may still spend; `DocumentError` once it is spent."""

    def __init__(self) -> None:
        self.inline = INLINE_BUDGET
        self.tables = TABLE_BUDGET

    def search(self, characters: int) -> None:
        self.inline -= characters
        if self.inline < 0:
            raise DocumentError(
                "reStructuredText with too much unclosed inline markup (*, `, |) to read"
            )

    def table(self, characters: int) -> None:
        self.tables -= characters
        if self.tables < 0:
            raise DocumentError(
                f"reStructuredText tables too large to read (over {TABLE_BUDGET:,} characters)"
            )


class _AnyOption(dict[str, Callable[[str], str]]):
    """An option spec that takes every option as it is written."""

    def __missing__(self, key: str) -> Callable[[str], str]:
        return directives.unchanged


class _ProseDirective(Directive):
    """An unknown directive whose text (first line and content) is body."""

    has_content = True
    option_spec = _AnyOption()

    def run(self) -> list[nodes.Node]:
        box = nodes.container()
        self.state.nested_parse(self.content, self.content_offset, box)
        return [box]


class _OpaqueDirective(Directive):
    """An unknown directive whose content is code or data: no body at all."""

    has_content = True
    option_spec = _AnyOption()

    def run(self) -> list[nodes.Node]:
        return []


_Dispatch = Callable[..., tuple[str, list[nodes.Node], str, list[nodes.system_message]]]


def _bounded(method: _Dispatch) -> _Dispatch:
    """An inline-markup handler that charges an unclosed start-string's search."""

    def handle(
        inliner: TolerantInliner, match: re.Match[str], lineno: int
    ) -> tuple[str, list[nodes.Node], str, list[nodes.system_message]]:
        result = method(inliner, match, lineno)
        inlines = result[1]
        if inlines and isinstance(inlines[0], nodes.problematic):
            inliner.effort.search(len(match.string) - match.end())
        return result

    return handle


# docutils calls `dispatch[start](self, match, lineno)` (its stubs leave out `self`).
_BOUNDED_DISPATCH: dict[str, Any] = {
    start: _bounded(method) for start, method in vars(states.Inliner)["dispatch"].items()
}


class TolerantInliner(states.Inliner):
    """docutils' inline parser, with unknown roles shown as text and a bounded effort."""

    def __init__(self) -> None:
        super().__init__()
        self.effort = Effort()
        self.dispatch = _BOUNDED_DISPATCH

    def interpreted(
        self, rawsource: str, text: str, role: str, lineno: int
    ) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        role_fn, _ = roles.role(role, self.language, lineno, self.reporter)
        if role_fn is not None:
            return super().interpreted(rawsource, text, role, lineno)
        return [nodes.inline(rawsource, _shown(unescape(text)))], []


# docutils builds its inline patterns from the parts in `vars(type(self))`, the
# class's own attributes only: the subclass carries docutils' parts as its own.
for _name, _part in vars(states.Inliner).items():
    if isinstance(_part, str) and not _name.startswith("__"):
        setattr(TolerantInliner, _name, _part)


def _shown(text: str) -> str:
    """What an unknown role displays: `title <target>` shows the title, `~a.b.c` shows c."""
    explicit = _EXPLICIT_TARGET.match(text)
    if explicit:
        return explicit.group(1)
    text = text.lstrip("!")
    if text.startswith("~"):
        return text[1:].rsplit(".", 1)[-1]
    return text


class _Tolerant(states.RSTState):
    """What every state of the tolerant parser adds to docutils' own."""

    def __init__(self, state_machine: Any, debug: bool = False) -> None:
        super().__init__(state_machine, debug)
        # Nested parses (lists, quotes, directives) use these states too, and cache
        # their state machines apart from docutils' own (a class-wide list there).
        self.nested_sm_kwargs = {"state_classes": STATE_CLASSES, "initial_state": "Body"}
        self.nested_sm_cache = []

    def unknown_directive(self, type_name: str) -> tuple[list[nodes.Node], bool]:
        start = _DIRECTIVE_START.match(self.state_machine.line or "")
        if start is None:  # in a substitution definition: docutils' own error
            result: tuple[list[nodes.Node], bool] = super().unknown_directive(type_name)  # type: ignore[misc]
            return result
        name = type_name.lower()
        opaque = name in _OPAQUE or name.startswith("auto")
        directive = _OpaqueDirective if opaque else _ProseDirective
        ran: tuple[list[nodes.Node], bool] = self.run_directive(  # type: ignore[attr-defined]
            directive, start, type_name, {}
        )
        return ran

    def table(self, isolate_function: Callable[[], Any], parser_class: Any) -> Any:
        def isolated() -> Any:
            block, messages, blank_finish = isolate_function()
            self.inliner.effort.table(sum(len(line) for line in block))  # type: ignore[attr-defined]
            return block, messages, blank_finish

        return super().table(isolated, parser_class)  # type: ignore[misc]


def _tolerant(state_class: type[states.RSTState]) -> type[states.RSTState]:
    # The state machine finds its states by class name: keep docutils' names.
    return type(state_class.__name__, (_Tolerant, state_class), {})


STATE_CLASSES: tuple[type[states.RSTState], ...] = tuple(
    _tolerant(state_class) for state_class in states.state_classes
)
