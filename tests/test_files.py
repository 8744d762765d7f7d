from __future__ import annotations

import os
import shutil

import pytest

from cleaner.errors import DocumentError
from cleaner.files import read_bounded, write_atomic


def test_write_atomic_writes_and_leaves_no_temporary_file(tmp_path):
    target = os.fsencode(tmp_path / "a" / "b.txt")
    write_atomic(target, b"hello\n")
    assert (tmp_path / "a" / "b.txt").read_bytes() == b"hello\n"
    assert os.listdir(tmp_path / "a") == ["b.txt"]


def test_write_atomic_recreates_a_folder_removed_after_it_was_made(tmp_path):
    target = os.fsencode(tmp_path / "out" / "x.txt")
    write_atomic(target, b"one")
    shutil.rmtree(tmp_path / "out")  # the process remembers it made this folder
    write_atomic(target, b"two")
    assert (tmp_path / "out" / "x.txt").read_bytes() == b"two"


def test_write_atomic_replaces_an_existing_output(tmp_path):
    target = os.fsencode(tmp_path / "x.txt")
    write_atomic(target, b"old output that is longer")
    write_atomic(target, b"new")
    assert (tmp_path / "x.txt").read_bytes() == b"new"


def test_read_bounded_reads_up_to_the_limit_and_refuses_more(tmp_path):
    (tmp_path / "f.txt").write_bytes(b"x" * 10)
    assert read_bounded(os.fsencode(tmp_path / "f.txt"), 10) == b"x" * 10
    with pytest.raises(DocumentError, match="over the 9-byte limit"):
        read_bounded(os.fsencode(tmp_path / "f.txt"), 9)


def test_read_bounded_refuses_a_symlink_and_a_folder(tmp_path):
    (tmp_path / "f.txt").write_bytes(b"x")
    (tmp_path / "link.txt").symlink_to(tmp_path / "f.txt")
    with pytest.raises(DocumentError, match="cannot open"):
        read_bounded(os.fsencode(tmp_path / "link.txt"), 100)
    with pytest.raises(DocumentError):
        read_bounded(os.fsencode(tmp_path), 100)
