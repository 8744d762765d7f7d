"""fsspec inputs: a folder URL or an @LIST of files/URLs, tested with the local and memory filesystems."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import run_cli

fsspec = pytest.importorskip("fsspec")

from cleaner import runner  # noqa: E402
from cleaner.config import Config  # noqa: E402
from cleaner.errors import UsageError  # noqa: E402
from cleaner.remote import walk_spec  # noqa: E402

FILES = {"a.txt": "A real sentence.\n△\n", "sub/b.jsonl": '{"id": "x", "text": "Hi there."}\n',
         "sub/c.png": "PNG"}


def snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def reference(tmp_path_factory) -> tuple[Path, dict[str, bytes], bytes]:
    """FILES in a local folder, and the outputs and report of cleaning that folder."""
    base = tmp_path_factory.mktemp("remote-ref")
    root = base / "in"
    for rel, text in FILES.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    out, rep = base / "ref", base / "ref.jsonl"
    assert run_cli(str(root), "-o", str(out), "--report", str(rep), "-q", "--jobs", "1").returncode == 0
    return root, snapshot(out), rep.read_bytes()


def test_file_url_and_list_match_the_local_folder(reference, tmp_path):
    root, want_out, want_rep = reference
    url_out, url_rep = tmp_path / "u", tmp_path / "u.jsonl"
    proc = run_cli(f"file://{root}", "-o", str(url_out), "--report", str(url_rep), "-q", "--jobs", "2")
    assert proc.returncode == 0, proc.stderr
    assert (snapshot(url_out), url_rep.read_bytes()) == (want_out, want_rep)

    listing = tmp_path / "inputs.txt"
    listing.write_text(f"# inputs\n{root / 'a.txt'}\n\nfile://{root / 'sub' / 'b.jsonl'}\n{root / 'sub' / 'c.png'}\n")
    lst_out, lst_rep = tmp_path / "l", tmp_path / "l.jsonl"
    proc = run_cli(f"@{listing}", "-o", str(lst_out), "--report", str(lst_rep), "-q", "--jobs", "2")
    assert proc.returncode == 0, proc.stderr
    assert (snapshot(lst_out), lst_rep.read_bytes()) == (want_out, want_rep)


def test_memory_filesystem(reference, tmp_path):
    _, want_out, want_rep = reference
    mem = fsspec.filesystem("memory")
    for rel, text in FILES.items():
        mem.pipe(f"/cleaner-test/in/{rel}", text.encode("utf-8"))
    try:
        out, rep = tmp_path / "m", tmp_path / "m.jsonl"
        runner.run(runner.RunOptions("memory://cleaner-test/in", str(out), str(rep), jobs=1), Config())
        assert (snapshot(out), rep.read_bytes()) == (want_out, want_rep)
        assert [e.rel for e in walk_spec("memory://cleaner-test/in")] == ["a.txt", "sub/b.jsonl", "sub/c.png"]
    finally:
        mem.rm("/cleaner-test", recursive=True)


def test_list_errors(tmp_path):
    (tmp_path / "x").mkdir()
    (tmp_path / "y").mkdir()
    (tmp_path / "x" / "a.txt").write_text("A.\n")
    (tmp_path / "y" / "a.txt").write_text("B.\n")
    lst = tmp_path / "l.txt"
    lst.write_text(f"{tmp_path / 'x' / 'a.txt'}\n{tmp_path / 'y' / 'a.txt'}\n")
    assert [e.rel for e in walk_spec(f"@{lst}")] == ["x/a.txt", "y/a.txt"]
    lst.write_text(f"{tmp_path / 'x' / 'a.txt'}\nfile://{tmp_path / 'x' / 'a.txt'}\n")
    with pytest.raises(UsageError, match=r"would both be written as 'a\.txt'"):
        walk_spec(f"@{lst}")
    with pytest.raises(UsageError, match="empty"):
        lst.write_text("# nothing\n")
        walk_spec(f"@{lst}")
    proc = run_cli("memory://nothing/here")
    assert proc.returncode == 2 and b"give the local output folder with -o" in proc.stderr
    missing = run_cli(f"@{lst}", "-o", str(tmp_path / "o"))
    assert missing.returncode == 2
