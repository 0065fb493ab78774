"""A reader that raises fails every fuzzing layer: the check, the smoke loop, the properties.

Each test breaks one format's reader on purpose, by patching the registry's
`parsers.reader` or by pointing `parsers.READERS` at a module that raises, and
expects the layer to fail naming the format and the exception, with the input
that shows it (the smoke loop's saved file, hypothesis's failing example).
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

import tests.test_fuzz_parsers as reader_properties
import tests.test_robustness as pipeline_properties
from footcheck import parsers
from footcheck.footnotes.model import Document
from fuzz import fuzz_parsers
from fuzz.promises import Broken, check

SCRIPT = Path(fuzz_parsers.__file__)


def _break(monkeypatch: pytest.MonkeyPatch, fmt: str, only_if: bytes = b"") -> None:
    """Make `fmt`'s reader raise IndexError("mutation") on input holding `only_if`."""
    real = parsers.reader

    def reader(name: str) -> Callable[[bytes, str], Document]:
        read = real(name)
        if name != fmt:
            return read

        def broken(data: bytes, path: str) -> Document:
            if only_if in data:
                raise IndexError("mutation")
            return read(data, path)

        return broken

    monkeypatch.setattr(parsers, "reader", reader)


def test_the_check_names_the_format_and_the_exception(monkeypatch: pytest.MonkeyPatch) -> None:
    _break(monkeypatch, "markdown")
    with pytest.raises(Broken, match=r"^markdown reader raised IndexError: mutation$") as caught:
        check(b"Claim.[^1]\n\n[^1]: Source, 2020.\n", "markdown")
    assert isinstance(caught.value.__cause__, IndexError)  # its traceback is kept
    assert check(b"Claim.[1]\n\n[1] Source, 2020.\n", "text") is not None  # the others read


def test_the_smoke_loop_fails_saves_the_input_and_replays_it(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    _break(monkeypatch, "markdown")
    assert fuzz_parsers.main([str(SCRIPT), "--smoke", "500", "--seed", "1"]) == 1
    report = capsys.readouterr().err
    assert "IndexError: mutation" in report  # the reader's own traceback
    assert "Broken: markdown reader raised IndexError: mutation" in report
    (saved,) = tmp_path.glob("crash-*")
    assert f"input saved: {saved.name}" in report
    assert f"replay: python {SCRIPT.name} {saved.name}" in report
    assert fuzz_parsers.replay([saved.name], print) == 1  # the saved input shows it again
    monkeypatch.undo()
    assert fuzz_parsers.replay([str(saved)], print) == 0


def test_the_fuzz_script_exits_1_when_a_readers_module_raises(tmp_path: Path) -> None:
    (tmp_path / "broken_reader.py").write_text(
        "def parse(data, path):\n    raise IndexError('mutation')\n", encoding="utf-8"
    )
    code = (
        "import runpy, sys\n"
        "from footcheck import parsers\n"
        "parsers.READERS['text'] = 'broken_reader'\n"
        f"sys.argv = [{str(SCRIPT)!r}, '--smoke', '300', '--seed', '1']\n"
        f"runpy.run_path({str(SCRIPT)!r}, run_name='__main__')\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 1, done.stderr
    assert "Broken: text reader raised IndexError: mutation" in done.stderr
    assert list(tmp_path.glob("crash-*"))


@pytest.mark.parametrize(
    ("prop", "fmt"),
    [
        (reader_properties.test_text_reader, "text"),
        (reader_properties.test_markdown_reader, "markdown"),
        (reader_properties.test_html_reader, "html"),
        (reader_properties.test_docx_reader, "docx"),
        (reader_properties.test_odt_reader, "odt"),
        (reader_properties.test_mutated_office_fixtures, "docx"),
        (pipeline_properties.test_text_reports_never_break_a_rule, "text"),
        (pipeline_properties.test_markdown_reports_never_break_a_rule, "markdown"),
    ],
    ids=lambda value: value if isinstance(value, str) else value.__name__,
)
@pytest.mark.filterwarnings("ignore:Generating overly large repr")  # a whole mutated DOCX
def test_a_property_fails_on_a_reader_that_raises(
    monkeypatch: pytest.MonkeyPatch, prop: Callable[[], None], fmt: str
) -> None:
    _break(monkeypatch, fmt)
    with pytest.raises(Broken, match=f"^{fmt} reader raised IndexError: mutation"):
        prop()


def test_hypothesis_finds_the_input_that_breaks_a_reader(monkeypatch: pytest.MonkeyPatch) -> None:
    _break(monkeypatch, "markdown", only_if=b"[")
    with pytest.raises(Broken, match=r"^markdown reader raised IndexError") as caught:
        reader_properties.test_markdown_reader()
    notes = getattr(caught.value, "__notes__", [])
    assert any("data=b'['" in note for note in notes), notes  # the smallest reproducer
