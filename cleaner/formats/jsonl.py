"""JSONL and gzipped JSONL: streamed record by record with a per-record size cap.

A record is a line split on ``\\n`` only (JSON strings may hold U+2028 and friends). A line over the
cap is drained in chunks and reported, never held in memory; a truncated or corrupt gzip stream ends
the file with one error record that says after which line it broke.
"""

from __future__ import annotations

import gzip
import json
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, BinaryIO

from ..errors import DocumentError

GZIP_MAGIC = b"\x1f\x8b"
DRAIN_CHUNK = 1 << 20


@dataclass(frozen=True, slots=True)
class RawLine:
    line: int  # 1-based
    data: bytes | None  # None when ``error`` is set
    error: str | None = None


def open_stream(raw: BinaryIO, gz: bool) -> BinaryIO:
    """Wrap ``raw`` in a gzip reader when ``gz``; refuse a ``.gz`` name that is not gzip."""
    if not gz:
        return raw
    head = raw.peek(2)[:2] if hasattr(raw, "peek") else b""
    if head and head != GZIP_MAGIC:
        raise DocumentError("the file is named .gz but is not gzip data (it starts with "
                            f"{head!r}); rename it to .jsonl if it is plain JSONL")
    return gzip.GzipFile(fileobj=raw, mode="rb")  # type: ignore[return-value]


def iter_lines(stream: BinaryIO, cap: int) -> Iterator[RawLine]:
    """Every record line (without its line break), or an error for an oversized or unreadable one."""
    lineno = 0
    while True:
        try:
            data = stream.readline(cap + 1)
        except (EOFError, OSError, zlib.error) as e:
            yield RawLine(lineno + 1, None, f"the compressed stream is truncated or corrupt after line "
                          f"{lineno} ({type(e).__name__}: {e}); the records before it were cleaned")
            return
        if not data:
            return
        lineno += 1
        if len(data) > cap and not data.endswith(b"\n"):
            total = len(data)
            try:
                while True:
                    chunk = stream.readline(DRAIN_CHUNK)
                    total += len(chunk)
                    if not chunk or chunk.endswith(b"\n"):
                        break
            except (EOFError, OSError, zlib.error) as e:
                yield RawLine(lineno, None, f"record over the {cap:,}-byte limit, then the stream broke "
                              f"({type(e).__name__}: {e})")
                return
            yield RawLine(lineno, None, f"record is over {cap:,} bytes (at least {total:,}); raise "
                          "--max-doc-mb to clean it")
            continue
        if data.endswith(b"\n"):
            data = data[:-1]
        yield RawLine(lineno, data)


def _no_constants(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")


def parse_record(data: bytes, text_field: str, first: bool) -> tuple[dict[str, Any], str]:
    """Parse one line into its object and text; raise :class:`DocumentError` saying what is wrong."""
    if first and data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        line = data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise DocumentError(f"the line is not valid UTF-8 ({e.reason} at byte {e.start})") from e
    if not line.strip():
        raise DocumentError("blank line: no JSON object")
    try:
        obj = json.loads(line, parse_constant=_no_constants)
    except RecursionError as e:
        raise DocumentError("invalid JSON: nested too deeply to parse") from e
    except ValueError as e:
        raise DocumentError(f"invalid JSON: {str(e)[:200]}") from e
    if not isinstance(obj, dict):
        raise DocumentError(f"a JSON {type(obj).__name__ if obj is not None else 'null'}, not an object; "
                            f"each line must be an object with a {text_field!r} field")
    if text_field not in obj:
        keys = ", ".join(sorted(map(str, obj))[:12]) or "none"
        raise DocumentError(f"no {text_field!r} field; the record has keys: {keys} "
                            "(choose the text field with --text-field)")
    text = obj[text_field]
    if not isinstance(text, str):
        kind = "null" if text is None else type(text).__name__
        raise DocumentError(f"the {text_field!r} field is {kind}, not a string")
    return obj, text


def dump_record(obj: dict[str, Any]) -> bytes:
    """One output line; :class:`DocumentError` when a value cannot be written as UTF-8 JSON."""
    try:
        return json.dumps(obj, ensure_ascii=False).encode("utf-8") + b"\n"
    except (UnicodeEncodeError, ValueError) as e:
        raise DocumentError(f"the record cannot be written as UTF-8 JSON: {e}") from e
