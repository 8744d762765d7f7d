"""The audit view in a real browser: headless Chromium (Debian's ``chromium``; .ci/run installs it).

Skipped when /usr/bin/chromium is absent. Drives Chromium over ``--remote-debugging-pipe`` with the
stdlib (tests/chromium.py), so no browser-automation package is needed.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from chromium import Browser, available
from conftest import FIXTURES, run_cli

pytestmark = pytest.mark.skipif(not available(), reason="needs /usr/bin/chromium (apt-get install chromium)")

XSS = "<script>alert(1)</script>"
# JS run in the page
CENTER_OF = """(() => { const e = document.querySelector(%s); e.scrollIntoView({block: 'center'});
  const r = e.getBoundingClientRect(); return [r.x + Math.min(r.width / 2, 40), r.y + r.height / 2]; })()"""
REASON_BARS = """[...document.querySelectorAll('#reasons tr.reason')].map(tr =>
  [tr.querySelector('code').textContent, Number(tr.querySelector('[data-chars]').dataset.chars)])"""
LANG_BARS = "[...document.querySelectorAll('tr.lang')].map(t => [t.dataset.lang, Number(t.dataset.count)])"
STRUCK = """(() => { const out = {}; document.querySelectorAll('#doctext del.rm').forEach(d => {
  if (getComputedStyle(d).textDecorationLine !== 'line-through') throw new Error('not struck');
  out[d.dataset.span] = [d.dataset.reason, (out[d.dataset.span] || ['', ''])[1] + d.textContent]; });
  return Object.values(out); })()"""
XSS_NAME = "<img src=x onerror=alert(2)>.txt"


@pytest.fixture(scope="module")
def browser():
    with Browser(width=1280, height=900) as b:
        # If the page ever ran injected markup, this records it (DevTools scripts bypass the page's CSP).
        b.call("Page.addScriptToEvaluateOnNewDocument", session=True,
               source="window.__alerts = []; window.alert = function (m) { window.__alerts.push(String(m)); };")
        yield b


@pytest.fixture(scope="module")
def fixture_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[dict[str, Any]]]:
    tmp = tmp_path_factory.mktemp("view")
    page = tmp / "fixtures.html"
    proc = run_cli(str(FIXTURES / "articles"), "-o", str(tmp / "out"), "--report", str(tmp / "r.jsonl"),
                   "--html-report", str(page), "-j", "1", "-q")
    assert proc.returncode in (0, 1), proc.stderr
    records = [json.loads(line) for line in (tmp / "r.jsonl").read_text("utf-8").splitlines()]
    return page, records


def open_page(b: Browser, page: Path) -> None:
    b.goto(page.as_uri())
    b.wait_for("window.cleanerView && window.cleanerView.ready")


def click(b: Browser, selector: str) -> None:
    """A real mouse click in the middle of the element (after scrolling it into view)."""
    box = b.eval(CENTER_OF % json.dumps(selector))
    for kind in ("mousePressed", "mouseReleased"):
        b.call("Input.dispatchMouseEvent", session=True, type=kind, x=box[0], y=box[1], button="left",
               clickCount=1)


def test_summary_equals_the_jsonl_report(browser: Browser, fixture_run) -> None:
    page, records = fixture_run
    open_page(browser, page)
    stats = browser.eval("Object.fromEntries([...document.querySelectorAll('[data-stat]')]"
                         ".map(e => [e.dataset.stat, Number(e.dataset.value)]))")
    status = Counter(r["status"] for r in records)
    chars_in = sum(r["chars_in"] or 0 for r in records)
    chars_out = sum(r["chars_out"] or 0 for r in records)
    filtered = sum(bool(r["quality"] and r["quality"].get("filtered")) for r in records)
    assert stats == {
        **({"filtered": filtered} if filtered else {}),
        "docs": len(records), "ok": status["ok"], "error": status["error"], "skipped": status["skipped"],
        "chars_in": chars_in, "chars_out": chars_out, "removed": chars_in - chars_out,
        "mixed_flags": sum(f["kind"] == "mixed_language" for r in records for f in r["flags"]),
        "fixed_docs": sum(bool(r["encoding"] and r["encoding"]["fixes"]) for r in records)}
    # what a reader sees matches too: the card text is the formatted number
    assert browser.eval("document.querySelector('[data-stat=docs]').textContent") == f"{len(records):,}"
    by_reason: Counter[str] = Counter()
    for r in records:
        for s in r["removed"]:
            by_reason[s["reason"]] += s["end"] - s["start"]
    shown = browser.eval(REASON_BARS)
    assert dict(shown) == dict(by_reason) and [c for _, c in shown] == sorted(by_reason.values(), reverse=True)
    bins = [0] * 10
    for r in records:
        if r["quality"]:
            bins[min(9, int(r["quality"]["score"] * 10))] += 1
    assert browser.eval("[...document.querySelectorAll('.hist .col')].map(c => Number(c.dataset.count))") == bins
    langs = Counter(r["language"] or "unknown" for r in records if r["status"] == "ok")
    assert dict(browser.eval(LANG_BARS)) == langs
    assert browser.eval("document.getElementById('pageinfo').textContent").endswith(
        f"{len(records)} of {len(records)} documents")


def test_click_a_document_and_read_the_struck_spans(browser: Browser, fixture_run, tmp_path: Path) -> None:
    page, records = fixture_run
    open_page(browser, page)
    for n, rec in enumerate(records):
        if not rec["removed"]:
            continue
        click(browser, f'#rows tr[data-row="{n}"]')
        name = rec["path"] + (f":{rec['line']}" if rec["line"] else "")
        browser.wait_for(f"location.hash === '#row={n}' && "
                         f"(document.querySelector('#view b') || {{}}).textContent === {json.dumps(name)}")
        struck = browser.eval(STRUCK)
        assert struck == [[s["reason"], s["text"]] for s in rec["removed"]], rec["path"]
        kept = browser.eval("[...document.querySelector('#doctext').childNodes].filter(n => n.nodeName !== 'DEL')"
                            ".map(n => n.textContent).join('')")
        out_dir = page.parent / "out"
        if rec["line"] is None:
            assert kept == (out_dir / rec["output"]).read_text("utf-8")
        # hovering a struck span names its reason id and rule
        click(browser, '#doctext del.rm')
        info = browser.eval("document.getElementById('spaninfo').textContent")
        cleaner, rule = rec["removed"][0]["reason"].split(".", 1)
        assert f"reason {rec['removed'][0]['reason']}" in info and f"rule {rule}" in info and cleaner in info
    shot = browser.screenshot(tmp_path / "view.png")
    assert shot.stat().st_size > 10_000 and shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert browser.eval("window.__alerts") == []


def test_filters_and_sorting(browser: Browser, fixture_run) -> None:
    page, records = fixture_run
    open_page(browser, page)
    if any(r["removed"] for r in records):
        click(browser, "#reasons tr.reason code")
        first = browser.eval("document.querySelector('#reasons tr.reason code').textContent")
        want = sum(any(s["reason"] == first for s in r["removed"]) for r in records)
        assert browser.eval("document.querySelectorAll('#rows tr').length") == want
    click(browser, "#f-reset")
    bins = browser.eval("[...document.querySelectorAll('.hist .col')].map(c => Number(c.dataset.count))")
    busiest = max(range(10), key=lambda i: bins[i])
    click(browser, f'.hist .col[data-bin="{busiest}"]')
    assert browser.eval("document.querySelectorAll('#rows tr').length") == bins[busiest]
    click(browser, "#f-reset")
    browser.eval("(() => { const s = document.getElementById('f-status'); s.value = '0';"
                 " s.dispatchEvent(new Event('change')); })()")
    assert browser.eval("document.querySelectorAll('#rows tr').length") == sum(r["status"] == "ok" for r in records)
    click(browser, "#f-reset")
    click(browser, '#docs th[data-sort="path"]')
    paths = browser.eval("[...document.querySelectorAll('#rows tr')].map(t => Number(t.dataset.row))")
    assert paths == sorted(range(len(records)), key=lambda n: (records[n]["path"], n))


def test_scraped_markup_is_shown_not_run(browser: Browser, make_tree, tmp_path: Path) -> None:
    root = make_tree({"a.txt": f"{XSS}\nA real sentence of the article, long enough to keep.\n△\n",
                      XSS_NAME: "Another real sentence of the article.\n"})
    page = tmp_path / "xss.html"
    proc = run_cli(str(root), "-o", str(tmp_path / "o"), "--report", str(tmp_path / "r.jsonl"),
                   "--html-report", str(page), "-j", "1", "-q")
    assert proc.returncode == 0, proc.stderr
    browser.call("Page.setBypassCSP", session=True, enabled=True)  # prove the escaping, not only the CSP
    try:
        open_page(browser, page)
        paths = [json.loads(line)["path"] for line in (tmp_path / "r.jsonl").read_text("utf-8").splitlines()]
        browser.eval(f"window.cleanerView.show({paths.index('a.txt')})")
        assert browser.eval("document.getElementById('doctext').textContent").startswith(XSS)
        names = browser.eval("[...document.querySelectorAll('#rows td:first-child')].map(t => t.textContent)")
        assert any(XSS_NAME in n for n in names)
        assert browser.eval("document.scripts.length") == 3
        assert browser.eval("document.querySelectorAll('img, iframe, object, embed').length") == 0
        assert browser.eval("window.__alerts") == []
        assert not [e for e in browser.events if e["method"] == "Page.javascriptDialogOpening"]
    finally:
        browser.call("Page.setBypassCSP", session=True, enabled=False)


MARKS = """(() => { const pick = sel => [...document.querySelectorAll('#doctext ' + sel)].map(e => e.textContent);
  return {del: pick('del.rm'), u: pick('u.flag'), mark: pick('mark.fix'),
          all: document.getElementById('doctext').textContent}; })()"""


def test_offsets_are_code_points_and_layers_nest(browser: Browser, tmp_path: Path) -> None:
    """Emoji (two UTF-16 units) before the spans; a fix inside a removal; a flag after them."""
    from cleaner.report import REPORT_KEYS
    from cleaner.view import write_view

    source = "😀 Caf\u00e9 news\n𝔘ber ad line\nKept text here.\n"
    out_text = "😀 Caf\u00e9 news\nKept text here.\n"
    cut = source.index("𝔘")
    end = source.index("Kept")
    kept = out_text.index("Kept")
    rec = {k: None for k in REPORT_KEYS}
    rec.update(path="a.txt", status="ok", output="a.txt", language="en", chars_in=len(source),
               chars_out=len(out_text),
               removed=[{"start": cut, "end": end, "reason": "residue.ad", "text": source[cut:end]}],
               flags=[{"start": end, "end": end + 4, "kind": "mixed_language", "lang": "de", "score": 0.8,
                       "text": "Kept"}],
               encoding={"detected": "cp1252", "fixes": [{"start": 2, "end": 6, "kind": "mojibake", "detail": ""},
                                                       {"start": cut, "end": cut + 3, "kind": "mojibake",
                                                        "detail": ""}]})
    out = tmp_path / "out"
    out.mkdir()
    (out / "a.txt").write_text(out_text, "utf-8")
    (tmp_path / "r.jsonl").write_text(json.dumps(rec, ensure_ascii=False) + "\n", "utf-8")
    write_view(str(tmp_path / "r.jsonl"), str(tmp_path / "v.html"), str(out))
    assert out_text[kept:kept + 4] == "Kept"
    open_page(browser, tmp_path / "v.html")
    marks = browser.eval(MARKS)
    assert marks == {"del": ["𝔘be", "r ad line\n"], "u": ["Kept"], "mark": ["Caf\u00e9", "𝔘be"], "all": source}
