"""The two Markdown block passes agree: pyromark's (pulldown-cmark) and markdown-it's.

Every Markdown fixture, and documents made of block constructs that the parsers could
read otherwise, give the same blocks, link references and footnote definitions by
both passes (where the pyromark pass takes the source), and the same `Document`
whichever pass reads. `FOOTCHECK_MARKDOWN_PARSER=markdown-it` turns the pyromark pass
off for a whole run.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from footcheck.parsers import markdown
from footcheck.parsers.markdown import blocks, pyromark_blocks
from footcheck.parsers.markdown.source import Block, Definition, Source

pytest.importorskip("pyromark")

FIXTURES = Path(__file__).parent / "fixtures"
MARKDOWN_FILES = sorted(
    p for p in FIXTURES.rglob("*") if p.suffix in (".md", ".markdown", ".mdown", ".mkd")
)

# Lines that open, continue or end blocks, which the two parsers could read otherwise.
_PIECES = (
    "para text", "more text [^1] here", "[^1]: note text", "[^2]: http://x", "    indented",
    "  two", "   three", "- item", "  - nested", "* star", "1. one", "2) two", "10. ten", "-",
    "", "", "", "```", "~~~", "``` py", "<div>", "</div>", "<!-- c -->", "# Head #",
    "## h2 ##  ", "===", "---", "***", "| a | b |", "|---|---|", "| c | d |", "a | b",
    "--- | ---", "c | d \\| e", "[ref]: /url", "[Ref]: <a b> 'title'", "[x]: javascript:x",
    "> quote", "text with | pipe", "      deep", "<span>inline</span> text", "1. [^3]: inner",
    "- | x | y |", "  |---|---|", "\\[1\\] escaped", "ü unicode ü", "-   spaced",
    "-      far", "[^a]:", "    [^b]: nested", "Notes", "1. A note, 2020.", "2. Another.",
)  # fmt: skip


def _source(text: str) -> Source:
    count = text.count("\n") + 1
    return Source(text, list(range(1, count + 1)), [0] * count)


def _generated(seed: int, count: int) -> Iterator[str]:
    rng = random.Random(seed)
    for _ in range(count):
        text = "\n".join(rng.choice(_PIECES) for _ in range(rng.randint(1, 14)))
        yield text + "\n" if rng.random() < 0.5 else text


def _both(source: Source) -> tuple[Any, Any]:
    """(markdown-it's, pyromark's) blocks, references and definitions of one source."""
    refs: dict[str, Any] = {}
    defs: list[Definition] = []
    found = blocks.read_blocks_markdown_it(source, refs, defs)
    expected = (found, {k: v["href"] for k, v in refs.items()}, defs)
    refs, defs = {}, []
    taken: list[Block] | None = pyromark_blocks.read_blocks(source, refs, defs)
    if taken is None:
        return expected, None
    return expected, (taken, {k: v["href"] for k, v in refs.items()}, defs)


@pytest.fixture
def markdown_it_only(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(blocks, "_PYROMARK", blocks._decline)
    yield


def test_the_fixtures_are_there() -> None:
    assert len(MARKDOWN_FILES) >= 20


@pytest.mark.parametrize("path", MARKDOWN_FILES, ids=lambda p: str(p.relative_to(FIXTURES)))
def test_fixture_same_document_by_either_pass(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = path.read_bytes()
    monkeypatch.setattr(blocks, "_PYROMARK", pyromark_blocks.read_blocks)
    by_pyromark = markdown.parse(data, str(path))
    monkeypatch.setattr(blocks, "_PYROMARK", blocks._decline)
    by_markdown_it = markdown.parse(data, str(path))
    assert by_pyromark == by_markdown_it


def test_fixture_blocks_agree_and_most_are_taken() -> None:
    taken = 0
    for path in MARKDOWN_FILES:
        expected, found = _both(_source(path.read_text(encoding="utf-8")))
        if found is not None:
            taken += 1
            assert found == expected, path
    assert taken >= len(MARKDOWN_FILES) - 3


@pytest.mark.parametrize("seed", range(4))
def test_generated_documents_agree(seed: int) -> None:
    taken = 0
    for text in _generated(seed, 400):
        expected, found = _both(_source(text))
        if found is not None:
            taken += 1
            assert found == expected, text
    assert taken > 100  # the pass declines only what it must


def test_a_report_is_read_by_pyromark() -> None:
    text = (
        "# Report\n\nText.[^1]\n\n1. one\n2. two\n\n| a | b |\n|---|---|\n| c | d |\n\n"
        "[^1]: A note, 2020.\n\n    More of it.\n"
    )
    expected, found = _both(_source(text))
    assert found == expected
    rows = [b for b in found[0] if b.kind == "row"]
    assert [cell for cell, _ in rows[1].cells or []] == ["c", "d"]
    assert [b.item for b in found[0] if b.item] == ["1", "2"]
    assert found[2][0].body.text == "A note, 2020.\n\nMore of it."


@pytest.mark.parametrize(
    "text",
    [
        "> quoted\n",  # block quotes
        "a\tb\n",  # tabs
        "- x\n  [^1]: inside an item\n",  # a definition not at a line's start
        "[ref]: /url\n      deep\n",  # markdown-it ends the reference where CommonMark does not
        # ...and so after a definition: an indented one (code to markdown-it), a list item
        "[x]: https://a.com\n    [y]: text claims 2020.[^1]\n\n[^1]: n\n",
        "[x]: https://a.com\n    - [y]: claims.[^1]\n\n[^1]: n\n",
        "[x]: https://a.com\n  2. [y]: claims.[^1]\n\n[^1]: n\n",
        "[x]: https://a.com\n    [y]: https://b.com\n\nSee [y].[^1]\n\n[^1]: n [y]\n",
        "[a]: /a\n2. [b]: claim 2020.[^1]\n\n[^1]: n\n",
        "[a]: /a\n- [b]: claim 2020.[^1]\n\n[^1]: n\n",
    ],
)
def test_left_to_markdown_it(text: str) -> None:
    assert pyromark_blocks.read_blocks(_source(text), {}, []) is None
    expected, _ = _both(_source(text))
    assert blocks.read_blocks(_source(text), {}, []) == expected[0]


def test_the_variable_turns_pyromark_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(blocks, "_PYROMARK", None)
    monkeypatch.setenv(blocks.BLOCK_PARSER_VARIABLE, "markdown-it")
    assert blocks._pyromark_pass() is blocks._decline
    monkeypatch.setattr(blocks, "_PYROMARK", None)
    monkeypatch.delenv(blocks.BLOCK_PARSER_VARIABLE)
    assert blocks._pyromark_pass() is pyromark_blocks.read_blocks


def test_fallback_reads_the_fixtures(markdown_it_only: None) -> None:
    for path in MARKDOWN_FILES[:5]:
        assert markdown.parse(path.read_bytes(), str(path)).path == str(path)


def test_a_cached_result_keeps_the_pass_it_was_read_with(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The result cache's stamp names pyromark only when it may read: a result of one
    pass is not handed back under the other."""
    from footcheck import parsers
    from footcheck.footnotes.cache import code_stamp

    monkeypatch.delenv(blocks.BLOCK_PARSER_VARIABLE, raising=False)
    with_pyromark = code_stamp(parsers.parse.code_folders, parsers.parse.libraries)
    monkeypatch.setenv(blocks.BLOCK_PARSER_VARIABLE, "markdown-it")
    assert "pyromark" not in parsers.parse.libraries
    assert code_stamp(parsers.parse.code_folders, parsers.parse.libraries) != with_pyromark


@pytest.mark.parametrize("text", [">```\n>", "> ```\n> code\n>", "- >```\n  >"])
def test_a_fence_opened_in_a_block_quote_is_read_by_either_pass(
    text: str, markdown_it_only: None
) -> None:
    # markdown-it-py 2.x raised IndexError here (found by the fuzz test): 3.0 is the floor.
    assert markdown.parse(text.encode(), "q.md").notes == ()
