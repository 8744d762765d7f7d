"""--engine dask: same bytes as --engine local on a LocalCluster of 2 worker processes; worker death."""

from __future__ import annotations

import json
import os
import signal
from pathlib import Path

import pytest
from conftest import run_cli

distributed = pytest.importorskip("distributed")

from cleaner import runner  # noqa: E402
from cleaner.config import Config  # noqa: E402


def snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def corpus_files(n: int = 40) -> dict[str, str | bytes]:
    files: dict[str, str | bytes] = {
        f"d{i % 3}/doc{i:03d}.txt": f"Sentence {i} of an article about rivers.\n* * *\nShare this\n"
        for i in range(n)}
    files["page.html"] = "<html><body><nav>Home</nav><p>Body text here, long enough.</p></body></html>"
    files["recs.jsonl"] = "".join(f'{{"id": "r{i}", "text": "Record {i} text.\\n△\\n"}}\n' for i in range(5))
    files["recs.jsonl"] += '{"no_text": 1}\n'
    files["z.bin"] = b"\x00\x01"
    return files


def make_inputs(root: Path) -> Path:
    for rel, data in corpus_files().items():
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return root


@pytest.fixture(scope="module")
def reference(tmp_path_factory) -> tuple[Path, tuple[dict[str, bytes], bytes]]:
    """The inputs and what --engine local makes of them (outputs, report bytes)."""
    base = tmp_path_factory.mktemp("dask-ref")
    root = make_inputs(base / "in")
    out, rep = base / "local-out", base / "local.jsonl"
    proc = run_cli(str(root), "-o", str(out), "--report", str(rep), "--jobs", "1", "-q")
    assert proc.returncode == 1, proc.stderr  # the record without text is an error
    assert len(rep.read_bytes().splitlines()) == 40 + 1 + 6 + 1
    return root, (snapshot(out), rep.read_bytes())


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=":0", silence_logs=50) as c:
        yield c


def test_local_cluster_of_jobs_workers_is_byte_identical(reference, tmp_path):
    root, want = reference
    out, rep = tmp_path / "dask-out", tmp_path / "dask.jsonl"
    proc = run_cli(str(root), "-o", str(out), "--report", str(rep), "--engine", "dask", "--jobs", "2", "-q")
    assert proc.returncode == 1, proc.stderr
    assert (snapshot(out), rep.read_bytes()) == want


def test_existing_scheduler_is_byte_identical(reference, tmp_path, cluster):
    root, want = reference
    out, rep = tmp_path / "dask-out", tmp_path / "dask.jsonl"
    proc = run_cli(str(root), "-o", str(out), "--report", str(rep), "--engine", "dask",
                   "--scheduler", cluster.scheduler_address, "-q")
    assert proc.returncode == 1, proc.stderr
    assert (snapshot(out), rep.read_bytes()) == want


def test_worker_death_loses_and_duplicates_nothing(reference, tmp_path, cluster, monkeypatch):
    root, want = reference
    out, rep = tmp_path / "dask-out", tmp_path / "dask.jsonl"
    marker = tmp_path / "killed-once"
    real_job = runner._job

    def job(args):  # pickled by value: kills its worker on d1/doc019.txt, once, mid-write
        entry, out_dir = args[0], args[1]
        if entry.rel == "d1/doc019.txt" and not os.path.exists(marker):
            open(marker, "w").close()
            partial = os.path.join(out_dir, "d1", f".cleaner-{'ab' * 6}-{os.getpid()}.part")
            os.makedirs(os.path.dirname(partial), exist_ok=True)
            with open(partial, "w") as f:
                f.write("half an outp")
            os.kill(os.getpid(), signal.SIGKILL)
        return real_job(args)

    monkeypatch.setattr(runner, "_job", job)
    with distributed.Client(cluster) as client:
        pids_before = set(client.run(os.getpid).values())
        opts = runner.RunOptions(str(root), str(out), str(rep), jobs=2, engine="dask",
                                 scheduler=cluster.scheduler_address)
        summary = runner.run(opts, Config())
        assert marker.exists()
        client.wait_for_workers(2, timeout=60)
        assert set(client.run(os.getpid).values()) != pids_before  # the killed one was replaced
    assert (snapshot(out), rep.read_bytes()) == want  # no lost, duplicated or partial document
    assert (summary.ok, summary.error, summary.skipped) == (46, 1, 1)


def test_missing_dask_is_a_usage_error(make_tree, tmp_path):
    root = make_tree({"a.txt": "Text.\n"})
    site = tmp_path / "nodask"
    site.mkdir()
    (site / "distributed.py").write_text("raise ImportError('no dask here')\n")
    env_path = f"{site}{os.pathsep}{Path(__file__).resolve().parent.parent}"
    import subprocess
    import sys

    proc = subprocess.run([sys.executable, "-c", "import sys; sys.path.insert(0, sys.argv[1]); "
                           "from cleaner.cli import main; sys.exit(main(sys.argv[2:]))", str(site),
                           str(root), "--engine", "dask", "-o", str(tmp_path / "o")],
                          capture_output=True, env={**os.environ, "PYTHONPATH": env_path}, timeout=120)
    assert proc.returncode == 2
    assert b"--engine dask needs: pip install 'cleaner[dask]'" in proc.stderr
    assert run_cli(str(root), "--scheduler", "tcp://127.0.0.1:1").returncode == 2


def test_corpus_mode_passes_on_the_cluster_match_local(tmp_path, cluster):
    corpus = Path(__file__).resolve().parent.parent / "fixtures" / "corpus"
    if not corpus.is_dir():
        pytest.skip("fixtures/corpus is absent")
    runs = []
    for name, extra in (("local", ["--jobs", "2"]), ("dask", ["--engine", "dask", "--scheduler",
                                                              cluster.scheduler_address])):
        out, rep = tmp_path / name, tmp_path / f"{name}.jsonl"
        proc = run_cli(str(corpus), "-o", str(out), "--report", str(rep), "-q", *extra)
        assert proc.returncode == 0, proc.stderr
        runs.append((snapshot(out), rep.read_bytes()))
    assert runs[0] == runs[1]  # pass 1 mapped on the cluster, merged on the driver, sent to workers
    assert len(runs[0][1].splitlines()) == len(list(corpus.rglob("*.txt")))


def test_a_failing_task_becomes_that_items_result_in_order(cluster):
    from cleaner.engine_dask import DaskEngine

    def fn(x: int) -> int:  # pickled by value
        if x == 3:
            raise ValueError("bad item")
        return x * 10

    engine = DaskEngine(Config(), 2, cluster.scheduler_address)
    try:
        out = list(engine.map_ordered(fn, list(range(40)), on_error=lambda item, exc: (item, str(exc))))
    finally:
        engine.close()
    assert out == [(3, "bad item") if x == 3 else x * 10 for x in range(40)]


def test_local_cluster_workers_come_from_a_fork_server_without_the_profiler():
    from cleaner.engine_dask import DaskEngine

    engine = DaskEngine(Config(), 1)
    try:
        def settings() -> tuple[bool, str]:
            import multiprocessing

            import dask
            return dask.config.get("distributed.worker.profile.enabled"), multiprocessing.get_start_method()

        assert list(engine.client.run(settings).values()) == [(False, "forkserver")]
        assert list(engine.map_ordered(abs, [-1, 2, -3])) == [1, 2, 3]
    finally:
        engine.close()


def test_timeout_is_enforced_in_the_workers_threads(tmp_path, cluster):
    root = tmp_path / "in"
    root.mkdir()
    (root / "slow.txt").write_text("".join(f"line {i} of many\n" for i in range(150_000)), "utf-8")
    (root / "fast.txt").write_text("A short article sentence.\n", "utf-8")
    rep = tmp_path / "r.jsonl"
    proc = run_cli(str(root), "-o", str(tmp_path / "out"), "--report", str(rep), "--engine", "dask",
                   "--scheduler", cluster.scheduler_address, "--timeout", "0.3", "-q")
    assert proc.returncode == 1, proc.stderr
    records = {r["path"]: r for r in map(json.loads, rep.read_text("utf-8").splitlines())}
    assert records["slow.txt"]["status"] == "error"
    assert records["slow.txt"]["error"] == "cleaning took longer than 0.3 s (--timeout); the document was left out"
    assert set(records) == {"slow.txt", "fast.txt"}  # (fast.txt may time out too: its worker loads the models)
