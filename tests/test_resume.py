"""--resume: kill -9 mid-run, then the same command finishes without redoing or duplicating anything."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT, run_cli

from cleaner.errors import UsageError
from cleaner.report import RunSummary
from cleaner.resume import ReportWriter, sweep_partials

HEADER = {"fingerprint": "f", "in": "/in", "out": "/out", "dry_run": False}


def snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def many_files(n: int = 60) -> dict[str, str]:
    body = "".join(f"Paragraph {k} of a long article about the harbour and its boats.\n" for k in range(40))
    return {f"d{i // 20}/doc{i:03d}.txt": f"Title {i}\n{body}* * *\nShare this\n" for i in range(n)}


def test_kill_9_then_resume_finishes_the_rest_once(make_tree, tmp_path):
    root = make_tree(many_files(240))  # enough that the run cannot end between two looks at the journal
    ref_out, ref_rep = tmp_path / "ref", tmp_path / "ref.jsonl"
    assert run_cli(str(root), "-o", str(ref_out), "--report", str(ref_rep), "--jobs", "1", "-q").returncode == 0

    out, rep = tmp_path / "out", tmp_path / "rep.jsonl"
    journal = Path(str(rep) + ".journal")
    cmd = [sys.executable, "-m", "cleaner", str(root), "-o", str(out), "--report", str(rep), "--jobs", "2",
           "-q", "--resume"]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(cmd, env=env, start_new_session=True, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        if journal.exists() and journal.read_text().count("\n") >= 11:  # header + 10 files
            break
        time.sleep(0.005)
    assert proc.poll() is None, "the run ended before it could be killed"
    os.killpg(proc.pid, signal.SIGKILL)  # the driver and its pool workers, mid-run
    proc.wait()
    assert not rep.exists()
    done = [json.loads(x)["rel"] for x in journal.read_text().splitlines()[1:]]
    assert 10 <= len(done) < 240
    inodes = {rel: os.stat(out / rel).st_ino for rel in done}
    # leftovers a kill can leave: a torn journal line and a half-written temporary output
    with open(journal, "a") as f:
        f.write('{"rel": "d2/doc1')
    (out / "d0" / ".cleaner-0123456789ab-99999.part").write_text("half")

    again = subprocess.run(cmd, env=env, capture_output=True, timeout=300)
    assert again.returncode == 0, again.stderr
    assert rep.read_bytes() == ref_rep.read_bytes()  # every line once, in order, none partial
    assert snapshot(out) == snapshot(ref_out)  # no partial or temporary output file left
    assert {rel: os.stat(out / rel).st_ino for rel in done} == inodes  # finished files not redone
    assert not journal.exists() and not Path(str(rep) + ".part").exists()


def test_without_resume_no_journal_is_kept(make_tree, tmp_path):
    root = make_tree({"a.txt": "Text.\n"})
    rep = tmp_path / "r.jsonl"
    assert run_cli(str(root), "-o", str(tmp_path / "o"), "--report", str(rep), "-q").returncode == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in", "o", "r.jsonl"]


def writer_with(tmp_path: Path, rels: list[str], **header: object) -> ReportWriter:
    return ReportWriter(str(tmp_path / "r.jsonl"), {**HEADER, **header}, rels, resume=True)


def test_journal_past_the_report_end_is_not_trusted(tmp_path):
    w = writer_with(tmp_path, ["a", "b", "c"])
    w.add("a", ['{"path": "a"}\n'], RunSummary(ok=1))
    w.add("b", ['{"path": "b"}\n'], RunSummary(error=1))
    w.close()  # as if killed: part and journal stay
    part = tmp_path / "r.jsonl.part"
    part.write_bytes(part.read_bytes()[:-3])  # b's lines never fully reached the disk
    w2 = writer_with(tmp_path, ["a", "b", "c"])
    assert w2.done == {"a"}
    assert (w2.summary.ok, w2.summary.error) == (1, 0)
    w2.add("b", ['{"path": "b"}\n'], RunSummary(error=1))
    w2.add("c", ['{"path": "c"}\n'], RunSummary(ok=1))
    w2.finish()
    assert (tmp_path / "r.jsonl").read_text() == '{"path": "a"}\n{"path": "b"}\n{"path": "c"}\n'
    assert (w2.summary.ok, w2.summary.error) == (2, 1)


def test_other_command_or_changed_inputs_are_refused(tmp_path):
    w = writer_with(tmp_path, ["a", "b"])
    w.add("a", ["x\n"], RunSummary(ok=1))
    w.close()
    with pytest.raises(UsageError, match="different command"):
        writer_with(tmp_path, ["a", "b"], out="/elsewhere")
    with pytest.raises(UsageError, match="files in IN_DIR changed"):
        writer_with(tmp_path, ["0", "a", "b"])
    assert writer_with(tmp_path, ["a", "b"]).done == {"a"}


def test_sweep_partials_removes_only_temporaries(tmp_path):
    (tmp_path / "s").mkdir()
    keep = ["a.txt", ".cleaner-0123456789ab.part", "s/.cleaner-xyz-1.part", "s/b.part"]
    gone = [".cleaner-0123456789ab-12.part", "s/.cleaner-ffffffffffff-3.part"]
    for name in keep + gone:
        (tmp_path / name).write_text("x")
    assert sweep_partials(str(tmp_path)) == 2
    assert sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*") if p.is_file()) == sorted(keep)
