"""FN004's fix on Markdown that cites with anchor links (`[2](#foot2)`, `<sup>[2](#fn2)</sup>`,
`<sup><a href="#fn2">2</a></sup>`): the link texts' numbers and the notes' written numbers
rewritten, the notes moved, links and anchors kept (parsers/relabel_anchors.py)."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from footcheck import cli, parsers
from footcheck.footnotes.engine import check_document
from footcheck.footnotes.fixes.edits import apply
from footcheck.footnotes.fixes.renumber import plan_renumbering
from footcheck.footnotes.fixes.renumber_edits import renumber_edits
from footcheck.footnotes.fixes.sites import SiteError
from footcheck.footnotes.settings import CommandLine, FileSettings, resolve
from footcheck.parsers import relabel
from footcheck.parsers.decode import faithful

CONFIG = resolve(FileSettings(), CommandLine(no_cache=True))

# Hand-numbered notes in an ordered list, as a Jekyll post writes them; no final newline.
LIST = (
    "Lambda started it<sup>[2](#foot2)</sup>. They saw it<sup>[3](#foot3)</sup>.\n\n"
    "We used a journal<sup>[1](#foot1)</sup>.\n\n*Footnotes*\n\n"
    '1. <a name="foot1"></a> Written about before, 2024.\n'
    '2. <a name="foot2"></a> Not the word *serverless*: see\n   [the 1995 paper](https://example.org/1995).\n'
    '3. <a name="foot3"></a> Kay, quoted 1971.',
    "Lambda started it<sup>[1](#foot2)</sup>. They saw it<sup>[2](#foot3)</sup>.\n\n"
    "We used a journal<sup>[3](#foot1)</sup>.\n\n*Footnotes*\n\n"
    '1. <a name="foot2"></a> Not the word *serverless*: see\n   [the 1995 paper](https://example.org/1995).\n'
    '2. <a name="foot3"></a> Kay, quoted 1971.\n'
    '3. <a name="foot1"></a> Written about before, 2024.',
)
# Paragraphs that open with their anchor and the number the author wrote; CRLF.
PARAGRAPHS = (
    "Rents rose.[2](#fn2) Wages fell.[1](#fn1)\r\n\r\n## Notes\r\n\r\n"
    '<a name="fn1"></a>1. Labour Review, April 2022.\r\n\r\n'
    '<a name="fn2"></a>[2] Housing Survey, March 2022.\r\n',
    "Rents rose.[1](#fn2) Wages fell.[2](#fn1)\r\n\r\n## Notes\r\n\r\n"
    '<a name="fn2"></a>[1] Housing Survey, March 2022.\r\n\r\n'
    '<a name="fn1"></a>2. Labour Review, April 2022.\r\n',
)
# Inline HTML markers, notes in an HTML block's <ol>: numbered by their place.
HTML_LIST = (
    'Rents rose.<sup><a href="#fn2">2</a></sup> Wages fell.<sup><a href="#fn1">1</a></sup>\n\n'
    '<ol>\n<li id="fn1">Labour Review, April 2022.</li>\n'
    '<li id="fn2">Housing Survey, March 2022.</li>\n</ol>\n',
    'Rents rose.<sup><a href="#fn2">1</a></sup> Wages fell.<sup><a href="#fn1">2</a></sup>\n\n'
    '<ol>\n<li id="fn2">Housing Survey, March 2022.</li>\n'
    '<li id="fn1">Labour Review, April 2022.</li>\n</ol>\n',
)
# Bullets: the notes show no number, the markers are `[[N]](#fnN)`.
BULLETS = (
    "Rents rose.[[2]](#fn2) Wages fell.[[1]](#fn1)\n\n"
    '* <a id="fn1"></a>Labour Review,\n  April 2022.\n* <a id="fn2"></a>Housing Survey, 2022.\n',
    "Rents rose.[[1]](#fn2) Wages fell.[[2]](#fn1)\n\n"
    '* <a id="fn2"></a>Housing Survey, 2022.\n* <a id="fn1"></a>Labour Review,\n  April 2022.\n',
)
CASES = {"list": LIST, "paragraphs": PARAGRAPHS, "html list": HTML_LIST, "bullets": BULLETS}


def fixed(data: bytes) -> bytes:
    doc = parsers.parse(data, "post.md", "markdown")
    text = faithful(data)
    found = relabel.sites("markdown", text.text, doc, text.offset)
    return text.encode(
        apply(text.text, renumber_edits(text.text, doc, plan_renumbering(doc), found)[0])
    )


def read(data: bytes) -> tuple[list[str], Counter[str]]:
    doc = parsers.parse(data, "post.md", "markdown")
    codes = [f.code for f in check_document(doc, CONFIG).findings]
    return codes, Counter(n.text for n in doc.notes)


@pytest.mark.parametrize("name", sorted(CASES))
def test_the_fix_renumbers_and_moves_the_notes(name: str) -> None:
    before, expected = (text.encode() for text in CASES[name])
    codes, notes = read(before)
    assert "FN004" in codes
    after = fixed(before)
    assert after.decode() == expected.decode()
    codes_after, notes_after = read(after)
    assert "FN004" not in codes_after and notes_after == notes
    assert fixed(after) == after  # a second fix changes nothing


def test_a_legacy_encoded_post_keeps_its_bytes() -> None:
    before = BULLETS[0].replace("Labour", "Caf\xe9 Labour").encode("cp1252")
    assert fixed(before) == BULLETS[1].replace("Labour", "Caf\xe9 Labour").encode("cp1252")


REFUSED = {
    "entity": (LIST[0].replace("[2](#foot2)", "[&#50;](#foot2)"), "&#50;"),
    "list numbered otherwise": (LIST[0].replace("\n2. <a", "\n1. <a"), "item"),
    "anchor elsewhere": (LIST[0].replace('name="foot3"', 'name="foot9"'), "anchor"),
    "apart": (
        HTML_LIST[0].replace("</li>\n<li", "</li>\n<!-- moved -->\n<li"),
        "do not stand together",
    ),
    "two numbers": (
        LIST[0].replace('"foot1"></a> Written', '"foot1"></a> [1] Written'),
        "twice",
    ),
}


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_what_is_not_exactly_where_the_reader_put_it_is_refused(name: str) -> None:
    post, why = REFUSED[name]
    data = post.encode()
    doc = parsers.parse(data, "post.md", "markdown")
    text = faithful(data)
    # Each case is an out-of-order numbering the plan would fix, were its labels placed.
    assert "FN004" in read(data)[0] and plan_renumbering(doc).scopes[0].skipped is None
    with pytest.raises(SiteError, match=why):
        relabel.sites("markdown", text.text, doc, text.offset)


def test_a_marker_read_elsewhere_is_refused() -> None:
    data = LIST[0].encode()
    doc = parsers.parse(data, "post.md", "markdown")
    text = faithful(data)
    with pytest.raises(SiteError):
        relabel.sites("markdown", text.text, doc, lambda line, col: text.offset(line, col) + 1)


def test_the_command_line_fixes_a_post_and_says_the_map(tmp_path: Path) -> None:
    post = tmp_path / "post.md"
    post.write_bytes(LIST[0].encode())
    runner = CliRunner()
    diff = runner.invoke(cli.main, ["fix", "--diff", str(post)])
    assert diff.exit_code == 1 and '+3. <a name="foot1"></a> Written' in diff.stdout
    assert post.read_bytes() == LIST[0].encode()
    done = runner.invoke(cli.main, ["fix", "--format", "json", str(post)])
    assert done.exit_code == 0, done.output
    (entry,) = json.loads(done.stdout)["files"]
    assert entry["map"] == {"2": "1", "3": "2", "1": "3"} and entry["written"]
    assert post.read_bytes() == LIST[1].encode()
    again = json.loads(runner.invoke(cli.main, ["fix", "--format", "json", str(post)]).stdout)
    assert not again["files"][0]["changed"]
    checked = runner.invoke(cli.main, ["check", "--no-cache", "--format", "json", str(post)])
    assert "FN004" not in checked.stdout
