"""Quality signals on the cleaned text and the one function that turns them into a score.

Signals are computed *after* cleaning, so a good article with a comment thread or a navigation dump
is judged on its article. Every signal is named and defined once, in :data:`SIGNALS`
(name, family, definition); :func:`signals` computes them all in one pass. :func:`score` maps them
to one number in [0, 1]; its thresholds are the knobs of :class:`~cleaner.config.QualityConfig`.

Words: runs of non-space characters with their leading and trailing punctuation stripped
(``"(CCP)"`` -> ``CCP``, ``"don't"`` stays one word); punctuation-only tokens are not words. Han and
kana characters are one word each (Chinese and Japanese are written without spaces), so a Chinese
article has as many words as characters and is not "one long word". Lines are the non-blank lines,
stripped.

Known limits: the word split is not a linguistic tokenizer (datatrove uses spaCy; the agreement is
measured in ``benchmarks/quality.py``); Thai, Lao, Khmer and Myanmar are also written without spaces
but are not split; stop-word lists cover 14 languages, others get the list that matches best.

Speed: measured by ``benchmarks/quality.py`` (numbers in the README, beside the machine's
calibration). About half of the time is the word statistics (:mod:`cleaner.words`, numpy from
1,500 characters), a tenth the C4 sentence count (:mod:`cleaner.c4`), the rest the per-line passes
below (a C-level ``map`` costs ~40 ns per line; the line-end tests share one dict lookup per line,
then ``bytes.translate``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from itertools import compress, repeat
from operator import itemgetter

from .c4 import C4_CITATION_RE, C4_END_PUNCT, ascii_lower, c4_sentences
from .config import QualityConfig
from .model import Quality
from .words import NUMPY_MIN_CHARS, UNSPACED_RE, WORD_RE, code_points, word_stats

# --- vocabulary ------------------------------------------------------------------------------------
# Lines starting with a bullet (Gopher: "•" and "-"; also the other common bullet glyphs).
BULLETS = ("•", "-", "‣", "◦", "▪", "●", "*", "·", "–", "—")
ELLIPSES = ("...", "…")
# FineWeb's line-end test: terminal punctuation of the common scripts (no quotes, no ellipsis char).
TERMINAL_PUNCT = (".", "!", "?", "。", "！", "？", "．", "｡", "।", "॥", "؟", "۔", "።", "‼", "‽", "⁇", "⁈", "⁉")
# Stop words: Gopher's eight English words; for other languages their most frequent function words.
STOP_WORDS: dict[str, frozenset[str]] = {k: frozenset(v.split()) for k, v in {
    "en": "the be to of and that have with",
    "de": "der die das und ist nicht mit von zu den",
    "fr": "le la les de et est des que une pour",
    "es": "el la los de y que en las por una",
    "it": "il la di e che per una sono con del",
    "pt": "o a os de e que em uma para com",
    "nl": "de het een van en is dat op te met",
    "sv": "och att det som en på är av för med",
    "pl": "i w nie na się z do że jest to",
    "ru": "и в не на что с по как это он",
    "tr": "bir ve bu da de için ile çok ne gibi",
    "id": "yang dan di dari ini itu dengan untuk tidak dalam",
    "zh": "的 了 是 在 和 有 不 这 我 他 也 就 们 都 对 为 与 而 之 地 着 上 中",
    "ja": "の に は を た が で て と し も な",
}.items()}


def ramp(value: float, bad: float, good: float) -> float:
    """0 at ``bad``, 1 at ``good``, linear between (either order), clamped to [0, 1].

    >>> ramp(25, 0, 50), ramp(12, 15, 10), ramp(99, 0, 50)
    (0.5, 0.6, 1.0)
    """
    if good == bad:
        return 1.0 if value >= good else 0.0
    return min(1.0, max(0.0, (value - bad) / (good - bad)))


# --- the signals -----------------------------------------------------------------------------------
SIGNALS: tuple[tuple[str, str, str], ...] = (
    # (name, family, definition)
    ("chars", "size", "characters of the cleaned text"),
    ("words", "size", "words (see module docstring; a Han/kana character is one word)"),
    ("lines", "size", "non-blank lines"),
    ("removed_share", "cleaning", "share of the source text's characters the cleaners removed (residue)"),
    ("unspaced_share", "language", "share of word characters that are Han or kana (no spaces between words)"),
    ("mean_word_length", "gopher", "mean characters per word (Gopher: 3..10; not applied to unspaced text)"),
    ("hash_word_ratio", "gopher", "'#' characters per word (Gopher: <= 0.1)"),
    ("ellipsis_word_ratio", "gopher", "'...' and '…' per word (Gopher: <= 0.1)"),
    ("bullet_lines_ratio", "gopher", "share of lines starting with a bullet • - ‣ ◦ ▪ ● * · – — (Gopher: <= 0.9)"),
    ("ellipsis_lines_ratio", "gopher", "share of lines ending with '...' or '…' (Gopher: <= 0.3)"),
    ("alpha_words_ratio", "gopher", "share of words with at least one letter (Gopher: >= 0.8)"),
    ("stop_words", "gopher", "distinct stop words of the language present (Gopher: >= 2)"),
    ("stop_word_ratio", "gopher", "share of words that are stop words of the language"),
    ("dup_line_frac", "gopher", "share of lines equal to an earlier line (Gopher: <= 0.3)"),
    ("dup_line_char_frac", "gopher", "characters in lines equal to an earlier line, over the characters "
                                     "of all lines (Gopher: <= 0.2; FineWeb: <= 0.01)"),
    ("top_2gram_char_frac", "gopher", "characters of the most frequent word 2-gram times its count, over "
                                      "chars (Gopher: <= 0.2)"),
    ("dup_5gram_char_frac", "gopher", "characters of the words inside a 5-gram that occurred earlier, over "
                                      "chars (Gopher: <= 0.15)"),
    ("lorem_ipsum", "c4", "1 when 'lorem ipsum' appears (any case), else 0 (C4: page dropped)"),
    ("curly_bracket", "c4", "1 when the text contains '{', else 0 (C4: page dropped)"),
    ("javascript_lines_ratio", "c4", "share of lines mentioning 'javascript' (C4 drops those lines)"),
    ("c4_sentences", "c4", "sentences in the lines C4 keeps: ending in . ? ! \" ' (not ...; also 。！？”」), "
                           ">= 3 words, no 'javascript', no policy phrase (C4: >= 5)"),
    ("line_punct_ratio", "fineweb", "share of lines ending in terminal punctuation . ! ? 。 ！ ？ ... "
                                    "(FineWeb: >= 0.12)"),
    ("short_line_ratio", "fineweb", "share of lines at most 30 columns wide, a Han/kana character being 2 "
                                    "columns (FineWeb: <= 0.67)"),
    ("newline_word_ratio", "fineweb", "line breaks per word (FineWeb list_ratio: <= 0.3)"),
    ("prose_char_share", "cleaner", "share of the characters of lines that are prose: >= 5 words (or 20 "
                                    "unspaced characters) ending in terminal punctuation"),
)
SIGNAL_NAMES = tuple(name for name, _, _ in SIGNALS)


def words_of(text: str) -> list[str]:
    """The words of ``text`` (see the module docstring).

    >>> words_of("(CCP) don't -- 2,000 ... 我们去")
    ['CCP', "don't", '2,000', '我', '们', '去']
    """
    return WORD_RE.findall(text)


# Every stop word of every language: the words of a text that can matter for the stop-word signals.
_ALL_STOP = frozenset().union(*STOP_WORDS.values())


def _maybe_unspaced(text: str) -> bool:
    """False when ``text`` surely has no Han/kana character: its UTF-8 has none of their lead bytes.

    Han and kana (U+3005..U+9FFF, U+F900..U+FAFF, U+20000..) start with bytes E3..E9, EF or F0;
    ``bytes.__contains__`` scans for each in C, several times faster than the regex.
    """
    if text.isascii():
        return False
    data = text.encode("utf-8", "surrogatepass")
    return any(map(data.__contains__, _UNSPACED_LEAD_BYTES))


_UNSPACED_LEAD_BYTES = tuple(bytes([b]) for b in (*range(0xE3, 0xEA), 0xEF, 0xF0))
_FIRST_UNSPACED = 0x3005  # no Han or kana below it (tested): a text of Latin-1 code points has none


def _stop_words(present: set[str], text: str, language: str | None, unspaced: float) -> frozenset[str]:
    """The stop-word list of ``language``; else Chinese/Japanese by script, else the best-matching list:
    the most words of ``present`` in it, then English, then the first in :data:`STOP_WORDS`.

    ``present``: the stop words (of any list) among the lower-cased words of ``text``. Japanese: the
    text has a kana character (U+3040..U+30FF; each is a word of its own, see :data:`WORD_RE`).
    """
    if language and language[:2] in STOP_WORDS:
        return STOP_WORDS[language[:2]]
    if unspaced >= 0.5:
        return STOP_WORDS["ja"] if _KANA_RE.search(text) else STOP_WORDS["zh"]
    per_list = sum(map(_LANES.get, present, repeat(0))).to_bytes(len(_LISTS), "little")  # a count per list
    return STOP_WORDS[_LISTS[per_list.index(max(per_list))]]  # the first of the most: English, then in order


_KANA_RE = re.compile("[\u3040-\u30ff]")
# Each stop word as an int with a 1 in the byte of every list it is in: the sum over the words present
# has the count of each list in its bytes (a list has fewer than 256 words), one C-level sum per text.
_LISTS = tuple(STOP_WORDS)
_LANES = {w: sum(1 << 8 * i for i, k in enumerate(_LISTS) if w in STOP_WORDS[k]) for w in _ALL_STOP}
assert _LISTS[0] == "en" and max(map(len, STOP_WORDS.values())) < 256  # English wins a tie


# The line-start and line-end tests are all of one character: a set lookup of the first one; for the
# last one, one dict lookup per line gives its bits (_END, C4's end, '.', '…'), and each test is then a
# bytes.translate of those bytes to 0/1 (in C, no Python call per line).
_TERMINAL, _BULLETS = frozenset(TERMINAL_PUNCT), frozenset(BULLETS)
assert all(len(p) == 1 for p in (*_TERMINAL, *_BULLETS, *C4_END_PUNCT))
_END, _C4_END, _DOT, _ELLIPSIS = 1, 2, 4, 8
_END_BITS: dict[str, int] = {}
for _bit, _chars in ((_END, TERMINAL_PUNCT), (_C4_END, C4_END_PUNCT), (_DOT, "."), (_ELLIPSIS, "…")):
    for _c in _chars:
        _END_BITS[_c] = _END_BITS.get(_c, 0) | _bit
_IS_END, _IS_C4_END, _IS_DOT = (bytes(int(bool(b & bit)) for b in range(256)) for bit in (_END, _C4_END, _DOT))
assert _END_BITS["…"] == _ELLIPSIS  # its byte is 8 exactly


def signals(text: str, language: str | None = None, chars_in: int | None = None,
            max_chars: int | None = None) -> dict[str, float]:
    """Every signal of :data:`SIGNALS` for the cleaned ``text`` (in that order), rounded to 4 digits.

    ``language`` picks the stop words (ISO 639-1; ``None``: by script, else the best-matching list).
    ``chars_in`` is the length of the source text, for ``removed_share`` (default ``len(text)``).
    ``max_chars`` (:attr:`QualityConfig.max_signal_chars`): a longer text is measured on its first
    ``max_chars`` characters, cut after a line break; ``chars`` and ``removed_share`` stay those of
    the whole text and the counts ``words``, ``lines`` and ``c4_sentences`` are scaled to it
    (``round(count * len(text) / len(head))``); the ratios are the head's.
    Cost: linear in ``len(text)`` (in ``max_chars`` when set). The words come from
    :func:`~cleaner.words.word_stats` (numpy on long texts), the stop-word signals are computed once
    per distinct word that lower-cases into a stop word and weighted by its count, and every
    per-line pass is a C-level ``map``, ``compress`` or regex (:mod:`cleaner.c4` for the C4
    sentences), so Python runs per document, not per word or line.

    >>> head = signals("One two three.\\nFour five.\\n" * 2, max_chars=30)
    >>> head["chars"], head["words"], head["lines"], head["dup_line_frac"]
    (52.0, 10.0, 4.0, 0.0)
    """
    n_chars = len(text)
    chars_in = n_chars if chars_in is None else chars_in
    if max_chars is not None and n_chars > max_chars:
        head = text[:text.rfind("\n", 0, max_chars) + 1 or max_chars]
        sig = signals(head, language, len(head))
        scale = n_chars / len(head)
        for name in ("words", "lines", "c4_sentences"):
            sig[name] = round(sig[name] * scale)
        sig.update(chars=n_chars, removed_share=round(1 - n_chars / chars_in if chars_in else 0.0, 4))
        return _rounded(sig)
    cp = code_points(text) if n_chars >= NUMPY_MIN_CHARS else None  # for the numpy path of word_stats
    maybe = _maybe_unspaced(text) if cp is None else cp.itemsize > 1 and int(cp.max()) >= _FIRST_UNSPACED
    n_unspaced = len(UNSPACED_RE.findall(text)) if maybe else 0
    ws = word_stats(text, bool(n_unspaced), _ALL_STOP, cp=cp)
    n_words, word_chars = ws.words, ws.chars
    unspaced = n_unspaced / word_chars if word_chars else 0.0
    # per distinct word in any stop-word list, weighted by its count; lower-casing can merge two ("The", "the").
    hits = "\n".join(ws.kept).lower().split("\n") if ws.kept else []
    stop = _stop_words(set(hits), text, language, unspaced)
    is_stop = bytes(map(stop.__contains__, hits))
    stop_hits = sum(compress(ws.kept_counts, is_stop))
    low_text = ascii_lower(text)
    lines = list(filter(None, map(str.strip, text.splitlines())))
    n_lines = len(lines)
    line_lengths = list(map(len, lines))
    line_chars = sum(line_lengths)
    end_bits = bytes(map(_END_BITS.get, map(itemgetter(-1), lines), repeat(0)))  # of each line's last character
    is_punct = end_bits.translate(_IS_END)
    distinct = dict.fromkeys(lines)  # an equal later line is a duplicate
    punct_lines = list(compress(lines, is_punct))
    if n_unspaced:
        prose_chars = sum(len(ln) for ln in punct_lines if ln.count(" ") >= 4 or len(UNSPACED_RE.findall(ln)) >= 20)
        narrow = compress(lines, map((31).__gt__, line_lengths))  # a longer line is wider than 30 columns
        short_lines = sum(len(ln) + len(UNSPACED_RE.findall(ln)) <= 30 for ln in narrow)
    else:
        prose_chars = sum(compress(map(len, punct_lines), map((4).__le__, map(str.count, punct_lines, repeat(" ")))))
        short_lines = sum(map((31).__gt__, line_lengths))
    dots = list(compress(lines, end_bits.translate(_IS_DOT)))
    ellipsis_lines = end_bits.count(_ELLIPSIS) + sum(map(str.endswith, dots, repeat("...")))

    per_word = 1 / n_words if n_words else 0.0
    per_line = 1 / n_lines if n_lines else 0.0
    out = {
        "chars": n_chars,
        "words": n_words,
        "lines": n_lines,
        "removed_share": 1 - n_chars / chars_in if chars_in else 0.0,
        "unspaced_share": unspaced,
        "mean_word_length": word_chars * per_word,
        "hash_word_ratio": text.count("#") * per_word,
        "ellipsis_word_ratio": (text.count("...") + text.count("…")) * per_word,
        "bullet_lines_ratio": sum(map(_BULLETS.__contains__, map(itemgetter(0), lines))) * per_line,
        "ellipsis_lines_ratio": ellipsis_lines * per_line,
        "alpha_words_ratio": (n_words - ws.no_letter) * per_word,
        "stop_words": len(set(compress(hits, is_stop))),
        "stop_word_ratio": stop_hits * per_word,
        "dup_line_frac": (n_lines - len(distinct)) * per_line,
        "dup_line_char_frac": (line_chars - sum(map(len, distinct))) / line_chars if line_chars else 0.0,
        "top_2gram_char_frac": ws.top_2gram_chars / n_chars if n_chars else 0.0,
        "dup_5gram_char_frac": ws.dup_5gram_chars / n_chars if n_chars else 0.0,
        "lorem_ipsum": b"lorem ipsum" in low_text,
        "curly_bracket": "{" in text,
        "javascript_lines_ratio": sum("javascript" in ln.lower() for ln in lines) * per_line
        if b"javascript" in low_text else 0.0,
        "c4_sentences": c4_sentences(lines, end_bits.translate(_IS_C4_END), bool(n_unspaced),
                                     "[" in text and _has_citation(text), low_text),
        "line_punct_ratio": is_punct.count(1) * per_line,
        "short_line_ratio": short_lines * per_line,
        "newline_word_ratio": text.count("\n") * per_word,
        "prose_char_share": prose_chars / line_chars if line_chars else 0.0,
    }
    return _rounded(out)


# A text has a citation mark exactly when its stripped lines do (a mark has no white space at its ends
# and no line break): C4 removes them (:func:`~cleaner.c4.c4_sentences`) only then.
_has_citation = C4_CITATION_RE.search


def _rounded(values: Mapping[str, float]) -> dict[str, float]:
    """Each value as ``round(float(value), 4)``; an integral one as it is (``round`` costs ~1 us)."""
    return {k: v if (v := float(x)).is_integer() else round(v, 4) for k, x in values.items()}


# --- the score -------------------------------------------------------------------------------------
# (rule id, signal, kind, QualityConfig threshold, full) -- kind "min": the signal must be >= the
# threshold, "max": <= it, "flag": 0. A failing rule's severity rises linearly from 0 at the
# threshold to 1 at ``threshold * full`` (flag rules: the signal itself, 0 or 1).
RULES: tuple[tuple[str, str, str, str, float], ...] = (
    ("gopher.min_words", "words", "min", "min_words", 0.0),
    ("gopher.max_words", "words", "max", "max_words", 2.0),
    ("gopher.min_mean_word_length", "mean_word_length", "min", "min_mean_word_length", 0.5),
    ("gopher.max_mean_word_length", "mean_word_length", "max", "max_mean_word_length", 1.5),
    ("gopher.hash_word_ratio", "hash_word_ratio", "max", "max_symbol_word_ratio", 3.0),
    ("gopher.ellipsis_word_ratio", "ellipsis_word_ratio", "max", "max_symbol_word_ratio", 3.0),
    ("gopher.bullet_lines", "bullet_lines_ratio", "max", "max_bullet_lines_ratio", 1.11),
    ("gopher.ellipsis_lines", "ellipsis_lines_ratio", "max", "max_ellipsis_lines_ratio", 2.0),
    ("gopher.alpha_words", "alpha_words_ratio", "min", "min_alpha_words_ratio", 0.5),
    ("gopher.stop_words", "stop_words", "min", "min_stop_words", 0.0),
    ("gopher.dup_lines", "dup_line_frac", "max", "max_dup_line_frac", 2.0),
    ("gopher.dup_line_chars", "dup_line_char_frac", "max", "max_dup_line_char_frac", 2.0),
    ("gopher.top_2gram", "top_2gram_char_frac", "max", "max_top_2gram_char_frac", 2.0),
    ("gopher.dup_5gram", "dup_5gram_char_frac", "max", "max_dup_5gram_char_frac", 2.0),
    ("c4.lorem_ipsum", "lorem_ipsum", "flag", "", 1.0),
    ("c4.curly_bracket", "curly_bracket", "flag", "", 1.0),
    ("c4.min_sentences", "c4_sentences", "min", "min_c4_sentences", 0.0),
    ("fineweb.line_punct", "line_punct_ratio", "min", "min_line_punct_ratio", 0.0),
    ("fineweb.short_lines", "short_line_ratio", "max", "max_short_line_ratio", 1.49),
    ("fineweb.dup_chars", "dup_line_char_frac", "max", "max_dup_char_ratio", 10.0),
    ("fineweb.list_ratio", "newline_word_ratio", "max", "max_newline_word_ratio", 2.0),
)


def failures(sig: Mapping[str, float], cfg: QualityConfig) -> dict[str, float]:
    """The rules of :data:`RULES` that ``sig`` fails, with their severity in (0, 1], worst first.

    The mean-word-length rules do not apply to Chinese/Japanese text (``unspaced_share >= 0.5``).

    >>> failures({**dict.fromkeys(SIGNAL_NAMES, 0.0), "words": 25, "mean_word_length": 5,
    ...           "alpha_words_ratio": 1, "stop_words": 4, "c4_sentences": 9, "line_punct_ratio": 1},
    ...          QualityConfig())
    {'gopher.min_words': 0.5}
    """
    out: dict[str, float] = {}
    for rule, name, kind, knob, full in RULES:
        value = sig[name]
        if kind == "flag":
            severity = value
        elif name == "mean_word_length" and sig["unspaced_share"] >= 0.5:
            continue
        else:
            limit = getattr(cfg, knob)
            failed = value < limit if kind == "min" else value > limit
            severity = 1 - ramp(value, limit * full, limit) if failed else 0.0
        if severity > 0:
            out[rule] = round(severity, 4)
    return dict(sorted(out.items(), key=lambda kv: -kv[1]))


def score(sig: Mapping[str, float], cfg: QualityConfig) -> float:
    """The quality score in [0, 1]: how prose-like the text is, lowered by every failed rule.

    ``base = (2 * (1 - short_line_ratio) + 2 * min(1, stop_word_ratio / stop_word_ratio_good)
    + (1 - min(1, dup_line_frac / max_dup_line_frac))) / 5``: long lines, real sentences (stop words)
    and no repeated lines, the three things residue lacks. Then ``score = base * prod(1 -
    rule_penalty * severity)`` over :func:`failures`. An empty text (no word) scores 0.

    >>> score({**dict.fromkeys(SIGNAL_NAMES, 0.0), "words": 100, "mean_word_length": 5,
    ...        "alpha_words_ratio": 1, "stop_words": 4, "c4_sentences": 9, "line_punct_ratio": 1,
    ...        "stop_word_ratio": 0.1, "short_line_ratio": 0.5}, QualityConfig())
    0.6
    """
    if sig["words"] <= 0:
        return 0.0
    base = (2 * (1 - sig["short_line_ratio"]) + 2 * ramp(sig["stop_word_ratio"], 0, cfg.stop_word_ratio_good)
            + 1 - ramp(sig["dup_line_frac"], 0, cfg.max_dup_line_frac)) / 5
    factor = 1.0
    for severity in failures(sig, cfg).values():
        factor *= 1 - cfg.rule_penalty * severity
    return round(min(1.0, max(0.0, base * factor)), 4)


def filtered_reason(quality: Quality, cfg: QualityConfig) -> str | None:
    """Why ``--min-quality`` drops a document (``None``: it is kept): the score and the failed rules.

    >>> q = Quality(0.3, {"words": 20.0})
    >>> filtered_reason(q, QualityConfig(min_quality=0.5)) is None
    False
    """
    if cfg.min_quality is None or quality.score >= cfg.min_quality:
        return None
    failed = failures(quality.signals, cfg) if set(SIGNAL_NAMES) <= set(quality.signals) else {}
    rules = ", ".join(f"{rule} ({RULE_SIGNAL[rule]}={quality.signals[RULE_SIGNAL[rule]]:g})" for rule in failed)
    return (f"quality {quality.score:g} < --min-quality {cfg.min_quality:g}; failed rules: "
            f"{rules or 'none (low base: short lines, few stop words or repeated lines)'}")


RULE_SIGNAL = {rule: name for rule, name, _, _, _ in RULES}


def assess(text: str, language: str | None, cfg: QualityConfig, fingerprint: str = "",
           chars_in: int | None = None) -> Quality:
    """Signals and score of the cleaned ``text``; ``chars_in`` is the source text's length."""
    sig = signals(text, language, chars_in, cfg.max_signal_chars)
    return Quality(score(sig, cfg), sig, fingerprint)
