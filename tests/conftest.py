from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
SHARED = ROOT.parent / "shared"
SEED = FIXTURES / "articles" / "article-with-residue.txt"


def run_cli(*args: str, stdin: bytes | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "cleaner", *args], input=stdin, capture_output=True,
                          cwd=cwd, env=env, timeout=300)


@pytest.fixture
def make_tree(tmp_path: Path):
    def make(files: dict[str, bytes | str]) -> Path:
        root = tmp_path / "in"
        for rel, data in files.items():
            p = root / rel
            p.parent.mkdir(parents=True, exist_ok=True)
            p.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        root.mkdir(exist_ok=True)
        return root
    return make
