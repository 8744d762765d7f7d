#!/usr/bin/env python3
"""Train the line model shipped in ``cleaner/data/linemodel.json`` and evaluate it per source.

    pip install -e '.[train]'         # scikit-learn + numpy (training only, not a runtime dependency)
    python scripts/train_lines.py                 # leave-one-source-out report, then writes the model
    python scripts/train_lines.py --eval-only     # the report only
    python scripts/train_lines.py --no-eval       # only (re)write the shipped model
    python scripts/train_lines.py --eval-only --pipeline   # held-out numbers of the whole pipeline
    python scripts/train_lines.py --oracle        # the ceiling: keep exactly the labelled article lines

Data: ``../shared/eval/extraction-dev.jsonl.gz`` (input ``naive_text``) and
``../shared/eval/extraction-dev-extractor.jsonl.gz`` (input ``extractor_text_trafilatura``), read in
place (never copied). Exits 0 with a message when they are absent.

Labels: a stripped non-blank line is *article* when at least half of its ``\\w+`` tokens are aligned
to the gold text by a token-level longest-matching-blocks alignment (difflib, no autojunk), so a
short fragment ("r", ".") is article only where it sits inside an aligned stretch. Pages whose gold
has more than 60,000 tokens are skipped (the alignment is quadratic; such gold is a dump of the
whole page, e.g. one Dragnet page whose gold holds its 385 comments).

Weights: each document weighs the same in total (the benchmark is a mean over documents); inside
a document, a line weighs its token count + 1; article lines weigh ``--article-weight`` times more
(losing article text costs more than leaving residue).

Model: two stacked scikit-learn ``HistGradientBoostingClassifier``s (shallow trees, no early
stopping, ``random_state=0``, one thread), see :data:`STAGE1` and :data:`STAGE2`. Stage 2 is
trained on *out-of-fold* stage-1 log-odds (2 folds by document, fixed by a hash of the id), so it
learns how much to trust stage 1 on unseen pages, not on its own training lines. The trees are
exported as arrays (feature, threshold, left, right, value; leaf values rounded to 6 significant
digits, thresholds exact) and evaluated by :mod:`cleaner.cleaners.linemodel` in pure Python.
Everything is deterministic: a rerun writes the same file byte for byte.

Leave-one-source-out: for each ``source_dataset``, the model is trained on the other sources and
the held-out pages are scored with the benchmark's bag-of-tokens F1 and body-loss (the kept lines
against the gold) at each threshold of ``--thresholds``; the in-sample row (trained on everything)
is printed next to it. With ``--pipeline``, the held-out model is put into the whole pipeline
(rules + comments + model, language and quality stages off, as ``benchmarks/extraction.py``) and
the held-out pages of each mode are scored with ``extraction_score.py``, comment leak included.
"""

from __future__ import annotations

import argparse
import difflib
import gzip
import hashlib
import json
import os
import re
import sys
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")  # one thread: reproducible and kind to a shared machine

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
EVAL = ROOT.parent / "shared" / "eval"
OUT = ROOT / "cleaner" / "data" / "linemodel.json"
SOURCES = (("extraction-dev.jsonl.gz", "naive_text"),
           ("extraction-dev-extractor.jsonl.gz", "extractor_text_trafilatura"))
WORD_RE = re.compile(r"\w+")
MAX_GOLD_TOKENS = 60_000
STAGE1 = {"max_iter": 100, "learning_rate": 0.15, "max_depth": 4, "max_leaf_nodes": 12, "min_samples_leaf": 100,
          "l2_regularization": 1.0, "max_bins": 128}
STAGE2 = {"max_iter": 60, "learning_rate": 0.1, "max_depth": 3, "max_leaf_nodes": 8, "min_samples_leaf": 200,
          "l2_regularization": 1.0, "max_bins": 128}
FOLDS = 2
AUGMENT = True
AUGMENT_LOGIT = -1.3863  # log-odds of probability 0.2


def label_lines(lines: list[str], gold: str) -> list[int]:
    """1 for a line whose tokens are mostly aligned to the gold text, else 0."""
    toks: list[str] = []
    owner: list[int] = []
    for i, s in enumerate(lines):
        for t in WORD_RE.findall(s):
            toks.append(t)
            owner.append(i)
    gtoks = WORD_RE.findall(gold)
    aligned = [0] * len(lines)
    sm = difflib.SequenceMatcher(None, toks, gtoks, autojunk=False)
    for a, _b, size in sm.get_matching_blocks():
        for k in range(a, a + size):
            aligned[owner[k]] += 1
    out = []
    for i, s in enumerate(lines):
        n = len(WORD_RE.findall(s))
        out.append(int(n > 0 and aligned[i] * 2 >= n) if n else 0)
    # a token-less line (symbols) is article only between two article lines
    for i, s in enumerate(lines):
        if not WORD_RE.search(s):
            out[i] = int(0 < i < len(lines) - 1 and out[i - 1] == 1 and out[i + 1] == 1)
    return out


def load_docs(limit: int | None = None, cache: Path | None = None) -> list[dict]:
    import numpy as np

    from cleaner.cleaners.linemodel import columns

    labels: dict[str, list[int]] = json.loads(cache.read_text()) if cache and cache.exists() else {}
    docs = []
    for fname, field in SOURCES:
        with gzip.open(EVAL / fname, "rt", encoding="utf-8") as f:
            for k, raw in enumerate(f):
                if limit and k >= limit:
                    break
                rec = json.loads(raw)
                text = rec.get(field) or ""
                lines = [s.strip() for s in text.splitlines() if s.strip()]
                gold = rec["gold_text"] or ""
                if not lines or len(WORD_RE.findall(gold)) > MAX_GOLD_TOKENS:
                    continue
                key = f"{field}:{rec['id']}"
                if key not in labels:
                    labels[key] = label_lines(lines, gold)
                rec.pop("html", None)
                docs.append({"id": rec["id"], "mode": field, "source": rec["source_dataset"], "lines": lines,
                             "gold": gold, "rec": rec, "text": text, "y": np.array(labels[key]),
                             "X": np.array(columns(lines), dtype=float).T})
    if cache:
        cache.write_text(json.dumps(labels))
    return docs


def sample_weights(doc: dict, article_weight: float) -> list[float]:
    w = [(len(WORD_RE.findall(s)) + 1) * (article_weight if y else 1.0)
         for s, y in zip(doc["lines"], doc["y"], strict=True)]
    total = sum(w)
    return [x * len(w) / total for x in w]


def _fold(doc_id: str) -> int:
    return int(hashlib.sha256(doc_id.encode()).hexdigest(), 16) % FOLDS


def _hgb(params: dict, X, y, w):
    from sklearn.ensemble import HistGradientBoostingClassifier

    return HistGradientBoostingClassifier(early_stopping=False, random_state=0, **params).fit(X, y, sample_weight=w)


def _stack(docs: list[dict], z_per_doc: list):
    import numpy as np

    from cleaner.cleaners.linemodel import stage2_columns

    return np.vstack([np.array(stage2_columns(list(map(float, z)), d["X"].T.tolist()), dtype=float).T
                      for d, z in zip(docs, z_per_doc, strict=True)])


def second_pass(doc: dict, z) -> dict | None:
    """The document as the model's second pass sees it: the lines whose (out-of-fold) stage-1
    log-odds are below :data:`AUGMENT_LOGIT` are gone. ``None`` when nothing or all is gone."""
    import numpy as np

    from cleaner.cleaners.linemodel import columns

    keep = np.asarray(z) >= AUGMENT_LOGIT
    if keep.all() or not keep.any():
        return None
    lines = [s for s, k in zip(doc["lines"], keep, strict=True) if k]
    return {**doc, "lines": lines, "y": doc["y"][keep], "X": np.array(columns(lines), dtype=float).T}


def fit(docs: list[dict], article_weight: float) -> dict:
    """The exported model (JSON-ready dict) trained on ``docs``.

    1. Stage 1 is fitted on each half of the documents (by :func:`_fold`) and predicts the other
       half: out-of-fold log-odds ``z``.
    2. With ``AUGMENT``, each document's second-pass view (:func:`second_pass` of its ``z``) is added
       as one more document, with its out-of-fold ``z`` from the same half model: the residue stage
       runs the model again on what the first pass kept, and it must not cut deeper each time.
    3. Stage 1 is fitted on all (documents + views); stage 2 on the out-of-fold ``z`` of all.
    """
    import numpy as np

    def stack(ds: list[dict]):
        return (np.vstack([d["X"] for d in ds]), np.concatenate([d["y"] for d in ds]),
                np.array([v for d in ds for v in sample_weights(d, article_weight)]),
                np.concatenate([[_fold(d["id"])] * len(d["y"]) for d in ds]))

    X, y, w, fold = stack(docs)
    halves = []
    z = np.zeros(len(y))
    for k in range(FOLDS):
        tr = fold != k
        halves.append(_hgb(STAGE1, X[tr], y[tr], w[tr]))
        z[~tr] = halves[k].decision_function(X[~tr])
    zs = np.split(z, np.cumsum([len(d["y"]) for d in docs])[:-1])
    if AUGMENT:
        views, zviews = [], []
        for d, zd in zip(docs, zs, strict=True):
            v = second_pass(d, zd)
            if v is not None:
                views.append(v)
                zviews.append(halves[_fold(d["id"])].decision_function(v["X"]))
        docs, zs = docs + views, zs + zviews
        X, y, w, fold = stack(docs)
    m1 = _hgb(STAGE1, X, y, w)
    m2 = _hgb(STAGE2, _stack(docs, zs), y, w)
    from cleaner.cleaners.linemodel import FEATURES
    from cleaner.cleaners.linemodel import STAGE2 as STAGE2_NAMES

    return {"features": list(FEATURES), "stage2_features": list(STAGE2_NAMES),
            "stage1": export(m1), "stage2": export(m2)}


def export(model) -> dict:
    """The trees of a fitted binary ``HistGradientBoostingClassifier`` as plain arrays."""
    trees = []
    for (pred,) in model._predictors:
        nodes = pred.nodes
        trees.append({
            "feature": [-1 if n["is_leaf"] else int(n["feature_idx"]) for n in nodes],
            "threshold": [0 if n["is_leaf"] else float(n["num_threshold"]) for n in nodes],
            "left": [int(n["left"]) for n in nodes],
            "right": [int(n["right"]) for n in nodes],
            "value": [float(f"{n['value']:.6g}") if n["is_leaf"] else 0 for n in nodes],
        })
    return {"baseline": float(model._baseline_prediction.ravel()[0]), "trees": trees}


_COMPILED: dict[int, tuple] = {}


def compiled(model_json: dict):
    from cleaner.cleaners import linemodel

    if id(model_json) in _COMPILED:
        return _COMPILED[id(model_json)][1]
    model = linemodel.compile_model(model_json)
    _COMPILED[id(model_json)] = (model_json, model)  # keeps model_json alive: its id stays unique
    return model


def predict(model_json: dict, lines: list[str]) -> list[float]:
    from cleaner.cleaners import linemodel

    return [linemodel._sigmoid(z) for z in linemodel.log_odds(lines, compiled(model_json))]


def score(docs: list[dict], probs: list[list[float]], threshold: float) -> dict:
    sys.path.insert(0, str(EVAL))
    from extraction_score import bag_scores

    f1 = bl = 0.0
    for d, p in zip(docs, probs, strict=True):
        kept = "\n".join(s for s, q in zip(d["lines"], p, strict=True) if q >= threshold)
        s = bag_scores(d["gold"], kept)
        f1 += s["f1"]
        bl += 1 - s["r"]
    n = max(1, len(docs))
    return {"n": len(docs), "f1": round(f1 / n, 4), "body_loss": round(bl / n, 4)}


def pipeline_scores(docs: list[dict], model_json: dict, threshold: float | None) -> list[dict]:
    """Per-document ``extraction_score.score_document`` rows of the pipeline with this model."""
    sys.path.insert(0, str(EVAL))
    from extraction_score import score_document

    from cleaner import Config, Pipeline
    from cleaner.cleaners import linemodel

    cfg = Config(skip=("language", "quality"))
    if threshold is not None:
        cfg = cfg.with_options(residue__model_threshold=threshold)
    pipe = Pipeline(cfg)
    model = compiled(model_json)
    saved = linemodel._compiled
    linemodel._compiled = lambda: model  # type: ignore[assignment]
    try:
        return [score_document(d["rec"], pipe.run(pipe.document(d["text"])).text, with_lcs=False) for d in docs]
    finally:
        linemodel._compiled = saved  # type: ignore[assignment]


def oracle_report(docs: list[dict]) -> str:
    """The scorer's mean F1 of each mode's input cut to exactly its labelled article lines: what a
    perfect line classifier would score (all pages, and the pages with a comment thread)."""
    sys.path.insert(0, str(EVAL))
    from extraction_score import bag_scores

    out = []
    for mode in sorted({d["mode"] for d in docs}):
        rows = [(bag_scores(d["rec"]["gold_text"], "\n".join(s for s, y in zip(d["lines"], d["y"], strict=True) if y))
                 ["f1"], bool(d["rec"].get("has_comments"))) for d in docs if d["mode"] == mode]
        com = [f for f, c in rows if c]
        out.append(f"line oracle {mode:28s} n={len(rows):3d} F1 {sum(f for f, _ in rows) / len(rows):.3f} "
                   f"comment pages n={len(com)} F1 {sum(com) / max(1, len(com)):.3f}")
    return "\n".join(out)


def _report(tag: str, rows: list[dict]) -> str:
    sys.path.insert(0, str(EVAL))
    from extraction_score import aggregate

    a = aggregate(rows)
    leak = a["comment_leak"]["pooled"] if "comment_leak" in a else None
    com = a["comments"]["f1"] if "comments" in a else None
    return (f"{tag:28s} n={len(rows):3d} F1 {a['f1']:.3f} body-loss {a['body_loss']:.3f} "
            f"leak {'-' if leak is None else f'{leak:.3f}'} F1(comment pages) {'-' if com is None else f'{com:.3f}'}")


def main() -> int:
    global EVAL
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--eval-only", action="store_true", help="print the leave-one-source-out report only")
    ap.add_argument("--no-eval", action="store_true", help="skip the leave-one-source-out report")
    ap.add_argument("--pipeline", action="store_true", help="held-out scores of the whole pipeline")
    ap.add_argument("--article-weight", type=float, default=2.0)
    ap.add_argument("--thresholds", default="0.1,0.15,0.2,0.3,0.5", help="model-only report thresholds")
    ap.add_argument("--pipeline-thresholds", default="", help="model thresholds of the pipeline report, "
                    "comma separated (default: ResidueConfig's)")
    ap.add_argument("--sources", default="", help="held-out sources of the report, comma separated (default all)")
    ap.add_argument("--rows-out", type=Path, default=None, help="append the pipeline's per-page score rows here")
    ap.add_argument("--limit", type=int, default=None, help="read only the first N records per file")
    ap.add_argument("--label-cache", type=Path, default=None, help="JSON file caching the line labels")
    ap.add_argument("--eval", type=Path, default=EVAL, help="folder of the eval files (default ../shared/eval)")
    ap.add_argument("--oracle", action="store_true", help="print the F1 of keeping exactly the labelled "
                    "article lines (the ceiling of any line-removal method), then stop")
    args = ap.parse_args()
    EVAL = args.eval
    if not all((EVAL / f).exists() for f, _ in SOURCES):
        print(f"train_lines: eval data not found in {EVAL}; nothing to do")
        return 0
    docs = load_docs(args.limit, args.label_cache)
    print(f"{len(docs)} documents, {sum(len(d['lines']) for d in docs)} lines, "
          f"{sum(int(d['y'].sum()) for d in docs)} article lines", flush=True)
    if args.oracle:
        print(oracle_report(docs))
        return 0
    thresholds = [float(t) for t in args.thresholds.split(",")]
    modes = ("naive_text", "extractor_text_trafilatura")
    pipe_ts: list[float | None] = [float(t) for t in args.pipeline_thresholds.split(",") if t] or [None]
    if not args.no_eval:
        sources = [x for x in args.sources.split(",") if x] or sorted({d["source"] for d in docs})
        held: dict[str, list] = {m: [] for m in modes}
        for src in sources:
            mj = fit([d for d in docs if d["source"] != src], args.article_weight)
            for mode in modes:
                test = [d for d in docs if d["source"] == src and d["mode"] == mode]
                probs = [predict(mj, d["lines"]) for d in test]
                held[mode].extend(zip(test, probs, strict=True))
                print(f"held-out {src:16s} {mode:28s} " + " ".join(
                    f"@{t}: {score(test, probs, t)}" for t in thresholds), flush=True)
                for pt in pipe_ts if args.pipeline else ():
                    rows = pipeline_scores(test, mj, pt)
                    held.setdefault(f"pipe:{mode}@{pt}", []).extend(rows)
                    if args.rows_out:
                        with args.rows_out.open("a", encoding="utf-8") as f:
                            f.writelines(json.dumps({**r, "mode": mode, "threshold": pt, "held_out": True}) + "\n"
                                         for r in rows)
                    print("  " + _report(f"pipeline {src} @{pt}", rows), flush=True)
        mj = fit(docs, args.article_weight)
        if not args.eval_only:
            write(mj)
        for mode in modes:
            test = [d for d, _ in held[mode]]
            print(f"ALL held-out {mode}: " + " ".join(
                f"@{t}: {score(test, [p for _, p in held[mode]], t)}" for t in thresholds))
            print(f"ALL in-sample {mode}: " + " ".join(
                f"@{t}: {score(test, [predict(mj, d['lines']) for d in test], t)}" for t in thresholds), flush=True)
            for pt in pipe_ts if args.pipeline else ():
                print(_report(f"pipeline held-out {mode} @{pt}", held[f"pipe:{mode}@{pt}"]))
                rows = pipeline_scores(test, mj, pt)
                print(_report(f"pipeline in-sample {mode} @{pt}", rows), flush=True)
                if args.rows_out:
                    with args.rows_out.open("a", encoding="utf-8") as f:
                        f.writelines(json.dumps({**r, "mode": mode, "threshold": pt, "held_out": False}) + "\n"
                                     for r in rows)
    elif not args.eval_only:
        write(fit(docs, args.article_weight))
    return 0


def write(model_json: dict) -> None:
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(model_json, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)} ({OUT.stat().st_size // 1024} KB)", flush=True)


if __name__ == "__main__":
    sys.exit(main())
