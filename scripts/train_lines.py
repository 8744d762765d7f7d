#!/usr/bin/env python3
"""Train the line model shipped in ``cleaner/data/linemodel.json`` and evaluate it per source.

    pip install -e '.[train]'         # scikit-learn + numpy (training only, not a runtime dependency)
    python scripts/train_lines.py     # leave-one-source-out report, then writes the weights
    python scripts/train_lines.py --eval-only

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

Leave-one-source-out: for each ``source_dataset``, both stages are trained on the other sources
and the held-out pages are scored with the benchmark's bag-of-tokens F1 and body-loss (the kept
lines against the gold). Both stages use scikit-learn's ``LogisticRegression`` (lbfgs, C=1.0,
deterministic), so a rerun reproduces the shipped weights exactly (rounded to 6 digits).
"""

from __future__ import annotations

import argparse
import difflib
import gzip
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
EVAL = ROOT.parent / "shared" / "eval"
OUT = ROOT / "cleaner" / "data" / "linemodel.json"
SOURCES = (("extraction-dev.jsonl.gz", "naive_text"),
           ("extraction-dev-extractor.jsonl.gz", "extractor_text_trafilatura"))
WORD_RE = re.compile(r"\w+")
MAX_GOLD_TOKENS = 60_000


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
    from cleaner.cleaners.linemodel import features

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
                docs.append({"id": rec["id"], "mode": field, "source": rec["source_dataset"], "lines": lines,
                             "gold": gold, "y": labels[key], "X": features(lines)})
    if cache:
        cache.write_text(json.dumps(labels))
    return docs


def sample_weights(doc: dict, article_weight: float) -> list[float]:
    w = [(len(WORD_RE.findall(s)) + 1) * (article_weight if y else 1.0)
         for s, y in zip(doc["lines"], doc["y"], strict=True)]
    total = sum(w)
    return [x * len(w) / total for x in w]


def fit(docs: list[dict], article_weight: float):
    import numpy as np
    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import StandardScaler

    from cleaner.cleaners.linemodel import stage2_features

    X = np.array([row for d in docs for row in d["X"]], dtype=float)
    y = np.array([v for d in docs for v in d["y"]])
    w = np.array([v for d in docs for v in sample_weights(d, article_weight)])
    sc1 = StandardScaler().fit(X)
    sc1.scale_[sc1.scale_ == 0] = 1.0
    m1 = LogisticRegression(C=1.0, max_iter=2000).fit(sc1.transform(X), y, sample_weight=w)
    # stage 2 on out-of-fold stage-1 probabilities would be cleaner; in-sample is close enough for a
    # 44-feature linear model and keeps the script simple and deterministic
    X2 = []
    pos = 0
    for d in docs:
        n = len(d["X"])
        p = m1.predict_proba(sc1.transform(X[pos:pos + n]))[:, 1]
        X2.extend(stage2_features(list(p)))
        pos += n
    X2a = np.array(X2)
    sc2 = StandardScaler().fit(X2a)
    sc2.scale_[sc2.scale_ == 0] = 1.0
    m2 = LogisticRegression(C=1.0, max_iter=2000).fit(sc2.transform(X2a), y, sample_weight=w)
    return {"mean1": sc1.mean_, "scale1": sc1.scale_, "coef1": m1.coef_[0], "intercept1": m1.intercept_,
            "mean2": sc2.mean_, "scale2": sc2.scale_, "coef2": m2.coef_[0], "intercept2": m2.intercept_}


def to_json(model: dict) -> dict:
    from cleaner.cleaners.linemodel import FEATURES

    out: dict = {"features": list(FEATURES)}
    for k, v in model.items():
        out[k] = [round(float(x), 6) for x in v]
    return out


def predict(model_json: dict, lines: list[str]) -> list[float]:
    from cleaner.cleaners import linemodel

    p1 = linemodel._apply(linemodel.features(lines), model_json["mean1"], model_json["scale1"],
                          model_json["coef1"], model_json["intercept1"][0])
    return linemodel._apply(linemodel.stage2_features(p1), model_json["mean2"], model_json["scale2"],
                            model_json["coef2"], model_json["intercept2"][0])


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


def main() -> int:
    global EVAL
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--eval-only", action="store_true", help="print the leave-one-source-out report only")
    ap.add_argument("--no-eval", action="store_true", help="skip the leave-one-source-out report")
    ap.add_argument("--article-weight", type=float, default=2.0)
    ap.add_argument("--threshold", type=float, default=0.5)
    ap.add_argument("--limit", type=int, default=None, help="read only the first N records per file")
    ap.add_argument("--label-cache", type=Path, default=None, help="JSON file caching the line labels")
    ap.add_argument("--eval", type=Path, default=EVAL, help="folder of the eval files (default ../shared/eval)")
    args = ap.parse_args()
    EVAL = args.eval
    if not all((EVAL / f).exists() for f, _ in SOURCES):
        print(f"train_lines: eval data not found in {EVAL}; nothing to do")
        return 0
    docs = load_docs(args.limit, args.label_cache)
    print(f"{len(docs)} documents, {sum(len(d['lines']) for d in docs)} lines, "
          f"{sum(sum(d['y']) for d in docs)} article lines", flush=True)
    if not args.no_eval:
        sources = sorted({d["source"] for d in docs})
        for mode in ("naive_text", "extractor_text_trafilatura"):
            print(f"leave-one-source-out, input {mode} (threshold {args.threshold}):")
            for src in sources:
                train = [d for d in docs if d["source"] != src]
                test = [d for d in docs if d["source"] == src and d["mode"] == mode]
                mj = to_json(fit(train, args.article_weight))
                print(f"  {src:16s} {score(test, [predict(mj, d['lines']) for d in test], args.threshold)}",
                      flush=True)
    if args.eval_only:
        return 0
    mj = to_json(fit(docs, args.article_weight))
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(mj, indent=0) + "\n", encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
