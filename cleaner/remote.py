"""Inputs beyond a local folder: a folder URL or a list of files and URLs, opened with fsspec.

* ``IN_DIR`` may be a URL of a folder that fsspec can list: ``s3://bucket/crawl/``,
  ``gs://bucket/dump/``, ``file:///data/in``, ``memory://x`` (``s3://`` needs ``pip install s3fs``,
  ``gs://`` needs ``gcsfs``: fsspec says which package is missing). Every file under it is an input,
  its path relative to the folder is its ``path`` in the report and under OUT_DIR.
* ``IN_DIR`` may be ``@LIST``: a text file with one local path or URL per line (blank lines and lines
  starting with ``#`` are ignored). Each file's ``path`` is its location relative to the deepest
  folder that holds them all (``s3://b/crawl/1/a.warc.gz`` and ``s3://b/crawl/2/b.warc.gz`` ->
  ``1/a.warc.gz`` and ``2/b.warc.gz``); two inputs with the same such path are refused.

OUT_DIR and the report stay local (``-o`` is required with a URL or a list). Files are streamed
(``.jsonl.gz``, WARC) or read up to ``--max-doc-mb`` like local ones; a file that cannot be opened
is that file's ``error`` record. Known limits: the ``memory://`` filesystem lives in one process, so
it works with ``--jobs`` (forked workers copy it) but not on dask workers; remote listings are taken
once at the start; ``--resume`` compares the listing like a local walk.
"""

from __future__ import annotations

import os
import posixpath
import re
from typing import Any, BinaryIO

from .errors import DocumentError, UsageError
from .files import Entry
from .formats import kind_of

URL = re.compile(r"\A[A-Za-z][A-Za-z0-9+.-]*://")
UNSUPPORTED = ("unsupported file type (cleaner reads .txt, .html, .htm, .jsonl, .jsonl.gz, .warc, "
               ".warc.gz, .wet, .wet.gz)")


def is_url(path: str | bytes) -> bool:
    """``s3://b/k`` and ``file:///x`` are URLs; ``/data/in`` and ``C:\\x`` are not.

    >>> is_url("s3://bucket/a"), is_url(b"memory://x"), is_url("/tmp/a"), is_url("a:b")
    (True, True, False, False)
    """
    return bool(URL.match(os.fsdecode(path)))


def is_remote_spec(in_dir: str) -> bool:
    """IN_DIR names a URL or a ``@LIST`` rather than a local folder."""
    return in_dir.startswith("@") or is_url(in_dir)


def _fsspec() -> Any:
    try:
        import fsspec
    except ImportError as e:
        raise UsageError("URL inputs need fsspec: pip install fsspec") from e
    return fsspec


def _url_to_fs(url: str) -> tuple[Any, str]:
    fsspec = _fsspec()
    try:
        return fsspec.core.url_to_fs(url)
    except (ImportError, ValueError) as e:  # e.g. s3fs not installed
        raise UsageError(f"{url}: {e}") from e


def _entry(rel: str, location: str, size: int) -> Entry:
    kind = kind_of(rel)
    return Entry(rel, os.fsencode(location), kind, size, skip=None if kind else UNSUPPORTED)


def walk_spec(in_dir: str) -> list[Entry]:
    """The entries of a folder URL or of a ``@LIST``, sorted by ``rel``."""
    if in_dir.startswith("@"):
        return _walk_list(in_dir[1:])
    fs, root = _url_to_fs(in_dir)
    try:
        if not fs.isdir(root):
            raise UsageError(f"IN_DIR {in_dir!r} is not a folder that can be listed (for single files "
                             "use @LIST, a file with one path or URL per line)")
        found = fs.find(root, detail=True)
    except (OSError, PermissionError) as e:
        raise UsageError(f"IN_DIR {in_dir!r} cannot be listed: {e}") from e
    root = root.rstrip("/")
    entries = [_entry(posixpath.relpath(name, root), fs.unstrip_protocol(name), int(info.get("size") or 0))
               for name, info in found.items() if info.get("type") == "file"]
    return sorted(entries, key=lambda e: e.rel)


def _walk_list(list_path: str) -> list[Entry]:
    try:
        with open(list_path, encoding="utf-8") as f:
            items = [ln.strip() for ln in f if ln.strip() and not ln.lstrip().startswith("#")]
    except OSError as e:
        raise UsageError(f"@{list_path}: cannot read the list of inputs: {e.strerror or e}") from e
    if not items:
        raise UsageError(f"@{list_path}: the list of inputs is empty")
    located: list[tuple[str, str, int]] = []  # (path without protocol, location, size)
    for item in items:
        if is_url(item):
            fs, path = _url_to_fs(item)
            try:
                size = int(fs.size(path) or 0)
            except (OSError, FileNotFoundError):
                size = 0  # reported when opened
            located.append((path, item, size))
        else:
            path = os.path.abspath(item)
            located.append((path, path, os.path.getsize(path) if os.path.isfile(path) else 0))
    parents = [posixpath.dirname(p.replace(os.sep, "/")) for p, _, _ in located]
    common = posixpath.commonpath(parents) if all(p.startswith("/") for p in parents) or \
        not any(p.startswith("/") for p in parents) else ""
    entries, seen = [], set()
    for path, location, size in located:
        norm = path.replace(os.sep, "/")
        rel = posixpath.relpath(norm, common) if common else norm.lstrip("/")
        if rel in seen:
            raise UsageError(f"@{list_path}: two inputs would both be written as {rel!r}")
        seen.add(rel)
        entries.append(_entry(rel, location, size))
    return sorted(entries, key=lambda e: e.rel)


def open_url(url: bytes) -> BinaryIO:
    """Open an input URL for reading; :class:`DocumentError` when it cannot be opened."""
    fsspec = _fsspec()
    try:
        return fsspec.open(os.fsdecode(url), "rb").open()  # type: ignore[no-any-return]
    except (OSError, ValueError, ImportError) as e:
        raise DocumentError(f"cannot open: {e}") from e
