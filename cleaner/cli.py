"""``python -m cleaner`` / ``cleaner``: parse, validate (exit 2), build the Config, run, summarize."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from . import __version__
from .cleaners import STAGES, select_stages
from .config import MIB, Config, CorpusConfig, EncodingConfig, LanguageConfig, QualityConfig
from .errors import DocumentError, SkipDocument, UsageError
from .report import RunSummary

EPILOG = """\
examples:
  python -m cleaner scraped/                 # -> scraped.cleaned/ and scraped.cleaned.report.jsonl
  python -m cleaner scraped/ -o clean/ --report run.jsonl --jobs 8
  python -m cleaner crawl/ --skip language,quality --text-field content
  cat page.html | python -m cleaner - > page.txt
  python -m cleaner scraped/ --html-report audit.html   # also write the HTML audit view
  python -m cleaner view scraped.cleaned.report.jsonl -o audit.html   # the view of an existing report

inputs: .txt, .html/.htm (cleaned text goes to PATH.txt), .jsonl and .jsonl.gz (one record per line,
the text field replaced, every other field kept), .warc/.warc.gz/.wet/.wet.gz (each page record is a
document; PATH.jsonl.gz gets one object per page). Other files, symlinks, FIFOs and sockets are listed
in the report as skipped. IN_DIR is never written.

scale: --engine dask [--scheduler ADDRESS] runs on a dask cluster (same bytes as local); --resume
continues a killed run; IN_DIR may be a folder URL (s3://, gs://: with s3fs/gcsfs) or @LIST of files.

stages (for --only/--skip): {stages}

exit codes: 0 every document cleaned (or skipped), 1 some documents failed (all others were still
written; see status "error" in the report), 2 usage error.
"""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: error: {message}\n(see --help for examples)\n")


def _names(value: str) -> tuple[str, ...]:
    return tuple(n.strip() for n in value.split(",") if n.strip())


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="cleaner",
                description="Repair encoding, strip template residue and appended comment threads, flag "
                            "mixed-language fragments and score quality in scraped articles; every "
                            "removal is explained in a JSONL report.",
                epilog=EPILOG.format(stages=", ".join(STAGES)),
                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("in_dir", metavar="IN_DIR", help="directory of scraped articles; or a folder URL that "
                   "fsspec can list (s3://bucket/dir, needs s3fs; gs://, file://, memory://); or @LIST, a "
                   "file of paths/URLs one per line (both need -o); or - for one document on stdin "
                   "(cleaned text on stdout)")
    out = p.add_argument_group("output")
    out.add_argument("-o", "--output", metavar="OUT_DIR",
                     help="where cleaned files go, mirroring IN_DIR (default: IN_DIR.cleaned/ beside it)")
    out.add_argument("--report", metavar="REPORT.jsonl",
                     help="the JSONL report, one record per document (default: OUT_DIR.report.jsonl "
                          "beside OUT_DIR; with -, no report unless given)")
    out.add_argument("--html-report", metavar="FILE",
                     help="also write the audit view: one self-contained HTML page of what was removed "
                          "and why (for an existing report: python -m cleaner view REPORT.jsonl -o FILE)")
    out.add_argument("--dry-run", action="store_true",
                     help="clean and write the report, but write no output files")
    run = p.add_argument_group("running")
    run.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 1, metavar="N",
                     help="worker processes (default: all %(default)s CPUs); outputs are identical for any N")
    run.add_argument("--engine", choices=("local", "dask"), default="local",
                     help="local: a process pool on this machine (default); dask: a dask.distributed "
                          "cluster (pip install 'cleaner[dask]'), same outputs and report")
    run.add_argument("--scheduler", metavar="ADDRESS",
                     help="with --engine dask: the scheduler of an existing cluster, e.g. "
                          "tcp://10.0.0.5:8786 (default: a local cluster of --jobs workers); every "
                          "worker must see IN_DIR, OUT_DIR and the report folder at the same paths")
    run.add_argument("--resume", action="store_true",
                     help="keep a journal beside the report; after a crash or kill, the same command "
                          "with --resume cleans only the files not yet finished")
    run.add_argument("--only", type=_names, default=(), metavar="STAGES",
                     help="run only these comma-separated stages")
    run.add_argument("--skip", type=_names, default=(), metavar="STAGES",
                     help="skip these comma-separated stages, e.g. --skip language,quality")
    run.add_argument("--text-field", default="text", metavar="NAME",
                     help="the JSONL field holding the text (default: %(default)s)")
    run.add_argument("--max-doc-mb", type=float, default=Config.max_doc_bytes / MIB, metavar="MB",
                     help="documents or records larger than this are errors (default: %(default)g)")
    run.add_argument("--max-doc-lines", type=int, default=Config.max_doc_lines, metavar="N",
                     help="documents with more lines (HTML: text blocks) are errors, decided before "
                          "cleaning; 0 disables (default: %(default)d)")
    run.add_argument("--timeout", type=float, default=Config.max_doc_seconds, metavar="SECONDS",
                     help="per-document time limit; 0 disables (default: %(default)g)")
    enc = p.add_argument_group("encoding")
    enc.add_argument("--encoding", metavar="CODEC",
                     help="decode every input with this codec instead of detecting it (e.g. cp1252, "
                          "gbk); a file it cannot decode is an error")
    enc.add_argument("--no-encoding-repair", action="store_true",
                     help="decode only: no ftfy mojibake/C1-control repair (HTML entities in plain "
                          "text are still decoded)")
    corp = p.add_argument_group("corpus mode (template lines repeated across the documents of a site)")
    on_off = corp.add_mutually_exclusive_group()
    on_off.add_argument("--corpus", dest="corpus", action="store_true", default=None,
                        help="corpus mode on for every group of 2 or more documents, whatever "
                             "corpus.min_docs says (default: on, for groups of min_docs = 2 or more; "
                             "it reads IN_DIR twice)")
    on_off.add_argument("--no-corpus", dest="corpus", action="store_false",
                        help="one pass, no cross-document evidence")
    corp.add_argument("--group-by", default="host", metavar="host|dir|field:NAME|none",
                      help="what makes a group (site): host = the url host of JSONL records, else the "
                           "file's folder (default); dir = the folder; field:NAME = a JSONL field; "
                           "none = everything together")
    corp.add_argument("--stats-out", metavar="FILE",
                      help="save the pass-1 line statistics, to clean later batches with --stats-in")
    corp.add_argument("--stats-in", metavar="FILE",
                      help="use statistics saved by --stats-out instead of counting IN_DIR (groups "
                           "must have the same names: url hosts, or the same folders)")
    lang = p.add_argument_group("language")
    lang.add_argument("--mixed-language", choices=("flag", "drop"), default="flag",
                      help="flag: report fragments in another language than the document's (default); "
                           "drop: also remove them (reason language.foreign_fragment)")
    qual = p.add_argument_group("quality")
    qual.add_argument("--min-quality", type=float, metavar="X",
                      help="leave out documents whose quality score (0-1) is below X (JSONL: the record); "
                           "the report lists them with output null and quality.filtered naming the "
                           "failed rules. Default: keep every document")
    msg = p.add_argument_group("messages")
    msg.add_argument("-q", "--quiet", action="store_true", help="print nothing but errors")
    msg.add_argument("-v", "--verbose", action="store_true", help="also list failed documents on stderr")
    msg.add_argument("--version", action="version", version=f"cleaner {__version__}")
    return p


def config_from_args(args: argparse.Namespace) -> Config:
    select_stages(args.only, args.skip)  # raises UsageError with the valid names
    if args.jobs < 1:
        raise UsageError("--jobs must be at least 1")
    if args.scheduler and args.engine != "dask":
        raise UsageError("--scheduler needs --engine dask")
    if args.engine == "dask":
        from .engine_dask import _import_distributed

        _import_distributed()  # UsageError "--engine dask needs: pip install 'cleaner[dask]'"
    if args.max_doc_mb <= 0:
        raise UsageError("--max-doc-mb must be positive")
    if args.max_doc_lines < 0:
        raise UsageError("--max-doc-lines must be 0 (no limit) or more")
    if args.min_quality is not None and not 0 <= args.min_quality <= 1:
        raise UsageError(f"--min-quality {args.min_quality:g}: give a score between 0 and 1 (e.g. 0.3)")
    if args.min_quality is not None and "quality" not in select_stages(args.only, args.skip):
        raise UsageError("--min-quality needs the quality stage (see --only/--skip)")
    if args.encoding:
        import codecs

        try:
            codecs.lookup(args.encoding)
        except LookupError as e:
            raise UsageError(f"--encoding {args.encoding}: unknown codec (try utf-8, cp1252, gbk, "
                             "shift_jis, koi8-r)") from e
    return Config(only=args.only, skip=args.skip, text_field=args.text_field,
                  max_doc_bytes=int(args.max_doc_mb * MIB), max_doc_seconds=args.timeout,
                  max_doc_lines=args.max_doc_lines,
                  encoding=EncodingConfig(force=args.encoding, repair=not args.no_encoding_repair),
                  language=LanguageConfig(mixed_language=args.mixed_language),
                  corpus=_corpus_config(args), quality=QualityConfig(min_quality=args.min_quality))


def _corpus_config(args: argparse.Namespace) -> CorpusConfig:
    from .corpus import check_group_by

    try:
        group_by = check_group_by(args.group_by)
    except ValueError as e:
        raise UsageError(str(e)) from e
    if args.corpus is False and (args.stats_in or args.stats_out):
        raise UsageError("--stats-in/--stats-out need corpus mode; drop --no-corpus")
    if (args.stats_in or args.stats_out) and "corpus" not in select_stages(args.only, args.skip):
        raise UsageError("--stats-in/--stats-out need the corpus stage (see --only/--skip)")
    if args.stats_in and not os.path.isfile(args.stats_in):
        raise UsageError(f"--stats-in {args.stats_in!r}: no such file (write one with --stats-out)")
    if (args.stats_in or args.stats_out) and args.in_dir == "-":
        raise UsageError("--stats-in/--stats-out need IN_DIR (a folder), not stdin")
    return CorpusConfig(enabled=args.corpus, group_by=group_by)


def _inside(child: str, parent: str) -> bool:
    child, parent = os.path.realpath(child), os.path.realpath(parent)
    return child == parent or child.startswith(parent.rstrip(os.sep) + os.sep)


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    if argv[:1] == ["view"]:  # a directory named "view" is given as ./view
        from .view.cli import main as view_main

        return view_main(argv[1:])
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        config = config_from_args(args)
        if args.in_dir == "-":
            return _stdin(args, config)
        return _directory(args, config)
    except UsageError as e:
        parser.print_usage(sys.stderr)
        print(f"cleaner: error: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("cleaner: interrupted; no report written", file=sys.stderr)
        return 130


def _directory(args: argparse.Namespace, config: Config) -> int:
    from .remote import is_remote_spec
    from .runner import RunOptions, run

    in_dir = args.in_dir
    remote = is_remote_spec(in_dir)  # a folder URL (s3://...) or @LIST of files/URLs: cleaner.remote
    if remote and not args.output:
        raise UsageError(f"IN_DIR {in_dir!r} is a URL or a list: give the local output folder with -o")
    if not remote and not os.path.isdir(in_dir):
        raise UsageError(f"IN_DIR {in_dir!r} is not a directory (give a folder of .txt/.html/.jsonl files, "
                         "or - to read one document from stdin)")
    base = os.path.normpath(os.path.abspath(in_dir))
    out_dir = args.output or base + ".cleaned"
    report_path = args.report or os.path.normpath(os.path.abspath(out_dir)) + ".report.jsonl"
    if _inside(out_dir, in_dir):
        raise UsageError(f"OUT_DIR {out_dir!r} is IN_DIR or inside it; IN_DIR is never written: "
                         "choose an output folder outside it")
    if _inside(in_dir, out_dir):
        raise UsageError(f"IN_DIR is inside OUT_DIR {out_dir!r}; choose an output folder beside it")
    if _inside(report_path, in_dir):
        raise UsageError(f"the report {report_path!r} would be written inside IN_DIR; put it elsewhere")
    if os.path.isdir(report_path):
        raise UsageError(f"the report path {report_path!r} is a directory; give a file name")
    if args.html_report and (_inside(args.html_report, in_dir) or os.path.isdir(args.html_report)):
        raise UsageError(f"--html-report {args.html_report!r} is a directory or inside IN_DIR; give a file elsewhere")
    if not args.quiet:
        print(f"cleaner: writing {'no outputs (dry run)' if args.dry_run else out_dir + os.sep} and "
              f"report {report_path}", file=sys.stderr)
    opts = RunOptions(in_dir, out_dir, report_path, jobs=args.jobs, dry_run=args.dry_run,
                      progress=not args.quiet and sys.stderr.isatty(), engine=args.engine,
                      scheduler=args.scheduler, resume=args.resume,
                      stats_in=args.stats_in, stats_out=args.stats_out)
    summary = run(opts, config)
    if args.html_report:
        from .view.cli import after_run

        after_run(args.html_report, report_path, None if args.dry_run else out_dir, args.text_field, args.quiet)
    if not args.quiet:
        print(f"cleaner: {summary}", file=sys.stderr)
        if summary.error:
            print(f"cleaner: {summary.error:,} documents failed; see status \"error\" in {report_path}",
                  file=sys.stderr)
    if args.verbose and summary.error:
        _list_failures(report_path)
    return summary.exit_code


def _list_failures(report_path: str, limit: int = 50) -> None:
    """``-v``: name the failed documents and why, up to ``limit`` of them."""
    import json

    shown = 0
    with open(report_path, encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            if rec["status"] != "error":
                continue
            if shown == limit:
                print("cleaner:   ... (more in the report)", file=sys.stderr)
                return
            where = f"{rec['path']}:{rec['line']}" if rec["line"] else rec["path"]
            print(f"cleaner:   {where}: {rec['error']}", file=sys.stderr)
            shown += 1


def _stdin(args: argparse.Namespace, config: Config) -> int:
    from . import report
    from .files import write_atomic
    from .pipeline import Pipeline, looks_like_html
    from .quality import filtered_reason

    data = sys.stdin.buffer.read(config.max_doc_bytes + 1)
    summary = RunSummary()
    pipe = Pipeline(config)
    try:
        if len(data) > config.max_doc_bytes:
            raise DocumentError(f"stdin is over the {config.max_doc_bytes:,}-byte limit (--max-doc-mb)")
        doc = pipe.document(data, fmt="html" if looks_like_html(data) else "text", path="-")
        if not doc.text.strip():
            raise SkipDocument("empty document: no visible text to clean")
        result = pipe.run(doc)
        dropped = filtered_reason(result.quality, config.quality) if result.quality else None
        if not dropped:  # --min-quality: nothing on stdout for a document below it
            sys.stdout.buffer.write(result.text.encode("utf-8"))
            sys.stdout.flush()
        rec = report.record("-", output=None if dropped else "-", result=result)
        if dropped:
            rec["quality"]["filtered"] = dropped
    except SkipDocument as e:
        rec = report.record("-", status="skipped", error=str(e))
    except DocumentError as e:
        rec = report.record("-", status="error", error=str(e))
        print(f"cleaner: error: {e}", file=sys.stderr)
    summary.add_record(rec)
    line = report.dumps(rec).encode("utf-8")
    if args.report:
        write_atomic(os.fsencode(args.report), line)
    if args.html_report:  # the audit view of the one document (its report kept aside if not asked)
        import tempfile

        from .view.cli import after_run

        if os.path.isdir(args.html_report):
            raise UsageError(f"--html-report {args.html_report!r} is a directory; give a file name")
        with tempfile.TemporaryDirectory(prefix="cleaner-stdin-") as tmp:
            report_path = args.report or os.path.join(tmp, "stdin.report.jsonl")
            if not args.report:
                write_atomic(os.fsencode(report_path), line)
            if rec["output"] == "-":  # the view rebuilds the source from the output and the spans
                write_atomic(os.fsencode(os.path.join(tmp, "-")), result.text.encode("utf-8"))
            after_run(args.html_report, report_path, tmp, args.text_field, args.quiet)
    return summary.exit_code
