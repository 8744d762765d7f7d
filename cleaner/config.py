"""The one frozen configuration object, with every knob documented where it is declared.

Each stage owns a section (``Config.residue``, ``Config.language``, ...). Build variants with
:func:`dataclasses.replace` or :meth:`Config.with_options`; never mutate. ``fingerprint()`` goes into
every report record so a run can be reproduced.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

MIB = 1 << 20


@dataclass(frozen=True)
class EncodingConfig:
    """Decoding and mojibake repair (stage ``encoding``)."""

    force: str | None = None
    """Decode every input with this codec (``--encoding``); no detection, repair still runs."""
    repair: bool = True
    """Run ftfy's encoding fixes on the decoded text (``--no-encoding-repair`` turns it off)."""


@dataclass(frozen=True)
class ResidueConfig:
    """Template residue lines (stage ``residue``)."""

    max_symbol_line_chars: int = 12
    """A line of at most this many characters holding no letter or digit is ``residue.symbol_line``."""


@dataclass(frozen=True)
class CommentsConfig:
    """Appended comment threads (stage ``comments``)."""

    min_thread_lines: int = 2
    """A trailing run needs at least this many conversational lines to be a ``comments.thread``."""


@dataclass(frozen=True)
class LanguageConfig:
    """Document language and mixed-language fragments (stage ``language``)."""

    mixed_language: str = "flag"
    """``flag`` reports fragments in another language; ``drop`` also removes them."""


@dataclass(frozen=True)
class QualityConfig:
    """Quality signals and score (stage ``quality``)."""

    min_quality: float | None = None
    """Documents scoring below this are not written (``--min-quality``); ``None`` keeps all."""


@dataclass(frozen=True)
class CorpusConfig:
    """Cross-document template lines (stage ``corpus``)."""

    enabled: bool | None = None
    """``True``/``False`` force corpus mode on/off; ``None`` turns it on for large enough groups."""
    group_by: str = "auto"
    """``auto`` (url host of JSONL records, else directory), ``host``, ``dir``, ``field:NAME``, ``none``."""


@dataclass(frozen=True)
class Config:
    only: tuple[str, ...] = ()
    """Run only these stages (names from :data:`cleaner.cleaners.STAGES`); empty means all."""
    skip: tuple[str, ...] = ()
    """Stages not to run."""
    text_field: str = "text"
    """The field of a JSONL record that holds the document text."""
    max_doc_bytes: int = 16 * MIB
    """A file or JSONL record larger than this is an ``error`` (not read into memory)."""
    max_doc_seconds: float = 60.0
    """A document whose cleaning takes longer is an ``error`` (POSIX timer; 0 disables)."""
    encoding: EncodingConfig = field(default_factory=EncodingConfig)
    residue: ResidueConfig = field(default_factory=ResidueConfig)
    comments: CommentsConfig = field(default_factory=CommentsConfig)
    language: LanguageConfig = field(default_factory=LanguageConfig)
    quality: QualityConfig = field(default_factory=QualityConfig)
    corpus: CorpusConfig = field(default_factory=CorpusConfig)

    def fingerprint(self) -> str:
        """A short stable hash of every setting (16 hex digits)."""
        blob = json.dumps(dataclasses.asdict(self), sort_keys=True, default=str)
        return hashlib.sha256(blob.encode()).hexdigest()[:16]

    def with_options(self, **options: Any) -> Config:
        """Return a copy with options replaced; ``section__knob=value`` reaches into a section.

        >>> Config().with_options(residue__max_symbol_line_chars=3).residue.max_symbol_line_chars
        3
        """
        top: dict[str, Any] = {}
        nested: dict[str, dict[str, Any]] = {}
        for key, value in options.items():
            section, sep, knob = key.partition("__")
            if sep:
                nested.setdefault(section, {})[knob] = value
            else:
                top[key] = value
        names = {f.name for f in dataclasses.fields(self)}
        for key in [*top, *nested]:
            if key not in names:
                raise TypeError(f"unknown option {key!r}; valid options: {', '.join(sorted(names))}")
        for section, knobs in nested.items():
            top[section] = dataclasses.replace(getattr(self, section), **knobs)
        return dataclasses.replace(self, **top)
