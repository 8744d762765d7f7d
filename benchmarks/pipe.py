"""Throughput of the bare pipe: walk, read, decode, segment, cut, report and write, with every
stage skipped, for .txt files and for .jsonl.gz, on one core (``--jobs 1``).

    python benchmarks/pipe.py [--docs 3000] [--size 6000] [--tmp /dev/shm]

The documents are synthetic article-like text (deterministic), so the benchmark runs anywhere.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import shutil
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

from cleaner.cleaners import STAGES
from cleaner.config import Config
from cleaner.runner import RunOptions, run

WORDS = ("the harbour council said on tuesday that its new ferry timetable would start in spring "
         "while residents asked for more crossings at night and cheaper tickets for students").split()


def article(rng: random.Random, size: int) -> str:
    lines, n = [], 0
    while n < size:
        line = " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 60))).capitalize() + "."
        lines.append(line)
        n += len(line) + 1
    return "\n".join(lines) + "\n"


def build(root: str, docs: int, size: int) -> tuple[str, str, int]:
    rng = random.Random(7)
    txt_dir, jsonl_dir = os.path.join(root, "txt"), os.path.join(root, "jsonl")
    total = 0
    records = []
    for i in range(docs):
        text = article(rng, size)
        total += len(text.encode())
        sub = os.path.join(txt_dir, f"d{i % 20:02d}")
        os.makedirs(sub, exist_ok=True)
        with open(os.path.join(sub, f"a{i:05d}.txt"), "w", encoding="utf-8") as f:
            f.write(text)
        records.append(json.dumps({"id": i, "url": f"https://example.org/{i}", "text": text}))
    os.makedirs(jsonl_dir)
    for part in range(4):
        with gzip.open(os.path.join(jsonl_dir, f"part{part}.jsonl.gz"), "wt", encoding="utf-8") as f:
            f.write("\n".join(records[part::4]) + "\n")
    return txt_dir, jsonl_dir, total


def measure(in_dir: str, out: str, config: Config) -> tuple[float, float]:
    """Wall-clock and CPU seconds (CPU time is what counts on a loaded machine)."""
    t0, c0 = time.perf_counter(), time.process_time()
    summary = run(RunOptions(in_dir, out, out + ".report.jsonl", jobs=1), config)
    assert summary.error == 0, summary
    return time.perf_counter() - t0, time.process_time() - c0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=3000)
    ap.add_argument("--size", type=int, default=6000, help="characters per document")
    ap.add_argument("--tmp", default=None, help="folder for the corpus and outputs (default: the system "
                    "temporary folder; /dev/shm takes the disk's file-creation cost out)")
    args = ap.parse_args()
    root = tempfile.mkdtemp(prefix="cleaner-pipe-bench-", dir=args.tmp)
    try:
        txt_dir, jsonl_dir, total = build(root, args.docs, args.size)
        bare = Config(skip=STAGES)
        print(f"{args.docs} documents, {total / 1e6:.1f} MB of text, --jobs 1, every stage skipped")
        print(f"{'input':<10} {'wall s':>7} {'cpu s':>7} {'MB/s wall':>10} {'MB/s cpu':>9} {'docs/s cpu':>10}")
        for name, path in (("txt", txt_dir), ("jsonl.gz", jsonl_dir)):
            wall, cpu = measure(path, os.path.join(root, f"out-{name}"), bare)
            print(f"{name:<10} {wall:7.2f} {cpu:7.2f} {total / 1e6 / wall:10.1f} {total / 1e6 / cpu:9.1f} "
                  f"{args.docs / cpu:10.0f}")
    finally:
        shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
