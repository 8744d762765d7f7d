"""Quality signals on the cleaned text and the one function that turns them into a score.

Each signal is defined once, in :data:`SIGNALS`, with its definition in its docstring-like comment.
"""

from __future__ import annotations

import re

from .config import QualityConfig
from .model import Quality

WORD_RE = re.compile(r"\w+")


def signals(text: str, language: str | None) -> dict[str, float]:
    words = WORD_RE.findall(text)
    n_words = len(words)
    lines = [ln for ln in text.splitlines() if ln.strip()]
    return {
        "chars": float(len(text)),
        "words": float(n_words),
        "lines": float(len(lines)),
        "mean_word_length": round(sum(map(len, words)) / n_words, 4) if n_words else 0.0,
    }


def score(sig: dict[str, float], cfg: QualityConfig) -> float:
    if sig["words"] <= 0:
        return 0.0
    return round(min(1.0, sig["words"] / 50.0), 4)


def assess(text: str, language: str | None, cfg: QualityConfig, fingerprint: str = "") -> Quality:
    sig = signals(text, language)
    return Quality(score(sig, cfg), sig, fingerprint)
