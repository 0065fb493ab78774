"""The result cache: a draft that has not changed costs a hash, not a parse.

Each checked file's result is kept in a cache folder (`.footcheck_cache` by
default) under a name made from the file's path and everything in the run's
configuration that can change its findings. The entry records what the result
was computed from: a digest of the file's bytes, a stamp of the code (the
footcheck version and the size and time of every module of the domain and of the
readers, so an edited checkout never reads stale results: `stamp`), and the day the
check ran when a rule compared a date with today's (a draft with no date of its
own is checked against today, so that result holds for one day only). A result
is reused only when all three still match, and one entry per file and
configuration is kept: a changed file overwrites its entry.

Sharing is safe: entries are written to a temporary file and renamed into
place, so a run never reads half an entry, and two runs writing the same entry
leave one whole. Entries are JSON, never pickles: a cache folder that came with
a repository cannot run code. An entry that cannot be read is a miss; a cache
folder that cannot be written turns the cache off for the run, silently (the
results are the same, only slower).
"""

from __future__ import annotations

from footcheck.footnotes.cache.entries import ResultCache, Slot, digest
from footcheck.footnotes.cache.stamp import code_stamp

__all__ = ["ResultCache", "Slot", "code_stamp", "digest"]
