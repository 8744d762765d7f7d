"""Principle 1 check for the comment-thread detector: run the comments stage alone on every dev page's
GOLD article text and count the gold tokens it removes (the target is 0).

The gold holds no comment thread (Dragnet and L3S-GN1 keep the comments apart), so every token the
``comments.thread`` span takes from it is article text lost. Reads the three boilerplate dev files
of ``../shared/eval`` (``extraction-dev``, ``extraction-dev-sites``, ``extraction-dev-sites-hard``;
``--eval`` overrides) and exits 0 with a message when they are absent. Prints, per file, the pages
and tokens removed, and each page with a cut (its id, the tokens lost and the thread's first line).

    .venv/bin/python benchmarks/comments_gold.py          # exit status 1 when a gold token is lost
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).absolute().parent.parent
sys.path.insert(0, str(ROOT))

from cleaner import Config, Pipeline  # noqa: E402

DEFAULT_EVAL = ROOT.parent / "shared" / "eval"
FILES = ("extraction-dev.jsonl.gz", "extraction-dev-sites.jsonl.gz", "extraction-dev-sites-hard.jsonl.gz")
TOKEN_RE = re.compile(r"\w+")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--eval", type=Path, default=DEFAULT_EVAL, help="folder of the split files")
    args = ap.parse_args(argv)
    paths = [args.eval / name for name in FILES if (args.eval / name).is_file()]
    if not paths:
        print(f"{args.eval} has none of {', '.join(FILES)}: check skipped")
        return 0
    pipe = Pipeline(Config(only=("comments",)))
    lost_total = 0
    for path in paths:
        pages = cut = lost = 0
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            for line in fh:
                rec = json.loads(line)
                gold = rec.get("gold_text") or ""
                pages += 1
                result = pipe.run(pipe.document(gold, fmt="text"))
                thread = [r for r in result.removed if r.reason == "comments.thread"]
                if not thread:
                    continue
                n = sum(len(TOKEN_RE.findall(r.text)) for r in thread)
                cut += 1
                lost += n
                first = thread[0].text.strip().split("\n", 1)[0]
                print(f"  {rec.get('id') or rec.get('doc_id')}: {n} tokens, from {first[:90]!r}")
        print(f"{path.name}: {pages} pages, {cut} with a thread cut, {lost} gold tokens removed")
        lost_total += lost
    return 1 if lost_total else 0


if __name__ == "__main__":
    raise SystemExit(main())
