"""FN004's fix, planned (footnotes/fixes/renumber.py): the map and the notes' new order.

Documents are read by the real readers; the plan is checked against what FN004 says
of the document the plan describes.
"""

from __future__ import annotations

from footcheck import parsers
from footcheck.footnotes.fixes.renumber import plan_renumbering
from footcheck.footnotes.model import Document


def read(text: str, name: str = "r.txt") -> Document:
    return parsers.parse(text.encode(), name, parsers.parse.format_for_named(name))


def renumbered(text: str) -> str:
    """The text with the plan applied by hand: markers' and notes' labels replaced, the
    notes written in their new order (these small documents hold one line per note)."""
    doc = read(text)
    plan = plan_renumbering(doc)
    (scope,) = plan.scopes
    body, _, notes = text.partition("\n\n")
    for old, new in scope.labels.items():
        body = body.replace(f"[{old}]", f"[\0{new}]")
    lines = notes.strip().splitlines()
    moved = [lines[i] for i in scope.order]
    out = []
    for line in moved:
        label = line[1 : line.index("]")]
        out.append(f"[{scope.labels.get(label, label)}]{line[line.index(']') + 1 :]}")
    return body.replace("\0", "") + "\n\n" + "\n".join(out) + "\n"


IN_ORDER = """\
Rents rose.[1] Wages did not.[2] Rents stayed high.[1]

[1] Housing Survey, March 2022.
[2] Labour Review, April 2022.
"""

SWAPPED = """\
Rents rose.[1] Wages did not.[3] Prices fell.[2]

[1] Housing Survey, March 2022.
[2] Price Index, May 2022.
[3] Labour Review, April 2022.
"""


def test_a_document_in_order_has_nothing_to_change() -> None:
    plan = plan_renumbering(read(IN_ORDER))
    assert not plan.changes and plan.label_map() == {}


def test_numbers_follow_the_order_of_first_reference_and_the_notes_move() -> None:
    plan = plan_renumbering(read(SWAPPED))
    assert plan.changes
    assert plan.label_map() == {"3": "2", "2": "3"}
    (scope,) = plan.scopes
    assert scope.order == (0, 2, 1)
    fixed = renumbered(SWAPPED)
    assert fixed == (
        "Rents rose.[1] Wages did not.[2] Prices fell.[3]\n\n"
        "[1] Housing Survey, March 2022.\n[2] Labour Review, April 2022.\n"
        "[3] Price Index, May 2022.\n"
    )
    assert not plan_renumbering(read(fixed)).changes  # idempotent


def test_a_skipped_number_is_closed_up() -> None:
    text = "A.[1] B.[2] C.[4]\n\n[1] One, 2022.\n[2] Two, 2022.\n[4] Four, 2022.\n"
    plan = plan_renumbering(read(text))
    assert plan.label_map() == {"4": "3"}


def test_a_chapter_continuing_the_book_keeps_its_first_number() -> None:
    text = "A.[154] B.[156] C.[155]\n\n[154] One, 2022.\n[155] Two, 2022.\n[156] Three.\n"
    plan = plan_renumbering(read(text))
    assert plan.label_map() == {"156": "155", "155": "156"}


def test_notes_nothing_cites_come_last_in_their_order() -> None:
    text = "A.[2] B.[1]\n\n[1] One, 2022.\n[2] Two, 2022.\n[3] Three, 2022.\n"
    (scope,) = plan_renumbering(read(text)).scopes
    assert scope.labels == {"2": "1", "1": "2"} and scope.order == (1, 0, 2)


def test_what_cannot_be_renumbered_safely_is_left_with_its_reason() -> None:
    missing = "A.[2] B.[1] C.[9]\n\n[1] One, 2022.\n[2] Two, 2022.\n"
    (scope,) = plan_renumbering(read(missing)).scopes
    assert scope.skipped == "marker [9] has no note (FN001): fix that first"
    assert not plan_renumbering(read(missing)).changes
    twice = "A.[2] B.[1]\n\n[1] One, 2022.\n[2] Two, 2022.\n[2] Again, 2022.\n"
    (scope,) = plan_renumbering(read(twice)).scopes
    assert scope.skipped is not None and "FN003" in scope.skipped


def test_each_chapter_of_a_book_whose_numbering_restarts_is_renumbered_apart() -> None:
    text = (
        "CHAPTER I\n\nOne.[2] Two.[1]\n\n[1] First note, 1901.\n[2] Second note, 1902.\n\n"
        "CHAPTER II\n\nThree.[1] Four.[2]\n\n[1] Third note, 1903.\n[2] Fourth note, 1904.\n"
    )
    doc = read(text)
    assert len({n.scope for n in doc.notes}) == 2
    plan = plan_renumbering(doc)
    changed = [s for s in plan.scopes if s.labels]
    assert len(changed) == 1 and changed[0].labels == {"2": "1", "1": "2"}
    assert plan.label_map() == {"2": "1", "1": "2"}


def test_markdown_labels_are_renumbered_too() -> None:
    text = "A.[^2] B.[^1]\n\n[^1]: One, 2022.\n[^2]: Two, 2022.\n"
    plan = plan_renumbering(read(text, "r.md"))
    assert plan.label_map() == {"2": "1", "1": "2"}
    named = "A.[^imf] B.[^1]\n\n[^1]: One, 2022.\n[^imf]: IMF, 2022.\n"
    (scope,) = plan_renumbering(read(named, "r.md")).scopes
    assert scope.skipped == "its notes are not all numbered"
