"""Word-frequency lexicons that tell the language of same-script text, loaded once per process.

Source: the ``small`` word lists of the ``wordfreq`` package (offline, data inside the package).
Each word gets a *cost* per candidate language, ``-10 * log10(frequency)`` rounded (``the`` in
English: 13; a word at one in a million: 60) and :data:`OOV_COST` when the list lacks it. The costs
of all candidate languages of a script are packed into one Python int, 16 bits per language, so the
cost of a whole sentence for every language is one ``sum`` of ints (no per-language loop per word).

A text's language is the one with the least total cost; the *margin* of a language over the
document's is the difference of their costs per word, in log10 units (1.0: each word is on average
ten times more frequent in that language). For words that no list knows (compounds such as
``themenschwerpunkten``), :func:`ngram_language` scores character 1-3-grams with langdetect's
shipped profiles. Results depend only on the input: no randomness, no global state after loading.
"""

from __future__ import annotations

import itertools
import json
import math
import os
import re
import threading
from collections.abc import Sequence
from typing import Any

SCRIPTS = ("latin", "cyrillic")
SCRIPT_OF = {**{c: "latin" for c in ("en de fr es it pt nl ca ro sv da nb pl cs sk hu fi tr id".split())},
             **{c: "cyrillic" for c in ("ru", "uk", "bg", "mk")}}
"""Languages with a wordfreq list, by script."""
OOV_COST = 72
"""Cost of a word missing from a list: a frequency of about 6e-8, below the lists' 1e-6 cut-off."""
KNOWN_COST = 50
"""A text whose best language averages more than this cost per word is in no candidate language
(English prose averages about 30; Vietnamese scored with the Latin lists about 60)."""
SUSPICIOUS_GAP = 5
FRAGMENT_MARGIN = 1.0
"""A Latin or Cyrillic fragment in another script's document is English or Russian unless another
language's list fits it better by this margin (log10 units per word)."""
HOST_WORD_CENTIBELS = 700
"""A single word is never foreign when the document language's ``large`` list has it at a
frequency of at least 1e-7 (700 centibels below 1): ``range`` in Spanish, ``чином`` in Russian."""
"""A word is *suspicious* in a host language when another language's cost is lower by more than
this (0.5 log10 units: three times more frequent there) and that language knows it."""
BITS = 24
MASK = (1 << BITS) - 1
MAX_WORDS = MASK // OOV_COST  # words one packed sum can hold without a field overflowing
_WORD_RE = re.compile(r"[^\W\d_]+")

_LOCK = threading.RLock()
_CACHE: dict[tuple[str, ...], Lexicon] = {}


def get(languages: Sequence[str]) -> Lexicon:
    """The lexicon of ``languages`` (built once per process and argument; thread-safe)."""
    key = tuple(sorted(set(languages)))
    lex = _CACHE.get(key)
    if lex is None:
        with _LOCK:
            lex = _CACHE.get(key)
            if lex is None:
                lex = _CACHE[key] = Lexicon(key)
    return lex


def _buckets(lang: str, wordlist: str = "small") -> list[list[str]]:
    """wordfreq's list: bucket ``i`` holds the words of frequency ``10 ** (-i / 100)``; read from
    the package's data file (not through wordfreq's cache, which would keep every list alive)."""
    from wordfreq import DATA_PATH, read_cBpack

    return read_cBpack(str(DATA_PATH / f"{wordlist}_{lang}.msgpack.gz"))


class Table:
    """The packed costs of one script's candidate languages, plus a last field: the least cost."""

    def __init__(self, langs: tuple[str, ...]) -> None:
        self.langs = langs
        n = len(langs)
        self.oov = sum(OOV_COST << (BITS * i) for i in range(n + 1))
        packed: dict[str, int] = {}
        least: dict[str, int] = {}
        get, lget, oov = packed.get, least.get, self.oov
        for i, lang in enumerate(langs):
            shift = BITS * i
            for centibels, bucket in enumerate(_buckets(lang)):
                cost = min(OOV_COST, (centibels + 5) // 10)
                delta = (OOV_COST - cost) << shift
                for word in bucket:
                    packed[word] = get(word, oov) - delta
                    if cost < lget(word, OOV_COST):
                        least[word] = cost
        mshift = BITS * n
        for word, cost in least.items():
            packed[word] -= (OOV_COST - cost) << mshift
        self.packed = packed
        self._suspicious: dict[int, frozenset[str]] = {}

    def unpack(self, value: int) -> list[int]:
        return [(value >> (BITS * i)) & MASK for i in range(len(self.langs))]

    def pack(self, words: Sequence[str]) -> int:
        """The packed total cost of lower-case ``words`` (at most :data:`MAX_WORDS` are counted)."""
        if len(words) > MAX_WORDS:
            words = words[:MAX_WORDS]
        return sum(map(self.packed.get, words, itertools.repeat(self.oov, len(words))))

    def verdict(self, total: int, n: int, h: int, text: str = "") -> tuple[str, float] | None:
        """``(language, margin)`` when a language beats host ``h`` on a packed ``total`` of ``n``
        words of ``text`` (for :func:`spelling_allows`); ``None`` when the host is best."""
        if n <= 0 or n > MAX_WORDS:
            return None
        costs = self.unpack(total)
        best = min(range(len(costs)), key=lambda i: (costs[i], i != h, i))
        if best != h and not spelling_allows(self.langs[best], text):
            return None
        if best == h:
            return None
        return self.langs[best], (costs[h] - costs[best]) / (10 * n)

    def suspicious(self, h: int) -> frozenset[str]:
        """Words that another language knows and uses clearly more than host ``h`` (cached)."""
        sus = self._suspicious.get(h)
        if sus is None:
            with _LOCK:
                shift, mshift = BITS * h, BITS * len(self.langs)
                words = {w for w, val in self.packed.items()
                         if ((val >> shift) & MASK) > ((val >> mshift) & MASK) + SUSPICIOUS_GAP}
                sus = self._suspicious[h] = frozenset(words)
        return sus

    def worth_inline(self, words: Sequence[str], h: int, min_letters: int) -> bool:
        """Whether :meth:`inline` can find anything in these lower-case words: two suspicious
        words in a row, or one that the host list lacks with ``min_letters`` letters."""
        sus = self.suspicious(h)
        if sus.isdisjoint(words):
            return False
        prev = False
        shift = BITS * h
        for w in words:
            if w in sus:
                if prev or (len(w) >= min_letters and (self.packed[w] >> shift) & MASK >= OOV_COST):
                    return True
                prev = True
            else:
                prev = False
        return False

    def inline(self, v: str, text: str, start: int, end: int, h: int, cfg: Any) -> list[Any]:
        """Phrases (2+ words) and single words of another language inside ``v[start:end]``: runs of
        consecutive lower-case suspicious words, joined over spaces, commas and apostrophes."""
        from ..model import Flag

        sus = self.suspicious(h)
        out: list[Flag] = []
        run: list[tuple[int, int, int]] = []

        def close() -> None:
            if not run:
                return
            n = len(run)
            costs = self.unpack(sum(r[2] for r in run))
            best = min(range(len(costs)), key=lambda i: (costs[i], i != h, i))
            margin = (costs[h] - costs[best]) / (10 * n)
            s, e = run[0][0], run[-1][1]
            if best != h and (
                    (n >= 2 and margin >= cfg.phrase_margin and any(r[1] - r[0] >= 4 for r in run)
                     and not all(v[r[0]:r[1]].casefold() in host_words(self, h) for r in run))
                    or (n == 1 and e - s >= cfg.min_word_letters and costs[h] >= OOV_COST
                        and margin >= cfg.word_margin and v[s:e].casefold() not in host_words(self, h))):
                out.append(Flag(s, e, "mixed_language", text[s:e], self.langs[best], confidence(margin)))
            run.clear()

        prev_end = start
        for m in _WORD_RE.finditer(v, start, end):
            form = m.group()
            low = form.casefold()
            if form.islower() and low in sus:
                if run and not _joinable(v[prev_end:m.start()]):
                    close()
                run.append((m.start(), m.end(), self.packed[low]))
            elif run:
                close()
            prev_end = m.end()
        close()
        return out


class Lexicon:
    """Candidate languages grouped by script, with their packed word costs."""

    def __init__(self, languages: tuple[str, ...]) -> None:
        self.tables: dict[str, Table] = {}
        for script in SCRIPTS:
            langs = tuple(lang for lang in languages if SCRIPT_OF.get(lang) == script)
            if langs:
                self.tables[script] = Table(langs)

    def document_language(self, script: str, total: int, n: int) -> tuple[int, bool]:
        """The index of the best language for a packed ``total`` of ``n`` words, and whether the
        lexicon knows the text: an average cost of at most :data:`KNOWN_COST` per word (else the
        document is in a language without a list and same-script detection is off)."""
        table = self.tables[script]
        costs = table.unpack(total)
        best = min(range(len(costs)), key=lambda i: (costs[i], i))
        return best, n > 0 and costs[best] <= KNOWN_COST * n

    def fragment_language(self, script: str, words: Sequence[str], default: str) -> tuple[str, float]:
        """Language and confidence of a fragment in another script than the document's: the
        script's ``default`` language (en, ru) unless another one wins by :data:`FRAGMENT_MARGIN`."""
        table = self.tables[script]
        low = [w.casefold() for w in words]
        costs = table.unpack(table.pack(low))
        order = sorted(range(len(costs)), key=lambda i: (costs[i], i))
        if costs[order[0]] >= OOV_COST * len(low):  # no word known: character n-grams decide
            lang, score = ngram_language(" ".join(low), table.langs)
            return (lang, score) if score >= 0.5 or default not in table.langs else (default, 1 - score)
        order = [i for i in order if spelling_allows(table.langs[i], " ".join(low))] or order
        best = table.langs[order[0]]
        d = table.langs.index(default) if default in table.langs else order[0]
        known = max(1, sum(1 for w in low if w in table.packed))
        margin = (costs[d] - costs[order[0]]) / (10 * known)
        if best != default and margin < FRAGMENT_MARGIN:
            return default, confidence(FRAGMENT_MARGIN - margin)
        second = order[1] if len(order) > 1 else order[0]
        return best, confidence((costs[second] - costs[order[0]]) / (10 * known))


SPELLING = {"uk": ("іїєґ", ""), "bg": ("", "ыэё"), "ru": ("", "іїєґ")}
"""Letters a language's text needs one of (Ukrainian: і ї є ґ) or never uses (Bulgarian: ы э ё;
Russian: і ї є ґ); a text that breaks the rule is not given that language."""


def spelling_allows(lang: str, text: str) -> bool:
    """Whether ``text`` may be in ``lang`` by its letters (always true without ``text``)."""
    rule = SPELLING.get(lang)
    if rule is None or not text:
        return True
    need, never = rule
    low = text.lower()
    return (not need or any(c in low for c in need)) and not any(c in low for c in never)


def host_words(table: Table, h: int) -> frozenset[str]:
    """The suspicious words of host ``h`` that its ``large`` wordfreq list (else its ``small`` one)
    has at a frequency of at least 1e-7: never flagged alone (``range`` in Spanish), nor a phrase
    made only of them (loan phrases such as ``de facto``, ``en masse`` in English). Cached."""
    key = -1 - h
    words = table._suspicious.get(key)
    if words is None:
        from wordfreq import available_languages

        with _LOCK:
            lang = table.langs[h]
            name = "large" if lang in available_languages("large") else "small"
            sus = table.suspicious(h)
            buckets = _buckets(lang, name)[:HOST_WORD_CENTIBELS + 1]
            words = table._suspicious[key] = frozenset(w for b in buckets for w in b if w in sus)
    return words


def _joinable(gap: str) -> bool:
    return len(gap) <= 3 and all(ch in " ,'’-" for ch in gap)


def confidence(margin: float) -> float:
    """Map a margin (log10 units per word) to (0, 1): 0.5 -> 0.5, 1.0 -> 0.75, 2.0 -> 0.94."""
    return round(1.0 - 0.5 ** (max(0.0, margin) / 0.5), 3)


# -- character n-grams from langdetect's profiles (for words no list knows) -----------------------
_PROFILES: dict[str, tuple[dict[str, int], list[int]]] = {}


def _profile(lang: str) -> tuple[dict[str, int], list[int]]:
    prof = _PROFILES.get(lang)
    if prof is None:
        import langdetect

        name = {"nb": "no"}.get(lang, lang)
        path = os.path.join(os.path.dirname(langdetect.__file__), "profiles", name)
        with _LOCK, open(path, encoding="utf-8") as fh:
            data = json.load(fh)
        prof = _PROFILES[lang] = (data["freq"], data["n_words"])
    return prof


def ngram_language(text: str, langs: Sequence[str]) -> tuple[str, float]:
    """Naive Bayes over character 1-3-grams of `` text `` with langdetect's profiles."""
    padded = f" {text.lower()} "
    grams = [padded[i:i + n] for n in (1, 2, 3) for i in range(len(padded) - n + 1) if padded[i:i + n].strip()]
    scores = []
    for lang in langs:
        freq, nw = _profile(lang)
        scores.append(sum(math.log10((freq.get(g, 0) + 1) / nw[len(g) - 1]) for g in grams))
    order = sorted(range(len(langs)), key=lambda i: (-scores[i], i))
    margin = (scores[order[0]] - scores[order[1]]) / max(1, len(grams)) if len(order) > 1 else 1.0
    return langs[order[0]], confidence(margin * 4)


# -- langdetect, seeded, for documents no list knows -------------------------------------------------
_FACTORY: Any = None


def _factory() -> Any:
    """Our own langdetect factory (never the module-global one): profiles loaded in sorted order,
    seed 0, built once per process under a lock. Detectors made from it are per call."""
    global _FACTORY
    if _FACTORY is None:
        with _LOCK:
            if _FACTORY is None:
                import langdetect
                from langdetect.detector_factory import DetectorFactory

                pdir = os.path.join(os.path.dirname(langdetect.__file__), "profiles")
                profiles = []
                for name in sorted(os.listdir(pdir)):
                    with open(os.path.join(pdir, name), encoding="utf-8") as fh:
                        profiles.append(fh.read())
                factory = DetectorFactory()
                factory.load_json_profile(profiles)
                factory.set_seed(0)
                _FACTORY = factory
    return _FACTORY


def langdetect_language(text: str) -> str | None:
    """langdetect's answer for ``text`` (ISO 639-1, ``zh-cn``/``zh-tw`` -> ``zh``), deterministic;
    about a millisecond per call, so the cleaner asks it at most once per document."""
    from langdetect.lang_detect_exception import LangDetectException

    detector = _factory().create()
    detector.append(text[:5000])
    try:
        return str(detector.detect()).split("-")[0]
    except LangDetectException:
        return None
