"""The pages this build wrote, and whether each file still holds what was written, without reading it.

The page policy (csp.py) goes into each page in ``on_post_page``; a pass over the whole site after the build
(``hooks.secure_site``) covers HTML written outside the page events and any page changed after its event.
That pass need not read a page that still holds what MkDocs wrote from ``on_post_page``'s output.

MkDocs renders every page of a language first and then, page after page, calls ``on_post_page`` and writes
the page's file as soon as the event returns (``mkdocs/commands/build.py``: ``_build_page``); after the last
page come the ``on_post_build`` hooks. So:

- ``on_post_page`` first signs the page noted before it (:meth:`Written.settle`: modification time in
  nanoseconds, size and inode of its file, which MkDocs has just written) and then notes its own page
  (:meth:`Written.note`);
- the last page of a language is never signed (no page event follows it before the ``on_post_build`` hooks,
  which may change files): ``on_config`` of the next language's build drops it unsigned
  (:meth:`Written.abandon`), and the site pass reads it, as it reads every file not signed;
- :meth:`Written.unchanged` tells the site pass whether a file was signed and still has that signature. A
  file rewritten since (another plugin, a hook after the page events) has a later time, or another size or
  inode.

Reading and hashing every page instead costs about as much as the policy itself on a large site (0.6 s of
CPU for 1,600 pages of 230 kB). The signature is as fine as the file system's clock: a rewrite to the very
same size within one tick of it (a few milliseconds, during the next page's events) would pass unseen;
nothing in this build does that. One :class:`Written` per build (``sources.once_per_build``), so nothing is
kept from one build to the next.
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
        """Files noted, not yet signed (the last one not yet written)."""
        self.files: dict[str, Signature] = {}
        """File (normalised path) -> its signature just after MkDocs wrote it."""

    def note(self, path: str | os.PathLike[str]) -> None:
        """``path`` is about to be written from the output of the page event that calls this."""
        self.pending.append(os.path.normpath(path))

    def settle(self) -> None:
        """Sign every noted file: call from the next page event, right after MkDocs wrote them."""
        for path in self.pending:
            found = signature(path)
            if found is not None:
                self.files[path] = found
        self.pending.clear()

    def abandon(self) -> None:
        """Drop the noted files unsigned (the last page of a language: hooks may have changed it since)."""
        self.pending.clear()

    def unchanged(self, path: str | os.PathLike[str]) -> bool:
        """Whether ``path`` was signed in this build and still has its signature (a noted file not yet
        signed counts as changed)."""
        key = os.path.normpath(path)
        return key in self.files and self.files[key] == signature(key)
