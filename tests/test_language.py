"""The ``language`` stage: document language, cross-script and same-script fragments, messy text."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest
from conftest import SEED, run_cli

from cleaner import clean
from cleaner.cleaners import langlex
from cleaner.cleaners.langscript import host_script, sentences
from cleaner.cleaners.language import FOREIGN_FRAGMENT, LanguageCleaner
from cleaner.cleaners.patterns import (
    LANG_EMAIL_RE,
    LANG_HASHTAG_RE,
    LANG_SCRIPT_TOKEN_RE,
    LANG_SENTENCE_END_RE,
    LANG_URL_RE,
    LANG_WORD_RE,
    lang_foreign_re,
)
from cleaner.config import Config
from cleaner.errors import UsageError
from cleaner.model import Removal
from cleaner.pipeline import Pipeline

EN = ("The committee met on Tuesday to discuss the budget for the next year. Members agreed that the "
      "school needs more teachers and better books. The mayor said the city will pay for the new roof. "
      "Parents asked for a safer road near the playground, and the council promised to study it. ")
ES = "El gobierno anunció ayer que las elecciones se celebrarán en el mes de octubre."
RU = ("Вчера вечером мы долго гуляли по городу и разговаривали о жизни. Потом мы зашли в маленькое кафе "
      "и выпили горячего чая. Погода была холодной, но нам было хорошо вместе. ")


def flags(text: str, **options):
    result = clean(text, only=("language",), **options)
    return result, [(f.text, f.lang) for f in result.flags]


def find(text: str, prior=(), **language):
    cfg = Config(only=("language",)).with_options(**{f"language__{k}": v for k, v in language.items()})
    pipe = Pipeline(cfg)
    return LanguageCleaner(cfg).find(pipe.document(text), prior)


# -- the founding article -----------------------------------------------------------------------------
def test_founding_article_has_exactly_one_flag():
    result = clean(SEED.read_bytes())
    assert result.language == "en"
    assert [(f.text, f.kind, f.lang) for f in result.flags] == [("幕后", "mixed_language", "zh")]
    flag = result.flags[0]
    assert result.source[flag.start:flag.end] == "幕后"
    assert result.source[flag.start - 4:flag.end + 7] == "with幕后 bosses"
    assert 0.0 < flag.score <= 1.0


# -- stage 1: other scripts ---------------------------------------------------------------------------
@pytest.mark.parametrize("fragment, lang", [
    ("幕后", "zh"), ("マネジメント", "ja"), ("명예훼손과", "ko"), ("Ελλάδα", "el"), ("שלום", "he"),
    ("الأبحاث", "ar"), ("паркет", "ru"), ("харківській", "uk"),
])
def test_cross_script_word(fragment, lang):
    text = EN + f"Everyone knew the {fragment} rules of the game. " + EN
    _, found = flags(text)
    assert found == [(fragment, lang)]


def test_cjk_glued_to_a_latin_word():
    _, found = flags(EN + "The investors with幕后 bosses were named. " + EN)
    assert found == [("幕后", "zh")]


def test_cross_script_sentence_and_paragraph_are_one_flag_each():
    ja = "山田孝之の嫁は歳年上の一般女性だと同時に発表されました。"
    text = EN + ja + " " + EN + "\n\n" + RU + "\n\n" + EN
    result, found = flags(text)
    assert found == [(ja, "ja"), (RU.strip(), "ru")]
    assert result.language == "en"


def test_latin_words_in_chinese_and_russian():
    zh = "我们今天去了公园，天气很好。" * 5
    _, found = flags(zh + "这个 experience 很重要。" + zh)
    assert found == [("experience", "en")]
    _, found = flags(RU + "Он сказал, что это grundlage всего. " + RU)
    assert found == [("grundlage", "de")]


def test_japanese_inside_chinese_is_found_by_its_kana():
    zh = "我们今天去了公园，天气很好。" * 5
    result, found = flags(zh + "所以你的克星就是爱唠という罠叨。" + zh)
    assert result.language == "zh"
    assert found == [("という", "ja")]


# -- messy text that must not raise flags -------------------------------------------------------------
@pytest.mark.parametrize("inline", [
    "see https://ru.wikipedia.org/wiki/Москва for details",          # URL with Cyrillic
    "write to редакция@пример.рф or info@example.com today",          # e-mail addresses
    "the 5 μm filter and 20 µm pores, a 3 μg dose",                   # units (Greek mu, micro sign)
    "where 𝑥 ∈ ℝ and π ≈ 3.14 and ΔG < 0 and α-helix",                # math letters, Greek symbols
    "we loved it 😀🎉 and shrugged ¯\\_(ツ)_/¯ then",                   # emoji and a kaomoji
    "the #отпуск tag and @пользователь handle",                        # hashtags and handles
])
def test_messy_english_has_no_flags(inline):
    _, found = flags(EN + f"As noted, {inline}. " + EN)
    assert found == []


@pytest.mark.parametrize("inline", [
    "NASA и ЕС", "iPhone 15 Pro", "Google", "Xi Jinping", "H2O", "файл index.html", "snake_case",
    "COVID-19", "McDonald", "Windows Server",
])
def test_messy_russian_has_no_flags(inline):
    _, found = flags(RU + f"Он упомянул {inline} в разговоре. " + RU)
    assert found == []


def test_romanized_names_in_chinese_have_no_flag():
    zh = "我们今天去了公园，天气很好。" * 5
    _, found = flags(zh + "习近平（Xi Jinping）和 Apple 公司以及 NBA 比赛。" + zh)
    assert found == []


def test_clean_monolingual_texts_have_no_flags():
    for text, lang in [(EN * 3, "en"), (RU * 3, "ru"), ("我们今天去了公园，天气很好。" * 20, "zh")]:
        result, found = flags(text)
        assert (result.language, found) == (lang, [])


# -- stage 2: same script -----------------------------------------------------------------------------
def test_spanish_sentence_in_english():
    result, found = flags(EN + ES + " " + EN)
    assert found == [(ES, "es")]
    assert result.flags[0].score >= 0.5


def test_foreign_paragraph_is_one_flag():
    fr = ("Le gouvernement a annoncé hier une nouvelle réforme des retraites. Les syndicats ont appelé "
          "à la grève dans toute la France. La ministre a défendu son projet devant les députés.")
    _, found = flags(EN + "\n\n" + fr + "\n\n" + EN)
    assert found == [(fr, "fr")]


def test_ukrainian_sentence_in_russian():
    uk = "Слава Богу, наш народ вже з'єднався у своїй республіці і скоро ще сильніше з'єднається."
    result, found = flags(RU + uk + " " + RU)
    assert result.language == "ru"
    assert found == [(uk, "uk")]


def test_inline_phrase_and_word():
    _, found = flags(EN + "We give a quick guide to building basierte auf dem packages of your own. " + EN)
    assert found == [("basierte auf dem", "de")]
    _, found = flags(EN + "The ghosts of the past were eindeutig visible to everyone. " + EN)
    assert found == [("eindeutig", "de")]


@pytest.mark.parametrize("line", [
    "They acted de facto as one party, en masse, without a faux pas.",   # loan phrases in English
    "Carlos Pena (L) 1B",                                                 # names and initials
    "Mon Jan 14, 2008 2:25pm EST",                                        # a dateline
    "N1+N2*N3/N4 (N1+N2)*N3/N4 N1+(N2*N3)/N4",                            # a formula
])
def test_loan_phrases_names_dates_formulas_are_not_flagged(line):
    _, found = flags(EN + "\n" + line + "\n" + EN)
    assert found == []


def test_english_words_common_in_other_lists_are_not_flagged():
    _, found = flags(EN + "The recycling partnership spans across the whole range of products. " + EN)
    assert found == []


# -- drop, prior, reasons -----------------------------------------------------------------------------
def test_drop_removes_the_fragment_with_its_reason():
    text = EN + ES + " " + EN
    result = clean(text, only=("language",), language__mixed_language="drop")
    assert [(r.reason, r.text) for r in result.removed] == [(FOREIGN_FRAGMENT, ES + " ")]
    assert ES not in result.text and result.text.count("committee") == 2
    assert [f.text for f in clean(text, only=("language",)).flags] == [ES]


def test_drop_leaves_no_double_spaces_or_blank_lines():
    fr = "Le gouvernement a annoncé hier une nouvelle réforme des retraites dans toute la France."
    text = "First line of the article is here.\n" + EN + "\n" + fr + "\n" + "The investors with幕后 bosses met. " + EN
    result = clean(text, only=("language",), language__mixed_language="drop")
    assert [r.text for r in result.removed] == [fr + "\n", "幕后"]
    assert result.text == "First line of the article is here.\n" + EN + "\nThe investors with bosses met. " + EN
    assert clean(result.text, only=("language",), language__mixed_language="drop").removed == ()  # idempotent
    result = clean(EN + ES + " " + EN, only=("language",), language__mixed_language="drop")
    assert result.text == EN + EN


def test_unknown_mode_is_a_usage_error():
    with pytest.raises(UsageError, match="'flag' or 'drop'"):
        find("text", mixed_language="remove")


def test_text_removed_earlier_is_skipped():
    text = EN + "The investors with幕后 bosses were named. " + EN
    start = text.index("幕后")
    prior = [Removal(start - 20, start + 10, "residue.test", text[start - 20:start + 10])]
    assert find(text, prior).flags == ()
    assert [f.text for f in find(text).flags] == ["幕后"]


def test_no_letters_no_language():
    finding = find("12345 — 678 !!! 😀")
    assert (finding.language, finding.flags) == (None, ())


def test_languages_without_a_list_are_named_by_langdetect():
    vi = "Tôi là một người Việt Nam và tôi yêu đất nước của tôi rất nhiều. Hôm nay trời đẹp quá. " * 3
    result, found = flags(vi)
    assert (result.language, found) == ("vi", [])


# -- knobs at their thresholds ------------------------------------------------------------------------
def _margin(sentence: str, host: str = "en") -> float:
    table = langlex.get(Config().language.languages).tables["latin"]
    words = LANG_WORD_RE.findall(sentence.casefold())
    verdict = table.verdict(table.pack(words), len(words), table.langs.index(host), sentence)
    assert verdict is not None
    return verdict[1]


def test_sentence_margin_threshold():
    m = _margin(ES)
    assert [f.text for f in find(EN + ES + " " + EN, sentence_margin=m - 0.01).flags] == [ES]
    assert ES not in [f.text for f in find(EN + ES + " " + EN, sentence_margin=m + 0.01).flags]


def test_min_sentence_words_threshold():
    es = "Las elecciones serán en octubre."  # 5 words
    assert [f.text for f in find(EN + es + " " + EN, min_sentence_words=5).flags] == [es]
    assert es not in [f.text for f in find(EN + es + " " + EN, min_sentence_words=6, inline_words=False).flags]


def test_min_script_letters_threshold():
    text = EN + "They call it Δύο in class. " + EN
    assert [f.text for f in find(text, min_script_letters=3).flags] == ["Δύο"]
    assert find(text, min_script_letters=4).flags == ()


def test_inline_words_switch_and_phrase_margin():
    text = EN + "We give a quick guide to building basierte auf dem packages of your own. " + EN
    m = _margin("basierte auf dem")
    assert [f.text for f in find(text, phrase_margin=m - 0.01).flags] == ["basierte auf dem"]
    assert find(text, phrase_margin=m + 0.01).flags == ()
    assert find(text, inline_words=False).flags == ()


def test_word_margin_and_min_word_letters():
    text = EN + "The ghosts of the past were eindeutig visible to everyone. " + EN
    m = _margin("eindeutig")
    assert [f.text for f in find(text, word_margin=m - 0.01).flags] == ["eindeutig"]
    assert find(text, word_margin=m + 0.01).flags == ()
    assert [f.text for f in find(text, min_word_letters=9).flags] == ["eindeutig"]
    assert find(text, min_word_letters=10).flags == ()


def test_languages_knob():
    assert find(EN + ES + " " + EN, languages=("en", "ru")).flags == ()
    assert [f.lang for f in find(EN + ES + " " + EN, languages=("en", "es")).flags] == ["es"]


# -- determinism, threads, processes, CLI -------------------------------------------------------------
def test_deterministic_and_thread_safe():
    text = EN + ES + " The investors with幕后 bosses. " + RU + EN
    expected = find(text)
    results = []

    def work() -> None:
        results.append(find(text))

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(r == expected for r in results)
    assert langlex.get(["en", "es"]) is langlex.get(["es", "en"])


def test_cli_drop_with_two_jobs_matches_in_process_cleaning(make_tree, tmp_path: Path):
    docs = {"a.txt": EN + ES + " " + EN, "b.txt": EN + "with幕后 bosses. " + EN}
    root = make_tree(docs)
    rep = tmp_path / "r.jsonl"
    proc = run_cli(str(root), "-o", str(tmp_path / "out"), "--report", str(rep), "-j", "2",
                   "--only", "language", "--mixed-language", "drop", "-q")
    assert proc.returncode == 0, proc.stderr
    records = {r["path"]: r for r in map(json.loads, rep.read_text(encoding="utf-8").splitlines())}
    for name, text in docs.items():
        expected = clean(text, only=("language",), language__mixed_language="drop")
        assert records[name]["removed"] == [r.to_json() for r in expected.removed]
        assert (tmp_path / "out" / name).read_text(encoding="utf-8") == expected.text
    assert [r["text"] for r in records["b.txt"]["removed"]] == ["幕后"]
    assert records["a.txt"]["removed"][0]["reason"] == FOREIGN_FRAGMENT
    assert run_cli(str(root), "--mixed-language", "remove").returncode == 2


# -- helpers and patterns -----------------------------------------------------------------------------
def test_host_script_and_sentences():
    assert host_script(EN) == "latin"
    assert host_script("我们今天去了公园。" * 3 + " some english words") == "han"
    assert host_script("今日はいい天気ですね。公園に行きました。") == "kana"
    assert host_script("123 !!!") is None
    text = "First one. Second one! 第三句。第四句"
    assert [text[s:e] for s, e in sentences(text, 0, len(text))] == ["First one.", "Second one!", "第三句。", "第四句"]


def test_language_patterns():
    assert [(m.lastgroup, m.group()) for m in LANG_SCRIPT_TOKEN_RE.finditer("with幕后 μm Привет ここ")] == [
        ("latin", "with"), ("han", "幕后"), ("greek", "μ"), ("latin", "m"), ("cyrillic", "Привет"), ("kana", "ここ")]
    assert LANG_SCRIPT_TOKEN_RE.match("𝑥").lastgroup == "other"
    latin = lang_foreign_re(frozenset({"latin"}))
    assert latin.findall("say Привет with幕后") == ["Привет", "幕后"]
    assert latin.findall("naïve café, Ærø 42") == []
    assert LANG_URL_RE.search("go to https://x.org/a?b=1 now").group() == "https://x.org/a?b=1"
    assert LANG_URL_RE.search("no link here.") is None
    assert LANG_EMAIL_RE.search("mail me@ex.org.").group() == "me@ex.org"
    assert LANG_EMAIL_RE.search("a @ b") is None
    assert LANG_HASHTAG_RE.search("the #tag!").group() == "#tag"
    assert LANG_HASHTAG_RE.search("issue # 5") is None
    assert LANG_SENTENCE_END_RE.search("Done. Next").group() == ". "
    assert LANG_SENTENCE_END_RE.search("3.5 kg") is None
    assert LANG_WORD_RE.findall("l'été 2024, naïve_x") == ["l", "été", "naïve", "x"]


def test_hostile_inputs_stay_linear():
    """Each would take minutes if a step were quadratic (one huge line, many fragments)."""
    finding = find("with幕后 " * 20_000, mixed_language="drop")
    assert len(finding.removals) == 20_000
    assert {(r.end - r.start, r.text) for r in finding.removals} == {(2, "幕后")}
    assert find("." * 200_000 + " the end").flags == ()
    assert find("a@" * 100_000).flags == ()
    kana_in_zh = ("我们今天去了公园天气很好" * 3 + "という") * 5_000
    assert {f.lang for f in find(kana_in_zh).flags} == {"ja"}


# -- fast paths give what the plain scans give (owner: speed helper) ----------------------------------
def test_word_or_break_tokens():
    from cleaner.cleaners.patterns import LANG_WORD_OR_BREAK_RE

    assert LANG_WORD_OR_BREAK_RE.findall("Hi 2u,\r\nnaïve_x\n\n") == ["Hi", "u", "\n", "naïve", "x", "\n", "\n"]
    assert LANG_WORD_OR_BREAK_RE.findall("42 _ !! \t") == []


@pytest.mark.parametrize("text", [
    "mail me@ex.org. or you@ex.com", "a @ b", "@@@ x@y.z @@", "@handle and @other", "x" * 100 + "@ex.org",
    ("a" * 70 + "@" + "b" * 70 + ".") * 3, "e@" + ".".join(["d" * 63] * 9) + " tail", "no at sign",
    "@" * 40 + "me@ex.org", "p@q.r" + " " * 700 + "s@t.u",
])
def test_email_spans_are_those_of_the_full_scan(text):
    from cleaner.cleaners.langscript import _email_spans

    assert _email_spans(text) == [m.span() for m in LANG_EMAIL_RE.finditer(text)]


def test_view_blanks_removed_spans_keeping_line_breaks():
    from cleaner.cleaners.langscript import view

    text = "keep\r\ncut\r\nthis\nand\nthat\nend"
    assert view(text, [(6, 16), (16, 24)]) == "keep\r\n   \r\n    \n   \n    \nend"
    assert view("a b c", [(2, 3)]) == "a   c"


def test_sentences_strip_every_kind_of_space():
    text = "\u3000 One.\u2003 Two!\u00a0 \u2028Three "
    assert [text[s:e] for s, e in sentences(text, 0, len(text))] == ["One.", "Two!", "Three"]
    assert sentences("   \t ", 0, 5) == []


def test_candidate_lines_are_lines_prepare_would_give():
    from cleaner.cleaners.langsame import candidate_lines, prepare
    from cleaner.cleaners.patterns import LANG_WORD_OR_BREAK_RE

    cfg = Config().language
    table = langlex.get(cfg.languages).tables["latin"]
    h = table.langs.index("en")
    text = f"{EN}\n\n{ES}\nStraße İstanbul ﬁne day.\nYes.\nLa casa de la ciudad. Also the town.\n{EN}"
    every = prepare(text, table)
    got = candidate_lines(text, LANG_WORD_OR_BREAK_RE.findall(text.casefold()), table, h, cfg)
    assert [line for line in every if line in got] == got and (len(got), len(every)) == (3, 6)
    assert [text[line[0][0][0]:line[0][-1][1]] for line in got] == [
        ES, "Straße İstanbul ﬁne day.", "La casa de la ciudad. Also the town."]


def test_ascii_text_has_no_cross_script_fragment_and_latin_one_needs_the_scan():
    _, found = flags(EN + " Он сказал Привет друзьям.")
    assert found == [("Он сказал Привет друзьям.", "ru")]
    _, found = flags(EN * 2)
    assert found == []
