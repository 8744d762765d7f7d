"""``--engine dask``: the same per-file jobs as ``--engine local``, run on a ``dask.distributed`` cluster.

Imported only when ``--engine dask`` is asked (``pip install 'cleaner[dask]'``).

* ``--scheduler ADDRESS`` (``tcp://host:8786``) uses an existing cluster; without it a ``LocalCluster``
  of ``--jobs`` worker processes (one thread each, started by a fork server, dask's sampling
  profiler off: :data:`LOCAL_WORKER_CONFIG`) is started for the run and stopped after it.
* The driver walks IN_DIR, submits the files in batches (the same chunk size as the process pool),
  keeps a bounded window of batches in flight and takes their results back **in walk order**, so the
  report (written by the driver only) and every output are byte-identical to ``--engine local``.
* Each worker builds the :class:`~cleaner.pipeline.Pipeline` once per configuration (a module-level
  cache keyed by the configuration fingerprint, plus a token for the corpus statistics when given).
* Workers write outputs themselves (atomically, by rename), so IN_DIR, OUT_DIR and the report's
  folder must be one shared filesystem seen at the same paths by the driver and every worker.
* Worker death: dask reschedules the batches of a dead worker on the others; a batch is a pure
  function of its files (outputs are replaced atomically, report lines come back only once, through
  the driver), so no document is lost or duplicated. The temporary file a dead worker was writing is
  removed at the end of the run (:func:`cleaner.resume.sweep_partials`). A batch that kills workers
  ``distributed.scheduler.allowed-failures`` times (default 3) is retried file by file; the file that
  still kills its worker gets an ``error`` record.

``--timeout`` holds on the workers too: their tasks run in threads, where ``SIGALRM`` cannot go,
so :func:`cleaner.runner._time_limit` uses a watchdog thread there.

Known limits: a worker with several threads runs tasks of one configuration at a time: do not share
a cluster between runs with different options at the same moment.
"""

from __future__ import annotations

import logging
import multiprocessing
import uuid
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from .config import Config
from .errors import UsageError

INSTALL_HINT = "--engine dask needs: pip install 'cleaner[dask]'"
WINDOW_PER_WORKER = 4  # batches in flight per worker thread: enough to hide the round trip
# The local cluster's workers do not run dask's sampling profiler: it wakes every 10 ms, takes the GIL
# and walks the task thread's stack, CPU that a batch tool's single task thread needs more than a
# dashboard's flame graph does. They are started by a fork server where the platform has one: start
# and stop take about 1.9 s instead of 3.3 s with dask's default "spawn" (2 workers, this machine).
# A cluster given by --scheduler keeps its own configuration.
LOCAL_WORKER_CONFIG = {
    "distributed.worker.profile.enabled": False,
    "distributed.worker.multiprocessing-method":
        "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn",
}


def _import_distributed() -> Any:
    try:
        import distributed
    except ImportError as e:
        raise UsageError(INSTALL_HINT) from e
    return distributed


# -- worker side ----------------------------------------------------------------------------------
_PIPES: dict[str, Any] = {}


def _run_batch(fn: Callable[[Any], Any], config: Config, token: str, corpus: Any,
               batch: Sequence[Any]) -> list[Any]:
    """Run ``fn`` over ``batch`` on a worker, with the runner's per-process pipeline set up."""
    from . import runner
    from .pipeline import Pipeline

    pipe = _PIPES.get(token)
    if pipe is None:
        if len(_PIPES) >= 4:
            _PIPES.clear()
        pipe = _PIPES[token] = Pipeline(config, corpus)
    runner._PIPE = pipe
    return [fn(item) for item in batch]


# -- driver side ----------------------------------------------------------------------------------
class DaskEngine:
    """Map a job function over items on a dask cluster, results in input order."""

    def __init__(self, config: Config, jobs: int, scheduler: str | None = None) -> None:
        distributed = _import_distributed()
        self.config = config
        self.cluster = None
        if scheduler:
            try:
                self.client = distributed.Client(scheduler, timeout="20s")
            except (OSError, TimeoutError, ValueError) as e:
                raise UsageError(f"--scheduler {scheduler}: cannot connect to a dask scheduler there "
                                 f"({type(e).__name__}: {e})") from e
        else:
            import dask

            with dask.config.set(LOCAL_WORKER_CONFIG):  # the nannies hand it to their workers
                self.cluster = distributed.LocalCluster(
                    n_workers=max(1, jobs), threads_per_worker=1, processes=True,
                    dashboard_address=":0", silence_logs=logging.ERROR)
            self.client = distributed.Client(self.cluster)

    def threads(self) -> int:
        return max(1, sum(self.client.nthreads().values()))

    def map_ordered(self, fn: Callable[[Any], Any], items: Sequence[Any], *, corpus: Any = None,
                    on_error: Callable[[Any, BaseException], Any] | None = None) -> Iterator[Any]:
        """``map(fn, items)`` on the cluster. ``on_error(item, exc)`` turns an item whose task keeps
        failing (e.g. it kills every worker it lands on) into a result; without it the error is raised."""
        if not items:
            return iter(())
        token = self.config.fingerprint()
        corpus_arg = None
        if corpus is not None:
            token += "-" + uuid.uuid4().hex
            corpus_arg = self.client.scatter(corpus, broadcast=True)
        nthreads = self.threads()
        chunk = max(1, min(32, len(items) // (nthreads * 8)))
        batches = [list(items[i:i + chunk]) for i in range(0, len(items), chunk)]
        return self._ordered(fn, batches, token, corpus_arg, WINDOW_PER_WORKER * nthreads, on_error)

    def _submit(self, fn: Callable[[Any], Any], batch: list[Any], token: str, corpus: Any) -> Any:
        return self.client.submit(_run_batch, fn, self.config, token, corpus, batch, pure=False)

    def _ordered(self, fn: Callable[[Any], Any], batches: list[list[Any]], token: str, corpus: Any,
                 window: int, on_error: Callable[[Any, BaseException], Any] | None) -> Iterator[Any]:
        pending: deque[tuple[Any, list[Any]]] = deque()
        nxt = 0
        try:
            while nxt < len(batches) or pending:
                while nxt < len(batches) and len(pending) < window:
                    pending.append((self._submit(fn, batches[nxt], token, corpus), batches[nxt]))
                    nxt += 1
                fut, batch = pending.popleft()
                try:
                    yield from fut.result()
                except Exception as e:
                    if on_error is None:
                        raise
                    yield from self._one_by_one(fn, batch, token, corpus, on_error, e)
        finally:
            for fut, _ in pending:
                fut.cancel()

    def _one_by_one(self, fn: Callable[[Any], Any], batch: list[Any], token: str, corpus: Any,
                    on_error: Callable[[Any, BaseException], Any], exc: BaseException) -> Iterator[Any]:
        if len(batch) == 1:
            yield on_error(batch[0], exc)
            return
        for item in batch:
            try:
                yield from self._submit(fn, [item], token, corpus).result()
            except Exception as e:
                yield on_error(item, e)

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()
