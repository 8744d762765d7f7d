"""Repair of decoded text (cleaner/encoding.py) and its place in ``Pipeline.document``."""

from __future__ import annotations

import random
import unicodedata

import pytest
from ftfy.badness import MOJIBAKE_CATEGORIES, is_bad

from cleaner.config import Config, EncodingConfig
from cleaner.encoding import escaped_throughout, looks_bad, needs_repair, repair
from cleaner.model import EncodingFix
from cleaner.pipeline import Pipeline


def spans(fixes: tuple[EncodingFix, ...]) -> list[tuple[int, int, str]]:
    return [(f.start, f.end, f.kind) for f in fixes]


# -- mojibake -------------------------------------------------------------------------------------
def test_mojibake_pieces_get_their_own_offsets_in_the_repaired_text() -> None:
    text, fixes = repair("Ã©tÃ© â€” ok")
    assert text == "été — ok"
    assert spans(fixes) == [(0, 1, "mojibake"), (2, 3, "mojibake"), (4, 5, "mojibake")]
    assert fixes[2].detail == "'â€”' -> '—' (encode sloppy-windows-1252, decode utf-8)"


def test_offsets_count_earlier_lines_and_double_mojibake() -> None:
    text, fixes = repair("First line is fine.\nThe Mona Lisa doesnÃ¢â‚¬â„¢t have eyebrows.")
    assert text == "First line is fine.\nThe Mona Lisa doesn’t have eyebrows."
    assert spans(fixes) == [(39, 40, "mojibake")]
    assert text[39] == "’"


def test_utf8_read_as_latin1_with_c1_characters() -> None:
    moj = "Привет, мир — это тест".encode().decode("latin-1")
    text, fixes = repair(moj)
    assert text == "Привет, мир — это тест"
    assert spans(fixes) == [(0, 6, "mojibake"), (8, 11, "mojibake"), (12, 13, "mojibake"),
                            (14, 17, "mojibake"), (18, 22, "mojibake")]


def test_c1_controls_alone_are_their_own_kind() -> None:
    text, fixes = repair("He said \x93yes\x94 twice\x85")
    assert text == "He said “yes” twice…"
    assert spans(fixes) == [(8, 9, "c1_controls"), (12, 13, "c1_controls"), (19, 20, "c1_controls")]


def test_prior_fixes_move_with_the_repair() -> None:
    prior = (EncodingFix(0, 0, "bom", "removed"), EncodingFix(8, 9, "invalid_bytes", "x"))
    text, fixes = repair("Ã© and x\ufffd end", prior)
    assert text == "é and x\ufffd end"
    assert spans(fixes) == [(0, 0, "bom"), (0, 1, "mojibake"), (7, 8, "invalid_bytes")]
    assert text[7] == "\ufffd"


def test_repair_is_idempotent() -> None:
    once, _ = repair("cafÃ© â€œquotedâ€\x9d and naÃ¯ve")
    assert once == "café “quoted” and naïve"
    assert repair(once) == (once, ())


def test_no_encoding_repair_keeps_mojibake_but_entities_still_decode() -> None:
    assert repair("cafÃ©", mojibake=False) == ("cafÃ©", ())
    text, fixes = repair("Tom &amp; Jerry&#8217;s", mojibake=False, entities=True)
    assert text == "Tom & Jerry’s"
    assert spans(fixes) == [(4, 5, "html_entities"), (11, 12, "html_entities")]


# -- zero changes to correct text ------------------------------------------------------------------
CORRECT = [
    "“Curly” quotes, ‘single’ ones, and an apostrophe’s place — with dashes – and … ellipses.",
    "全角の句読点：「こんにちは」、（テスト）！？ＡＢＣ１２３。中文标点，“引号”；《书名》【注释】",
    "Prix\u00a0: 12\u00a0€, soit 10\u202f% de moins\u00a0!",
    "বাংলা ভাষা দক্ষিণ এশিয়ার একটি ইন্দো-আর্য ভাষা। হিন্দী: हिन्दी भारत की राजभाषा है।",
    unicodedata.normalize("NFD", "Café déjà vu, naïve résumé"),
    "ﬁnancial ﬂow ligatures stay, and so do ＦＵＬＬＷＩＤＴＨ letters",
    "Line one\r\nLine two\u2028Line three\rLine four",
    "8&frac12;&times;5 inches is written with entities, and that is the author's text.",
    "Привет, мир! Ελληνικά κείμενα. Türkçe ğüşıöç. Polski: zażółć gęślą jaźń.",
    "Ŀ and ŀ, Ĳ ĳ, ǅ: rare letters are not mojibake.",
    # modelled on ftfy's own negative test cases (tests/test-cases/negative.json upstream)
    "├┤a┼┐a┼┐a┼┐a┼┐a",
    "I'm not such a fan of Charlotte Brontë…”",
    "AHÅ™, the new sofa from IKEA",
    "ВІКІ is Ukrainian for WIKI",
    "4288×…",
    "HUHLL Õ…",
    "RETWEET SE VOCÊ…",
    "PARCE QUE SUR LEURS PLAQUES IL Y MARQUÉ…",
    "TEM QUE SEGUIR, SDV SÓ…",
    "Join ZZAJÉ’s Official Fan List and receive news, events, and more!",
    "(-1/2)! = √π",
    "``toda produzida pronta pra assa aí´´",
]


@pytest.mark.parametrize("text", CORRECT)
def test_correct_text_passes_through_byte_for_byte(text: str) -> None:
    assert repair(text, entities=True) == (text, ())
    doc = Pipeline().document(text.encode("utf-8"))
    assert doc.text == text
    assert doc.encoding.fixes == ()


# -- fast path -------------------------------------------------------------------------------------
def test_fast_path_skips_clean_text() -> None:
    assert not needs_repair("plain ASCII")
    assert not needs_repair("“Curly” quotes, café, 中文。Привет")
    assert needs_repair("cafÃ©") and needs_repair("a \x93 b") and needs_repair("lone \ud83d surrogate")


def test_looks_bad_is_never_more_lenient_than_is_bad() -> None:
    pool = (list("abcXYZ .,!?'\"09\n") + list(MOJIBAKE_CATEGORIES["common"])
            + [chr(c) for c in range(0xA0, 0x250)] + [chr(c) for c in range(0x370, 0x460)]
            + list("€™‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜›œžŸ√≈āØÙ×²³°═╬µ") + [chr(c) for c in range(0x80, 0xA0)])
    rnd = random.Random(7)
    bad = 0
    for _ in range(30000):
        s = "".join(rnd.choice(pool) for _ in range(rnd.randint(1, 8)))
        if is_bad(s):
            bad += 1
            assert looks_bad(s), s
    assert bad > 3000
    for s in ("вЂ”", "ГўВЂВњa", "β€™", "Ã ", "x Ã ", "doesnÃ¢â‚¬â„¢t"):
        assert looks_bad(s) and is_bad(s)


# -- HTML entities in plain text -------------------------------------------------------------------
def test_entities_are_decoded_only_when_escaped_throughout() -> None:
    assert escaped_throughout("Tom &amp; Jerry&#8217;s &quot;show&quot;")
    assert not escaped_throughout("Tom & Jerry&#8217;s &amp; more")  # a raw &
    assert not escaped_throughout("a &lt; b and <b>bold</b> &amp;")  # a raw <
    assert not escaped_throughout("8&frac12;&times;5")  # no escaped markup character
    assert not escaped_throughout("&amp;amp; twice &amp;")  # double-escaped: would stay escaped
    assert not escaped_throughout("only &amp; one")  # MIN_ENTITIES = 2


def test_entity_fixes_have_offsets_in_the_decoded_text() -> None:
    text, fixes = repair("Tom &amp; Jerry&#8217;s\n&quot;show&quot;", entities=True)
    assert text == "Tom & Jerry’s\n\"show\""
    assert spans(fixes) == [(4, 5, "html_entities"), (11, 12, "html_entities"),
                            (14, 15, "html_entities"), (19, 20, "html_entities")]
    assert fixes[1].detail == "&#8217; -> '’'"
    assert repair(text, entities=True) == (text, ())


# -- pipeline --------------------------------------------------------------------------------------
def test_pipeline_text_document_records_every_layer() -> None:
    data = b"\xef\xbb\xbfcaf\xc3\x83\xc2\xa9 \x93ok\x94 &amp; fine"
    doc = Pipeline().document(data)
    assert doc.text == "café “ok” &amp; fine"
    assert doc.encoding.detected == "utf-8 (bom) (repaired)"
    assert spans(doc.encoding.fixes) == [(0, 0, "bom"), (3, 4, "mojibake"), (5, 6, "stray_cp1252"),
                                         (8, 9, "stray_cp1252")]


def test_pipeline_knobs() -> None:
    moj = "cafÃ© &amp; &lt;b&gt;".encode()
    assert Pipeline().document(moj).text == "café & <b>"
    off = Pipeline(Config(encoding=EncodingConfig(repair=False)))
    assert off.document(moj).text == "cafÃ© & <b>"
    raw = Pipeline(Config(encoding=EncodingConfig(html_entities=False)))
    assert raw.document(moj).text == "café &amp; &lt;b&gt;"
    forced = Pipeline(Config(encoding=EncodingConfig(force="latin-1")))
    doc = forced.document("café".encode("latin-1"))
    assert (doc.text, doc.encoding.detected) == ("café", "latin-1 (forced)")


def test_pipeline_html_decoder_fixes_are_reported_at_offset_zero() -> None:
    page = b"<html><body><p>He said \x93yes\x94 and caf\xc3\x83\xc2\xa9.</p></body></html>"
    doc = Pipeline().document(page, fmt="html")
    assert doc.text == "He said “yes” and café."
    assert spans(doc.encoding.fixes) == [(0, 0, "stray_cp1252"), (21, 22, "mojibake")]
    assert doc.encoding.fixes[0].detail.startswith("2 in the HTML markup, e.g. lone byte 0x93")
