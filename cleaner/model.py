"""Pure data of the pipeline: documents, proposed spans, findings and results.

Offsets are half-open ``[start, end)`` code-point indices into ``Document.text``, the *source text*:
the bytes decoded and their encoding repaired. It is the one coordinate system of the project; for
HTML it is the page's full visible text, one block per line, so DOM-level removals are spans too.
Nothing here does I/O or imports another module of ours.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, NamedTuple


class Block(NamedTuple):
    """A line of the source text (for HTML: one block element's text) with its DOM context.

    ``start``/``end`` cover the block's text without its line break. For HTML, ``path`` lists the
    ancestors from the root as ``tag#id.class1.class2[role]`` descriptors and ``link_chars`` counts
    the characters inside ``<a>`` elements; for plain text both are empty. ``ids`` gives, for HTML, a
    page-unique number per element of ``path`` (document order), so blocks that share an ancestor
    element can be grouped; it is empty for plain text.

    A ``NamedTuple`` rather than a frozen dataclass: a document has one block per line, and a
    tuple is built three times faster (building blocks was a fifth of the bare pipe's time).
    """

    start: int
    end: int
    tag: str = ""
    path: tuple[str, ...] = ()
    link_chars: int = 0
    ids: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class EncodingFix:
    """One change the decoder made: ``start``/``end`` locate the result in the source text."""

    start: int
    end: int
    kind: str
    detail: str = ""

    def to_json(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "kind": self.kind, "detail": self.detail}


@dataclass(frozen=True, slots=True)
class EncodingInfo:
    detected: str | None = None
    fixes: tuple[EncodingFix, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {"detected": self.detected, "fixes": [f.to_json() for f in self.fixes]}


@dataclass(frozen=True, slots=True)
class Document:
    """A decoded document: the source text and its blocks (lines or HTML blocks)."""

    text: str
    blocks: tuple[Block, ...]
    format: str = "text"  # "text" or "html": what the blocks' DOM context can tell
    encoding: EncodingInfo = EncodingInfo()
    path: str | None = None
    group: str | None = None  # corpus group (site host or directory), when known


@dataclass(frozen=True, slots=True)
class Removal:
    """A span a cleaner proposes to cut. ``reason`` is a stable ``<cleaner>.<rule>`` id."""

    start: int
    end: int
    reason: str
    text: str
    detail: str = ""  # optional evidence, e.g. the document frequency of a repeated line

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"start": self.start, "end": self.end, "reason": self.reason,
                               "text": self.text}
        if self.detail:
            out["detail"] = self.detail
        return out


@dataclass(frozen=True, slots=True)
class Flag:
    """Kept text worth pointing at, e.g. a fragment in another language (``kind="mixed_language"``)."""

    start: int
    end: int
    kind: str
    text: str
    lang: str | None = None
    score: float | None = None

    def to_json(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "kind": self.kind, "lang": self.lang,
                "score": self.score, "text": self.text}


@dataclass(frozen=True, slots=True)
class Finding:
    """A cleaner's whole output: it proposes, it never edits."""

    removals: tuple[Removal, ...] = ()
    flags: tuple[Flag, ...] = ()
    language: str | None = None
    signals: Mapping[str, float] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Quality:
    score: float
    signals: Mapping[str, float]
    config: str = ""  # fingerprint of the Config that produced the score

    def to_json(self) -> dict[str, Any]:
        return {"score": self.score, "signals": dict(self.signals), "config": self.config}


@dataclass(frozen=True, slots=True)
class CleanResult:
    """What :func:`cleaner.clean` returns for one document."""

    text: str
    source: str
    removed: tuple[Removal, ...]
    flags: tuple[Flag, ...]
    language: str | None
    quality: Quality | None
    encoding: EncodingInfo

    @property
    def chars_in(self) -> int:
        return len(self.source)

    @property
    def chars_out(self) -> int:
        return len(self.text)
