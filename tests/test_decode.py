"""Layered decoding (cleaner/decode.py): each layer's result, its ``detected`` label and its fixes."""

from __future__ import annotations

import codecs

import pytest

from cleaner import decode
from cleaner.decode import MOSTLY_RATIO, STRAY_SHARE, decode_bytes, looks_binary, mostly_utf8, wide_without_bom
from cleaner.errors import DocumentError
from cleaner.model import EncodingFix, EncodingInfo

FR = "Le café de la gare est fermé à midi, mais le marché reste ouvert jusqu'à huit heures.\n"
DE = "Der Bär ist über die Straße gelaufen und hat sich nicht umgesehen, weil er müde war.\n"
PL = "Zażółć gęślą jaźń, powiedział że to nie jest w porządku, ale się zgodził.\n"
CS = "Příliš žluťoučký kůň úpěl ďábelské ódy a to je všechno, co se dnes stalo.\n"
RU = "Съешь же ещё этих мягких французских булок, да выпей чаю, сказал он тихо.\n"
ZH = "从门面到餐厅里面的装潢，都充满了浓浓的铁道气氛！我们在这里吃了一顿很好的晚饭。\n"
ZH_TW = "阿倫的心不禁一陣猛烈的跳動，雖然她換了一身完全不同的裝扮，但那熟悉的容貌依舊。\n"
JA = "家族や彼氏でない異性と、ひとつでも上の成績を目指して毎日練習しています。\n"
KO = "야구 하는 모습만으로도 파이터와 테크니션이라는 표현이 적절해 보인다.\n"
EN = "The patient must be submitted to the system and the results of the tests are sent back.\n"


@pytest.mark.parametrize("codec,bom", [("utf-8", codecs.BOM_UTF8), ("utf-16-le", codecs.BOM_UTF16_LE),
                                       ("utf-16-be", codecs.BOM_UTF16_BE), ("utf-32-le", codecs.BOM_UTF32_LE),
                                       ("utf-32-be", codecs.BOM_UTF32_BE)])
def test_byte_order_marks_are_removed_and_reported(codec: str, bom: bytes) -> None:
    text, info = decode_bytes(bom + RU.encode(codec))
    assert text == RU
    assert info.fixes[0] == EncodingFix(0, 0, "bom", f"removed {codec} byte-order mark")
    assert info.detected == ("utf-8 (bom)" if codec == "utf-8" else codec)


def test_strict_utf8_is_the_first_reading() -> None:
    text, info = decode_bytes(FR.encode("utf-8"))
    assert (text, info.detected, info.fixes) == (FR, "utf-8", ())


def test_stray_cp1252_bytes_in_utf8_become_punctuation() -> None:
    data = "Er sagte \x93Grüß Gott\x94 \x96 und ging.".encode("latin-1").replace(b"\xfc\xdf", "üß".encode())
    text, info = decode_bytes(data)
    assert text == "Er sagte “Grüß Gott” – und ging."
    assert info.detected == "utf-8 (repaired)"
    assert [(f.start, f.end, f.kind) for f in info.fixes] == [
        (9, 10, "stray_cp1252"), (19, 20, "stray_cp1252"), (21, 22, "stray_cp1252")]
    assert info.fixes[0].detail == "lone byte 0x93 read as Windows-1252 '“'"


def test_invalid_sequences_become_one_replacement_each_like_errors_replace() -> None:
    data = RU.encode("utf-8")[:20] + b"\xff\xfe" + RU.encode("utf-8")[20:] + b"\xe2\x82"
    text, info = decode_bytes(data)
    assert text == data.decode("utf-8", errors="replace")
    assert text.count("\ufffd") == 3
    assert [(f.start, f.end, f.kind) for f in info.fixes] == [(11, 13, "invalid_bytes"),
                                                             (len(text) - 1, len(text), "invalid_bytes")]
    assert info.fixes[0].detail == "2 invalid UTF-8 sequences replaced by U+FFFD"


def test_unassigned_c1_byte_is_invalid_not_punctuation() -> None:
    text, strays, invalid, valid = mostly_utf8("Zoë \x81 ok".encode("latin-1").replace(b"\xeb", "ë".encode()))
    assert (text, strays, [i for i, _ in invalid], valid) == ("Zoë \ufffd ok", [], [4], 1)


def test_a_few_never_valid_bytes_in_ascii_text_stay_replacement_characters() -> None:
    # cp1252 would read 0xC0 as "À": language evidence says English has no "pÀatent"
    data = EN.encode().replace(b"must be", b"must \xc0be").replace(b"the tests", b"the te\xc0sts")
    text, info = decode_bytes(data)
    assert text == data.decode("utf-8", errors="replace")
    assert info.detected == "utf-8 (repaired)"
    assert [f.kind for f in info.fixes] == ["invalid_bytes", "invalid_bytes"]


def test_character_cut_at_the_end_is_utf8_evidence() -> None:
    text, info = decode_bytes(b"It was the end of the loss.\xe2\x80")
    assert text == "It was the end of the loss.\ufffd"
    assert info.fixes == (EncodingFix(27, 28, "invalid_bytes", "1 invalid UTF-8 sequence replaced by U+FFFD"),)


def test_mostly_utf8_ratio_threshold(monkeypatch: pytest.MonkeyPatch) -> None:
    contests: list[bytes] = []
    real = decode._detect_legacy

    def spy(data: bytes, *args: object) -> object:
        contests.append(data)
        return real(data, *args)

    monkeypatch.setattr(decode, "_detect_legacy", spy)
    at = "Он сказал: жжжжж".encode() + b" \xff ok"  # 13 valid sequences > 4 x 1 invalid: no contest
    assert MOSTLY_RATIO == 4
    assert decode_bytes(at) == ("Он сказал: жжжжж \ufffd ok", decode_bytes(at)[1])
    assert contests == []
    below = "Он жж".encode() + b" \xff ok"  # 4 valid sequences: not more than 4 x 1, a contest
    assert decode_bytes(below)[0] == "Он жж \ufffd ok"
    assert contests == [below]


def test_stray_share_threshold() -> None:
    # Shift-JIS 天気 is 93 56 8B 43: two lone 0x80-0x9F bytes, like a pair of cp1252 quotes
    at = b"The weather word is " + "天気".encode("shift_jis") + b" in Japanese." + b" Yes." * 14
    assert len(at) == 107 and 2 <= len(at) * STRAY_SHARE  # 2 strays in 107 bytes: no contest
    assert decode_bytes(at)[0].startswith("The weather word is “V‹C in")
    over = "天気 電話 東京".encode("shift_jis")  # 8 strays in 14 bytes: the codecs compete
    text, info = decode_bytes(over)
    assert (text, info.detected.split(" ")[0]) == ("天気 電話 東京", "shift_jis")


@pytest.mark.parametrize("text,codec,detected", [
    (FR, "cp1252", "cp1252"), (DE, "latin-1", "cp1252"), (PL, "cp1250", "cp1250"),
    (PL, "iso8859_2", "iso8859_2"), (CS, "iso8859_2", "iso8859_2"), (CS, "cp1250", "cp1250"),
    (RU, "cp1251", "cp1251"), (RU, "koi8_r", "koi8_r"), (ZH, "gbk", "gb18030"), (ZH, "gb18030", "gb18030"),
    (ZH_TW, "big5", "big5"), (JA, "shift_jis", "shift_jis"), (JA, "euc_jp", "euc_jp"),
    (KO, "euc_kr", "euc_kr"),
    # short snippets: one letter decides, the function words all readings share pick the language
    ("acht, was Gabriel gründlich missversteht", "cp1252", "cp1252"),
    ("Težko v naši razmerah.", "iso8859_2", "iso8859_2"),
    ("lní hodiny v prvním až předposledním roč", "iso8859_2", "iso8859_2"),
    (" causa è nella crisi istituzionale che s", "cp1252", "cp1252"),
    ("しかしどこに住んでいよう", "euc_jp", "euc_jp"),  # kana read as GB2312 would be Japanese bytes
    ("くらい経つと、行為に及び", "euc_jp", "euc_jp")])  # EUC-JP bytes that happen to be valid UTF-8
def test_legacy_charsets_by_language_evidence(text: str, codec: str, detected: str) -> None:
    got, info = decode_bytes(text.encode(codec))
    assert got == text
    assert info.detected.split(" ")[0] == detected
    assert info.fixes == ()


def test_html_declared_charset_wins_when_it_reads_plausibly() -> None:
    page = f'<html><head><meta charset="windows-1251"></head><body><p>{RU}</p></body></html>'
    text, info = decode_bytes(page.encode("cp1251"), html=True)
    assert (text, info.detected) == (page, "cp1251 (declared)")


def test_html_declared_charset_that_lies_loses() -> None:
    page = f'<html><head><meta charset="utf-8"></head><body><p>{FR}</p></body></html>'
    text, info = decode_bytes(page.encode("cp1252"), html=True)
    assert text == page
    assert info.detected.startswith("cp1252")
    page = f'<html><head><meta charset="windows-1251"></head><body><p>{FR}</p></body></html>'
    assert decode_bytes(page.encode("utf-8"), html=True) == (page, EncodingInfo("utf-8"))
    page = f'<html><head><meta charset="utf-16"></head><body><p>{FR}</p></body></html>'
    text, info = decode_bytes(page.encode("cp1252"), html=True)
    assert text == page and info.detected.startswith("cp1252")


def test_utf16_without_bom_is_recognised_by_its_nul_pattern() -> None:
    text, info = decode_bytes(FR.encode("utf-16-be"))
    assert (text, info.detected) == (FR, "utf-16-be (no byte-order mark)")
    assert wide_without_bom(FR.encode("utf-16-le")) == (FR, "utf-16-le")
    assert wide_without_bom(FR.encode("utf-32-le")) == (FR, "utf-32-le")
    assert wide_without_bom(b"\x00\x01\x02\x03" * 40) is None


def test_binary_data_is_refused_with_a_helpful_message() -> None:
    data = bytes(range(256)) * 8
    assert looks_binary(data)
    with pytest.raises(DocumentError, match=r"binary data: 208 control bytes such as NUL in the first "
                                            r"2,048 bytes \(over 1%\).*--encoding utf-16-le"):
        decode_bytes(data)
    nul = (EN * 3).replace("must", "must\x00", 1).encode()  # 1 NUL in 268 bytes (<= 1%): text
    assert not looks_binary(nul)
    assert decode_bytes(nul)[0].count("\x00") == 1
    more = nul.replace(b"must", b"must\x00\x00")  # 5 NULs in 272 bytes, but strict UTF-8: kept
    assert looks_binary(more) and decode_bytes(more) == (more.decode(), EncodingInfo("utf-8"))
    with pytest.raises(DocumentError, match="binary data: 28 control bytes"):
        decode_bytes(b"\x00" * 28 + b"A short text of about 250 bytes. " * 7)  # 11% NUL


def test_forced_codec() -> None:
    assert decode_bytes(FR.encode("cp1252"), force="cp1252")[1].detected == "cp1252 (forced)"
    assert decode_bytes("Ã©".encode(), force="latin-1")[0] == "Ã\x83Â©"
    with pytest.raises(DocumentError, match="--encoding utf-8 cannot decode this file"):
        decode_bytes(FR.encode("cp1252"), force="utf-8")
