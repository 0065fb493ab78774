"""Worker processes change nothing but the time: the same bytes out, in the same order."""

from __future__ import annotations

from pathlib import Path

from footcheck.footnotes.files import STDIN, Target
from footcheck.footnotes.workers import choose_workers
from tests.test_cli import footcheck

OUTLETS = ["Harbour Gazette", "Capital Herald", "Wire Service", "Trade Monitor"]


def _draft(i: int) -> str:
    """A small report; every third one has a planted fault, in turn of each kind."""
    year = 2015 + i % 8
    outlet = OUTLETS[i % len(OUTLETS)]
    body = (
        f"Report {i}\n\nThe council met on 3 May {year}.[1] Prices rose in {year}.[2]"
        f" Trade fell in {year - 1}.[3]\n\n"
    )
    notes = [
        f"[1] {outlet}, 4 May {year}.",
        f"[2] {outlet}, 10 June {year}.",
        f"[3] {outlet}, 2 February {year}.",
    ]
    kind = i % 9
    if kind == 0:
        notes[0] = f"[1] {outlet}, 3 May {year - 1}."  # year typo
    elif kind == 3:
        notes[2] = notes[1].replace("[2]", "[3]")  # duplicate citation
    elif kind == 6:
        notes.pop()  # missing note
    return body + "\n".join(notes) + "\n"


def test_two_workers_give_the_same_json_as_one(tmp_path: Path) -> None:
    folder = tmp_path / "drafts"
    for i in range(200):
        sub = folder / f"group-{i % 7}"
        sub.mkdir(parents=True, exist_ok=True)
        suffix = ".md" if i % 2 else ".txt"
        (sub / f"draft-{i:03d}{suffix}").write_text(_draft(i))
    one = footcheck("check", str(folder), "--format", "json", "-j", "1")
    two = footcheck("check", str(folder), "--format", "json", "-j", "2")
    assert one.returncode == two.returncode == 1
    assert one.stdout == two.stdout
    assert one.stdout.count('"code": "DT001"') >= 20


def test_workers_are_chosen_from_the_work() -> None:
    files = [Target(f"f{i}.txt", f"f{i}.txt", "text") for i in range(200)]
    assert choose_workers(1, files) == 1
    assert choose_workers(2, files) == 2
    assert choose_workers(8, files[:20]) == 1  # too few files to pay for a worker
    assert choose_workers(4, [*files, Target(STDIN, STDIN, None)]) == 1


def test_workers_are_chosen_from_the_bytes_to_check(tmp_path: Path) -> None:
    big = tmp_path / "big.md"
    big.write_bytes(b"x" * 2_000_000)
    small = tmp_path / "small.md"
    small.write_bytes(b"x" * 1000)
    on_disk = [Target(str(p), str(p), "markdown") for p in (big, small)]
    assert choose_workers(8, on_disk) == 2  # never more workers than files
    assert choose_workers(8, on_disk[1:] * 40) == 1  # 40 KB: not worth a fork
    many = []
    for i in range(100):
        draft = tmp_path / f"draft-{i}.md"
        draft.write_bytes(b"x" * 100_000)
        many.append(Target(str(draft), str(draft), "markdown"))
    assert choose_workers(8, many) == 8
    assert choose_workers(3, many) == 3
    assert choose_workers(8, many[:3]) == 1  # 300 KB: one worker's worth
