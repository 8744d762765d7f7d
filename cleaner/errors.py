"""Errors classified by what the runner does with them."""

from __future__ import annotations


class CleanerError(Exception):
    """Base of every error this package raises on purpose."""


class UsageError(CleanerError):
    """Bad command line or options: the CLI prints the message and exits 2."""


class DocumentError(CleanerError):
    """This document cannot be cleaned: its report record gets ``status: error``; the run goes on."""


class SkipDocument(CleanerError):
    """This input is not a document we clean (unknown suffix, FIFO, symlink): ``status: skipped``."""
