"""The pages this build wrote, and whether each file still holds what was written, without reading it.

The page policy (csp.py) goes into each page in ``on_post_page``; a pass over the whole site after the build
(``hooks.secure_site``) covers HTML written outside the page events and any page changed after its event.
That pass need not read a page that still holds what MkDocs wrote from ``on_post_page``'s output:

- ``on_post_page`` notes the page's file (:meth:`Written.note`); MkDocs writes it right after the event
  returns (``mkdocs/commands/build.py`` ``_build_page``);
- at the next event (the next page's ``on_pre_page``, or the end of the build) :meth:`Written.settle` takes
  each noted file's signature: modification time in nanoseconds, size and inode;
- :meth:`Written.unchanged` tells the site pass whether a file still has that signature. A file rewritten
  since (another plugin, a hook after the page events) has a later time, or another size or inode.

Reading and hashing every page instead costs about as much as the policy itself on a large site (0.6 s of
CPU for 1,600 pages of 230 kB). The signature is as fine as the file system's clock: a rewrite to the very
same size within one tick of it (a few milliseconds) would pass unseen; nothing in this build does that.
One :class:`Written` per build (``sources.once_per_build``), so nothing is kept from one build to the next.
"""

from __future__ import annotations

import os

Signature = tuple[int, int, int]


def signature(path: str) -> Signature | None:
    """(modification time in ns, size in bytes, inode) of the file at ``path``; None when there is none."""
    try:
        status = os.stat(path)
    except FileNotFoundError:
        return None
    return status.st_mtime_ns, status.st_size, status.st_ino


class Written:
    """The files written from page events in one build and their signatures."""

    def __init__(self) -> None:
        self.pending: list[str] = []
        """Files noted, not yet written when noted."""
        self.files: dict[str, Signature] = {}
        """File (normalised path) -> its signature just after MkDocs wrote it."""

    def note(self, path: str | os.PathLike[str]) -> None:
        """``path`` is about to be written from the output of the page event that calls this."""
        self.pending.append(os.path.normpath(path))

    def settle(self) -> None:
        """Take the signature of every noted file: call at the first event after the write."""
        for path in self.pending:
            found = signature(path)
            if found is not None:
                self.files[path] = found
        self.pending.clear()

    def unchanged(self, path: str | os.PathLike[str]) -> bool:
        """Whether ``path`` was written from a page event of this build and has not changed since."""
        self.settle()
        key = os.path.normpath(path)
        return key in self.files and self.files[key] == signature(key)
