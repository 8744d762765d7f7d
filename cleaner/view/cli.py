"""``python -m cleaner view REPORT.jsonl -o FILE`` and the ``--html-report`` hook of a run."""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Sequence

from ..errors import UsageError
from . import ViewStats, default_out_dir, write_view


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="cleaner view",
                description="Write the audit view of an existing JSONL report: one self-contained HTML page "
                            "(no network) with a summary, a sortable list of every document, and the text of "
                            "a sample with each removed span struck through and its reason id.",
                epilog="example: python -m cleaner view scraped.cleaned.report.jsonl -o audit.html")
    p.add_argument("report", metavar="REPORT.jsonl", help="a report written by cleaner")
    p.add_argument("-o", "--output", metavar="FILE",
                   help="the HTML file (default: the report's name with .html instead of .jsonl)")
    p.add_argument("--out-dir", metavar="OUT_DIR",
                   help="the run's outputs, read to show the sampled documents' text (default: X/ beside a "
                        "report named X.report.jsonl; without outputs, only removed spans are shown)")
    p.add_argument("--text-field", default="text", metavar="NAME",
                   help="the text field of JSONL outputs (default: %(default)s)")
    p.add_argument("--sample", type=int, default=200, metavar="N",
                   help="show in full the N documents with the most removed text (default: %(default)s)")
    p.add_argument("--random", type=int, default=200, metavar="N",
                   help="and N other documents drawn at random with --seed (default: %(default)s)")
    p.add_argument("--seed", type=int, default=0, help="seed of the random sample (default: %(default)s)")
    p.add_argument("-q", "--quiet", action="store_true", help="print nothing but errors")
    return p


def _html_name(report: str) -> str:
    base = report[: -len(".jsonl")] if report.endswith(".jsonl") else report
    return base + ".html"


def _done(html_path: str, stats: ViewStats, seconds: float) -> str:
    missing = f", {stats.missing_outputs} outputs not found" if stats.missing_outputs else ""
    return (f"cleaner: audit view {html_path}: {stats.documents:,} documents, {stats.sampled:,} in full"
            f"{missing}; {stats.bytes / 1e6:.1f} MB in {seconds:.2f} s")


def main(argv: Sequence[str]) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if not os.path.isfile(args.report):
            raise UsageError(f"REPORT {args.report!r} is not a file (give the .jsonl report of a run)")
        if args.sample < 0 or args.random < 0:
            raise UsageError("--sample and --random must be 0 or more")
        if args.out_dir and not os.path.isdir(args.out_dir):
            raise UsageError(f"--out-dir {args.out_dir!r} is not a directory")
        html_path = args.output or _html_name(args.report)
        if os.path.isdir(html_path):
            raise UsageError(f"-o {html_path!r} is a directory; give a file name")
        out_dir = args.out_dir or default_out_dir(os.path.abspath(args.report))
        start = time.perf_counter()
        stats = write_view(args.report, html_path, out_dir, top=args.sample, random_docs=args.random,
                           seed=args.seed, text_field=args.text_field)
    except UsageError as e:
        parser.print_usage(sys.stderr)
        print(f"cleaner view: error: {e}", file=sys.stderr)
        return 2
    if not args.quiet:
        print(_done(html_path, stats, time.perf_counter() - start), file=sys.stderr)
    return 0


def after_run(html_path: str, report_path: str, out_dir: str | None, text_field: str, quiet: bool) -> None:
    """Write the view right after a run (``--html-report``); outputs are read from ``out_dir``."""
    start = time.perf_counter()
    stats = write_view(report_path, html_path, out_dir, text_field=text_field)
    if not quiet:
        print(_done(html_path, stats, time.perf_counter() - start), file=sys.stderr)
