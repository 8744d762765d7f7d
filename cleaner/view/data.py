"""Read a JSONL report into what the audit view shows: compact rows, a summary and a sample of
documents with their source text rebuilt.

The report holds no source text. A sampled document's source is rebuilt from its OUTPUT text and its
removed spans: walking the spans in order, each span's ``text`` is put back at its ``start``
(``source = out[:s0] + text0 + out[s0:...]``). The result is used only when it is consistent (its
length equals ``chars_in`` and every span's ``text`` has ``end - start`` characters); otherwise, or
when the output is missing (``--dry-run``, a moved OUT_DIR, a record in error), the document is shown
as its list of removed spans.

Memory is bounded by the rows (a few hundred bytes per document) plus the sampled documents: the
report is read twice, the second time parsing only the sampled lines.
"""

from __future__ import annotations

import gzip
import heapq
import json
import os
import random
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from ..errors import UsageError

STATUSES = ("ok", "error", "skipped")
MIXED = "mixed_language"
QUALITY_BINS = 10
ROW_SNIPPET_BUDGET = 4_000_000
"""Characters of removed-span excerpts kept over all rows (so 100,000 rows stay small)."""
MAX_ROW_SNIPPET = 160
"""At most this many excerpt characters per row, whatever the budget."""
MAX_ROW_SNIPPETS = 6
"""At most this many removed spans are excerpted per row (each costs ~25 bytes besides its text)."""
MAX_DOC_CHARS = 100_000
"""A sampled document's text (or its removed spans' texts together) is cut at this many code points:
the documents with the most removed text are also the longest, and 200 of them must stay a few MB."""


@dataclass
class Summary:
    """Run-wide counts, all computed from the report alone."""

    docs: int = 0
    status: Counter[str] = field(default_factory=Counter)
    chars_in: int = 0
    chars_out: int = 0
    reason_chars: Counter[str] = field(default_factory=Counter)
    reason_spans: Counter[str] = field(default_factory=Counter)
    reason_docs: Counter[str] = field(default_factory=Counter)
    quality_bins: list[int] = field(default_factory=lambda: [0] * QUALITY_BINS)
    no_quality: int = 0
    languages: Counter[str] = field(default_factory=Counter)
    flag_kinds: Counter[str] = field(default_factory=Counter)
    mixed_flags: int = 0
    mixed_docs: int = 0
    fix_kinds: Counter[str] = field(default_factory=Counter)
    fixed_docs: int = 0
    filtered: int = 0  # ok documents left out by --min-quality (``quality.filtered``)
    slowest: list[tuple[float, int]] = field(default_factory=list)  # (seconds, row) heap of the top 10
    errors: list[int] = field(default_factory=list)  # rows in error


@dataclass
class Report:
    """Everything the page needs: ``rows`` for every document, ``docs`` for the sample."""

    summary: Summary
    rows: list[list[Any]]
    reasons: list[str]
    docs: list[dict[str, Any]]
    missing_outputs: int = 0


def reason_index(reasons: dict[str, int], reason: str) -> int:
    idx = reasons.get(reason)
    if idx is None:
        idx = reasons[reason] = len(reasons)
    return idx


def _iter_report(path: str) -> Iterator[tuple[int, int, bytes]]:
    """``(record number, byte offset, line)`` of every non-blank line."""
    with open(path, "rb") as f:
        n = offset = 0
        for line in f:
            if line.strip():
                yield n, offset, line
                n += 1
            offset += len(line)


def _read_lines(path: str, offsets: list[int]) -> Iterator[bytes]:
    with open(path, "rb") as f:
        for offset in offsets:
            f.seek(offset)
            yield f.readline()


def _timing(rec: dict[str, Any]) -> float | None:
    """Seconds spent on the document, if a future report records them (``seconds``)."""
    sec = rec.get("seconds")
    return float(sec) if isinstance(sec, (int, float)) and not isinstance(sec, bool) else None


def load(report_path: str, out_dir: str | None, *, top: int = 200, random_docs: int = 200,
         seed: int = 0, text_field: str = "text") -> Report:
    """Read the report (and the sampled outputs under ``out_dir``) into a :class:`Report`."""
    summary = Summary()
    reasons: dict[str, int] = {}
    rows: list[list[Any]] = []
    ordinals: list[int] = []  # a JSONL output's ok records, counted per output path
    per_output: Counter[str] = Counter()
    heaviest: list[tuple[int, int]] = []  # min-heap of (removed chars, -row) of the `top` heaviest
    eligible: list[int] = []
    offsets: list[int] = []
    for n, offset, line in _iter_report(report_path):
        offsets.append(offset)
        try:
            rec = json.loads(line)
            rows.append(_row(rec, n, summary, reasons))
        except (ValueError, KeyError, TypeError, AttributeError) as e:
            raise UsageError(f"{report_path} record {n + 1} is not a cleaner report record "
                             f"({type(e).__name__}: {e})") from e
        out = rec.get("output")
        ordinals.append(per_output[out] if out else -1)
        if out and rec.get("status") == "ok":
            per_output[out] += 1
        if rec.get("status") == "ok":
            eligible.append(n)
            item = (rows[-1][R_RM], -n)
            if len(heaviest) < top:
                heapq.heappush(heaviest, item)
            elif top and item > heaviest[0]:
                heapq.heapreplace(heaviest, item)
    if len(rows) * MAX_ROW_SNIPPET > ROW_SNIPPET_BUDGET:
        _trim_snippets(rows, ROW_SNIPPET_BUDGET // len(rows))
    chosen = {-m for size, m in heaviest if size > 0}
    rest = [n for n in eligible if n not in chosen]
    chosen.update(random.Random(seed).sample(rest, min(random_docs, len(rest))))
    sample = sorted(chosen)
    lines = _read_lines(report_path, [offsets[n] for n in sample])
    recs = {n: json.loads(line) for n, line in zip(sample, lines, strict=True)}
    texts, missing = _outputs(recs, ordinals, out_dir, text_field)
    docs = []
    for n in sample:
        rows[n][R_DOC] = len(docs)
        docs.append(document(recs[n], n, texts.get(n), reasons))
    return Report(summary, rows, list(reasons), docs, missing)


# Row columns (the page's JS uses the same indices).
(R_PATH, R_LINE, R_ID, R_STATUS, R_LANG, R_Q, R_IN, R_OUT, R_RM, R_REASONS, R_FLAGS, R_MIXED, R_ERR,
 R_DOC, R_SEC, R_SNIP, R_FIXES, R_FILTERED) = range(18)


def _trim_snippets(rows: list[list[Any]], limit: int) -> None:
    """Keep at most ``limit`` excerpt characters per row."""
    for row in rows:
        budget, kept = limit, []
        for snip in row[R_SNIP]:
            if budget <= 0:
                break
            kept.append([*snip[:3], snip[3][:budget]])
            budget -= len(snip[3])
        row[R_SNIP] = kept


def _row(rec: dict[str, Any], n: int, s: Summary, reasons: dict[str, int]) -> list[Any]:
    status = rec.get("status") or "ok"
    s.docs += 1
    s.status[status] += 1
    cin, cout = rec.get("chars_in") or 0, rec.get("chars_out") or 0
    s.chars_in += cin
    s.chars_out += cout
    by_name: dict[str, list[int]] = {}  # reason -> [chars, spans]
    snippets: list[list[Any]] = []
    budget = MAX_ROW_SNIPPET
    for r in rec.get("removed") or ():
        start, end, name = r["start"], r["end"], r["reason"]
        agg = by_name.get(name)
        if agg is None:
            agg = by_name[name] = [0, 0]
        agg[0] += end - start
        agg[1] += 1
        if budget > 0 and len(snippets) < MAX_ROW_SNIPPETS:
            text = (r.get("text") or "")[:budget]
            budget -= len(text)
            snippets.append([name, start, end, text])
    by_reason = []
    for name, (chars, spans) in by_name.items():
        s.reason_chars[name] += chars
        s.reason_spans[name] += spans
        s.reason_docs[name] += 1
        by_reason.append([reason_index(reasons, name), chars, spans])
    for snip in snippets:
        snip[0] = reasons[snip[0]]
    q = rec.get("quality")
    score = q.get("score") if isinstance(q, dict) else None
    filtered = q.get("filtered") if isinstance(q, dict) else None
    s.filtered += bool(filtered)
    if isinstance(score, (int, float)):
        s.quality_bins[min(QUALITY_BINS - 1, max(0, int(score * QUALITY_BINS)))] += 1
    elif status == "ok":
        s.no_quality += 1
    lang = rec.get("language")
    if status == "ok":
        s.languages[lang or "unknown"] += 1
    flags = rec.get("flags") or ()
    mixed = 0
    for f in flags:
        s.flag_kinds[f.get("kind")] += 1
        mixed += f.get("kind") == MIXED
    s.mixed_flags += mixed
    s.mixed_docs += mixed > 0
    fixes = (rec.get("encoding") or {}).get("fixes") or ()
    for fx in fixes:
        s.fix_kinds[fx.get("kind")] += 1
    s.fixed_docs += bool(fixes)
    sec = _timing(rec)
    if sec is not None:
        (heapq.heappush if len(s.slowest) < 10 else heapq.heappushpop)(s.slowest, (sec, n))
    if status == "error":
        s.errors.append(n)
    removed = sum(v[1] for v in by_reason)
    by_reason.sort(key=lambda v: -v[1])
    return [rec.get("path"), rec.get("line"), rec.get("id"), STATUSES.index(status) if status in STATUSES else 1,
            lang, score if isinstance(score, (int, float)) else None, cin, cout, removed, by_reason, len(flags),
            mixed, rec.get("error"), -1, sec, snippets, len(fixes), filtered or None]


def rebuild_source(output: str, removed: list[dict[str, Any]], chars_in: int | None) -> str | None:
    """The source text: ``output`` with every removed span's text put back at its offset.

    >>> rebuild_source("keep keep", [{"start": 5, "end": 9, "text": "cut "}], 13)
    'keep cut keep'
    >>> rebuild_source("keep keep", [{"start": 5, "end": 9, "text": "cut "}], 99) is None
    True
    """
    parts: list[str] = []
    o = s = 0
    for r in sorted(removed, key=lambda r: r["start"]):
        keep = r["start"] - s
        text = r.get("text") or ""
        if keep < 0 or len(text) != r["end"] - r["start"] or o + keep > len(output):
            return None
        parts.append(output[o:o + keep])
        parts.append(text)
        o += keep
        s = r["end"]
    parts.append(output[o:])
    source = "".join(parts)
    return source if chars_in is None or len(source) == chars_in else None


def document(rec: dict[str, Any], n: int, output: str | None, reasons: dict[str, int]) -> dict[str, Any]:
    """A sampled document's payload: its source text (``src``) and spans ``rm``/``fl``/``fx`` in
    code-point offsets, or (``mode`` "spans") its removed spans' texts alone."""
    removed = rec.get("removed") or []
    rm = [[r["start"], r["end"], reasons[r["reason"]], r.get("detail") or ""] for r in removed]
    fl = [[f["start"], f["end"], f.get("kind") or "", f.get("lang"), f.get("score"), f.get("text") or ""]
          for f in rec.get("flags") or ()]
    fx = [[x["start"], x["end"], x.get("kind") or "", x.get("detail") or ""]
          for x in (rec.get("encoding") or {}).get("fixes") or ()]
    q = rec.get("quality") if isinstance(rec.get("quality"), dict) else None
    doc: dict[str, Any] = {"row": n, "rm": rm, "fl": fl, "fx": fx, "sig": (q or {}).get("signals") or {},
                           "cfg": (q or {}).get("config"), "enc": (rec.get("encoding") or {}).get("detected")}
    source = rebuild_source(output, removed, rec.get("chars_in")) if output is not None else None
    if source is None:
        doc["mode"] = "spans"
        filtered = (q or {}).get("filtered")
        doc["why"] = (f"left out by --min-quality ({filtered})" if filtered else
                      "no output (dry run, error, or OUT_DIR not found)" if output is None else
                      "the output does not match the report (was OUT_DIR changed?)")
        doc["texts"], budget = [], MAX_DOC_CHARS
        for r in removed:
            doc["texts"].append((r.get("text") or "")[:max(0, budget)])
            budget -= len(doc["texts"][-1])
        doc["cut"] = MAX_DOC_CHARS if budget <= 0 else 0
        return doc
    doc["mode"] = "full"
    doc["cut"] = MAX_DOC_CHARS if len(source) > MAX_DOC_CHARS else 0
    doc["src"] = source[:MAX_DOC_CHARS]  # the page cuts it into pieces at the span offsets
    return doc


def _outputs(recs: dict[int, dict[str, Any]], ordinals: list[int], out_dir: str | None,
             text_field: str) -> tuple[dict[int, str], int]:
    """The cleaned text of each sampled document, read from ``out_dir``; and how many were missing."""
    texts: dict[int, str] = {}
    missing = 0
    if out_dir is None:
        return texts, sum(1 for r in recs.values() if r.get("output"))
    jsonl_wanted: dict[str, dict[int, int]] = {}
    for n, rec in recs.items():
        out = rec.get("output")
        if not out or rec.get("status") != "ok":
            continue
        if out.endswith((".jsonl", ".jsonl.gz")):
            jsonl_wanted.setdefault(out, {})[ordinals[n]] = n
            continue
        try:
            with open(os.path.join(os.fsencode(out_dir), os.fsencode(out)), "rb") as f:
                texts[n] = f.read().decode("utf-8")
        except (OSError, UnicodeDecodeError):
            missing += 1
    for out, wanted in jsonl_wanted.items():
        got = _jsonl_texts(os.path.join(os.fsencode(out_dir), os.fsencode(out)), wanted)
        for ordinal, n in wanted.items():
            obj = got.get(ordinal)
            text = obj.get(text_field) if obj is not None else None
            rec_id = recs[n].get("id")
            oid = obj.get("id") if obj is not None else None
            if not isinstance(text, str) or (isinstance(oid, (str, int)) and rec_id is not None and oid != rec_id):
                missing += 1
                continue
            texts[n] = text
    return texts, missing


def _jsonl_texts(path: bytes, wanted: dict[int, int]) -> dict[int, dict[str, Any]]:
    """The records at the ``wanted`` 0-based line numbers of a JSONL(.gz) output; only those are parsed."""
    got: dict[int, dict[str, Any]] = {}
    last = max(wanted)
    try:
        raw = open(path, "rb")
    except OSError:
        return got
    with raw:
        stream = gzip.GzipFile(fileobj=raw, mode="rb") if path.endswith(b".gz") else raw
        try:
            for i, line in enumerate(stream):
                if i in wanted:
                    try:
                        obj = json.loads(line)
                    except ValueError:
                        continue
                    if isinstance(obj, dict):
                        got[i] = obj
                if i >= last:
                    break
        except (OSError, EOFError):
            pass
    return got
