"""`footcheck fix`: rules' edits applied to a report in place, safely (issue 16).

`writing` puts a fixed file's bytes in place atomically, keeping its permissions.
"""
