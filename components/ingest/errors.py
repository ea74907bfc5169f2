"""The one exception the ingest modules raise among themselves: :class:`Unreadable`.

It never leaves the package: :func:`components.ingest.read_paths` turns it into a
:class:`~components.records.Problem` naming the file.
"""
from __future__ import annotations


class Unreadable(Exception):
    """A file (or zip member, or record) that cannot be ingested.

    reason: why, in words a user can act on (``"empty file"``, ``"binary file (PDF document)"``).
    """

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason
