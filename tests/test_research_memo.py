"""End to end on a research memo written the way US policy shops date their notes:
numeric dates with two-digit years (8/22/13), a month and year (3/64), a note that
contradicts its own URL, a year typo, a short form and "See also" background."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

MEMO = Path(__file__).resolve().parent / "fixtures" / "dates" / "research-memo.txt"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "footcheck.cli", *args, str(MEMO)]
    return subprocess.run(command, capture_output=True, text=True, check=False)


def test_the_memo_gives_exactly_its_two_faults() -> None:
    done = run("check", "--no-cache", "--format", "json")
    assert done.returncode == 1, done.stderr
    found = [(f["code"], f["footnote"]) for f in json.loads(done.stdout)["findings"]]
    # [4] 8/22/12 for an agreement of August 22, 2013: a year typo. [3] 8/8/13 with
    # /2013/08/18/ in its URL: the URL's date bears the claim out, so DT005 alone.
    assert found == [("DT001", "4"), ("DT005", "3")]


def test_every_note_of_the_memo_is_dated_and_says_how() -> None:
    shown = json.loads(run("show", "--format", "json").stdout)
    assert (shown["report_date"], shown["date_order"]) == ("2014-01-14", "mdy")
    assert shown["date_order_why"] == "8/14/13 has a day above 12"
    dates = {n["label"]: (n["date_used"], n["date_origin"]) for n in shown["notes"]}
    assert dates == {
        "1": ("2013-08-12", "published"),
        "2": ("2013-08-14", "published"),  # "Notice No. 14, 8/14/13"
        "3": ("2013-08-08", "published"),
        "4": ("2012-08-22", "published"),
        "5": ("2013-07-30", "published"),
        "6": ("1964-03", "published"),  # 3/64
        "7": ("2013-08-20", "published"),  # its "See also" background is 2009
        "8": ("2013-09-03", "published"),
        "9": ("2009", "of note [7], which it shortens"),  # "Ames, 114."
        "10": ("2013-09-17", "published"),  # the later of its two citations
    }
