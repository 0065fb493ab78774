"""`footcheck fix`: the mechanical work on notes, planned, applied and verified.

`renumber` plans FN004's fix (the new number of every note, in order of first
reference); `edits` applies a fix's edits to a text at once and makes the diff;
`writing` replaces a file atomically, keeping its permissions. The text a fix edits
is read with `parsers.decode.faithful`, which writes back the file's exact bytes.
"""
