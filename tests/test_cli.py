from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from conftest import SEED, run_cli

from cleaner.report import REPORT_KEYS


def snapshot(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file() and not p.is_symlink()}


def read_report(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines()]


def test_default_paths_exit_code_and_untouched_input(make_tree):
    root = make_tree({"a.txt": "A real sentence.\n△\n", "b/c.jsonl": '{"id": "x", "text": "Hi there."}\n{"x": 1}\n',
                      "d.png": b"\x89PNG"})
    before = snapshot(root)
    proc = run_cli(str(root), "--jobs", "1")
    assert proc.returncode == 1, proc.stderr
    assert snapshot(root) == before
    out, rep = Path(str(root) + ".cleaned"), Path(str(root) + ".cleaned.report.jsonl")
    assert str(out) in proc.stderr.decode() and str(rep) in proc.stderr.decode()
    assert (out / "a.txt").read_text() == "A real sentence.\n"
    assert (out / "b" / "c.jsonl").read_text() == '{"id": "x", "text": "Hi there."}\n'
    records = read_report(rep)
    assert [(r["path"], r["line"], r["status"]) for r in records] == [
        ("a.txt", None, "ok"), ("b/c.jsonl", 1, "ok"), ("b/c.jsonl", 2, "error"), ("d.png", None, "skipped")]
    assert all(tuple(r) == REPORT_KEYS for r in records)
    assert records[0]["removed"] == [{"start": 17, "end": 19, "reason": "residue.symbol_line", "text": "△\n"}]
    assert records[1]["id"] == "x"
    assert "1 failed" in proc.stderr.decode()


def test_all_ok_exits_0_and_jobs_do_not_change_bytes(make_tree, tmp_path):
    files = {f"d{i}/doc{j}.txt": f"Sentence {i}.{j} of an article.\n* * *\n" for i in range(3) for j in range(4)}
    files["page.html"] = "<html><body><nav>Home</nav><p>Body text here.</p></body></html>"
    root = make_tree(files)
    outs = []
    for jobs in ("1", "2"):
        out, rep = tmp_path / f"out{jobs}", tmp_path / f"rep{jobs}.jsonl"
        proc = run_cli(str(root), "-o", str(out), "--report", str(rep), "--jobs", jobs, "-q")
        assert proc.returncode == 0 and proc.stderr == b""
        outs.append((snapshot(out), rep.read_bytes()))
    assert outs[0] == outs[1]
    assert (tmp_path / "out1" / "page.html.txt").read_text() == "Body text here."


def test_usage_errors_exit_2(make_tree, tmp_path):
    root = make_tree({"a.txt": "x"})
    assert run_cli(str(tmp_path / "missing")).returncode == 2
    inside = run_cli(str(root), "-o", str(root / "out"))
    assert inside.returncode == 2 and b"inside" in inside.stderr
    bad = run_cli(str(root), "--skip", "nosuch")
    assert bad.returncode == 2 and b"valid names: encoding, html" in bad.stderr
    assert run_cli(str(root), "--frobnicate").returncode == 2
    assert not (tmp_path / "in.cleaned").exists()


def test_stdin_to_stdout():
    proc = run_cli("-", stdin=SEED.read_bytes())
    assert proc.returncode == 0
    assert proc.stdout.decode().startswith("[People News]") or proc.stdout.decode().startswith("The film")


def test_dry_run_writes_report_only(make_tree, tmp_path):
    root = make_tree({"a.txt": "Text.\n"})
    proc = run_cli(str(root), "-o", str(tmp_path / "o"), "--report", str(tmp_path / "r.jsonl"), "--dry-run")
    assert proc.returncode == 0
    assert not (tmp_path / "o").exists()
    assert read_report(tmp_path / "r.jsonl")[0]["output"] is None


def test_symlink_fifo_and_oversize_are_listed(make_tree, tmp_path):
    root = make_tree({"big.txt": "word " * 300_000, "t.txt": "fine"})
    os.symlink("t.txt", root / "link.txt")
    os.mkfifo(root / "pipe.txt")
    proc = run_cli(str(root), "-o", str(tmp_path / "o"), "--report", str(tmp_path / "r.jsonl"),
                   "--max-doc-mb", "1")
    assert proc.returncode == 1
    got = {r["path"]: (r["status"], r["error"]) for r in read_report(tmp_path / "r.jsonl")}
    assert got["big.txt"][0] == "error" and "limit" in got["big.txt"][1]
    assert got["link.txt"][0] == "skipped" and "symbolic link" in got["link.txt"][1]
    assert got["pipe.txt"][0] == "skipped" and "FIFO" in got["pipe.txt"][1]
    assert got["t.txt"] == ("ok", None)


def test_max_doc_lines_errors_before_cleaning(make_tree, tmp_path):
    root = make_tree({"five.txt": "a\nb\nc\nd\ne\n", "six.txt": "a\nb\nc\nd\ne\nf\n"})
    proc = run_cli(str(root), "-o", str(tmp_path / "o"), "--report", str(tmp_path / "r.jsonl"),
                   "--max-doc-lines", "5", "--skip", "quality")
    assert proc.returncode == 1
    got = {r["path"]: (r["status"], r["error"]) for r in read_report(tmp_path / "r.jsonl")}
    assert got["five.txt"] == ("ok", None)
    assert got["six.txt"] == ("error", "6 lines, over the 5-line limit per document (this is no article: a log "
                                        "or a list?); raise --max-doc-lines to clean it")
    proc = run_cli(str(root), "-o", str(tmp_path / "o2"), "--max-doc-lines", "0")
    assert proc.returncode == 0  # 0: no limit
    proc = run_cli(str(root), "-o", str(tmp_path / "o3"), "--max-doc-lines", "-1")
    assert proc.returncode == 2 and b"--max-doc-lines must be 0 (no limit) or more" in proc.stderr


def test_version_and_help():
    assert run_cli("--version").stdout.decode().startswith("cleaner ")
    help_text = run_cli("--help").stdout.decode()
    for needle in ("--only", "--skip", "exit codes", "python -m cleaner scraped/"):
        assert needle in help_text
