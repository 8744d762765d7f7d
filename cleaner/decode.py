"""Bytes -> source text, in layers; the layer that decided is named in ``EncodingInfo.detected``.

1. A byte-order mark (UTF-32, UTF-16, UTF-8) names the codec; the mark is dropped (fix ``bom``).
   Without a mark, UTF-16/UTF-32 is recognised by its NUL-byte pattern when it decodes strictly.
2. Binary data (more than 1% control bytes such as NUL in the first 64 KiB, unless it is strict
   UTF-8 with at most 10% of them: text with a few NULs is kept as it is) is refused.
3. Strict UTF-8 (``utf-8``).
4. "Mostly UTF-8" (``utf-8 (repaired)``): valid multi-byte sequences outnumber invalid ones, or every
   invalid byte is a lone 0x80-0x9F byte. A lone 0x80-0x9F byte is read as its Windows-1252
   punctuation (fix ``stray_cp1252``: ``\\x93`` -> ``“``); any other invalid sequence becomes one
   U+FFFD, exactly as ``errors="replace"`` would (fix ``invalid_bytes``).
5. For HTML, the declared ``<meta charset>`` when it decodes the bytes strictly and reads at least
   about as plausibly as the best detected codec (``cp1251 (declared)``); a lying meta loses.
6. charset-normalizer's candidates plus the common legacy codecs, ranked by language evidence
   (:func:`cleaner.charsets.plausibility`), so cp1252 / cp1250 / iso-8859-2, cp1251 / koi8-r and the
   CJK codecs are told apart (``cp1250 (language evidence; charset-normalizer: cp1252)``). The
   "mostly UTF-8" reading competes here too, so ASCII text with a few stray 0xFF bytes keeps its
   U+FFFD instead of becoming ``ÿ``.

``force`` (``--encoding``) skips detection. Mojibake repair of the decoded text is in
:mod:`cleaner.encoding`. Offsets of fixes are code points of the decoded text.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterable
from functools import lru_cache

from .charsets import KANA_RE, language_hint, plausibility
from .errors import DocumentError
from .model import EncodingFix, EncodingInfo

BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

META_CHARSET_RE = re.compile(
    rb"""<meta[^>]{0,512}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]{1,40})""", re.IGNORECASE)

# Control bytes that never occur in text (everything below 0x20 except TAB, LF, VT, FF, CR, ESC).
BINARY_BYTES = bytes(b for b in range(32) if b not in b"\t\n\x0b\x0c\r\x1b")
BINARY_SHARE = 0.01  # more than 1% such bytes in the first 64 KiB: the file is binary ...
TEXT_CONTROL_SHARE = 0.1  # ... unless it is strict UTF-8 with at most 10% of them (text with NULs)
SAMPLE_BYTES = 65536  # the binary and UTF-16 checks look at this many leading bytes
SCORE_BYTES = 16384  # candidate decodings are scored on this many leading bytes

MOSTLY_RATIO = 4
"""Valid multi-byte UTF-8 sequences must outnumber the invalid ones this many times for the "mostly
UTF-8" reading to win without a contest: EUC-JP and GBK bytes form a valid UTF-8 sequence now and
then (a lead byte E0-EF before two A1-BF bytes), so a bare majority is not enough in short texts."""

STRAY_SHARE = 0.02
"""Lone 0x80-0x9F bytes are taken as stray cp1252 punctuation without a contest when the text has a
valid multi-byte UTF-8 sequence too, or when they are at most this share of the bytes (2%: a quote
pair in a 100-byte sentence). More of them in pure ASCII text could be Shift-JIS lead bytes."""

# Codecs always tried in layer 6, most frequent on the web first (the order breaks score ties).
LEGACY_CODECS: tuple[str, ...] = (
    "cp1252", "cp1250", "iso8859_2", "cp1251", "koi8_r", "gb18030", "big5", "shift_jis", "cp932",
    "euc_jp", "euc_kr", "cp949", "iso8859_15", "cp1253", "cp1254", "cp1257", "koi8_u", "iso8859_5",
    "cp866", "cp1255", "cp1256", "cp874")
UNCOMMON_CODECS = frozenset(("cp1253", "cp1254", "cp1257", "koi8_u", "iso8859_5", "cp866", "cp1255",
                             "cp1256", "cp874"))
UNCOMMON_PENALTY = 2.0  # score malus for the rarer codecs of LEGACY_CODECS (ties go elsewhere)
JAPANESE_CODECS = frozenset(("shift_jis", "cp932", "euc_jp", "euc_jis_2004", "shift_jis_2004", "iso2022_jp"))
KANA_PENALTY = 2.0  # GB2312 and KS X 1001 hold kana too, but Chinese or Korean text does not use them
CN_BONUS = 0.5  # score bonus for charset-normalizer's own first choice (a tie-breaker)
DECLARED_BONUS = 3.0  # score bonus for the HTML page's declared charset
RARE_CODEC_PENALTY = 3.0  # score malus for a charset-normalizer candidate outside LEGACY_CODECS


def sniff_bom(data: bytes) -> tuple[str, int] | None:
    for bom, codec in BOMS:
        if data.startswith(bom):
            return codec, len(bom)
    return None


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in its first 4 KiB, normalized by :mod:`codecs`."""
    m = META_CHARSET_RE.search(data[:4096])
    if not m:
        return None
    try:
        return codecs.lookup(m.group(1).decode("ascii")).name
    except (LookupError, UnicodeDecodeError):
        return None


def looks_binary(data: bytes) -> bool:
    head = data[:SAMPLE_BYTES]
    if not head:
        return False
    bad = len(head) - len(head.translate(None, BINARY_BYTES))
    return bad > len(head) * BINARY_SHARE


def _utf8_with_controls(data: bytes) -> bool:
    """Strict UTF-8 whose control bytes stay under :data:`TEXT_CONTROL_SHARE`: text with a few NUL
    or FS/GS/RS characters (random or compressed binary data is never valid UTF-8)."""
    head = data[:SAMPLE_BYTES]
    if len(head) - len(head.translate(None, BINARY_BYTES)) > len(head) * TEXT_CONTROL_SHARE:
        return False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def decode_bytes(data: bytes, *, html: bool = False, force: str | None = None) -> tuple[str, EncodingInfo]:
    """Decode ``data`` to the source text; raise :class:`DocumentError` when it is not text."""
    if force:
        try:
            return data.decode(force), EncodingInfo(f"{force} (forced)")
        except (UnicodeDecodeError, LookupError) as e:
            raise DocumentError(f"--encoding {force} cannot decode this file: {e}") from e
    bom = sniff_bom(data)
    if bom:
        codec, n = bom
        bom_fix = EncodingFix(0, 0, "bom", f"removed {codec} byte-order mark")
        if codec == "utf-8":
            text, info = _decode_utf8(data[n:], html)
            return text, EncodingInfo(f"utf-8 (bom){info.detected[5:]}", (bom_fix, *info.fixes))
        text = data[n:].decode(codec, errors="replace")
        return text, EncodingInfo(codec, (bom_fix, *_replacement_fixes(text, f"invalid {codec}")))
    wide = wide_without_bom(data)
    if wide is not None:
        return wide[0], EncodingInfo(f"{wide[1]} (no byte-order mark)")
    if looks_binary(data) and not _utf8_with_controls(data):
        head = data[:SAMPLE_BYTES]
        n = len(head) - len(head.translate(None, BINARY_BYTES))
        raise DocumentError(
            f"binary data: {n} control bytes such as NUL in the first {len(head):,} bytes (over "
            f"{BINARY_SHARE:.0%}), so not a text document; if it is text, strip the NUL bytes "
            "(tr -d '\\000') or, for UTF-16 without a byte-order mark, pass --encoding utf-16-le")
    return _decode_utf8(data, html)


def _decode_utf8(data: bytes, html: bool) -> tuple[str, EncodingInfo]:
    try:
        return data.decode("utf-8"), EncodingInfo("utf-8")
    except UnicodeDecodeError:
        pass
    text, strays, invalid, valid = mostly_utf8(data)
    # a character cut off by the end of the file is evidence for UTF-8, not against it
    cut = 1 if invalid and invalid[-1][0] == len(text) - 1 and _cut_at_end(data) else 0
    only_strays = len(invalid) == cut and (valid > 0 or cut or len(strays) <= len(data) * STRAY_SHARE)
    if only_strays or valid > MOSTLY_RATIO * (len(strays) + len(invalid) - cut):
        return text, EncodingInfo("utf-8 (repaired)", _mostly_fixes(text, strays, invalid))
    return _detect_legacy(data, html, text, strays, invalid)


def _mark_invalid(e: UnicodeError) -> tuple[str, int]:
    """Error handler: a lone 0x80-0x9F byte becomes surrogate U+DC80-U+DC9F, any other invalid
    sequence one U+DFFF (strict UTF-8 never yields surrogates, so the marks are unambiguous)."""
    assert isinstance(e, UnicodeDecodeError)
    bad = e.object[e.start:e.end]
    if len(bad) == 1 and 0x80 <= bad[0] <= 0x9F:
        return chr(0xDC00 + bad[0]), e.end
    return "\udfff", e.end


codecs.register_error("cleaner-mark-invalid", _mark_invalid)
_MARK_RE = re.compile("[\udc80-\udc9f\udfff]")


def mostly_utf8(data: bytes) -> tuple[str, list[tuple[int, int]], list[tuple[int, bytes]], int]:
    """Decode ``data`` as UTF-8, reading lone 0x80-0x9F bytes as cp1252 and other invalid sequences
    as one U+FFFD each (the same count as ``errors="replace"``). Linear time.

    Returns the text, the stray cp1252 characters as ``(text offset, byte)``, the U+FFFD as
    ``(text offset, b"")`` and the number of valid multi-byte sequences.

    >>> mostly_utf8(b"caf\\xc3\\xa9 \\x93ok\\x94 \\xff")[0]
    'café “ok” \\ufffd'
    """
    marked = data.decode("utf-8", errors="cleaner-mark-invalid")
    strays: list[tuple[int, int]] = []
    invalid: list[tuple[int, bytes]] = []
    parts: list[str] = []
    last = 0
    for m in _MARK_RE.finditer(marked):
        i = m.start()
        parts.append(marked[last:i])
        last = i + 1
        code = ord(marked[i]) - 0xDC00
        char = "\ufffd"
        if code <= 0x9F:
            try:
                char = bytes((code,)).decode("cp1252")
            except UnicodeDecodeError:  # 0x81, 0x8D, 0x8F, 0x90, 0x9D: unassigned in cp1252
                pass
        if char == "\ufffd":
            invalid.append((i, b""))
        else:
            strays.append((i, code))
        parts.append(char)
    parts.append(marked[last:])
    text = "".join(parts)
    non_ascii = len(text) - len(text.encode("ascii", "ignore"))
    valid = non_ascii - len(strays) - len(invalid)
    return text, strays, invalid, valid


def _cut_at_end(data: bytes) -> bool:
    """Whether ``data`` ends with the first 1-3 bytes of a multi-byte UTF-8 character."""
    for k in (1, 2, 3):
        tail = data[-k:]
        if len(tail) == k and tail[0] >= 0xC2 and all(0x80 <= b <= 0xBF for b in tail[1:]):
            need = 2 if tail[0] < 0xE0 else 3 if tail[0] < 0xF0 else 4 if tail[0] < 0xF5 else 0
            return k < need
    return False


def _mostly_fixes(text: str, strays: list[tuple[int, int]],
                  invalid: list[tuple[int, bytes]]) -> tuple[EncodingFix, ...]:
    fixes = [EncodingFix(i, i + 1, "stray_cp1252",
                         f"lone byte 0x{b:02X} read as Windows-1252 {text[i]!r}") for i, b in strays]
    run: list[int] = []
    for i, _ in [*invalid, (-2, b"")]:
        if run and i != run[-1] + 1:
            n = len(run)
            fixes.append(EncodingFix(run[0], run[-1] + 1, "invalid_bytes",
                                     f"{n} invalid UTF-8 sequence{'s' * (n > 1)} replaced by U+FFFD"))
            run = []
        run.append(i)
    return tuple(sorted(fixes, key=lambda f: f.start))


def _replacement_fixes(text: str, what: str) -> tuple[EncodingFix, ...]:
    return tuple(EncodingFix(m.start(), m.end(), "invalid_bytes", f"{what} replaced by U+FFFD")
                 for m in re.finditer("\ufffd+", text))


def wide_without_bom(data: bytes) -> tuple[str, str] | None:
    """UTF-32/UTF-16 text without a byte-order mark, recognised by its NUL bytes: ``(text, codec)``.

    Text mostly below U+0100 in UTF-16-BE has a NUL in every even byte, in UTF-32-LE in three bytes
    of four, and so on. The candidate must decode strictly and hold almost no control characters.

    >>> wide_without_bom("Hello, world".encode("utf-16-be"))
    ('Hello, world', 'utf-16-be')
    """
    head = data[:SAMPLE_BYTES]
    if len(head) < 8 or head.count(0) * 8 < len(head):
        return None
    quarter, half = len(head) // 4, len(head) // 2
    z = [head[i::4].count(0) for i in range(4)]
    order: list[str] = []
    if min(z[0], z[1], z[2]) > 0.9 * quarter:
        order.append("utf-32-be")
    if min(z[1], z[2], z[3]) > 0.9 * quarter:
        order.append("utf-32-le")
    even, odd = z[0] + z[2], z[1] + z[3]
    if even > 0.2 * half and even >= 3 * odd:
        order.append("utf-16-be")
    if odd > 0.2 * half and odd >= 3 * even:
        order.append("utf-16-le")
    for codec in order:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        probe = text[:SAMPLE_BYTES]
        controls = sum(1 for c in probe if c < " " and c not in "\t\n\r\f")
        if controls <= len(probe) * 0.005:
            return text, codec
    return None


def _detect_legacy(data: bytes, html: bool, mostly: str, strays: list[tuple[int, int]],
                   invalid: list[tuple[int, bytes]]) -> tuple[str, EncodingInfo]:
    """Layers 5 and 6: the declared charset and the detected codecs compete on plausibility."""
    sample = data[:SCORE_BYTES]
    declared = declared_charset(data) if html else None
    # a meta tag we could read in ASCII cannot be right about UTF-16 or EBCDIC
    declared = _canonical(declared) if declared and _ascii_compatible(_canonical(declared)) else None
    cn_best, cn_all = _charset_normalizer(sample)
    names = _unique([*([declared] if declared else []), *LEGACY_CODECS, *cn_all])
    mostly_sample = mostly[:len(sample.decode("utf-8", "replace"))]
    hint = language_hint(mostly_sample)  # function words all candidates share decide the language
    mostly_score = plausibility(mostly_sample, hint)
    by_text: dict[str, list[str]] = {}  # decodings that agree are one candidate, named by the first
    for name in names:
        if not _ascii_compatible(name):
            continue
        text = _decode_sample(sample, name, final=len(sample) == len(data))
        if text is not None:
            by_text.setdefault(text, []).append(name)
    best: tuple[float, float, str, list[str]] | None = None  # (score, score without cn, name, group)
    for text, group in by_text.items():
        raw = plausibility(text, hint)
        if declared in group:
            raw += DECLARED_BONUS
        if all(n not in LEGACY_CODECS and n != declared for n in group):
            raw -= RARE_CODEC_PENALTY
        elif all(n in UNCOMMON_CODECS for n in group):
            raw -= UNCOMMON_PENALTY
        if KANA_RE.search(text) and not any(n in JAPANESE_CODECS for n in group):
            raw -= KANA_PENALTY  # kana read by a Chinese or Korean codec: Japanese bytes
        s = raw + (CN_BONUS if cn_best in group else 0.0)
        if best is None or s > best[0]:
            best = (s, raw, declared if declared in group else group[0], group)
    # The "mostly UTF-8" reading (U+FFFD for a few invalid bytes) competes on the letters alone: a
    # detector's vote for cp1252 says little about three stray 0xFE bytes in English text.
    if best is None or mostly_score >= best[1]:
        return mostly, EncodingInfo("utf-8 (repaired)", _mostly_fixes(mostly, strays, invalid))
    name = best[2]
    try:
        text = data.decode(name)
    except UnicodeDecodeError:
        text = data.decode(name, errors="replace")
    if name == declared:
        how = f"{name} (declared)"
    elif cn_best in best[3]:
        how = f"{name} (charset-normalizer)"
    else:
        how = f"{name} (language evidence; charset-normalizer: {cn_best or 'no guess'})"
    return text, EncodingInfo(how, _replacement_fixes(text, f"bytes invalid in {name}"))


@lru_cache(maxsize=256)
def _ascii_compatible(name: str) -> bool:
    """Whether ``name`` reads ASCII bytes as ASCII (not EBCDIC, UTF-7, UTF-16...)."""
    probe = bytes(range(0x20, 0x7F)) + b"\t\n\r"
    try:
        return codecs.decode(probe, name) == probe.decode("ascii")
    except (UnicodeDecodeError, LookupError):
        return False


def _decode_sample(sample: bytes, name: str, *, final: bool) -> str | None:
    try:
        dec = codecs.getincrementaldecoder(name)()
        return dec.decode(sample, final=final)
    except (UnicodeDecodeError, LookupError):
        return None


def _charset_normalizer(sample: bytes) -> tuple[str | None, list[str]]:
    from charset_normalizer import from_bytes

    try:
        matches = from_bytes(sample)
    except Exception:  # a detector failure only removes candidates
        return None, []
    names = [_canonical(m.encoding) for m in matches][:6]
    return (names[0] if names else None), [n for n in names if n]


def _canonical(name: str) -> str:
    try:
        return codecs.lookup(name).name.replace("-", "_")
    except LookupError:
        return name


def _unique(names: Iterable[str]) -> list[str]:
    seen: dict[str, None] = {}
    for n in names:
        seen.setdefault(_canonical(n), None)
    return list(seen)
