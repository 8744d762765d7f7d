"""Report records (one JSON object per document) and the run summary that decides the exit code."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from .model import CleanResult, EncodingInfo

REPORT_KEYS = ("path", "line", "id", "status", "error", "output", "encoding", "language", "removed",
               "flags", "quality", "chars_in", "chars_out")


def record(path: str, *, line: int | None = None, rec_id: Any = None, status: str = "ok",
           error: str | None = None, output: str | None = None, result: CleanResult | None = None,
           encoding: EncodingInfo | None = None) -> dict[str, Any]:
    """One report record with exactly :data:`REPORT_KEYS`."""
    if status != "ok" and not error:
        raise ValueError("an error or skipped record needs a reason")
    if rec_id is not None and not isinstance(rec_id, (str, int)):
        rec_id = json.dumps(rec_id, ensure_ascii=False)[:200]
    enc = result.encoding if result else encoding
    return {
        "path": path,
        "line": line,
        "id": rec_id,
        "status": status,
        "error": error,
        "output": output,
        "encoding": enc.to_json() if enc else None,
        "language": result.language if result else None,
        "removed": [r.to_json() for r in result.removed] if result else [],
        "flags": [f.to_json() for f in result.flags] if result else [],
        "quality": result.quality.to_json() if result and result.quality else None,
        "chars_in": result.chars_in if result else None,
        "chars_out": (result.chars_out if output is not None else 0) if result else None,
    }


def dumps(rec: dict[str, Any]) -> str:
    """The record as one line; surrogate-escaped path bytes stay escaped (``\\udcff``)."""
    return json.dumps(rec, ensure_ascii=False).encode("utf-8", "backslashreplace").decode("utf-8") + "\n"


@dataclass
class RunSummary:
    """Counts that merge across workers; ``exit_code`` is decided here and only here."""

    ok: int = 0
    error: int = 0
    skipped: int = 0
    bytes_in: int = 0
    bytes_out: int = 0
    spans_removed: int = 0

    def add_record(self, rec: dict[str, Any]) -> None:
        setattr(self, rec["status"], getattr(self, rec["status"]) + 1)
        self.spans_removed += len(rec["removed"])

    def __add__(self, other: RunSummary) -> RunSummary:
        return RunSummary(*(getattr(self, f) + getattr(other, f) for f in self.__dataclass_fields__))

    @property
    def exit_code(self) -> int:
        return 1 if self.error else 0

    def __str__(self) -> str:
        return (f"{self.ok:,} cleaned, {self.error:,} failed, {self.skipped:,} skipped; "
                f"{_size(self.bytes_in)} in, {_size(self.bytes_out)} out, {self.spans_removed:,} spans removed")


def _size(n: int) -> str:
    for unit, scale in (("GB", 1e9), ("MB", 1e6), ("KB", 1e3)):
        if n >= scale:
            return f"{n / scale:.1f} {unit}"
    return f"{n} B"
