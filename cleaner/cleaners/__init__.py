"""The registry of cleaners: small classes that *propose* spans with reasons and never edit text.

A cleaner is stateless after ``__init__`` (safe to share across threads and to pickle): every
per-document value lives in locals. ``find`` sees the document and the removals proposed by the
cleaners before it (disjoint and sorted), so a later cleaner can reason about what is already gone.

Stages run in the order of :data:`STAGES`. ``encoding`` (decoding and repair, before the source text
exists) and ``quality`` (signals on the cleaned text) are stages without a cleaner class.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, ClassVar

from ..config import Config
from ..errors import UsageError
from ..model import Document, Finding, Removal

STAGES: tuple[str, ...] = ("encoding", "html", "residue", "comments", "corpus", "language", "quality")


class Cleaner:
    """Base class: subclasses set ``name`` (the registry key and reason prefix) and ``find``."""

    name: ClassVar[str] = ""

    def __init__(self, config: Config, corpus: Any = None) -> None:
        self.config = config
        self.corpus = corpus

    def find(self, doc: Document, prior: Sequence[Removal]) -> Finding:
        raise NotImplementedError


REGISTRY: dict[str, type[Cleaner]] = {}


def register(cls: type[Cleaner]) -> type[Cleaner]:
    if cls.name not in STAGES:
        raise ValueError(f"cleaner {cls.name!r} is not a stage in STAGES")
    REGISTRY[cls.name] = cls
    return cls


def select_stages(only: Iterable[str] = (), skip: Iterable[str] = ()) -> tuple[str, ...]:
    """The stages to run, in pipeline order; unknown names are a :class:`UsageError`.

    >>> select_stages(skip=["language", "quality"])
    ('encoding', 'html', 'residue', 'comments', 'corpus')
    """
    only, skip = tuple(only), tuple(skip)
    unknown = [n for n in (*only, *skip) if n not in STAGES]
    if unknown:
        raise UsageError(f"unknown stage {', '.join(map(repr, unknown))}; valid names: {', '.join(STAGES)}")
    return tuple(n for n in STAGES if (not only or n in only) and n not in skip)


def _load_builtin() -> None:
    from . import comments, corpus, html, residue  # noqa: F401  (registration side effect)
    from .language import LanguageCleaner  # noqa: F401  (registration side effect)


_load_builtin()
