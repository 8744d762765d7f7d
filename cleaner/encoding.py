"""Repair of decoded text (stage ``encoding``), every change recorded as an ``EncodingFix``.

- **Mojibake** (fix ``mojibake``): ftfy with *only* its encoding fixes on (``fix_encoding``,
  ``restore_byte_a0``, ``replace_lossy_sequences``, ``decode_inconsistent_utf8``,
  ``fix_c1_controls``, ``fix_surrogates``). Quotes, character widths (CJK full-width punctuation),
  ligatures, line breaks, HTML entities and Unicode normalization are never touched. ftfy runs line
  by line (``fix_and_explain``); the changed pieces of a line are located by aligning its tokens, so
  ``Ã©tÃ© â€™`` gives two fixes at the offsets of ``été`` and ``’`` in the repaired text. C1 controls
  that stand alone become fix ``c1_controls``, lone surrogates fix ``surrogates``.
- **Fast path**: text that is ASCII, or that ftfy's ``is_bad`` finds clean and that holds no C1
  control or surrogate, is returned unchanged without running ftfy (the common case). ``is_bad``
  is computed by :func:`looks_bad`, 10-50x faster with the same answer.
- **HTML entities in plain text** (fix ``html_entities``, only when asked, i.e. not for HTML pages
  whose parser decodes entities): decoded only when the text is HTML-escaped throughout: at least
  :data:`MIN_ENTITIES` entities, one of them the escape of a markup character (``&amp;``, ``&lt;``,
  ``&quot;``, ``&#39;``: the mark of an escaper, not of an author who typed ``8&frac12;``), every
  ``&`` starts a known entity, no raw ``<``, and no double-escaping (``&amp;amp;``) that would
  make the result look escaped again.

Lines longer than ftfy's ``max_decode_length`` (1,000,000 characters) are not repaired.
"""

from __future__ import annotations

import html
import re
from difflib import SequenceMatcher

from ftfy import TextFixerConfig, fix_and_explain
from ftfy.badness import BADNESS_RE, MOJIBAKE_CATEGORIES

from .model import EncodingFix

FTFY_CONFIG = TextFixerConfig(
    unescape_html=False, remove_terminal_escapes=False, fix_encoding=True, restore_byte_a0=True,
    replace_lossy_sequences=True, decode_inconsistent_utf8=True, fix_c1_controls=True,
    fix_latin_ligatures=False, fix_character_width=False, uncurl_quotes=False, fix_line_breaks=False,
    fix_surrogates=True, remove_control_chars=False, normalization=None, explain=True)

MIN_ENTITIES = 2
"""A plain text needs at least this many HTML entities (and no raw ``&`` or ``<``) to be unescaped."""

# Fast equivalent of ftfy's is_bad: every alternative of BADNESS_RE holds at least one "anchor"
# character (its character classes and literals except the everyday ones: NBSP, dashes, ’, and the
# Greek and Cyrillic alphabets, which only count next to another anchor; Ђ for "вЂ") and reaches at
# most 3 characters beyond its anchors. So BADNESS_RE runs only on the neighbourhoods of anchors:
# same answer when clean, ~10x faster on European text, ~50x on CJK (tests/test_encoding.py
# checks the equivalence on random strings).
_EVERYDAY = ("common", "upper_common", "lower_common")
_EVERYDAY_RE = re.compile("[" + "".join(MOJIBAKE_CATEGORIES[k] for k in _EVERYDAY) + "]")
_LITERALS = sorted(re.escape(c) for c in set(BADNESS_RE.pattern)
                   if c > "\x7f" and not _EVERYDAY_RE.match(c))
ANCHOR_RE = re.compile("[" + "".join(v for k, v in MOJIBAKE_CATEGORIES.items() if k not in _EVERYDAY)
                       + "".join(_LITERALS) + "Ђ\ud800-\udfff]+")
ANCHOR_CONTEXT = 3


def looks_bad(text: str) -> bool:
    """``ftfy.badness.is_bad(text)``, computed only around the characters a match needs.

    >>> looks_bad("The Mona Lisa doesnÃ¢â‚¬â„¢t"), looks_bad("Ein schöner Tag – “wirklich”")
    (True, False)
    """
    parts: list[str] = []
    s0 = e0 = -1
    for m in ANCHOR_RE.finditer(text):
        s, e = max(0, m.start() - ANCHOR_CONTEXT), m.end() + ANCHOR_CONTEXT
        if s <= e0:
            e0 = e
            continue
        if e0 >= 0:
            parts.append(text[s0:e0])
        s0, e0 = s, e
    if e0 < 0:
        return False
    parts.append(text[s0:e0])
    return BADNESS_RE.search("\x00".join(parts)) is not None


SUSPECT_RE = re.compile("[\x80-\x9f\ud800-\udfff]")  # C1 controls and surrogates: ftfy fixes them
C1_RE = re.compile("[\x80-\x9f]+")
TOKEN_RE = re.compile(r"[A-Za-z0-9]+|[^\x00-\x7f]+|[\x00-\x7f]")
ENTITY_RE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
ESCAPER_RE = re.compile(r"&(?:amp|lt|gt|quot|apos|#0*3[489]|#0*60|#0*62|#[xX]0*2[267]);")
DOUBLE_ESCAPED_RE = re.compile(r"&amp;(?:#[0-9xX]|[A-Za-z][A-Za-z0-9]{1,31};)")

Edit = tuple[int, int, int, int]  # (old start, old end, new start, new end)


def needs_repair(text: str) -> bool:
    """``False`` on the fast path: ASCII, or clean by ftfy's ``is_bad`` with no C1 control/surrogate.

    >>> needs_repair("“Curly” quotes, café, 中文。"), needs_repair("cafÃ©")
    (False, True)
    """
    if text.isascii():
        return False
    return looks_bad(text) or SUSPECT_RE.search(text) is not None


def repair(text: str, prior: tuple[EncodingFix, ...] = (), *, mojibake: bool = True,
           entities: bool = False) -> tuple[str, tuple[EncodingFix, ...]]:
    """Repair ``text``; return it with ``prior`` fixes moved to the new offsets plus one fix per change.

    >>> text, fixes = repair("Ã©tÃ© â€” ok")
    >>> text, [(f.start, f.end, f.kind) for f in fixes]
    ('été — ok', [(0, 1, 'mojibake'), (2, 3, 'mojibake'), (4, 5, 'mojibake')])
    """
    fixes = list(prior)
    if mojibake and needs_repair(text):
        text, edits, new = _fix_mojibake(text)
        fixes = [_move(f, edits) for f in fixes] + new
    if entities and "&" in text:
        text, edits, new = _unescape_entities(text)
        fixes = [_move(f, edits) for f in fixes] + new
    return text, tuple(sorted(fixes, key=lambda f: (f.start, f.end)))


# -- mojibake -----------------------------------------------------------------------------------
def _fix_mojibake(text: str) -> tuple[str, list[Edit], list[EncodingFix]]:
    out: list[str] = []
    edits: list[Edit] = []
    fixes: list[EncodingFix] = []
    old_pos = new_pos = 0
    for line in text.split("\n"):
        fixed = line
        if (not line.isascii() and len(line) <= FTFY_CONFIG.max_decode_length
                and (SUSPECT_RE.search(line) or looks_bad(line))):
            fixed, steps = fix_and_explain(line, FTFY_CONFIG)
            if fixed != line:
                how = ", ".join(f"{a} {p}" for a, p in steps or ())
                for a0, a1, b0, b1 in _changed_pieces(line, fixed):
                    edits.append((old_pos + a0, old_pos + a1, new_pos + b0, new_pos + b1))
                    fixes.append(EncodingFix(new_pos + b0, new_pos + b1, _kind(line[a0:a1]),
                                             f"{_clip(line[a0:a1])} -> {_clip(fixed[b0:b1])} ({how})"))
        out.append(fixed)
        old_pos += len(line) + 1
        new_pos += len(fixed) + 1
    return "\n".join(out), edits, fixes


def _changed_pieces(old: str, new: str) -> list[Edit]:
    """The differing pieces of two versions of a line, aligned on ASCII words and runs of non-ASCII."""
    a, b = TOKEN_RE.findall(old), TOKEN_RE.findall(new)
    if len(a) * len(b) > 4_000_000:  # pathological line: one piece from the common prefix/suffix
        return [_prefix_suffix(old, new)]
    pa, pb = _offsets(a), _offsets(b)
    return [(pa[i1], pa[i2], pb[j1], pb[j2])
            for op, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
            if op != "equal"]


def _offsets(tokens: list[str]) -> list[int]:
    out = [0]
    for t in tokens:
        out.append(out[-1] + len(t))
    return out


def _prefix_suffix(old: str, new: str) -> Edit:
    p = 0
    while p < min(len(old), len(new)) and old[p] == new[p]:
        p += 1
    s = 0
    while s < min(len(old), len(new)) - p and old[-1 - s] == new[-1 - s]:
        s += 1
    return p, len(old) - s, p, len(new) - s


def _kind(piece: str) -> str:
    if C1_RE.fullmatch(piece):  # (no strip(): U+0085 is whitespace to Python)
        return "c1_controls"
    if any("\ud800" <= c <= "\udfff" for c in piece):
        return "surrogates"
    return "mojibake"


def _clip(s: str, n: int = 40) -> str:
    return repr(s if len(s) <= n else s[:n] + "…")


# -- HTML entities in plain text -------------------------------------------------------------------
def escaped_throughout(text: str) -> bool:
    """Whether ``text`` is HTML-escaped as a whole (see the module docstring).

    >>> escaped_throughout("Tom &amp; Jerry&#8217;s"), escaped_throughout("Tom & Jerry&#8217;s")
    (True, False)
    """
    if ("<" in text or text.count("&") < MIN_ENTITIES or DOUBLE_ESCAPED_RE.search(text)
            or not ESCAPER_RE.search(text)):
        return False
    found = 0
    for m in re.finditer("&", text):
        e = ENTITY_RE.match(text, m.start())
        if e is None or html.unescape(e.group()) == e.group():
            return False
        found += 1
    return found >= MIN_ENTITIES


def _unescape_entities(text: str) -> tuple[str, list[Edit], list[EncodingFix]]:
    if "&" not in text or not escaped_throughout(text):
        return text, [], []
    out: list[str] = []
    edits: list[Edit] = []
    fixes: list[EncodingFix] = []
    last = shift = 0
    for m in ENTITY_RE.finditer(text):
        char = html.unescape(m.group())
        out.append(text[last:m.start()])
        out.append(char)
        start = m.start() + shift
        edits.append((m.start(), m.end(), start, start + len(char)))
        fixes.append(EncodingFix(start, start + len(char), "html_entities", f"{m.group()} -> {char!r}"))
        shift += len(char) - (m.end() - m.start())
        last = m.end()
    out.append(text[last:])
    return "".join(out), edits, fixes


# -- offsets ----------------------------------------------------------------------------------------
def _map(pos: int, edits: list[Edit], end: bool) -> int:
    """Where old offset ``pos`` lands after ``edits`` (sorted, disjoint)."""
    delta = 0
    for a0, a1, b0, b1 in edits:
        if pos < a0 or (pos == a0 and not end and a0 != a1):
            break
        if pos < a1 or (pos == a1 and a0 == a1 and not end):
            return b1 if end else b0
        delta = b1 - a1
    return pos + delta


def _move(fix: EncodingFix, edits: list[Edit]) -> EncodingFix:
    start = _map(fix.start, edits, False)
    end = start if fix.start == fix.end else _map(fix.end, edits, True)
    return EncodingFix(start, max(start, end), fix.kind, fix.detail)


def source_level(fixes: tuple[EncodingFix, ...]) -> tuple[EncodingFix, ...]:
    """Decoder fixes of an HTML page, whose offsets point into the markup, as one fix per kind at
    offset 0 of the visible text (the markup is not the source text).

    >>> fixes = source_level((EncodingFix(0, 0, "bom", "-"), EncodingFix(9, 10, "stray_cp1252", "x")))
    >>> [(f.start, f.end, f.kind, f.detail) for f in fixes]
    [(0, 0, 'bom', '-'), (0, 0, 'stray_cp1252', '1 in the HTML markup, e.g. x')]
    """
    out: list[EncodingFix] = []
    kinds: dict[str, list[EncodingFix]] = {}
    for f in fixes:
        if f.start == f.end == 0:
            out.append(f)
        else:
            kinds.setdefault(f.kind, []).append(f)
    for kind, group in kinds.items():
        out.append(EncodingFix(0, 0, kind, f"{len(group)} in the HTML markup, e.g. {group[0].detail}"))
    return tuple(out)
