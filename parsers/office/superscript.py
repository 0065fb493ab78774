"""Note numbers typed as raised text in a word processor, shown as the reader sees them.

A document whose notes were typed by hand (no Word footnote, no `text:note`) often
raises its note numbers with formatting: Word's `w:vertAlign="superscript"` (on the
run or through its character style), LibreOffice's `style:text-position="super"`.
Word and LibreOffice show those digits raised, so a reader sees a note number. The
readers hand such a run to the plain `[N]` convention as Unicode superscript digits
(`³`, `¹,²`, `²⁻⁴`), which that convention already reads as markers; any other
raised text (`1st`, `TM`, an exponent's letters) is left as it is.
"""

from __future__ import annotations

from collections.abc import Mapping

from footcheck.footnotes import pattern_store

__all__ = ["raised", "superscript_styles"]

# Digits, with a list or a range between them: "3", "1,2", "2-4", "12, 14".
_NOTE_NUMBERS = pattern_store.compile(r"\s*+\d{1,4}+(?:\s*+[,\-\u2013]\s*+\d{1,4}+)*+\s*+")
_RAISE = str.maketrans("0123456789-\u2013", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁻")


def raised(text: str) -> str:
    """A raised run's text as displayed: note numbers become superscript digits."""
    if _NOTE_NUMBERS.fullmatch(text) is None:
        return text
    return text.translate(_RAISE).replace(" ", "")


def superscript_styles(own: Mapping[str, bool | None], parent: Mapping[str, str]) -> frozenset[str]:
    """The styles that raise their text, each style's setting or its ancestors'.

    `own` maps a style to its own setting (True raised, False explicitly not,
    None unset); `parent` maps a style to the style it is based on.
    """
    raised_styles: set[str] = set()
    for name in own:
        seen: set[str] = set()
        current: str | None = name
        while current is not None and current not in seen:
            seen.add(current)
            setting = own.get(current)
            if setting is not None:
                if setting:
                    raised_styles.add(name)
                break
            current = parent.get(current)
    return frozenset(raised_styles)
