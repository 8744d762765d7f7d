"""Corpus-mode benchmark: quality on the sites dev files beside the CCNet-style baseline, pass-1
speed on one core, and the memory that N distinct lines take.

    .venv/bin/python benchmarks/corpus.py                       # everything (10 million lines: ~2 min)
    .venv/bin/python benchmarks/corpus.py --distinct 1000000    # smaller memory run
    .venv/bin/python benchmarks/corpus.py --skip-memory --skip-full

Quality: reads ``../shared/eval/extraction-dev-sites.jsonl.gz`` and ``-sites-hard.jsonl.gz``
(relative to the repository; skipped with a message when absent) and scores with
``extraction_score.py`` from that folder. Rows:

- ``input as-is``;
- ``ccnet-style >=3 docs``: drop every line whose normalized form (lowercase, accents removed,
  digits -> 0, punctuation removed; the sites READMEs' dedup) is in 3 or more documents of the site;
- ``corpus only``: :class:`cleaner.Pipeline` with ``only=("corpus",)``, pass-1 stats per site;
- ``full pipeline``: every stage but language and quality, with the same stats.

Speed: pass 1 (normalize, hash, count once per document) over the sites texts repeated to ~40 MB
(each repetition under new group names, with the line cache emptied), on this one process, in MB/s
of UTF-8 text (CPU time, best of 5 runs): the counting core alone, and with ``Pipeline.source_text`` (decoding and
encoding repair) as the runner does it; then the worst case, texts without repeated lines (the
distinct gold articles), where every line is normalized and hashed.

Memory: a child process counts N distinct lines (documents of 100 lines) with the default bound
(``corpus.max_entries``) and prints its peak RSS, the bytes spilled to disk and the size of the
final stats; a second child does the same with no bound (everything in one dict), when N <= 10**7.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import time
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).absolute().parent.parent
sys.path.insert(0, str(ROOT))

from cleaner.config import Config  # noqa: E402
from cleaner.corpusstats import StatsBuilder  # noqa: E402
from cleaner.pipeline import Pipeline  # noqa: E402

EVAL = ROOT.parent / "shared" / "eval"
SPLITS = ("extraction-dev-sites.jsonl.gz", "extraction-dev-sites-hard.jsonl.gz")


# --- the CCNet-style baseline ----------------------------------------------------------------------
_PUNCT = re.compile(r"[^\w\s]|_")
_DIG = re.compile(r"\d")


def ccnet_norm(line: str) -> str:
    s = unicodedata.normalize("NFD", line.lower())
    s = "".join(c for c in s if not unicodedata.combining(c))
    return " ".join(_PUNCT.sub("", _DIG.sub("0", s)).split())


def ccnet(recs: list[dict[str, Any]], min_docs: int = 3) -> dict[str, str]:
    df: dict[str, Counter] = defaultdict(Counter)
    for r in recs:
        df[r["site"]].update({ccnet_norm(x) for x in r["text"].split("\n")} - {""})
    out = {}
    for r in recs:
        keep = [x for x in r["text"].split("\n") if not (ccnet_norm(x) and df[r["site"]][ccnet_norm(x)] >= min_docs)]
        out[r["doc_id"]] = "\n".join(keep)
    return out


def ours(recs: list[dict[str, Any]], config: Config) -> tuple[dict[str, str], int]:
    pipe0 = Pipeline(config)
    builder = StatsBuilder()
    docs = []
    for r in recs:
        doc = pipe0.document(r["text"], path=r["doc_id"], group="dir:" + r["site"])
        builder.add_document(doc.group or "", doc.text)
        docs.append(doc)
    pipe = Pipeline(config, builder.finish())
    out, flagged = {}, 0
    for r, doc in zip(recs, docs, strict=True):
        res = pipe.run(doc)
        out[r["doc_id"]] = res.text
        flagged += any(f.kind == "corpus.near_duplicate" for f in res.flags)
    return out, flagged


def quality(args: argparse.Namespace) -> None:
    if not all((EVAL / s).exists() for s in SPLITS):
        print(f"quality: skipped ({EVAL} has no sites files)")
        return
    sys.path.insert(0, str(EVAL))
    from extraction_score import load_jsonl, score_predictions

    print(f"{'split':<12} {'run':<22} {'F1':>6} {'P':>6} {'R':>6} {'loss':>6} {'site-F1':>7} "
          f"{'synd-loss':>9} {'title-loss':>10} {'leak':>5} {'flagged':>7} {'s':>5}")
    for split in SPLITS:
        recs = load_jsonl(str(EVAL / split))
        runs: list[tuple[str, Any]] = [
            ("input as-is", None), ("ccnet-style >=3 docs", None),
            ("corpus only", Config(only=("corpus",)))]
        if not args.skip_full:
            runs.append(("full pipeline", Config(skip=("language", "quality"))))
        for name, config in runs:
            t0 = time.process_time()
            if config is not None:
                preds, flagged = ours(recs, config)
            else:
                preds = ccnet(recs) if name.startswith("ccnet") else {r["doc_id"]: r["text"] for r in recs}
                flagged = 0
            secs = time.process_time() - t0
            agg = score_predictions(recs, preds)
            traps = agg.get("traps", {})
            leak = agg.get("comment_leak", {}).get("pooled")

            def trap(key: str, traps: dict = traps) -> str:
                return f"{traps[key]['body_loss']:.4f}" if key in traps else "-"

            print(f"{split.split('-dev-')[1][:-9]:<12} {name:<22} {agg['f1']:6.4f} {agg['p']:6.4f} "
                  f"{agg['r']:6.4f} {agg['body_loss']:6.4f} {agg['sites']['f1']:7.4f} "
                  f"{trap('syndicated_copy'):>9} {trap('title_linked'):>10} "
                  f"{'-' if leak is None else f'{leak:.3f}':>5} {flagged:7d} {secs:5.1f}", flush=True)


# --- speed -----------------------------------------------------------------------------------------
def _rate(texts: list[str], reps: int, prepare: Any = None, rounds: int = 5) -> tuple[float, float]:
    """MB/s of UTF-8 text through ``StatsBuilder.add_document`` on this process (CPU time), best
    of ``rounds`` runs (the machine's speed drifts; the best run is the least disturbed one), and
    the CPU seconds of the final ``finish()`` (merging the counts: once per corpus, not per MB).
    Each repetition is a new set of groups and starts with an empty line cache, so no line is known
    in advance: only the repetition *within* a site (its template) is found in the cache."""
    import cleaner.corpus as corpus_mod

    size = sum(len(t.encode()) for t in texts) * reps
    best, finish = 0.0, 0.0
    for _ in range(rounds):
        builder = StatsBuilder()
        t0 = time.process_time()
        for rep in range(reps):
            corpus_mod._CACHE.clear()
            for t in texts:
                builder.add_document(f"dir:{rep}", prepare(t) if prepare else t)
        secs = time.process_time() - t0
        builder.finish()
        finish = time.process_time() - t0 - secs
        best = max(best, size / 1e6 / secs)
    return best, finish


def speed() -> None:
    texts: list[str] = []
    articles: list[str] = []
    if (EVAL / SPLITS[0]).exists():
        sys.path.insert(0, str(EVAL))
        from extraction_score import load_jsonl

        for s in SPLITS:
            recs = load_jsonl(str(EVAL / s))
            texts += [r["text"] for r in recs]
            articles += list(dict.fromkeys(r["gold_text"] for r in recs))
    else:
        texts = [f"Home | News\nStory {i} of the day: something happened in the town.\nFooter\n"
                 for i in range(2000)]
        articles = texts[:200]
    size = sum(len(t.encode()) for t in texts)
    reps = max(1, int(40e6 // size))
    mb = size * reps / 1e6
    core, finish = _rate(texts, reps)
    pipe = Pipeline(Config())
    full, _ = _rate(texts, reps, lambda t: pipe.source_text(t.encode()))
    t0 = time.process_time()
    sum(range(10**8))
    calib = time.process_time() - t0
    print(f"pass 1 on one core, {mb:.0f} MB of text ({len(texts) * reps:,} documents): counting "
          f"{core:.1f} MB/s; with decoding and encoding repair {full:.1f} MB/s; best of 5 runs; then "
          f"finish() {finish:.2f} s (this machine now: sum(range(10**8)) takes {calib:.2f} s of CPU)")
    asize = sum(len(t.encode()) for t in articles)
    areps = max(1, int(20e6 // asize))
    print(f"  worst case, no line repeated (the distinct gold articles, {asize * areps / 1e6:.0f} MB): "
          f"counting {_rate(articles, areps)[0]:.1f} MB/s")


# --- memory ----------------------------------------------------------------------------------------
CHILD = r"""
import os, resource, sys, tempfile, time
sys.path.insert(0, {root!r})
from cleaner.corpusstats import StatsBuilder
n, bound = {n}, {bound}
letters = str.maketrans("01234567", "ghijklmn")  # digits would all normalize to one symbol
spill = tempfile.mkdtemp(prefix="corpus-bench-")
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
b = StatsBuilder(bound, spill)
t0 = time.perf_counter()
disk = 0
for d in range(n // 100):
    b.add_document("dir:big", "\n".join("line " + format(d * 100 + j, "o").translate(letters)
                                        for j in range(100)))
    if d % 2000 == 0:
        disk = max(disk, sum(os.path.getsize(os.path.join(spill, f)) for f in os.listdir(spill)))
disk = max(disk, sum(os.path.getsize(os.path.join(spill, f)) for f in os.listdir(spill)))
stats = b.finish()
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
os.rmdir(spill)
print(peak - base, disk, len(stats.keys), stats.memory_bytes, time.perf_counter() - t0)
"""


def memory(n: int) -> None:
    from cleaner.config import CorpusConfig

    bound = CorpusConfig().max_entries
    print(f"memory for {n:,} distinct lines (documents of 100 lines; peak RSS of a child process "
          f"above its start):")
    for label, b in ((f"bounded (max_entries {bound:,})", bound), ("unbounded (one dict)", 10**12)):
        code = CHILD.format(root=str(ROOT), n=n, bound=b)
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=3600)
        if out.returncode:
            print(f"  {label}: failed: {out.stderr[-300:]}")
            continue
        rss_kb, disk, kept, final, secs = out.stdout.split()
        print(f"  {label:<28} peak RSS +{int(rss_kb) / 1024:,.0f} MB, spilled {int(disk) / 1e6:,.0f} MB "
              f"to disk, final stats {int(kept):,} keys / {int(final) / 1e6:.1f} MB, {float(secs):.0f} s")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--distinct", type=int, default=10_000_000, help="distinct lines for the memory run")
    ap.add_argument("--skip-memory", action="store_true")
    ap.add_argument("--skip-speed", action="store_true")
    ap.add_argument("--skip-quality", action="store_true")
    ap.add_argument("--skip-full", action="store_true", help="no full-pipeline rows (faster)")
    args = ap.parse_args()
    if not args.skip_quality:
        quality(args)
    if not args.skip_speed:
        speed()
    if not args.skip_memory:
        memory(args.distinct)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
