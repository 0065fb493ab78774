"""Whether the readers still give the same documents: snapshot, then compare, for issue 14.

`snapshot OUT` parses every readable file under the given folders and keeps each
whole `Document`'s repr (paragraphs, markers, notes, locations, metadata), or the error it
raised, keyed by path; `compare OUT` parses them again and lists every file whose
document differs. Speed work on the readers must leave every document equal.

    .venv/bin/python bench/same_documents.py snapshot /tmp/docs.pickle FOLDERS...
    .venv/bin/python bench/same_documents.py compare /tmp/docs.pickle
"""

from __future__ import annotations

import argparse
import pickle
import sys
from pathlib import Path

from footcheck.footnotes.model import Document, DocumentError
from footcheck.parsers import parse

_SUFFIXES = frozenset(
    {".txt", ".text", ".html", ".htm", ".xhtml", ".docx", ".odt", ".epub", ".rst", ".rest"}
    | {".md", ".markdown", ".mdown", ".mkd"}
)

# A document's repr shows every field, the metadata mapping (a read-only proxy that
# does not pickle) and the parts included: equal reprs, equal documents.
Outcome = tuple[str, str]


def _outcome(path: Path) -> Outcome:
    try:
        document: Document = parse(path.read_bytes(), str(path), None)
    except DocumentError as error:
        return ("error", str(error))
    return ("doc", repr(document))


def _files(folders: list[Path]) -> list[Path]:
    found: set[Path] = set()
    for folder in folders:
        found.update(p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in _SUFFIXES)
    return sorted(found)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("action", choices=("snapshot", "compare"))
    ap.add_argument("store", type=Path)
    ap.add_argument("folders", nargs="*", type=Path)
    args = ap.parse_args()
    if args.action == "snapshot":
        files = _files(args.folders)
        snapshot = {str(p): _outcome(p) for p in files}
        args.store.write_bytes(pickle.dumps(snapshot))
        print(f"{len(snapshot)} documents kept")
        return
    before: dict[str, Outcome] = pickle.loads(args.store.read_bytes())
    different = [path for path, old in before.items() if _outcome(Path(path)) != old]
    for path in different:
        print(f"DIFFERENT: {path}")
    print(f"{len(before) - len(different)} of {len(before)} documents the same")
    sys.exit(1 if different else 0)


if __name__ == "__main__":
    main()
