"""Document language and fragments written in another language (stage ``language``).

Two stages, both deterministic:

1. **Cross-script** (every size): runs of letters of another Unicode script than the document's
   (``幕后`` in "with幕后 bosses", a Russian quote in English, English in Chinese) are fragments;
   the script tells the language (Han -> zh, kana -> ja, Hangul -> ko, Greek -> el, ...) and the
   lexicon tells the language of Latin or Cyrillic fragments. Not flagged: single letters and
   runs shorter than ``min_script_letters`` (``π``, ``μm``, ``ΔG``), math letters (``𝑥``, ``ℝ``),
   URLs, e-mail addresses, handles, file names, identifiers, acronyms and capitalized names
   (``NASA``, ``Xi Jinping``, ``iPhone``) in a non-Latin document.
2. **Same script**: paragraphs (lines), then sentences, then inline phrases and words are scored
   against word-frequency lexicons (:mod:`cleaner.cleaners.langlex`); a span is flagged when
   another language beats the document's language by a clear margin per word. This stage is in
   :mod:`cleaner.cleaners.langsame`; scripts, the text view and sentence splitting are in
   :mod:`cleaner.cleaners.langscript`.

Each fragment becomes ``Flag(kind="mixed_language", lang, score)``; with ``mixed_language="drop"``
also a removal with reason ``language.foreign_fragment``. Text already removed by earlier cleaners
(``prior``) is ignored. Known limits: same-script single words are found only when the word is
frequent in another language and unknown in the document's; Japanese written only in kanji inside
Chinese text is not told apart.

Reason ids:
- ``language.foreign_fragment``: a fragment in another language (only with ``mixed_language="drop"``).
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Sequence
from typing import Any

from ..config import Config
from ..errors import UsageError
from ..model import Document, Finding, Flag, Removal
from ..segment import line_span
from . import Cleaner, langlex, register
from .langsame import FLAG_KIND, candidate_lines, prepare, same_script
from .langscript import (
    CJK,
    LATIN,
    SAMPLE_CHARS,
    LineIndex,
    Token,
    family_re,
    foreign_re,
    host_script_and_head,
    sentences,
    view,
)
from .patterns import LANG_SCRIPT_TOKEN_RE, LANG_WORD_OR_BREAK_RE

FOREIGN_FRAGMENT = "language.foreign_fragment"

SCRIPT_LANG = {"han": "zh", "kana": "ja", "hangul": "ko", "greek": "el", "hebrew": "he", "arabic": "ar",
               "thai": "th", "devanagari": "hi", "armenian": "hy", "georgian": "ka", "cyrillic": "ru",
               "latin": "en"}
"""Language of a script when no lexicon decides (Latin and Cyrillic are decided by the lexicon)."""
ASK_LANGDETECT = frozenset({"latin", "cyrillic", "arabic"})
"""Scripts shared by several languages: when the lexicons do not know the document (or have no list
for the script), langdetect names its language (one seeded call per document)."""
@register
class LanguageCleaner(Cleaner):
    name = "language"

    def __init__(self, config: Config, corpus: Any = None) -> None:
        super().__init__(config, corpus)
        if config.language.mixed_language not in ("flag", "drop"):
            raise UsageError(f"mixed_language must be 'flag' or 'drop', not {config.language.mixed_language!r}")

    def find(self, doc: Document, prior: Sequence[Removal]) -> Finding:
        cfg = self.config.language
        text = doc.text
        v = view(text, [(r.start, r.end) for r in prior])
        host, latin_head = host_script_and_head(v)
        if host is None:
            return Finding()
        family = frozenset({host} | ({"han"} if host in ("kana", "hangul") else set()))
        lex = langlex.get(cfg.languages) if host in langlex.SCRIPTS else None
        table = lex.tables.get(host) if lex is not None else None
        lang, known, tokens = SCRIPT_LANG.get(host, host), False, []
        if table is not None:
            # the case-folded words of the text and its line breaks, in one search
            tokens = LANG_WORD_OR_BREAK_RE.findall(v.casefold())
            breaks = v.count("\n")  # casefolding keeps every line break and makes none
            if len(tokens) <= langlex.MAX_WORDS:  # no sentence can hold more: one sum for the text
                total = table.pack(tokens) - breaks * table.packed.get("\n", table.oov)
            else:
                total = sum(p for line in prepare(v, table) for p in line[2])
            h, known = lex.document_language(host, total, len(tokens) - breaks)
            lang = table.langs[h]
        if host in ASK_LANGDETECT and not known:  # a language without a list (vi, tr, fa, ...)
            lang = langlex.langdetect_language(v) or lang
        frags = cross_script(v, text, family, host, cfg, lex, SAMPLE_CHARS if latin_head and family == LATIN else 0)
        if table is not None and known:
            taken = [(f.start, f.end) for f in frags]
            lines = candidate_lines(v, tokens, table, h, cfg)
            frags += [f for f in same_script(v, text, lines, table, h, cfg)
                      if not any(a < f.end and f.start < b for a, b in taken)]
        frags.sort(key=lambda f: (f.start, f.end))
        removals: tuple[Removal, ...] = ()
        if cfg.mixed_language == "drop":
            index = LineIndex(text)
            removals = tuple(_removal(text, f, index) for f in frags)
        return Finding(removals=removals, flags=tuple(frags), language=lang)


def _removal(text: str, f: Flag, lines: LineIndex) -> Removal:
    """The cut for a dropped fragment: a whole line with its break, a sentence with the spaces after
    it, an inline word or phrase with one neighbouring space, a glued CJK word alone."""
    s, e = f.start, f.end
    ls, le = lines.of(s)
    le = max(le, e)
    if s - ls < 64 and le - e < 64 and not text[ls:s].strip() and not text[e:le].strip():
        s, e = line_span(text, ls, le if text[le - 1:le] != "\r" else le - 1)
    elif _starts_sentence(text, s):
        while e < le and text[e] in " \t":
            e += 1
    elif s > 0 and text[s - 1] == " " and e < len(text) and text[e] == " ":
        e += 1
    return Removal(s, e, FOREIGN_FRAGMENT, text[s:e], f"{f.lang} {f.score}")


# -- stage 1: other scripts ---------------------------------------------------------------------------
def _joins(a: str, b: str) -> bool:
    """Whether runs of scripts ``a`` and ``b`` belong to one fragment (Han joins kana and Hangul)."""
    return a == b or (a in CJK and b in CJK and "han" in (a, b))


def cross_script(v: str, text: str, family: frozenset[str], host: str, cfg: Any, lex: Any,
                 start: int = 0) -> list[Flag]:
    """Runs of letters of other scripts, joined over gaps without host letters or a blank line.
    ``start``: where the first such letter can be (no run starts before)."""
    if "latin" in family and v.isascii():  # every ASCII letter is Latin: nothing foreign
        return []
    runs = [(m.start(), m.group()) for m in foreign_re(family).finditer(v, start)]
    if not runs:
        return []
    host_re = family_re(family)
    groups: list[list[Token]] = []
    current: list[Token] = []
    for start, run in runs:
        for m in LANG_SCRIPT_TOKEN_RE.finditer(run):
            sc = m.lastgroup or "other"
            if sc == "other":
                continue
            t = (start + m.start(), start + m.end(), sc)
            if current:
                a = current[-1][1]
                if _joins(current[-1][2], sc) and "\n\n" not in v[a:t[0]] and not host_re.search(v, a, t[0]):
                    current.append(t)
                    continue
                groups.append(current)
            current = [t]
    if current:
        groups.append(current)
    if host == "han":
        groups = _kana_in_chinese(v, groups)
    out: list[Flag] = []
    for g in groups:
        flag = _judge(v, text, g, family, host, cfg, lex)
        if flag is not None:
            out.append(flag)
    return out


def _judge(v: str, text: str, g: list[Token], family: frozenset[str], host: str, cfg: Any,
           lex: Any) -> Flag | None:
    s, e = g[0][0], g[-1][1]
    scripts = {t[2] for t in g}
    letters = sum(t[1] - t[0] for t in g)
    score = 1.0
    if scripts <= {"han", "kana"}:
        lang = "ja" if "kana" in scripts else "zh"
        if scripts == {"kana"} and letters < 2:
            return None
    elif "hangul" in scripts:
        lang = "ko"
    else:
        if letters < cfg.min_script_letters:
            return None
        sc = g[0][2]
        words = [v[a:b] for a, b, _ in g]
        if sc == "latin" and host != "latin" and not any(_lexical(v, a, b) for a, b, _ in g):
            return None
        lang = SCRIPT_LANG.get(sc, sc)
        if lex is not None and sc in lex.tables:
            lang, score = lex.fragment_language(sc, words, lang)
    e = _sentence_end(v, s, e)
    return Flag(s, e, FLAG_KIND, text[s:e], lang, score)


_TERMINAL = ".!?…。！？"
_CLOSING = "\"'”’»)]」』）"


def _starts_sentence(v: str, s: int) -> bool:
    """Whether only spaces separate ``s`` from the start of its line or a sentence end."""
    i = s
    while i > 0 and v[i - 1] in " \t\u3000":
        i -= 1
    return i == 0 or v[i - 1] in _TERMINAL + _CLOSING + "\n\r"


def _sentence_end(v: str, s: int, e: int) -> int:
    """A fragment that starts a sentence takes the punctuation that ends it: ``Привет, мир.``"""
    if not _starts_sentence(v, s):
        return e
    end = e
    while end < len(v) and end - e < 4 and v[end] in _TERMINAL:
        end += 1
    if end > e:
        while end < len(v) and end - e < 6 and v[end] in _CLOSING:
            end += 1
    return end


def _lexical(v: str, s: int, e: int) -> bool:
    """A Latin word that can carry a language inside non-Latin text: lower-case, 3+ letters, not
    glued to a digit, ``_`` or a dot (``machine``: yes; ``NASA``, ``Google``, ``iPhone``, ``H2O``,
    ``index.html``: no)."""
    w = v[s:e]
    if len(w) < 3 or not w.islower():
        return False
    before = v[s - 1] if s else " "
    after = v[e] if e < len(v) else " "
    if before.isdigit() or after.isdigit() or "_" in (before, after):
        return False
    if (after == "." and v[e + 1:e + 2].isalnum()) or (before == "." and v[s - 2:s - 1].isalnum()):
        return False
    return True


JA_KANA_SHARE = 0.25
"""In Chinese text, a line or sentence whose CJK letters are at least this share kana is Japanese
as a whole (Japanese prose is ~40-70 % kana; a Chinese sentence quoting one Japanese word ~10 %)."""


def _kana_in_chinese(v: str, groups: list[list[Token]]) -> list[list[Token]]:
    """In Chinese text kana marks Japanese: whole lines, then whole sentences, that are mostly kana
    become one fragment; other kana runs join over up to 4 characters of one sentence."""
    han_re = family_re(frozenset({"han"}))
    out: list[list[Token]] = []
    taken: list[tuple[int, int]] = []
    lines: dict[tuple[int, int], list[list[Token]]] = {}
    index = LineIndex(v)
    for g in groups:
        lines.setdefault(index.of(g[0][0]), []).append(g)
    for (ls, le), gs in lines.items():
        starts = [t[0] for g in gs for t in g if t[2] == "kana"]
        sums = list(itertools.accumulate((t[1] - t[0] for g in gs for t in g if t[2] == "kana"), initial=0))
        spans = [(ls, le)] if _mostly_kana(v, ls, le, starts, sums, han_re) else []
        if not spans:
            for ss, se in sentences(v, ls, le):
                if _mostly_kana(v, ss, se, starts, sums, han_re):
                    if spans and not v[spans[-1][1]:ss].strip():
                        ss = spans.pop()[0]
                    spans.append((ss, se))
        for ss, se in spans:
            while ss < se and v[ss].isspace():
                ss += 1
            while se > ss and v[se - 1].isspace():
                se -= 1
            out.append([(ss, se, "kana")])
            taken.append((ss, se))
    for g in groups:
        if any(a <= g[0][0] < b for a, b in taken):
            continue
        if out and g[0][2] == "kana" and out[-1][-1][2] == "kana" and out[-1][-1][1] <= g[0][0]:
            gap = v[out[-1][-1][1]:g[0][0]]
            if len(gap) <= 4 and not any(c in "。！？\n" for c in gap):
                out[-1].extend(g)
                continue
        out.append(list(g))
    out.sort(key=lambda g: g[0][0])
    return out


def _mostly_kana(v: str, s: int, e: int, starts: list[int], sums: list[int], han_re: re.Pattern[str]) -> bool:
    """Whether ``v[s:e]`` is at least :data:`JA_KANA_SHARE` kana (``starts``: kana token starts,
    ``sums``: prefix sums of their lengths)."""
    kana = sums[bisect.bisect_left(starts, e)] - sums[bisect.bisect_left(starts, s)]
    if kana < 4:
        return False
    han = len(han_re.findall(v, s, e))
    return kana >= JA_KANA_SHARE * (kana + han)
