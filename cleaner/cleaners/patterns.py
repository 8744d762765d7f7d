"""The vocabulary: every phrase list and regex of the cleaners, named and grouped by concept.

Each pattern has a positive and a negative example in ``tests/test_patterns.py``. Patterns are
written so that they cannot backtrack catastrophically: no nested quantifiers over the same
characters, bounded repetition, anchored where they can be.
"""

from __future__ import annotations

import re

# --- symbols --------------------------------------------------------------------------------------
# A line with no letter, digit or CJK character at all: "△", "* * *", "|", "•••", "—".
NO_WORD_CHAR_RE = re.compile(r"[^\W_]")
