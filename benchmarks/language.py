"""Mixed-language benchmark: the ``language`` cleaner beside langdetect per sentence (seeded).

Reads ``../shared/eval/mixed-language-dev.jsonl.gz`` (relative to the repository) and scores with
the official scorer ``../shared/eval/mixed_language_score.py``; exits 0 with a message when either is
absent. Prints span F1 per size and per script, overall, the false-alarm rate on clean documents and
documents per second on one core (the language stage alone, lexicons loaded before timing).

    python benchmarks/language.py [--limit N] [--no-peer] [--dump PRED.jsonl]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).absolute().parent.parent
EVAL = ROOT.parent / "shared" / "eval"
GOLD = EVAL / "mixed-language-dev.jsonl.gz"
SCORER = EVAL / "mixed_language_score.py"
sys.path.insert(0, str(ROOT))


def load_scorer():
    spec = importlib.util.spec_from_file_location("mixed_language_score", SCORER)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)  # type: ignore[union-attr]
    return mod


def ours(docs: list[dict]) -> tuple[dict[str, dict], float]:
    from cleaner.cleaners.language import LanguageCleaner
    from cleaner.config import Config
    from cleaner.pipeline import Pipeline

    pipe = Pipeline(Config(only=("language",)))
    cleaner = LanguageCleaner(pipe.config)
    built = [pipe.document(d["text"]) for d in docs]
    t0 = time.process_time()
    for doc in built:  # first pass: lexicons load here, once per process and language
        cleaner.find(doc, ())
    print(f"first pass (loads the lexicons): {time.process_time() - t0:.1f} s CPU")
    t0 = time.process_time()
    found = [cleaner.find(doc, ()) for doc in built]
    dt = time.process_time() - t0
    preds = {}
    for d, f in zip(docs, found, strict=True):
        preds[d["id"]] = {"id": d["id"], "doc_lang": f.language,
                          "fragments": [{"start": x.start, "end": x.end, "lang": x.lang, "text": x.text,
                                         "score": x.score} for x in f.flags]}
    return preds, len(docs) / dt


def peer(docs: list[dict]) -> tuple[dict[str, dict], float]:
    """langdetect on every sentence (our seeded factory): a sentence in another language than the
    document's (langdetect on the whole text) is a fragment."""
    from cleaner.cleaners.langlex import langdetect_language
    from cleaner.cleaners.langscript import sentences

    langdetect_language("warm up")
    preds = {}
    t0 = time.process_time()
    for d in docs:
        text = d["text"]
        host = langdetect_language(text)
        frags = []
        for s, e in sentences(text, 0, len(text)):
            lang = langdetect_language(text[s:e])
            if lang and host and lang != host:
                frags.append({"start": s, "end": e, "lang": lang, "text": text[s:e]})
        preds[d["id"]] = {"id": d["id"], "doc_lang": host, "fragments": frags}
    return preds, len(docs) / (time.process_time() - t0)


def _cross(fragment: dict, host: str | None) -> bool:
    """Whether a predicted fragment is in another script than the document (stage 1's kind)."""
    from cleaner.cleaners.langscript import script_of

    return any(script_of(c) not in (host, "other") for c in fragment.get("text", "") if c.isalpha())


def table(name: str, docs: list[dict], preds: dict[str, dict], scorer, rate: float) -> None:
    from cleaner.cleaners.langscript import host_script

    host_of = {d["id"]: host_script(d["text"]) for d in docs}
    res = scorer.score(docs, preds, ci=False)
    o = res["overall"]
    print(f"\n## {name}: span F1 {o['span']['f1']:.3f} (P {o['span']['p']:.3f} R {o['span']['r']:.3f}), "
          f"detect F1 {o['detect']['f1']:.3f}, false alarms {o.get('false_alarm_rate', 0):.1%} of "
          f"{o.get('clean_docs', 0)} clean docs, doc language {o.get('doc_lang_acc', 0):.3f}, {rate:,.0f} docs/s")
    by = defaultdict(list)
    for d in docs:
        if d["fragments"]:
            by[("size", d["size"])].append(d)
            by[("script", d["script"])].append(d)
    for key in [("size", s) for s in ("word", "phrase", "sentence", "paragraph")] + \
               [("script", s) for s in ("cross", "same")]:
        part = by.get(key)
        if part:
            a = scorer.score(part, preds, ci=False)["overall"]
            span = a["span"]
            print(f"  {key[0]:6} {key[1]:9} span F1 {span['f1']:.3f}  P {span['p']:.3f}  R {span['r']:.3f}")
    cross_only = {i: {**p, "fragments": [f for f in p["fragments"] if _cross(f, host_of.get(i))]}
                  for i, p in preds.items()}
    for size in ("word", "phrase", "sentence", "paragraph"):
        part = [d for d in docs if d.get("category") == f"{size}/cross"]
        if part:
            a = scorer.score(part, cross_only, ci=False)["overall"]["span"]
            print(f"  cross-script flags only, {size:9} span F1 {a['f1']:.3f}  P {a['p']:.3f}  R {a['r']:.3f}")
    print("  per category (span F1 / detect F1):")
    for cat in scorer.CAT_ORDER:
        a = res["by_category"].get(cat)
        if a:
            print(f"    {cat:16} {a['span']['f1']:.3f} / {a['detect']['f1']:.3f}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--limit", type=int, default=0, help="first N documents only")
    ap.add_argument("--no-peer", action="store_true", help="skip the langdetect peer (slow)")
    ap.add_argument("--dump", type=Path, help="write our predictions as JSONL here")
    args = ap.parse_args(argv)
    if not GOLD.exists() or not SCORER.exists():
        print(f"skipped: {GOLD} or {SCORER} not found (the shared eval data is not on this machine)")
        return 0
    scorer = load_scorer()
    docs = scorer.read_jsonl(GOLD)
    if args.limit:
        docs = docs[:args.limit]
    preds, rate = ours(docs)
    if args.dump:
        with args.dump.open("w", encoding="utf-8") as fh:
            for d in docs:
                fh.write(json.dumps(preds[d["id"]], ensure_ascii=False) + "\n")
    table("cleaner language stage", docs, preds, scorer, rate)
    if not args.no_peer:
        ppreds, prate = peer(docs)
        table("peer: langdetect per sentence (seeded)", docs, ppreds, scorer, prate)
    return 0


if __name__ == "__main__":
    sys.exit(main())
