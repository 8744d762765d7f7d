"""Quality benchmark: separation targets, signal throughput, and agreement with datatrove's filters.

Reads ``extraction-dev.jsonl.gz`` from ``../shared/eval`` (relative to the repository; ``--eval``
overrides) and exits 0 with a message when it is absent. Per dev page it builds four texts:

- ``gold``: the page's gold article text;
- ``boiler``: the boilerplate-only lines: lines of ``naive_text`` whose text (white space collapsed)
  does not occur in the gold (collapsed too), so a gold paragraph that the gold hard-wraps over
  several lines still counts as article, not as boilerplate;
- ``naive``: ``naive_text`` as it is (the page dumped without its HTML);
- ``cleaned``: ``naive_text`` through cleaner's text pipeline without the language stage.

It prints (1) the share of pages where the gold scores higher than the boilerplate (target >= 95%)
and where the cleaned text scores higher than the naive dump (target >= 90%), ties counted apart;
(2) signal throughput in MB/s of CPU time (``time.process_time``, one core, best of 3 runs) over
the gold + naive texts (target >= 10 MB/s) and over the cleaned texts, and the signals' share of
the whole pipeline's time (target <= 20%); (3) with datatrove installed (``pip install -e
'.[bench]'``; English word split by spaCy's blank tokenizer, no download), the keep/drop agreement
of every implemented rule with datatrove's filter configured to run that rule alone, over the
gold, naive and cleaned texts. The differences on purpose are in ``benchmarks/README.md``.

    .venv/bin/python benchmarks/quality.py                 # everything (~2 minutes)
    .venv/bin/python benchmarks/quality.py --limit 200 --no-datatrove
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).absolute().parent.parent
sys.path.insert(0, str(ROOT))

from cleaner import Config, Pipeline  # noqa: E402
from cleaner.config import QualityConfig  # noqa: E402
from cleaner.quality import failures, score, signals  # noqa: E402

DEFAULT_EVAL = ROOT.parent / "shared" / "eval"
KINDS = ("gold", "boiler", "naive", "cleaned")


def load(path: Path, limit: int | None) -> list[dict[str, str]]:
    """The four texts of every dev page (see the module docstring)."""
    pipe = Pipeline(Config(skip=("language", "quality")))
    pages = []
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for n, line in enumerate(f):
            if limit is not None and n >= limit:
                break
            rec = json.loads(line)
            gold, naive = rec["gold_text"], rec["naive_text"]
            gold_flat = " ".join(gold.split())
            boiler = "\n".join(ln for ln in naive.splitlines()
                               if ln.strip() and " ".join(ln.split()) not in gold_flat)
            cleaned = pipe.run(pipe.document(naive)).text
            pages.append({"id": rec["id"], "gold": gold, "boiler": boiler, "naive": naive, "cleaned": cleaned})
    return pages


def separation(pages: list[dict[str, Any]], cfg: QualityConfig) -> None:
    n = len(pages)
    for better, worse, target in (("gold", "boiler", 0.95), ("cleaned", "naive", 0.90)):
        higher = sum(p["score"][better] > p["score"][worse] for p in pages)
        ties = sum(p["score"][better] == p["score"][worse] for p in pages)
        same = sum(p[better] == p[worse] for p in pages)
        print(f"  {better} scores higher than {worse}: {higher}/{n} = {higher / n:.1%} (target {target:.0%}; "
              f"ties {ties}, of which identical texts {same})")
    for kind in KINDS:
        vals = sorted(p["score"][kind] for p in pages)
        print(f"  median score {kind:8} {vals[n // 2]:.3f}")


def _signal_seconds(texts: list[str], max_chars: int | None, repeat: int = 3) -> float:
    """The least CPU time of ``repeat`` runs of :func:`signals` over ``texts`` (the machine is shared)."""
    best = float("inf")
    for _ in range(repeat):
        t0 = time.process_time()
        for t in texts:
            signals(t, max_chars=max_chars)
        best = min(best, time.process_time() - t0)
    return max(best, 1e-9)


def throughput(pages: list[dict[str, Any]], cfg: QualityConfig) -> None:
    texts = [p["naive"] for p in pages]
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    pipe = Pipeline(Config(skip=("quality",)))
    t0 = time.process_time()
    docs = [pipe.document(t) for t in texts]
    results = [pipe.run(d) for d in docs]
    t_pipe = time.process_time() - t0
    t0 = time.process_time()
    for r, d in zip(results, docs, strict=True):
        signals(r.text, r.language, len(d.text), cfg.max_signal_chars)
    t_sig = time.process_time() - t0
    mb_clean = sum(len(r.text.encode("utf-8")) for r in results) / 1e6
    dev = [p[k] for p in pages for k in ("gold", "naive")]
    mb_dev = sum(len(t.encode("utf-8")) for t in dev) / 1e6
    t_dev = _signal_seconds(dev, cfg.max_signal_chars)
    t0 = time.process_time()
    for t in texts:
        t.split()
    t_split = max(time.process_time() - t0, 1e-9)
    cap = f"max_signal_chars={cfg.max_signal_chars}"
    print(f"  signals: {mb_dev / t_dev:.1f} MB/s over the gold + naive texts ({mb_dev:.1f} MB in {t_dev:.2f} s CPU, "
          f"best of 3; {cap}; target >= 10 MB/s)")
    if cfg.max_signal_chars is not None and any(len(t) > cfg.max_signal_chars for t in dev):
        t_all = _signal_seconds(dev, None)
        print(f"  signals of every character (max_signal_chars=None): {mb_dev / t_all:.1f} MB/s")
    print(f"  signals: {mb_clean / t_sig:.1f} MB/s of cleaned text ({mb_clean:.1f} MB in {t_sig:.2f} s CPU)")
    print(f"  whole pipeline without quality: {mb / t_pipe:.2f} MB/s of input ({mb:.1f} MB in {t_pipe:.2f} s CPU)")
    print(f"  signals' share of the pipeline with quality: {t_sig / (t_sig + t_pipe):.1%} (target <= 20%)")
    t0 = time.process_time()
    sum(range(10 ** 8))
    t_cal = time.process_time() - t0
    print(f"  (machine speed for reference: str.split runs at {mb / t_split:.0f} MB/s here; "
          f"calibration sum(range(10**8)) took {t_cal:.2f} s CPU)")


# --- agreement with datatrove --------------------------------------------------------------------
def datatrove_rules() -> dict[str, Callable[[str], bool]] | None:
    """Rule group -> datatrove's keep decision with only that rule on; ``None`` if not installed."""
    try:
        from datatrove.data import Document
        from datatrove.pipeline.filters import (
            C4QualityFilter,
            FineWebQualityFilter,
            GopherQualityFilter,
            GopherRepetitionFilter,
        )
    except ImportError as e:
        print(f"  datatrove is not installed ({e}); pip install -e '.[bench]' to compare")
        return None
    off: dict[str, Any] = dict(min_doc_words=None, max_doc_words=None, min_avg_word_length=None,
                               max_avg_word_length=None, max_symbol_word_ratio=None,
                               max_bullet_lines_ratio=None, max_ellipsis_lines_ratio=None,
                               max_non_alpha_words_ratio=None, min_stop_words=None)
    rep_off: dict[str, Any] = dict(dup_line_frac=None, dup_para_frac=None, dup_line_char_frac=None,
                                   dup_para_char_frac=None, top_n_grams=(), dup_n_grams=())
    c4_off: dict[str, Any] = dict(filter_no_terminal_punct=False, min_num_sentences=-1, min_words_per_line=-1,
                                  max_word_length=-1, filter_lorem_ipsum=False, filter_javascript=False,
                                  filter_curly_bracket=False, filter_policy=False, remove_citations=False)
    fw_off: dict[str, Any] = dict(line_punct_thr=-1.0, short_line_thr=2.0, char_duplicates_ratio=2.0,
                                  new_line_ratio=1e9)
    filters = {
        "gopher.words": GopherQualityFilter(**{**off, "min_doc_words": 50, "max_doc_words": 100_000}),
        "gopher.mean_word_length": GopherQualityFilter(**{**off, "min_avg_word_length": 3,
                                                           "max_avg_word_length": 10}),
        "gopher.symbol_word_ratio": GopherQualityFilter(**{**off, "max_symbol_word_ratio": 0.1}),
        "gopher.bullet_lines": GopherQualityFilter(**{**off, "max_bullet_lines_ratio": 0.9}),
        "gopher.ellipsis_lines": GopherQualityFilter(**{**off, "max_ellipsis_lines_ratio": 0.3}),
        "gopher.alpha_words": GopherQualityFilter(**{**off, "max_non_alpha_words_ratio": 0.8}),
        "gopher.stop_words": GopherQualityFilter(**{**off, "min_stop_words": 2}),
        "gopher.dup_lines": GopherRepetitionFilter(**{**rep_off, "dup_line_frac": 0.3}),
        "gopher.dup_line_chars": GopherRepetitionFilter(**{**rep_off, "dup_line_char_frac": 0.2}),
        "gopher.top_2gram": GopherRepetitionFilter(**{**rep_off, "top_n_grams": ((2, 0.2),)}),
        "gopher.dup_5gram": GopherRepetitionFilter(**{**rep_off, "dup_n_grams": ((5, 0.15),)}),
        "c4.lorem_ipsum": C4QualityFilter(**{**c4_off, "filter_lorem_ipsum": True}),
        "c4.curly_bracket": C4QualityFilter(**{**c4_off, "filter_curly_bracket": True}),
        "c4.min_sentences": C4QualityFilter(filter_lorem_ipsum=False, filter_curly_bracket=False),
        "fineweb.line_punct": FineWebQualityFilter(**{**fw_off, "line_punct_thr": 0.12}),
        "fineweb.short_lines": FineWebQualityFilter(**{**fw_off, "short_line_thr": 0.67}),
        "fineweb.dup_chars": FineWebQualityFilter(**{**fw_off, "char_duplicates_ratio": 0.01}),
        "fineweb.list_ratio": FineWebQualityFilter(**{**fw_off, "new_line_ratio": 0.3}),
    }

    def keep(flt: Any) -> Callable[[str], bool]:
        def run(text: str) -> bool:
            try:
                out = flt.filter(Document(text=text, id="x"))
            except (ZeroDivisionError, IndexError, ValueError):
                return False  # datatrove fails on texts without words or lines: a drop
            return out is True
        return run
    return {name: keep(f) for name, f in filters.items()}


# Our rules grouped as datatrove groups them (one datatrove check may be two of our rules).
GROUPS = {"gopher.words": ("gopher.min_words", "gopher.max_words"),
          "gopher.mean_word_length": ("gopher.min_mean_word_length", "gopher.max_mean_word_length"),
          "gopher.symbol_word_ratio": ("gopher.hash_word_ratio", "gopher.ellipsis_word_ratio")}


def agreement(pages: list[dict[str, Any]], cfg: QualityConfig) -> None:
    rules = datatrove_rules()
    if rules is None:
        return
    import warnings

    warnings.filterwarnings("ignore")  # numpy's mean of an empty list in datatrove's Gopher filter
    print(f"  {'rule':26} {'agree':>7} {'both drop':>9} {'only ours':>9} {'only dt':>8}   over gold+naive+cleaned")
    counts = {name: [0, 0, 0, 0, 0] for name in rules}  # agree, both, only ours, only dt, n
    for p in pages:
        for kind in ("gold", "naive", "cleaned"):
            for name, dt_keep in rules.items():  # same text for every rule: datatrove's word split is cached
                ours_drop = any(r in p["failures"][kind] for r in GROUPS.get(name, (name,)))
                dt_drop = not dt_keep(p[kind])
                c = counts[name]
                c[0] += ours_drop == dt_drop
                c[1] += ours_drop and dt_drop
                c[2] += ours_drop and not dt_drop
                c[3] += dt_drop and not ours_drop
                c[4] += 1
    for name, (agree, both, only_ours, only_dt, n) in counts.items():
        print(f"  {name:26} {agree / n:7.1%} {both:9} {only_ours:9} {only_dt:8}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--eval", type=Path, default=DEFAULT_EVAL, help="the shared eval folder")
    ap.add_argument("--limit", type=int, help="only the first N pages")
    ap.add_argument("--no-datatrove", action="store_true", help="skip the agreement table")
    ap.add_argument("--max-signal-chars", type=int, default=QualityConfig().max_signal_chars,
                    help="QualityConfig.max_signal_chars (default: the config's; 0: every character)")
    args = ap.parse_args(argv)
    path = args.eval / "extraction-dev.jsonl.gz"
    if not path.exists():
        print(f"quality benchmark: {path} not found; nothing to measure")
        return 0
    cfg = QualityConfig(max_signal_chars=args.max_signal_chars or None)
    pages: list[dict[str, Any]] = load(path, args.limit)
    for p in pages:
        sig = {k: signals(p[k], max_chars=cfg.max_signal_chars) for k in KINDS}
        p["score"] = {k: score(s, cfg) for k, s in sig.items()}
        p["failures"] = {k: failures(s, cfg) for k, s in sig.items()}
    print(f"separation on {len(pages)} dev pages (extraction-dev.jsonl.gz):")
    separation(pages, cfg)
    print("throughput (CPU time, one core):")
    throughput(pages, cfg)
    if not args.no_datatrove:
        print("keep/drop agreement with datatrove, each rule alone:")
        agreement(pages, cfg)
    return 0


if __name__ == "__main__":
    sys.exit(main())
