"""cleaner: repair encoding, strip template residue and comment threads, flag mixed-language
fragments and score the quality of scraped articles, explaining every change.

>>> from cleaner import clean
>>> clean("The article's only sentence.\\n△").text
"The article's only sentence."
"""

from __future__ import annotations

from .config import Config
from .errors import CleanerError, DocumentError, SkipDocument, UsageError
from .model import CleanResult, Document, EncodingFix, EncodingInfo, Flag, Quality, Removal
from .pipeline import Pipeline, clean

__version__ = "0.1.0"

__all__ = [
    "CleanResult",
    "CleanerError",
    "Config",
    "Document",
    "DocumentError",
    "EncodingFix",
    "EncodingInfo",
    "Flag",
    "Pipeline",
    "Quality",
    "Removal",
    "SkipDocument",
    "UsageError",
    "__version__",
    "clean",
]
