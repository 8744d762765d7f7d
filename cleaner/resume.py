"""The report being written, and with ``--resume`` a journal of finished input files.

The driver writes the report in walk order, file after file, into ``REPORT.part``; it is renamed over
``REPORT`` only when the run ends. With ``--resume`` every finished file also appends one line to
``REPORT.journal``, *after* its report lines were flushed::

    {"cleaner_journal": 1, "fingerprint": "...", "in": "...", "out": "...", "dry_run": false}  # header
    {"rel": "a/b.txt", "end": 1234, "summary": [1, 0, 0, 512, 498, 2]}                        # one per file

``end`` is the size of ``REPORT.part`` once that file's lines were in it. When the run is killed
(even ``kill -9``) and the same command is given again with ``--resume``:

* the journal is read up to its last complete line; a line whose ``end`` lies past the end of the
  part file (its lines never reached the disk) ends it;
* ``REPORT.part`` is cut back to the last journalled ``end``, so no partial or duplicate report line
  survives;
* the journalled files are not cleaned again (their outputs were renamed into place before their
  lines were written); every other file is cleaned, its output replaced atomically;
* leftover temporary outputs (``.cleaner-<hash>-<pid>.part``) of the killed run are removed from
  OUT_DIR (:func:`sweep_partials`), so no partial output file remains.

Known limits: the journalled files are always a prefix of the walk, so with ``--jobs N`` up to a few
chunks of files that workers finished but the driver had not yet written are cleaned again (same
bytes). A journal written by another command (other IN_DIR, OUT_DIR, options) or for an IN_DIR whose
file list changed is refused with a usage error: run without ``--resume`` to start over. Do not run
two commands with the same OUT_DIR at once. Without ``--resume`` no journal is kept and the part file
is named after the process id, as before.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
from collections.abc import Iterable, Sequence
from typing import IO, Any

from .errors import UsageError
from .report import RunSummary

JOURNAL_VERSION = 1
PARTIAL_NAME = re.compile(rb"\A\.cleaner-[0-9a-f]{12}-\d+\.part\Z")


class ReportWriter:
    """Write the report (and, when ``resume``, the journal); :meth:`finish` publishes it."""

    def __init__(self, report_path: str, header: dict[str, Any], rels: Sequence[str], *,
                 resume: bool = False) -> None:
        self.report_path = report_path
        self.resume = resume
        self.done: set[str] = set()
        self.summary = RunSummary()
        self.journal: IO[str] | None = None
        self.finished = False
        head = {"cleaner_journal": JOURNAL_VERSION, **header}
        if not resume:
            self.part = os.path.join(os.path.dirname(os.path.abspath(report_path)),
                                     f".cleaner-report-{os.getpid()}.part")
            self.rep: IO[bytes] = open(self.part, "wb")
            return
        self.part = report_path + ".part"
        self.journal_path = report_path + ".journal"
        end = self._load(head, rels)
        if end is None:  # a fresh start
            self.rep = open(self.part, "wb")
            self.journal = open(self.journal_path, "w", encoding="utf-8")
            self.journal.write(json.dumps(head, sort_keys=True) + "\n")
            self.journal.flush()
            return
        self.rep = open(self.part, "r+b")
        self.rep.truncate(end)
        self.rep.seek(end)
        self.journal = open(self.journal_path, "a", encoding="utf-8")

    # -- loading an interrupted run -----------------------------------------------------------
    def _load(self, head: dict[str, Any], rels: Sequence[str]) -> int | None:
        """Read the journal; return the report offset to continue from, or None to start fresh."""
        try:
            with open(self.journal_path, encoding="utf-8") as f:
                raw = f.read()
            size = os.path.getsize(self.part)
        except FileNotFoundError:
            return None
        lines = raw.split("\n")
        if not raw.endswith("\n"):
            lines = lines[:-1]  # a line cut by the kill
        lines = [ln for ln in lines if ln]
        if not lines:
            return None
        try:
            found = json.loads(lines[0])
        except ValueError:
            found = None
        if found != json.loads(json.dumps(head, sort_keys=True)):
            raise UsageError(f"--resume: {self.journal_path} was written by a different command (other "
                             "folders, options or cleaner version); run without --resume to start over")
        end = 0
        done: list[str] = []
        for ln in lines[1:]:
            try:
                rec = json.loads(ln)
                rel, rec_end, counts = rec["rel"], int(rec["end"]), rec["summary"]
            except (ValueError, KeyError, TypeError):
                break
            if rec_end > size:
                break
            done.append(rel)
            end = rec_end
            self.summary = self.summary + RunSummary(*counts)
        if list(rels[:len(done)]) != done:
            raise UsageError("--resume: the files in IN_DIR changed since the interrupted run; run "
                             "without --resume to start over")
        self.done = set(done)
        # rewrite the journal without any torn or unconfirmed tail
        with open(self.journal_path, "w", encoding="utf-8") as f:
            f.write("\n".join(lines[:1 + len(done)]) + "\n")
        return end

    # -- writing ------------------------------------------------------------------------------
    def add(self, rel: str, lines: Iterable[str], summary: RunSummary) -> None:
        """Write one finished file's report lines, then journal it."""
        for line in lines:
            self.rep.write(line.encode("utf-8"))
        self.summary = self.summary + summary
        if self.journal is not None:
            self.rep.flush()
            counts = [getattr(summary, f) for f in summary.__dataclass_fields__]
            self.journal.write(json.dumps({"rel": rel, "end": self.rep.tell(), "summary": counts})
                               + "\n")
            self.journal.flush()

    def finish(self) -> None:
        """Publish the report and drop the journal."""
        self.rep.close()
        os.replace(self.part, self.report_path)
        self.finished = True
        if self.journal is not None:
            self.journal.close()
            os.unlink(self.journal_path)

    def close(self) -> None:
        """After :meth:`finish`, nothing; otherwise keep the journal and part file for ``--resume``,
        or remove the part file of a run that cannot be resumed."""
        if self.finished:
            return
        with contextlib.suppress(OSError):
            self.rep.close()
        if self.journal is not None:
            with contextlib.suppress(OSError):
                self.journal.close()
        else:
            with contextlib.suppress(OSError):
                os.unlink(self.part)


def sweep_partials(out_dir: str) -> int:
    """Remove temporary outputs (``.cleaner-<12 hex>-<pid>.part``) left under ``out_dir`` by a
    killed process or worker; return how many. Nothing else is touched; links are not followed."""
    removed = 0
    stack = [os.fsencode(out_dir)]
    while stack:
        d = stack.pop()
        try:
            with os.scandir(d) as it:
                children = list(it)
        except OSError:
            continue
        for c in children:
            if c.is_dir(follow_symlinks=False):
                stack.append(c.path)
            elif PARTIAL_NAME.match(c.name) and c.is_file(follow_symlinks=False):
                with contextlib.suppress(OSError):
                    os.unlink(c.path)
                    removed += 1
    return removed
