"""Throughput: MB/s and docs/s of each stage and of the whole pipeline on the dev pages, for
``--jobs 1``, ``--jobs 2`` and ``--engine dask`` (2 local workers), with peak memory; trafilatura and
jusText on the same pages when installed (``pip install -e '.[bench]'``).

    python benchmarks/throughput.py                    # everything on all 751 dev pages
    python benchmarks/throughput.py --limit 200 --no-runs
    python benchmarks/throughput.py --profile 25       # also the 25 hottest functions (text pipeline)
    python benchmarks/throughput.py --no-peers --engines jobs1,jobs2,dask2 --repeat 3

Reads ``../shared/eval/extraction-dev.jsonl.gz`` (relative to the repository; ``--eval`` overrides)
and exits 0 with a message when it is absent. Inputs: each page's ``naive_text`` (the page dumped
without its HTML: the "text pipeline" = encoding, residue, comments, corpus, language, quality) and
its ``html`` (the "HTML pipeline": html flattening first). MB are UTF-8 bytes of the input.

1. Stages, in this process on one core: CPU time (``time.process_time``, so other processes on the
   machine disturb it less than wall time) of ``Pipeline.document`` (decode, encoding repair, HTML
   flattening) and of each cleaner's ``find``; ``cut+score`` is the rest of ``Pipeline.run``
   (merging, cutting, quality). One warm-up document first (lazy models load outside the timing).
2. Whole runs through :func:`cleaner.runner.run` in a child process each (wall time, start-up
   included): the naive texts as 16 ``.jsonl.gz`` shards (the unit of work is a file) for
   ``--jobs 1``, ``--jobs 2`` and ``--engine dask --jobs 2``, and the pages as ``.html`` files at
   ``--jobs 1``. ``--repeat N`` does each text run N times, interleaved, and keeps the fastest
   (the machine's speed drifts by 20-30% from one minute to the next). Peak memory = the highest
   sum of RSS over the child's whole process tree (workers included), sampled every 50 ms with
   psutil; CPU = user+sys of that tree (waited-for children, or the sampled CPU of every process
   seen in the tree when larger: dask's workers come from a fork server nobody here waits for).
3. Peers, in this process on one core: trafilatura (``extract``, comments off) and jusText (English
   stoplist) on the same HTML, pages/s of CPU time, beside the cleaner's HTML pipeline.

Targets (issue 8): text pipeline >= 2 MB/s per core; HTML pipeline >= trafilatura's pages/s;
``--jobs 2`` >= 1.7x ``--jobs 1``; dask on 2 local workers within 25% of ``--jobs 2``; peak memory
<= 1 GB (``--memory-mb`` cleans a .jsonl.gz of that many MB of repeated dev texts at ``--jobs 2``
and prints the memory every 10% of the run, to see that it stays flat).
Only 2 cores on the reference machine, shared with other work: note the load average printed.
"""

from __future__ import annotations

import argparse
import cProfile
import gzip
import json
import os
import pstats
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from cleaner.config import Config  # noqa: E402
from cleaner.pipeline import Pipeline  # noqa: E402

DEV = "extraction-dev.jsonl.gz"
SHARDS = 16


def load(eval_dir: Path, limit: int | None) -> list[dict[str, Any]]:
    pages = []
    with gzip.open(eval_dir / DEV, "rt", encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            pages.append({"id": rec["id"], "url": rec.get("url"), "text": rec["naive_text"] or "",
                          "html": rec["html"] or ""})
            if limit and len(pages) >= limit:
                break
    return pages


# -- 1. stages ------------------------------------------------------------------------------------
def stage_times(pipe: Pipeline, docs: list[str], fmt: str) -> dict[str, float]:
    """CPU seconds per stage over ``docs`` (``document``, each cleaner, ``cut+score``)."""
    times: dict[str, float] = defaultdict(float)
    times["document"] = 0.0  # printed first
    originals = []
    for cleaner in pipe.cleaners:
        orig = cleaner.find
        originals.append((cleaner, orig))

        def timed(doc: Any, prior: Any, _orig: Any = orig, _name: str = cleaner.name) -> Any:
            t = time.process_time()
            try:
                return _orig(doc, prior)
            finally:
                times[_name] += time.process_time() - t
        cleaner.find = timed  # type: ignore[method-assign]
    try:
        pipe.run(pipe.document(docs[0], fmt=fmt))  # warm-up: lazy loads
        for k in times:
            times[k] = 0.0
        for text in docs:
            t0 = time.process_time()
            doc = pipe.document(text, fmt=fmt)
            t1 = time.process_time()
            before = sum(v for k, v in times.items() if k not in ("document", "total"))
            pipe.run(doc)
            t2 = time.process_time()
            after = sum(v for k, v in times.items() if k not in ("document", "total"))
            times["document"] += t1 - t0
            times["cut+score"] += (t2 - t1) - (after - before)
            times["total"] += t2 - t0
    finally:
        for cleaner, orig in originals:
            cleaner.find = orig  # type: ignore[method-assign]
    return times


def print_stages(title: str, times: dict[str, float], mb: float, n: int) -> None:
    print(f"\n{title}: {n} docs, {mb:.2f} MB, CPU time on one core")
    print(f"  {'stage':<12} {'CPU s':>8} {'MB/s':>8} {'docs/s':>8} {'share':>6}")
    total = times["total"] or 1e-9
    for name in [*[k for k in times if k not in ("total",)], "total"]:
        t = times[name] or 1e-9
        label = "WHOLE" if name == "total" else name
        print(f"  {label:<12} {times[name]:8.2f} {mb / t:8.2f} {n / t:8.1f} {times[name] / total:6.1%}")


def profile(pipe: Pipeline, docs: list[str], top: int) -> None:
    prof = cProfile.Profile()
    prof.enable()
    for text in docs:
        pipe.run(pipe.document(text))
    prof.disable()
    print(f"\nhot spots of the text pipeline (cProfile, top {top} by own time):")
    stats = pstats.Stats(prof, stream=sys.stdout)
    stats.sort_stats("tottime").print_stats(top)


# -- 2. whole runs --------------------------------------------------------------------------------
class TreeMemory:
    """Highest sum of RSS over a process and all its descendants, sampled in a thread; also the last
    CPU time seen of each of them (``cpu``): dask's workers are forked by a fork server that this
    process never waits for, so ``RUSAGE_CHILDREN`` does not count them."""

    def __init__(self, pid: int, interval: float = 0.05) -> None:
        import psutil

        self.proc, self.interval, self.peak = psutil.Process(pid), interval, 0
        self.samples: list[tuple[float, int]] = []
        self.cpu_of: dict[int, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        import psutil

        t0 = time.monotonic()
        while not self._stop.is_set():
            try:
                procs = [self.proc, *self.proc.children(recursive=True)]
                rss = 0
                for p in procs:
                    try:
                        rss += p.memory_info().rss
                        t = p.cpu_times()
                        self.cpu_of[p.pid] = t.user + t.system
                    except psutil.Error:
                        pass
            except psutil.Error:
                break
            self.peak = max(self.peak, rss)
            self.samples.append((time.monotonic() - t0, rss))
            self._stop.wait(self.interval)

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()


def run_child(in_dir: str, out: str, extra: list[str]) -> tuple[float, int, list[tuple[float, int]], float]:
    """Wall seconds, peak tree RSS, RSS samples, and CPU seconds (user+sys) of the whole tree."""
    import resource

    cmd = [sys.executable, "-m", "cleaner", in_dir, "-o", out, "--report", out + ".report.jsonl", "-q", *extra]
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env)
    mem = TreeMemory(proc.pid)
    code = proc.wait()
    wall = time.perf_counter() - t0
    mem.stop()
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = max((r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime), sum(mem.cpu_of.values()))
    if code not in (0, 1):
        raise SystemExit(f"run failed ({code}): {' '.join(cmd)}")
    return wall, mem.peak, mem.samples, cpu


def write_inputs(root: str, pages: list[dict[str, Any]]) -> tuple[str, str]:
    text_dir, html_dir = os.path.join(root, "text"), os.path.join(root, "html")
    os.makedirs(text_dir)
    os.makedirs(html_dir)
    shards = [gzip.open(os.path.join(text_dir, f"part{i:02d}.jsonl.gz"), "wt", encoding="utf-8",
                        compresslevel=1) for i in range(SHARDS)]
    for i, p in enumerate(pages):
        shards[i % SHARDS].write(json.dumps({"id": p["id"], "url": p["url"], "text": p["text"]},
                                            ensure_ascii=False) + "\n")
        with open(os.path.join(html_dir, f"p{i:04d}.html"), "w", encoding="utf-8") as f:
            f.write(p["html"])
    for s in shards:
        s.close()
    return text_dir, html_dir


def whole_runs(pages: list[dict[str, Any]], engines: list[str], with_html: bool, repeat: int = 1) -> None:
    import importlib.util

    if importlib.util.find_spec("psutil") is None:
        print("\n(whole runs skipped: psutil is not installed; pip install psutil)")
        return
    mb = sum(len(p["text"].encode()) for p in pages) / 1e6
    hmb = sum(len(p["html"].encode()) for p in pages) / 1e6
    n = len(pages)
    rows = []
    with tempfile.TemporaryDirectory(prefix="cleaner-throughput-") as root:
        text_dir, html_dir = write_inputs(root, pages)
        plans = {"jobs1": ["--jobs", "1"], "jobs2": ["--jobs", "2"], "dask2": ["--engine", "dask", "--jobs", "2"]}
        if "dask2" in engines and importlib.util.find_spec("distributed") is None:
            print("  (dask not installed: pip install 'cleaner[dask]'; --engine dask skipped)")
            engines = [e for e in engines if e != "dask2"]
        best: dict[str, tuple[str, float, float, int, float]] = {}
        for _ in range(repeat):  # interleaved, so a slower spell of the machine hits every engine
            for name in engines:
                wall, peak, _, cpu = run_child(text_dir, os.path.join(root, f"out-{name}"), plans[name])
                if name not in best or wall < best[name][1]:
                    best[name] = (f"text {name}", wall, mb, peak, cpu)
        rows += [best[name] for name in engines]
        if with_html:
            wall, peak, _, cpu = run_child(html_dir, os.path.join(root, "out-html"), ["--jobs", "1"])
            rows.append(("html jobs1", wall, hmb, peak, cpu))
    print(f"\nwhole runs ({n} docs; text {mb:.2f} MB in {SHARDS} .jsonl.gz shards, html {hmb:.2f} MB "
          f"in .html files; wall time incl. start-up, best of {repeat}; CPU = user+sys of the whole "
          "process tree, which other load on the machine disturbs less)")
    print(f"  {'run':<12} {'wall s':>8} {'MB/s':>8} {'docs/s':>8} {'peak MB':>8} {'CPU s':>8} {'MB/CPU-s':>9}")
    walls = {}
    for name, wall, size, peak, cpu in rows:
        walls[name] = wall
        print(f"  {name:<12} {wall:8.2f} {size / wall:8.2f} {n / wall:8.1f} {peak / 1e6:8.0f} {cpu:8.2f} "
              f"{size / max(cpu, 1e-9):9.2f}")
    if "text jobs1" in walls and "text jobs2" in walls:
        print(f"  speed-up --jobs 2 / --jobs 1: {walls['text jobs1'] / walls['text jobs2']:.2f}x (target >= 1.7x)")
    if "text jobs2" in walls and "text dask2" in walls:
        print(f"  dask 2 workers / --jobs 2 wall time: {walls['text dask2'] / walls['text jobs2']:.2f} "
              "(target <= 1.25)")


def memory_run(pages: list[dict[str, Any]], target_mb: int) -> None:
    """Clean one .jsonl.gz of ``target_mb`` MB of (uncompressed) repeated dev texts; print memory."""
    with tempfile.TemporaryDirectory(prefix="cleaner-memory-") as root:
        in_dir = os.path.join(root, "in")
        os.makedirs(in_dir)
        size, i = 0, 0
        with gzip.open(os.path.join(in_dir, "big.jsonl.gz"), "wt", encoding="utf-8", compresslevel=1) as f:
            while size < target_mb * 1e6:
                p = pages[i % len(pages)]
                line = json.dumps({"id": f"{i}", "url": p["url"], "text": p["text"]}, ensure_ascii=False) + "\n"
                f.write(line)
                size += len(line.encode())
                i += 1
        wall, peak, samples, _ = run_child(in_dir, os.path.join(root, "out"), ["--jobs", "2"])
    print(f"\nmemory: one .jsonl.gz of {size / 1e6:.0f} MB ({i} records), --jobs 2: {wall:.1f} s, "
          f"peak {peak / 1e6:.0f} MB (target <= 1000 MB for 1 GB)")
    if samples:
        marks = [samples[min(len(samples) - 1, int(len(samples) * k / 10))] for k in range(11)]
        print("  RSS sum every 10% of the run (MB): " + " ".join(f"{rss / 1e6:.0f}" for _, rss in marks))


# -- 3. peers -------------------------------------------------------------------------------------
def peers(pages: list[dict[str, Any]], html_pages_per_s: float) -> None:
    htmls = [p["html"] for p in pages]
    hmb = sum(len(h.encode()) for h in htmls) / 1e6
    rows = [("cleaner html pipeline", html_pages_per_s)]
    try:
        import trafilatura

        t = time.process_time()
        for h in htmls:
            trafilatura.extract(h, include_comments=False)
        rows.append(("trafilatura", len(htmls) / (time.process_time() - t)))
    except ImportError:
        print("\n(trafilatura not installed: pip install -e '.[bench]')")
    try:
        import justext

        stop = justext.get_stoplist("English")
        t = time.process_time()
        for h in htmls:
            try:
                justext.justext(h.encode("utf-8"), stop, encoding="utf-8")
            except Exception:
                pass  # jusText refuses some pages (empty documents); time still counts
        rows.append(("jusText", len(htmls) / (time.process_time() - t)))
    except ImportError:
        print("\n(jusText not installed: pip install -e '.[bench]')")
    print(f"\npeers on the same {len(htmls)} HTML pages ({hmb:.2f} MB), CPU time on one core")
    for name, pps in rows:
        print(f"  {name:<22} {pps:8.1f} pages/s {pps * hmb / len(htmls):8.2f} MB/s")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--eval", type=Path, default=REPO.parent / "shared" / "eval")
    ap.add_argument("--limit", type=int, help="first N dev pages only")
    ap.add_argument("--no-runs", action="store_true", help="skip the whole runs in child processes")
    ap.add_argument("--engines", default="jobs1,jobs2,dask2", help="whole runs to do (default: %(default)s)")
    ap.add_argument("--no-peers", action="store_true", help="skip trafilatura and jusText")
    ap.add_argument("--repeat", type=int, default=1, metavar="N",
                    help="do each whole run N times, interleaved, and keep the fastest (default: %(default)s)")
    ap.add_argument("--profile", type=int, default=0, metavar="N", help="print the N hottest functions")
    ap.add_argument("--memory-mb", type=int, default=0, metavar="MB",
                    help="also clean one .jsonl.gz of MB megabytes at --jobs 2 and print its memory")
    args = ap.parse_args()
    if not (args.eval / DEV).exists():
        print(f"throughput: {args.eval / DEV} not found; nothing to measure")
        return 0
    pages = load(args.eval, args.limit)
    print(f"throughput benchmark: {len(pages)} dev pages; {os.cpu_count()} CPUs; load average "
          f"{' '.join(f'{x:.1f}' for x in os.getloadavg())} at start")
    texts = [p["text"] for p in pages if p["text"].strip()]
    htmls = [p["html"] for p in pages if p["html"].strip()]
    pipe = Pipeline(Config())
    t = stage_times(pipe, texts, "text")
    print_stages("text pipeline (naive_text)", t, sum(len(x.encode()) for x in texts) / 1e6, len(texts))
    h = stage_times(pipe, htmls, "html")
    print_stages("HTML pipeline (html)", h, sum(len(x.encode()) for x in htmls) / 1e6, len(htmls))
    if args.profile:
        profile(pipe, texts[:100], args.profile)
    if not args.no_peers:
        peers([p for p in pages if p["html"].strip()], len(htmls) / (h["total"] or 1e-9))
    if not args.no_runs:
        whole_runs(pages, list(dict.fromkeys(e for e in args.engines.split(",") if e)), with_html=True,
                   repeat=max(1, args.repeat))
    if args.memory_mb:
        memory_run(pages, args.memory_mb)
    print(f"\nload average at end: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
