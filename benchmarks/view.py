"""Benchmark the audit view on a 10,000-document run: generation time against the run's time, file
size, and how fast headless Chromium opens the page and answers clicks.

    python benchmarks/view.py                 # 10,000 documents, -j 2
    python benchmarks/view.py --docs 2000 --keep /tmp/viewbench

Documents are the ``naive_text`` of ../shared/eval/extraction-dev.jsonl.gz (pages as text, template
lines and comments included), repeated to ``--docs`` files with a distinct first line each. Exits 0
with a message when the eval data is absent. Chromium timings are skipped without /usr/bin/chromium.
Targets (issue 9): opens and interactive < 2 s, file < 20 MB, generation < 5% of the run.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "eval" / "extraction-dev.jsonl.gz"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))


def make_corpus(dest: Path, docs: int) -> int:
    texts = []
    with gzip.open(DATA, "rt", encoding="utf-8") as f:
        for line in f:
            text = json.loads(line).get("naive_text") or ""
            if text.strip():
                texts.append(text)
    total = 0
    for i in range(docs):
        d = dest / f"part{i // 1000:02}"
        d.mkdir(parents=True, exist_ok=True)
        body = f"Document {i} of the benchmark.\n" + texts[i % len(texts)]
        (d / f"doc{i:05}.txt").write_text(body, "utf-8")
        total += len(body)
    return total


def browser_timings(page: Path, runs: int) -> dict[str, float]:
    from chromium import Browser, available

    if not available():
        return {}
    opened, ready, listed, show, filt, sort = [], [], [], [], [], []
    with Browser(width=1280, height=900, timeout=60) as b:
        for _ in range(runs):
            b.goto("about:blank")
            start = time.perf_counter()
            b.call("Page.navigate", session=True, url=page.as_uri())
            b.wait_for("window.cleanerView && window.cleanerView.ready", timeout=60)
            opened.append(time.perf_counter() - start)
            ready.append(b.eval("window.cleanerView.readyAt") / 1000)
            listed.append(b.eval("window.cleanerView.listAt") / 1000)
            # a sampled document not shown yet: unpacked, cut into pieces and drawn
            show.append(b.eval("(async () => { const v = window.cleanerView, rows = v.data.rows;"
                               " const n = rows.findIndex((r, i) => r[13] >= 0 && i !== v.state.sel);"
                               " const t = performance.now(); await v.show(n); return performance.now() - t; })()")
                        / 1000)
            filt.append(b.eval("(() => { const t = performance.now(); const s = document.getElementById('f-reason');"
                               " s.value = '0'; s.dispatchEvent(new Event('change'));"
                               " return performance.now() - t; })()") / 1000)
            sort.append(b.eval("(() => { const t = performance.now();"
                               " document.querySelector('#docs th[data-sort=path]').click();"
                               " return performance.now() - t; })()") / 1000)
    return {"open_wall_s": statistics.median(opened), "ready_in_page_s": statistics.median(ready),
            "list_in_page_s": statistics.median(listed),
            "show_doc_s": statistics.median(show), "filter_s": statistics.median(filt),
            "sort_s": statistics.median(sort)}


def seed_screenshot(target: Path) -> None:
    """The README's picture: the founding article's view, scrolled to its struck comment thread."""
    from chromium import Browser

    seed = ROOT / "fixtures" / "articles" / "article-with-residue.txt"
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        (work / "in").mkdir()
        shutil.copy(seed, work / "in" / seed.name)
        subprocess.run([sys.executable, "-m", "cleaner", str(work / "in"), "-o", str(work / "out"), "--report",
                        str(work / "out.report.jsonl"), "--html-report", str(work / "view.html"), "-q", "-j", "1"],
                       cwd=ROOT, check=True)
        with Browser(width=1280, height=820) as b:
            b.goto((work / "view.html").as_uri() + "#row=0")
            b.wait_for("window.cleanerView && window.cleanerView.ready")
            b.eval("(() => { const v = document.getElementById('view');"
                   " v.style.maxHeight = (innerHeight - v.getBoundingClientRect().top) + 'px';"
                   " v.scrollTop = v.scrollHeight;"
                   " document.querySelector('#doctext del.rm:last-of-type').dispatchEvent("
                   "new MouseEvent('mouseover', {bubbles: true})); })()")
            b.screenshot(target)
    print(f"wrote {target} ({target.stat().st_size / 1e3:.0f} KB)")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--screenshot", metavar="PNG", help="only write the README's screenshot of the seed article")
    ap.add_argument("--docs", type=int, default=10_000)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--runs", type=int, default=3, help="page loads to take the median of")
    ap.add_argument("--keep", metavar="DIR", help="work in DIR and keep it (reused when it has a report)")
    args = ap.parse_args()
    if args.screenshot:
        seed_screenshot(Path(args.screenshot))
        return 0
    if not DATA.exists():
        print(f"benchmarks/view.py: {DATA} not found; nothing to measure (skipped)")
        return 0
    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="cleaner-viewbench-"))
    try:
        in_dir, out_dir, report = work / "in", work / "out", work / "out.report.jsonl"
        run_s = None
        if not report.exists():
            chars = make_corpus(in_dir, args.docs)
            print(f"corpus: {args.docs:,} documents, {chars / 1e6:.1f} M characters")
            start, cpu0 = time.perf_counter(), resource.getrusage(resource.RUSAGE_CHILDREN)
            subprocess.run([sys.executable, "-m", "cleaner", str(in_dir), "-o", str(out_dir), "--report",
                            str(report), "-j", str(args.jobs), "-q"], cwd=ROOT, check=False)
            run_s = time.perf_counter() - start
            cpu1 = resource.getrusage(resource.RUSAGE_CHILDREN)
            run_cpu = cpu1.ru_utime + cpu1.ru_stime - cpu0.ru_utime - cpu0.ru_stime
        from cleaner.view import write_view

        page = work / "view.html"
        gens, gen_cpus = [], []
        for _ in range(3):
            start, cpu = time.perf_counter(), time.process_time()
            stats = write_view(str(report), str(page), str(out_dir))
            gens.append(time.perf_counter() - start)
            gen_cpus.append(time.process_time() - cpu)
        gen_s, gen_cpu = statistics.median(gens), statistics.median(gen_cpus)
        print(f"view: {stats.documents:,} documents, {stats.sampled} in full, {stats.bytes / 1e6:.1f} MB "
              f"(target < 20 MB); generated in {gen_s:.2f} s wall, {gen_cpu:.2f} s CPU (median of 3)")
        if run_s is not None:
            # CPU times are robust to other load on the machine; the view is one process, the run --jobs.
            print(f"run (-j {args.jobs}): {run_s:.1f} s wall, {run_cpu:.1f} s CPU; the view adds "
                  f"{100 * gen_s / run_s:.1f}% by wall time, {100 * gen_cpu / (run_cpu / args.jobs):.1f}% by CPU "
                  f"time per worker (target < 5%)")
        t = browser_timings(page, args.runs)
        if t:
            print(f"chromium (median of {args.runs}): opened and interactive in {t['open_wall_s']:.2f} s wall "
                  f"({t['ready_in_page_s']:.2f} s after navigation start, the list already at "
                  f"{t['list_in_page_s']:.2f} s; target < 2 s); open a document "
                  f"{1000 * t['show_doc_s']:.0f} ms, filter by reason {1000 * t['filter_s']:.0f} ms, "
                  f"sort by path {1000 * t['sort_s']:.0f} ms")
        else:
            print("chromium: /usr/bin/chromium not found; page timings skipped")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    sys.exit(main())
