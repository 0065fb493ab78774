"""The reStructuredText reader: footnotes and citations as docutils reads them.

`reader.parse(data, path)` reads `.rst` and `.rest` files, and `.txt` files that
`sniff.is_rst` recognises as reST (PEPs, docutils' own documents). docutils, the
reference implementation, does the reading (imported only when a reST file is
read); the markers are its footnote and citation references, `[1]_`, `[#]_`,
`[#label]_`, `[*]_` and `[CIT2002]_`, labelled as it displays them, and the notes
its footnotes and citations. A reference written without its trailing underscore
is text in reST, so it is no marker. Sphinx's directives and roles, which docutils
does not know, do not stop the reading (`tolerant`).
"""
