"""Books: the files a run checks together, and the notes that live in another file.

A long report or a book is kept as one file per chapter, and its notes often live
in another file (an EPUB's endnotes file, a report's notes chapter). This package
resolves markers across the files of a book, orders a book's chapters from its own
table of contents, and keeps the small per-file facts the book rules run on.
"""
