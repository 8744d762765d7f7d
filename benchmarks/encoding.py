"""Encoding benchmark: our decoder + repair beside charset-normalizer alone and ``ftfy.guess_bytes``.

Reads ``../shared/eval/encoding-dev/`` (relative to the repository: ``files/`` and ``gold.jsonl``,
see its README) and exits 0 with a message when it is absent. Prints exact match and character
error rate (Levenshtein distance / gold length) per category and overall for the three decoders,
files per second of each, and the speed of the encoding step on UTF-8 input (files/s on one core
for ~1.3 KB files, and its share of the whole pipeline's time).

    python benchmarks/encoding.py [--misses] [--no-speed]

Gold for HTML files is the decoded page source, so HTML pages are decoded and repaired as a whole
here (the pipeline repairs their visible text).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).absolute().parent.parent
DEV = ROOT.parent / "shared" / "eval" / "encoding-dev"
sys.path.insert(0, str(ROOT))


def levenshtein(a: str, b: str) -> int:
    """Edit distance, bit-parallel (Myers 1999 / Hyyrö): O(len(a) * len(b) / word) with big ints."""
    if a == b:
        return 0
    if not a or not b:
        return len(a) or len(b)
    if len(a) < len(b):
        a, b = b, a
    m = len(b)
    peq: dict[str, int] = defaultdict(int)
    for i, c in enumerate(b):
        peq[c] |= 1 << i
    mask = (1 << m) - 1
    high = 1 << (m - 1)
    pv, mv, score = mask, 0, m
    for c in a:
        eq = peq.get(c, 0)
        xv = eq | mv
        xh = (((eq & pv) + pv) ^ pv) | eq
        ph = mv | (~(xh | pv) & mask)
        mh = pv & xh
        if ph & high:
            score += 1
        elif mh & high:
            score -= 1
        ph = ((ph << 1) | 1) & mask
        mh = (mh << 1) & mask
        pv = mh | (~(xv | ph) & mask)
        mv = ph & xv
    return score


def ours(data: bytes, html: bool) -> str:
    from cleaner import encoding
    from cleaner.decode import decode_bytes

    text, info = decode_bytes(data, html=html)
    return encoding.repair(text, info.fixes, entities=not html)[0]


def charset_normalizer_alone(data: bytes, html: bool) -> str:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    return str(best) if best is not None else ""


def ftfy_guess_bytes(data: bytes, html: bool) -> str:
    import ftfy

    try:
        return ftfy.guess_bytes(data)[0]
    except UnicodeError:
        return ""


DECODERS: dict[str, Callable[[bytes, bool], str]] = {
    "cleaner": ours, "charset-normalizer": charset_normalizer_alone, "ftfy.guess_bytes": ftfy_guess_bytes}


def evaluate(gold: list[dict], show_misses: bool) -> None:
    stats: dict[str, dict[str, list[float]]] = {name: defaultdict(list) for name in DECODERS}
    speed: dict[str, float] = {}
    for name, fn in DECODERS.items():
        fn(b"warm up \xe9", False)
        outputs, t0 = [], time.perf_counter()
        for rec in gold:
            outputs.append(fn(rec["bytes"], rec["category"].startswith("html")))
        speed[name] = len(gold) / (time.perf_counter() - t0)
        for rec, out in zip(gold, outputs, strict=True):
            cer = levenshtein(out, rec["text"]) / max(1, len(rec["text"]))
            for key in (rec["category"], "OVERALL"):
                stats[name][key].append(cer)
            if show_misses and name == "cleaner" and out != rec["text"]:
                print(f"MISS {rec['id']} ({rec['encoding']}, {rec['length']}): cer {cer:.3f}\n"
                      f"  got  {out[:160]!r}\n  gold {rec['text'][:160]!r}")
    cats = [c for c in dict.fromkeys(r["category"] for r in gold)] + ["OVERALL"]
    names = list(DECODERS)
    print(f"{'category':<20}" + "".join(f"{n + ' exact':>26}{'CER':>8}" for n in names))
    for cat in cats:
        row = f"{cat:<20}"
        for n in names:
            cers = stats[n][cat]
            exact = sum(1 for c in cers if c == 0) / len(cers)
            row += f"{exact:>26.1%}{sum(cers) / len(cers):>8.4f}"
        print(row)
    print(f"{'files/s':<20}" + "".join(f"{speed[n]:>26.0f}{'':>8}" for n in names))


def utf8_speed() -> None:
    """Encoding step alone vs the whole pipeline on ~1.3 KB UTF-8 articles (one core)."""
    from cleaner import encoding
    from cleaner.decode import decode_bytes
    from cleaner.pipeline import Pipeline

    base = [json.loads(line)["text"] for line in (DEV / "gold.jsonl").open(encoding="utf-8")]
    texts = [t for t in base if t.isprintable() or "\n" in t][:40]
    docs = []
    for i in range(400):  # ~1.3 KB each, real multilingual sentences, curly quotes included
        parts, size = [], 0
        j = i
        while size < 1300:
            t = texts[j % len(texts)]
            parts.append(t)
            size += len(t.encode())
            j += 7
        docs.append("“".join(parts).encode("utf-8")[:1300].decode("utf-8", "ignore").encode("utf-8"))

    def step(data: bytes) -> None:
        text, info = decode_bytes(data)
        encoding.repair(text, info.fixes, entities=True)

    pipe = Pipeline()
    pipe.run(pipe.document(docs[0]))
    t0 = time.perf_counter()
    for d in docs:
        step(d)
    enc = time.perf_counter() - t0
    t0 = time.perf_counter()
    for d in docs:
        pipe.run(pipe.document(d))
    whole = time.perf_counter() - t0
    kb = sum(map(len, docs)) / len(docs) / 1024
    print(f"utf-8 input, {len(docs)} files of {kb:.2f} KB: encoding step {len(docs) / enc:,.0f} files/s; "
          f"whole pipeline {len(docs) / whole:,.0f} files/s; encoding share {enc / whole:.1%}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--misses", action="store_true", help="print every file we decode wrongly")
    ap.add_argument("--no-speed", action="store_true", help="skip the UTF-8 speed measurement")
    args = ap.parse_args()
    if not (DEV / "gold.jsonl").exists():
        print(f"encoding benchmark: {DEV} not found; nothing to do")
        return 0
    gold = [json.loads(line) for line in (DEV / "gold.jsonl").open(encoding="utf-8")]
    for rec in gold:
        rec["bytes"] = (DEV / rec["file"]).read_bytes()
    evaluate(gold, args.misses)
    if not args.no_speed:
        utf8_speed()
    return 0


if __name__ == "__main__":
    sys.exit(main())
