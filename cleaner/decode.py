"""Bytes -> source text, in layers, each reported in ``EncodingInfo``.

1. A byte-order mark (UTF-32, UTF-16, UTF-8) names the codec; the mark is dropped (fix ``bom``).
2. Strict UTF-8.
3. For HTML, the declared ``<meta charset>`` when it decodes the bytes strictly.
4. Otherwise the bytes are not text we can read with confidence: binary data is refused, the rest is
   read as UTF-8 with each invalid sequence replaced by U+FFFD (fix ``invalid_bytes``).

The full repair (legacy charsets, mojibake) lives in :mod:`cleaner.encoding` and plugs in here.
"""

from __future__ import annotations

import codecs
import re

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
BINARY_SHARE = 0.01  # more than 1% such bytes in the first 64 KiB: the file is binary


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
    head = data[:65536]
    if not head:
        return False
    bad = len(head) - len(head.translate(None, BINARY_BYTES))
    return bad > len(head) * BINARY_SHARE


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
        try:
            text = data[n:].decode(codec)
        except UnicodeDecodeError as e:
            raise DocumentError(f"the file starts with a {codec} byte-order mark but is not valid "
                                f"{codec}: {e.reason} at byte {e.start + n}") from e
        return text, EncodingInfo(codec, (EncodingFix(0, 0, "bom", f"removed {codec} byte-order mark"),))
    if looks_binary(data):
        raise DocumentError("binary data (control bytes such as NUL): not a text document; "
                            "if it is text in UTF-16 without a byte-order mark, pass --encoding utf-16-be")
    try:
        return data.decode("utf-8"), EncodingInfo("utf-8")
    except UnicodeDecodeError:
        pass
    if html:
        declared = declared_charset(data)
        if declared and declared != "utf-8":
            try:
                return data.decode(declared), EncodingInfo(f"{declared} (declared)")
            except UnicodeDecodeError:
                pass
    text = data.decode("utf-8", errors="replace")
    fixes = tuple(EncodingFix(m.start(), m.end(), "invalid_bytes", "undecodable bytes replaced by U+FFFD")
                  for m in re.finditer("\ufffd+", text))
    return text, EncodingInfo("utf-8 (with invalid bytes)", fixes)
