"""Run the pipeline over a directory: walk IN_DIR read-only, clean each file in a process pool,
mirror the outputs into OUT_DIR atomically and write the report sorted by ``(path, line)``.

Workers return their report lines in input order; ``imap`` keeps the walk's order, so the report and
every output are byte-identical whatever ``--jobs`` is. A failure inside one document becomes that
document's ``error`` record; nothing but a usage error or an interrupt ends the run.
"""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import os
import shutil
import signal
import sys
import tempfile
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from . import report
from .cleaners import select_stages
from .config import Config
from .corpus import group_of
from .corpusstats import CorpusStats, Partial, StatsBuilder
from .errors import DocumentError, SkipDocument, UsageError
from .files import AtomicWriter, Entry, open_input, read_bounded, walk, write_atomic
from .formats import jsonl, output_rel
from .model import CleanResult
from .pipeline import Pipeline
from .quality import filtered_reason
from .remote import is_remote_spec, walk_spec
from .report import RunSummary
from .resume import ReportWriter, sweep_partials

SPILL_LINES = 2000  # a file whose report holds more lines hands them over in a temporary file


@dataclass(frozen=True)
class RunOptions:
    in_dir: str
    out_dir: str
    report_path: str
    jobs: int = 1
    dry_run: bool = False
    progress: bool = False
    engine: str = "local"  # or "dask" (cleaner.engine_dask)
    scheduler: str | None = None  # dask scheduler address; None: a LocalCluster of ``jobs`` workers
    resume: bool = False  # keep a journal and continue an interrupted run (cleaner.resume)
    stats_in: str | None = None  # corpus mode: load pass-1 statistics instead of counting (--stats-in)
    stats_out: str | None = None  # corpus mode: save the pass-1 statistics (--stats-out)


class DocumentTimeout(DocumentError):
    """Cleaning one document took longer than ``--timeout``."""

    def __init__(self, message: str = "") -> None:
        super().__init__(message or f"cleaning took longer than {_ALARM_SECONDS:g} s (--timeout); the "
                         "document was left out")


# -- per-process state --------------------------------------------------------------------------
_PIPE: Pipeline | None = None


def _init_worker(config: Config, corpus: Any = None) -> None:
    global _PIPE
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _PIPE = Pipeline(config, corpus)


_ALARM_SECONDS = 0.0  # the limit the installed SIGALRM handler reports
_HANDLER_SET = False  # whether this process has installed _alarm


def _alarm(signum: int, frame: Any) -> None:
    raise DocumentTimeout()


@contextlib.contextmanager
def _time_limit(seconds: float) -> Iterator[None]:
    """Raise :class:`DocumentTimeout` in this thread after ``seconds``.

    In the main thread (``--engine local`` workers) a SIGALRM timer does it; the handler is
    installed once per process (and kept), and each document only arms and disarms the timer, two
    system calls. Elsewhere (``--engine dask`` runs tasks in worker threads, where signals cannot
    go) see :func:`_thread_time_limit`. Either way the exception arrives between two Python
    bytecodes: a single long call into C (one regex search) finishes first."""
    global _ALARM_SECONDS
    if seconds <= 0:
        yield
        return
    if threading.current_thread() is not threading.main_thread():
        _ALARM_SECONDS = seconds
        with _thread_time_limit(seconds):
            yield
        return
    global _HANDLER_SET
    if not _HANDLER_SET:  # a flag, not signal.getsignal(): that one builds an enum on every call
        signal.signal(signal.SIGALRM, _alarm)
        _HANDLER_SET = True
    _ALARM_SECONDS = seconds
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)


_SET_ASYNC_EXC = ctypes.pythonapi.PyThreadState_SetAsyncExc  # (thread id, exception class or NULL)


@contextlib.contextmanager
def _thread_time_limit(seconds: float) -> Iterator[None]:
    """The time limit of a non-main thread: a watchdog thread raises :class:`DocumentTimeout` in it
    (``PyThreadState_SetAsyncExc``), and raises it again every 50 ms until the block is left: an
    exception that arrives inside a garbage-collector callback (dask installs some) is printed and
    dropped by Python. Leaving the block disarms the watchdog under a lock and drops an exception
    sent but not yet raised, so none can surface after the document."""
    tid = ctypes.c_ulong(threading.get_ident())
    lock = threading.Lock()
    done = threading.Event()
    armed = [True]

    def watch() -> None:
        if done.wait(seconds):
            return
        while True:
            with lock:
                if not armed[0]:
                    return
                _SET_ASYNC_EXC(tid, ctypes.py_object(DocumentTimeout))
            if done.wait(0.05):
                return

    dog = threading.Thread(target=watch, name="cleaner-timeout", daemon=True)
    dog.start()
    try:
        yield
    finally:
        with lock:
            armed[0] = False
            _SET_ASYNC_EXC(tid, None)  # NULL: clear a pending exception of this thread
        done.set()


def _describe(exc: BaseException) -> str:
    if isinstance(exc, DocumentError):
        return str(exc)
    if isinstance(exc, RecursionError):
        return "the document is nested too deeply to process (RecursionError)"
    if isinstance(exc, MemoryError):
        return "out of memory while cleaning this document"
    return f"internal error: {type(exc).__name__}: {exc}"[:500]


# -- one file -------------------------------------------------------------------------------------
@dataclass
class FileResult:
    lines: list[str]
    spill: str | None
    summary: RunSummary


def process_entry(entry: Entry, out_dir: str, dry_run: bool, spill_dir: str) -> FileResult:
    """Clean one input file; every outcome is a report record, never an exception."""
    assert _PIPE is not None, "worker not initialised"
    summary = RunSummary()
    if entry.skip:
        rec = report.record(entry.rel, status="skipped", error=entry.skip)
        summary.add_record(rec)
        return FileResult([report.dumps(rec)], None, summary)
    out_rel = output_rel(entry.rel, entry.kind or "txt")
    target = os.path.join(os.fsencode(out_dir), os.fsencode(out_rel))
    if entry.kind in ("jsonl", "jsonl.gz"):
        return _process_jsonl(entry, out_rel, target, dry_run, spill_dir)
    if entry.kind == "warc":
        from .formats.warc import clean_file

        return clean_file(entry, out_rel, target, dry_run, spill_dir)
    try:
        data = read_bounded(entry.abspath, _PIPE.config.max_doc_bytes)
        summary.bytes_in += len(data)
        with _time_limit(_PIPE.config.max_doc_seconds):
            doc = _PIPE.document(data, fmt="html" if entry.kind == "html" else "text", path=entry.rel,
                                 group=group_of(_PIPE.config.corpus.group_by, entry.rel))
            if not doc.text.strip():
                raise SkipDocument("empty document: no visible text to clean")
            result = _PIPE.run(doc)
        out = result.text.encode("utf-8")
        dropped = _below_min_quality(result)
        if not dry_run and not dropped:
            write_atomic(target, out)
        summary.bytes_out += 0 if dropped else len(out)
        rec = report.record(entry.rel, output=None if dry_run or dropped else out_rel, result=result)
        _mark_filtered(rec, dropped)
    except SkipDocument as e:
        rec = report.record(entry.rel, status="skipped", error=str(e))
    except Exception as e:
        rec = report.record(entry.rel, status="error", error=_describe(e))
    summary.add_record(rec)
    return FileResult([report.dumps(rec)], None, summary)


def _process_jsonl(entry: Entry, out_rel: str, target: bytes, dry_run: bool, spill_dir: str) -> FileResult:
    assert _PIPE is not None
    pipe, cfg = _PIPE, _PIPE.config
    summary = RunSummary()
    lines: list[str] = []
    writer: AtomicWriter | None = None
    spill = None

    def emit(rec: dict[str, Any]) -> None:
        nonlocal spill
        summary.add_record(rec)
        lines.append(report.dumps(rec))
        if len(lines) >= SPILL_LINES:
            if spill is None:
                fd, path = tempfile.mkstemp(dir=spill_dir, suffix=".jsonl")
                os.close(fd)
                spill = path
            with open(spill, "a", encoding="utf-8") as f:
                f.writelines(lines)
            lines.clear()

    try:
        raw = open_input(entry.abspath)
    except Exception as e:
        emit(report.record(entry.rel, status="error", error=_describe(e)))
        return FileResult(lines, spill, summary)
    try:
        stream = jsonl.open_stream(raw, entry.kind == "jsonl.gz")
        if not dry_run:
            writer = AtomicWriter(target, gz=entry.kind == "jsonl.gz")
        first = True
        for raw_line in jsonl.iter_lines(stream, cfg.max_doc_bytes):
            rel, n = entry.rel, raw_line.line
            if raw_line.error:
                emit(report.record(rel, line=n, status="error", error=raw_line.error))
                continue
            assert raw_line.data is not None
            summary.bytes_in += len(raw_line.data) + 1
            rec_id = None
            try:
                obj, text = jsonl.parse_record(raw_line.data, cfg.text_field, first)
                rec_id = obj.get("id")
                if not text.strip():
                    raise SkipDocument(f"the {cfg.text_field!r} field is empty")
                with _time_limit(cfg.max_doc_seconds):
                    result = pipe.run(pipe.document(text, path=rel,
                                                    group=group_of(cfg.corpus.group_by, rel, obj)))
                obj[cfg.text_field] = result.text
                out = jsonl.dump_record(obj)
                dropped = _below_min_quality(result)
                if writer and not dropped:
                    writer.write(out)
                summary.bytes_out += 0 if dropped else len(out)
                rec = report.record(rel, line=n, rec_id=rec_id, output=None if dry_run or dropped else out_rel,
                                    result=result)
                emit(_mark_filtered(rec, dropped))
            except SkipDocument as e:
                emit(report.record(rel, line=n, rec_id=rec_id, status="skipped", error=str(e)))
            except Exception as e:
                emit(report.record(rel, line=n, rec_id=rec_id, status="error", error=_describe(e)))
            finally:
                first = False
        if writer:
            writer.commit()
            writer = None
    except Exception as e:
        emit(report.record(entry.rel, status="error", error=_describe(e)))
    finally:
        if writer:
            writer.abort()
        raw.close()
    return FileResult(lines, spill, summary)


# -- --min-quality (cleaner.quality) -----------------------------------------------------------------
def _below_min_quality(result: CleanResult) -> str | None:
    """Why ``--min-quality`` leaves this document out of the output, or ``None`` to write it."""
    assert _PIPE is not None
    if result.quality is None:
        return None
    return filtered_reason(result.quality, _PIPE.config.quality)


def _mark_filtered(rec: dict[str, Any], reason: str | None) -> dict[str, Any]:
    """Put the reason into the record's quality object (the report's top-level keys are fixed)."""
    if reason and rec["quality"] is not None:
        rec["quality"]["filtered"] = reason
    return rec


def _job(args: tuple[Entry, str, bool, str]) -> FileResult:
    return process_entry(*args)


def _lost(job: tuple[Entry, str, bool, str], exc: BaseException) -> FileResult:
    """The record of a file whose task kept killing its worker (``--engine dask``)."""
    summary = RunSummary()
    why = ("the worker cleaning this file died repeatedly" if type(exc).__name__ == "KilledWorker"
           else f"its task failed on the cluster ({type(exc).__name__}: {str(exc)[:200]})")
    rec = report.record(job[0].rel, status="error", error=f"{why}; the file was left out")
    summary.add_record(rec)
    return FileResult([report.dumps(rec)], None, summary)


# -- corpus mode, pass 1: count each group's normalized lines (cleaner.corpus) --------------------
def corpus_wanted(config: Config) -> bool:
    """Pass 1 runs when the ``corpus`` stage is selected and ``--no-corpus`` is not given."""
    return "corpus" in select_stages(config.only, config.skip) and config.corpus.enabled is not False


def count_entry(entry: Entry, spill_dir: str) -> Partial:
    """Pass 1 over one file: every document that pass 2 will clean, counted once per distinct line
    in its group. Unreadable files and records are left out here; pass 2 reports them."""
    assert _PIPE is not None, "worker not initialised"
    pipe, cfg = _PIPE, _PIPE.config
    builder = StatsBuilder(cfg.corpus.max_entries, spill_dir)
    if entry.skip or entry.kind is None:
        return builder.take()
    try:
        if entry.kind in ("jsonl", "jsonl.gz"):
            with open_input(entry.abspath) as raw:
                stream = jsonl.open_stream(raw, entry.kind == "jsonl.gz")
                first = True
                for raw_line in jsonl.iter_lines(stream, cfg.max_doc_bytes):
                    if raw_line.data is None:
                        continue
                    try:
                        obj, text = jsonl.parse_record(raw_line.data, cfg.text_field, first)
                        if text.strip():
                            with _time_limit(cfg.max_doc_seconds):
                                source = pipe.source_text(text)
                            builder.add_document(group_of(cfg.corpus.group_by, entry.rel, obj), source)
                    except Exception:
                        pass  # the record's error is reported by pass 2
                    finally:
                        first = False
        elif entry.kind == "warc":
            from .formats.warc import count_file

            count_file(entry, builder)
        else:
            data = read_bounded(entry.abspath, cfg.max_doc_bytes)
            with _time_limit(cfg.max_doc_seconds):
                source = pipe.source_text(data, fmt="html" if entry.kind == "html" else "text")
            if source.strip():
                builder.add_document(group_of(cfg.corpus.group_by, entry.rel), source)
    except Exception:
        pass  # the file's error is reported by pass 2; what was counted before it stays counted
    return builder.take()


def _count_job(args: tuple[Entry, str]) -> Partial:
    return count_entry(*args)


def _count_lost(job: tuple[Entry, str], exc: BaseException) -> Partial:
    return Partial()  # a file that kills its worker is reported (as an error) by pass 2


def corpus_stats(engine: Any, entries: list[Entry], opts: RunOptions, config: Config,
                 spill_dir: str) -> CorpusStats | None:
    """The statistics pass 2 uses: loaded from ``--stats-in``, or counted over every entry (pass 1,
    on the engine, merged here; sums do not depend on order), then saved to ``--stats-out``."""
    if not corpus_wanted(config):
        return None
    if opts.stats_in:
        try:
            stats = CorpusStats.load(opts.stats_in)
        except (OSError, ValueError) as e:
            raise UsageError(f"--stats-in: {e}") from e
    else:
        builder = StatsBuilder(config.corpus.max_entries, spill_dir)
        items = [(e, spill_dir) for e in entries if not e.skip]
        for part in engine.map_ordered(_count_job, items, on_error=_count_lost):
            builder.merge(part)
        stats = builder.finish()
    if opts.stats_out:
        stats.save(opts.stats_out)
    return stats


# -- engines: map a job over items, results in input order ----------------------------------------
class LocalEngine:
    """``--engine local``: this process when ``jobs`` is 1, else a pool of ``jobs`` processes."""

    def __init__(self, config: Config, jobs: int) -> None:
        self.config, self.jobs = config, jobs
        self.pool: Any = None

    def map_ordered(self, fn: Any, items: list[Any], *, corpus: Any = None, on_error: Any = None
                    ) -> Iterator[Any]:
        self.close()
        if self.jobs <= 1 or len(items) <= 1:
            _init_worker(self.config, corpus)
            signal.signal(signal.SIGINT, signal.default_int_handler)
            return map(fn, items)
        ctx = multiprocessing.get_context("fork" if sys.platform.startswith("linux") else "spawn")
        self.pool = ctx.Pool(self.jobs, initializer=_init_worker, initargs=(self.config, corpus))
        chunk = max(1, min(32, len(items) // (self.jobs * 8)))
        return self.pool.imap(fn, items, chunksize=chunk)

    def close(self) -> None:
        if self.pool is not None:
            self.pool.terminate()
            self.pool.join()
            self.pool = None


def make_engine(opts: RunOptions, config: Config) -> Any:
    """The engine ``opts.engine`` names; dask is imported only when asked for."""
    if opts.engine == "dask":
        from .engine_dask import DaskEngine

        return DaskEngine(config, opts.jobs, opts.scheduler)
    return LocalEngine(config, opts.jobs)


# -- the run --------------------------------------------------------------------------------------
def run(opts: RunOptions, config: Config) -> RunSummary:
    """Clean every file under ``opts.in_dir``; return the merged summary (its ``exit_code``)."""
    entries = list(walk_spec(opts.in_dir) if is_remote_spec(opts.in_dir) else walk(os.fsencode(opts.in_dir)))
    report_dir = os.path.dirname(os.path.abspath(opts.report_path))
    os.makedirs(report_dir, exist_ok=True)
    if not opts.dry_run:
        os.makedirs(opts.out_dir, exist_ok=True)
    header = {"fingerprint": config.fingerprint(), "in": os.path.abspath(opts.in_dir),
              "out": os.path.abspath(opts.out_dir), "dry_run": opts.dry_run}
    writer = ReportWriter(opts.report_path, header, [e.rel for e in entries], resume=opts.resume)
    if opts.resume and not opts.dry_run:
        sweep_partials(opts.out_dir)  # temporary outputs of a killed run
    spill_dir = tempfile.mkdtemp(prefix=".cleaner-spill-", dir=report_dir)
    engine = None
    try:
        todo = [e for e in entries if e.rel not in writer.done]
        jobs = [(e, opts.out_dir, opts.dry_run, spill_dir) for e in todo]
        engine = make_engine(opts, config)
        corpus = corpus_stats(engine, entries, opts, config, spill_dir)
        results: Iterator[FileResult] = engine.map_ordered(_job, jobs, corpus=corpus, on_error=_lost)
        bar = _progress_bar(len(todo)) if opts.progress else None
        for entry, res in zip(todo, results, strict=True):
            writer.add(entry.rel, res.lines if res.spill is None else _drain(res.spill, res.lines),
                       res.summary)
            if bar is not None:
                bar.update(1)
        if bar is not None:
            bar.close()
        if opts.engine == "dask" and not opts.dry_run:
            sweep_partials(opts.out_dir)  # what a worker that died was writing
        writer.finish()
    finally:
        if engine is not None:
            engine.close()
        writer.close()
        shutil.rmtree(spill_dir, ignore_errors=True)
    return writer.summary


def _progress_bar(total: int) -> Any:
    from tqdm import tqdm

    tqdm.monitor_interval = 0  # no monitor thread: workers are forked
    return tqdm(total=total, unit="file", file=sys.stderr, dynamic_ncols=True, leave=False)


def _drain(spill: str, tail: list[str]) -> Iterator[str]:
    with open(spill, encoding="utf-8") as f:
        yield from f
    yield from tail
    os.unlink(spill)

