"""Turn a :class:`~cleaner.view.data.Report` into one self-contained HTML page.

The summary is static HTML (every value escaped with :func:`html.escape`); the rows travel as one JSON
object inside ``<script type="application/json">``, a data block the browser never executes, with
every ``<`` written as ``\\u003c`` so no text can close the element; the sampled documents travel
gzipped and base64-encoded (no ``<`` at all), one a line, in a second data block. The page's script reads them with
``JSON.parse`` and puts document text into the page with ``textContent`` only, never as markup: a
scraped ``<script>`` is shown, not run. A Content-Security-Policy allows only the page's own script
(by hash) and no network at all.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import html
import json
import re
from importlib import resources
from typing import Any

from .. import __version__
from .data import QUALITY_BINS, STATUSES, Report, Summary

_MARK = re.compile(r"\{\{([A-Z]+)\}\}")
_SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)


def template() -> str:
    return resources.files("cleaner").joinpath("data/view.html").read_text("utf-8")


def page(report: Report, title: str) -> bytes:
    """The whole page as UTF-8 bytes (lone surrogates of undecodable names as ``\\udcXX``)."""
    payload = {"version": __version__, "reasons": report.reasons, "statuses": list(STATUSES),
               "rows": report.rows}
    data = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")
    tpl = template()
    parts = {"TITLE": _e(title), "SUMMARY": summary_html(report), "DATA": data, "DOCS": pack_docs(report.docs),
             "CSP": script_hashes(tpl)}
    text = _MARK.sub(lambda m: parts[m.group(1)], tpl)
    return text.encode("utf-8", "backslashreplace")


def pack_docs(docs: list[dict[str, Any]]) -> str:
    """The sampled documents, one line each: base64 of gzipped JSON, about a third of the size of plain
    JSON. The page unpacks a document (``DecompressionStream``) only when it is shown, so opening the
    page costs nothing per document; gzip level 1 keeps generation fast."""
    return "\n".join(
        base64.b64encode(gzip.compress(json.dumps(doc, ensure_ascii=False, separators=(",", ":"))
                                       .encode("utf-8", "backslashreplace"), compresslevel=1, mtime=0)).decode("ascii")
        for doc in docs)


def script_hashes(tpl: str) -> str:
    """CSP sources that allow exactly the page's own inline scripts (by SHA-256), nothing injected."""
    return " ".join("'sha256-" + base64.b64encode(hashlib.sha256(m.group(1).encode()).digest()).decode() + "'"
                    for m in _SCRIPT.finditer(tpl))


def _e(value: Any) -> str:
    return html.escape(str(value), quote=True)


def _n(value: int) -> str:
    return f"{value:,}"


def _pct(part: float, whole: float) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "0.0%"


def _stat(key: str, value: int | float, label: str, shown: str | None = None) -> str:
    return (f'<div class="card"><b data-stat="{key}" data-value="{value}">{_e(shown or _n(int(value)))}</b>'
            f'<span>{_e(label)}</span></div>')


def summary_html(report: Report) -> str:
    s = report.summary
    removed = s.chars_in - s.chars_out
    cards = [
        _stat("docs", s.docs, "documents"),
        _stat("ok", s.status["ok"], "ok"),
        _stat("error", s.status["error"], "error"),
        _stat("skipped", s.status["skipped"], "skipped"),
        _stat("chars_in", s.chars_in, "characters in"),
        _stat("chars_out", s.chars_out, "characters out"),
        _stat("removed", removed, f"removed ({_pct(removed, s.chars_in)})"),
        _stat("mixed_flags", s.mixed_flags, f"mixed-language flags ({_n(s.mixed_docs)} docs)"),
        _stat("fixed_docs", s.fixed_docs, f"docs with encoding fixes ({_n(sum(s.fix_kinds.values()))} fixes)"),
    ]
    if s.filtered:
        cards.insert(4, _stat("filtered", s.filtered, "ok but left out by --min-quality"))
    blocks = [f'<div class="cards">{"".join(cards)}</div>', '<div class="charts">',
              _reasons(s, report.reasons), _histogram(s), _languages(s)]
    if s.slowest:
        blocks.append(_slowest(s, report.rows))
    blocks.append("</div>")
    if s.errors:
        blocks.append(_errors(s, report.rows))
    if report.missing_outputs:
        blocks.append(f'<p class="note">{_n(report.missing_outputs)} sampled outputs were not found or did '
                      "not match; those documents show their removed spans only.</p>")
    return "\n".join(blocks)


def _reasons(s: Summary, reasons: list[str]) -> str:
    rows = []
    top = max(s.reason_chars.values(), default=0)
    for reason, chars in sorted(s.reason_chars.items(), key=lambda kv: (-kv[1], kv[0])):
        idx = reasons.index(reason)
        width = 100 * chars / top if top else 0
        rows.append(
            f'<tr class="reason" data-reason="{idx}" title="show the documents with {_e(reason)}">'
            f'<td><span class="sw" style="--h:{idx}"></span><code>{_e(reason)}</code></td>'
            f'<td class="barcell"><span class="bar" style="width:{width:.1f}%;--h:{idx}"></span></td>'
            f'<td class="num" data-chars="{chars}">{_n(chars)}</td><td class="num">{_pct(chars, s.chars_in)}</td>'
            f'<td class="num" data-spans="{s.reason_spans[reason]}">{_n(s.reason_spans[reason])}</td>'
            f'<td class="num">{_n(s.reason_docs[reason])}</td></tr>')
    body = "".join(rows) or '<tr><td colspan="6">nothing was removed</td></tr>'
    return ('<figure id="reasons"><figcaption>Removed characters by reason (share of all characters in; '
            'click a reason to list its documents)</figcaption><table class="bars"><thead><tr><th>reason id'
            '</th><th></th><th>chars</th><th>share</th><th>spans</th><th>docs</th></tr></thead>'
            f"<tbody>{body}</tbody></table></figure>")


def _histogram(s: Summary) -> str:
    top = max(s.quality_bins, default=0)
    cols = []
    for i, count in enumerate(s.quality_bins):
        lo, hi = i / QUALITY_BINS, (i + 1) / QUALITY_BINS
        height = 100 * count / top if top else 0
        cols.append(f'<div class="col" data-bin="{i}" data-count="{count}" data-lo="{lo:g}" '
                    f'title="quality {lo:.1f}-{hi:.1f}: {_n(count)} documents">'
                    f'<span class="cnt">{_n(count)}</span><span class="vbar" style="height:{height:.1f}%"></span>'
                    f'<span class="lab">{lo:.1f}</span></div>')
    note = f' ({_n(s.no_quality)} ok documents without a score)' if s.no_quality else ""
    return (f'<figure id="quality"><figcaption>Quality scores{_e(note)}; click a bar to filter</figcaption>'
            f'<div class="hist">{"".join(cols)}</div></figure>')


def _languages(s: Summary) -> str:
    items = s.languages.most_common()
    shown, other = items[:12], sum(c for _, c in items[12:])
    top = max((c for _, c in shown), default=0)
    rows = [f'<tr class="lang" data-lang="{_e(lang)}" data-count="{count}"><td><code>{_e(lang)}</code></td>'
            f'<td class="barcell"><span class="bar lb" style="width:{100 * count / top:.1f}%"></span></td>'
            f'<td class="num">{_n(count)}</td></tr>' for lang, count in shown]
    if other:
        rows.append(f'<tr><td>{len(items) - 12} others</td><td></td><td class="num">{_n(other)}</td></tr>')
    kinds = ", ".join(f"{_e(k)}: {_n(v)}" for k, v in sorted(s.flag_kinds.items(), key=lambda kv: str(kv[0])))
    return ('<figure id="languages"><figcaption>Document languages (ok documents)</figcaption><table class="bars">'
            f'<tbody>{"".join(rows)}</tbody></table><p class="note">Flags by kind: {kinds or "none"}</p></figure>')


def _row_label(row: list[Any]) -> str:
    path, line = row[0], row[1]
    return f"{path}:{line}" if line is not None else str(path)


def _slowest(s: Summary, rows: list[list[Any]]) -> str:
    items = "".join(f'<li><a href="#" data-row="{n}">{_e(_row_label(rows[n]))}</a> {sec:.3f} s</li>'
                    for sec, n in sorted(s.slowest, reverse=True))
    return f'<figure id="slowest"><figcaption>Slowest documents</figcaption><ol>{items}</ol></figure>'


def _errors(s: Summary, rows: list[list[Any]]) -> str:
    shown = s.errors[:100]
    items = "".join(f'<li><a href="#" data-row="{n}">{_e(_row_label(rows[n]))}</a>: '
                    f'<span class="err">{_e(rows[n][12] or "")}</span></li>' for n in shown)
    more = (f'<p class="note">{_n(len(s.errors) - len(shown))} more: filter the list by status '
            '"error".</p>' if len(s.errors) > len(shown) else "")
    return (f'<details id="errors" open><summary>{_n(len(s.errors))} documents failed</summary>'
            f"<ul>{items}</ul>{more}</details>")
