"""Extraction benchmark: the cleaner next to its peers on the boilerplate-removal dev files.

Reads the split files from ``../shared/eval`` (relative to the repository; ``--eval`` overrides) and
exits 0 with a message when they are absent. Scores with ``extraction_score.py`` from that folder.

Modes (``--modes``, comma separated; default ``text,html,extractor``):

- ``text``: input = ``naive_text`` of ``extraction-dev.jsonl.gz`` (the page dumped without its HTML);
- ``html``: input = ``html`` of the same file; the peers run here, on the same pages;
- ``extractor``: input = ``extractor_text_trafilatura`` of ``extraction-dev-extractor.jsonl.gz``
  (trafilatura with comments and favor_recall: the cleaner as a post-processor);
- ``sites``, ``sites-hard``: input = ``text`` of the sites files, one document at a time (``group`` =
  the site).

Each mode prints one row per system: the input as-is, ``cleaner`` (in-process :class:`cleaner.Pipeline`
without the language and quality stages) and, in ``html`` mode, the peers that are installed
(``pip install -e '.[bench]'``): trafilatura with comments off and with its defaults,
readability-lxml, jusText (English stoplist). Columns: doc-mean F1, precision, recall, body-loss
(1 - R), pooled comment leak and F1 on comment pages, per-source F1, and throughput (pages/s and
MB/s of input, CPU time of this process, so other load on the machine moves it less).

    .venv/bin/python benchmarks/extraction.py                      # all three dev modes
    .venv/bin/python benchmarks/extraction.py --modes html --limit 100 --no-peers
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).absolute().parent.parent
sys.path.insert(0, str(ROOT))

from cleaner import Config, Pipeline  # noqa: E402

DEFAULT_EVAL = ROOT.parent / "shared" / "eval"
FILES = {"text": "extraction-dev.jsonl.gz", "html": "extraction-dev.jsonl.gz",
         "extractor": "extraction-dev-extractor.jsonl.gz", "sites": "extraction-dev-sites.jsonl.gz",
         "sites-hard": "extraction-dev-sites-hard.jsonl.gz"}
FIELDS = {"text": "naive_text", "html": "html", "extractor": "extractor_text_trafilatura",
          "sites": "text", "sites-hard": "text"}

Runner = Callable[[str], str]


def cleaner_runner(fmt: str) -> Runner:
    pipe = Pipeline(Config(skip=("language", "quality")))

    def run(data: str) -> str:
        return pipe.run(pipe.document(data, fmt=fmt)).text
    return run


def peer_runners() -> dict[str, Runner]:
    """The installed HTML peers by display name; a missing one is reported and skipped."""
    peers: dict[str, Runner] = {}
    try:
        import trafilatura

        peers["trafilatura (comments off)"] = lambda h: trafilatura.extract(h, include_comments=False) or ""
        peers["trafilatura (default)"] = lambda h: trafilatura.extract(h) or ""
    except ImportError:
        print("  (trafilatura not installed: skipped)")
    try:
        from bs4 import BeautifulSoup
        from readability import Document as ReadabilityDocument

        def readability_run(h: str) -> str:
            if not h.strip():
                return ""
            summary = ReadabilityDocument(h).summary(html_partial=True)
            return BeautifulSoup(summary, "lxml").get_text("\n")
        peers["readability-lxml"] = readability_run
    except ImportError:
        print("  (readability-lxml not installed: skipped)")
    try:
        import justext

        stoplist = justext.get_stoplist("English")

        def justext_run(h: str) -> str:
            if not h.strip():
                return ""
            paras = justext.justext(h.encode("utf-8"), stoplist, encoding="utf-8")
            return "\n".join(p.text for p in paras if not p.is_boilerplate)
        peers["jusText"] = justext_run
    except ImportError:
        print("  (jusText not installed: skipped)")
    return peers


def timed(run: Runner, inputs: dict[str, str]) -> tuple[dict[str, str], float]:
    """Outputs by id and the CPU seconds spent; an exception in a peer counts as an empty output."""
    out: dict[str, str] = {}
    t0 = time.process_time()
    for rid, data in inputs.items():
        try:
            out[rid] = run(data)
        except Exception as exc:  # a peer failing on one page must not end the benchmark
            print(f"    ! {rid}: {type(exc).__name__}: {str(exc)[:80]}", file=sys.stderr)
            out[rid] = ""
    return out, time.process_time() - t0


def row(name: str, agg: dict[str, Any], seconds: float | None, n_bytes: int) -> str:
    com = agg.get("comments", {})
    leak = agg.get("comment_leak", {}).get("pooled")
    speed = "" if seconds is None else (
        f"{agg['n'] / max(seconds, 1e-9):8.1f} {n_bytes / 1e6 / max(seconds, 1e-9):6.2f}")
    return (f"  {name:<28} {agg['f1']:.3f} {agg['p']:.3f} {agg['r']:.3f} {agg['body_loss']:.3f}  "
            f"{'  -  ' if leak is None else f'{leak:.3f}'}  {com.get('f1', float('nan')):.3f}  {speed}")


def run_mode(mode: str, eval_dir: Path, limit: int | None, with_peers: bool, score: Any) -> None:
    path = eval_dir / FILES[mode]
    if not path.is_file():
        print(f"[{mode}] {path} not found: skipped")
        return
    records = score.load_jsonl(path)
    if limit:  # spread over the file (it is sorted by id, so by source)
        records = records[::max(1, len(records) // limit)][:limit]
    field = FIELDS[mode]
    inputs = {score.record_id(r): r.get(field) or "" for r in records}
    n_bytes = sum(len(v.encode("utf-8")) for v in inputs.values())
    print(f"\n[{mode}] {path.name}, input field {field!r}: {len(records)} pages, {n_bytes / 1e6:.1f} MB")
    print(f"  {'system':<28} F1    P     R     b-loss leak   F1com  pages/s  MB/s")
    results: list[tuple[str, dict[str, Any]]] = []
    if mode != "html":
        agg = score.score_predictions(records, inputs, lcs=False)
        results.append(("input as-is", agg))
        print(row("input as-is", agg, None, n_bytes))
    systems: dict[str, Runner] = {"cleaner": cleaner_runner("html" if mode == "html" else "text")}
    if mode == "html":
        naive = {score.record_id(r): r.get("naive_text") or "" for r in records}
        agg = score.score_predictions(records, naive, lcs=False)
        results.append(("input as-is (naive_text)", agg))
        print(row("input as-is (naive_text)", agg, None, n_bytes))
        if with_peers:
            systems.update(peer_runners())
    for name, run in systems.items():
        preds, seconds = timed(run, inputs)
        agg = score.score_predictions(records, preds, lcs=False)
        results.append((name, agg))
        print(row(name, agg, seconds, n_bytes), flush=True)
    sources = sorted(results[0][1]["per_source"])
    print(f"  per source_dataset F1: {'system':<28} " + " ".join(f"{s[:12]:>12}" for s in sources))
    for name, agg in results:
        print(f"  {'':<21} {name:<28} " + " ".join(f"{agg['per_source'][s]['f1']:12.3f}" for s in sources))
    if "sites" in results[0][1]:
        for name, agg in results:
            st = agg["sites"]
            print(f"  site-macro {name:<28} F1 {st['f1']:.3f} (worst {st['f1_min']:.3f}, "
                  f"median {st['f1_median']:.3f})")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--modes", default="text,html,extractor",
                    help="comma-separated: text, html, extractor, sites, sites-hard")
    ap.add_argument("--limit", type=int, default=None, help="only N pages of each file, spread evenly")
    ap.add_argument("--no-peers", action="store_true", help="skip trafilatura, readability, jusText")
    ap.add_argument("--eval", type=Path, default=DEFAULT_EVAL, help="folder of the split files")
    args = ap.parse_args(argv)
    modes = [m.strip() for m in args.modes.split(",") if m.strip()]
    unknown = [m for m in modes if m not in FILES]
    if unknown:
        ap.error(f"unknown mode(s) {', '.join(unknown)}; valid: {', '.join(FILES)}")
    if not (args.eval / "extraction_score.py").is_file():
        print(f"{args.eval} has no extraction_score.py: benchmark skipped")
        return 0
    sys.path.insert(0, str(args.eval))
    import extraction_score as score

    for mode in modes:
        run_mode(mode, args.eval, args.limit, not args.no_peers, score)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
