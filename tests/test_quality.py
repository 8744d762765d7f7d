from __future__ import annotations

import dataclasses
import json
import random
from itertools import pairwise
from pathlib import Path

import pytest
from conftest import run_cli

from cleaner import clean, words
from cleaner.c4 import (
    C4_CITATION_RE,
    C4_END_PUNCT,
    C4_POLICY,
    C4_SENTENCE_END_RE,
    _lines_with_phrase,
    ascii_lower,
    sentence_ends,
)
from cleaner.config import Config, QualityConfig
from cleaner.model import Quality
from cleaner.quality import (
    _FIRST_UNSPACED,
    RULES,
    SIGNAL_NAMES,
    SIGNALS,
    STOP_WORDS,
    _rounded,
    _stop_words,
    failures,
    filtered_reason,
    score,
    signals,
    words_of,
)
from cleaner.words import NUMPY_MIN_CHARS, UNSPACED_RE
from cleaner.words import repetition as _repetition

ENGLISH = """The cat sat on the mat, and the dog sat with it.
Home
- Share this
- Share this
The end of the story is near...
# Tags {x}
"""


def test_every_signal_on_a_concrete_text():
    assert signals(ENGLISH) == {
        "chars": 123.0, "words": 26.0, "lines": 6.0, "removed_share": 0.0, "unspaced_share": 0.0,
        "mean_word_length": 3.2308,        # 84 word characters / 26 words
        "hash_word_ratio": 0.0385,         # 1 '#' / 26
        "ellipsis_word_ratio": 0.0385,     # 1 '...' / 26
        "bullet_lines_ratio": 0.3333,      # 2 of 6 lines start with '-'
        "ellipsis_lines_ratio": 0.1667,    # 1 of 6
        "alpha_words_ratio": 1.0,
        "stop_words": 4.0,                 # the, and, with, of
        "stop_word_ratio": 0.3077,         # 8 / 26
        "dup_line_frac": 0.1667,           # '- Share this' again
        "dup_line_char_frac": 0.1026,      # 12 / 117 line characters
        "top_2gram_char_frac": 0.1626,     # 'Share this' (10 chars) x 2 / 123
        "dup_5gram_char_frac": 0.0,
        "lorem_ipsum": 0.0, "curly_bracket": 1.0, "javascript_lines_ratio": 0.0,
        "c4_sentences": 1.0,               # line 1 only: line 5 ends with '...'
        "line_punct_ratio": 0.3333,        # lines 1 and 5
        "short_line_ratio": 0.6667,        # 4 lines <= 30 columns (line 5 has 31)
        "newline_word_ratio": 0.2308,      # 6 / 26
        "prose_char_share": 0.6752,        # (48 + 31) / 117
    }
    assert tuple(signals(ENGLISH)) == SIGNAL_NAMES == tuple(n for n, _, _ in SIGNALS)


def test_signals_that_the_english_text_leaves_at_zero():
    line = "Lorem ipsum dolor sit amet. Enable JavaScript to view.\n"
    text = line + line + "12 34 56 ab\n"
    sig = signals(text)
    assert sig["lorem_ipsum"] == 1.0
    assert sig["javascript_lines_ratio"] == 0.6667
    assert sig["alpha_words_ratio"] == 0.8636            # 3 of 22 words have no letter
    assert sig["dup_5gram_char_frac"] == 0.3607          # the repeated line's 44 word characters / 122
    assert sig["c4_sentences"] == 0.0                    # javascript lines are dropped by C4


def test_removed_share_comes_from_the_source_length():
    assert signals("abcd", chars_in=16)["removed_share"] == 0.75
    seed = "A real sentence of the article.\n△\n"
    result = clean(seed, skip=("language",))
    assert result.text == "A real sentence of the article.\n"
    assert result.quality is not None
    assert result.quality.signals["removed_share"] == round(1 - 32 / 34, 4)


def test_words_strip_punctuation_and_split_han_and_kana():
    assert words_of("(CCP) don't -- 2,000 ... 我们去 東京へ") == [
        "CCP", "don't", "2,000", "我", "们", "去", "東", "京", "へ"]


CHINESE = ("北京时间昨天晚上，国家统计局发布了最新的经济数据。数据显示，今年前三个季度的经济增长保持稳定，"
           "消费和投资都有明显的回升。\n专家认为，这是政策持续发力的结果，也说明市场的信心正在恢复。"
           "不过，外部环境仍然复杂，我们还需要继续努力。\n他说，明年的工作重点是稳就业、保民生，"
           "同时推动产业升级和科技创新，让经济发展的成果更多地惠及普通百姓。\n")


def test_chinese_article_without_spaces_scores_high():
    sig = signals(CHINESE)
    assert sig["unspaced_share"] == 1.0
    assert sig["words"] == 147.0 and sig["mean_word_length"] == 1.0
    assert sig["stop_words"] == 17.0 and sig["stop_word_ratio"] == 0.1701
    assert sig["short_line_ratio"] == 0.0 and sig["c4_sentences"] == 5.0
    assert failures(sig, QualityConfig()) == {}          # no mean-word-length rule for unspaced text
    assert score(sig, QualityConfig()) == 0.9402                # (2 + 2 * 0.1701 / 0.2 + 1) / 5


def test_japanese_uses_japanese_stop_words():
    sig = signals("今日は東京に行きました。とても楽しかったです。")
    assert sig["words"] == 21.0 and sig["stop_words"] == 8.0 and sig["stop_word_ratio"] == 0.4762


@pytest.mark.parametrize("text,japanese", [
    (CHINESE, False), ("今日は東京に行きました。", True), ("北京・上海", True), ("北京ー上海", True),
    ("北京\u30ff", True), ("北京\u3040", True), ("北京 ＡＢＣ 上海", False), ("", False),
])
def test_unspaced_text_takes_the_japanese_list_when_a_kana_character_is_a_word(text, japanese):
    # the rule as it was: a distinct lower-cased word of at most 6 characters between U+3040 and U+30FF
    lower = {w.lower() for w in words_of(text) if len(w) <= 6}
    assert any("\u3040" <= w <= "\u30ff" for w in lower) == japanese
    assert _stop_words(set(), text, None, 1.0) == STOP_WORDS["ja" if japanese else "zh"]


def test_best_matching_stop_word_list_on_ties():
    # most stop words present, then English, then the first in STOP_WORDS
    assert _stop_words({"de", "la"}, "", None, 0.0) is STOP_WORDS["fr"]   # fr and es have both: fr comes first
    assert _stop_words({"the", "de"}, "", None, 0.0) is STOP_WORDS["en"]   # one each: English
    assert _stop_words({"der", "de"}, "", None, 0.0) is STOP_WORDS["de"]   # one each, no English: German first
    assert _stop_words(set(), "", None, 0.0) is STOP_WORDS["en"]


def test_best_matching_stop_word_list_is_the_rule_on_random_sets():
    # the rule: most words present, then English, then the first in STOP_WORDS (max keeps the first)
    vocab = [*sorted(set().union(*STOP_WORDS.values())), "nope"]
    rng = random.Random(3)
    for _ in range(2000):
        present = set(rng.sample(vocab, rng.randint(0, 40)))
        best = max(STOP_WORDS, key=lambda k: (len(present & STOP_WORDS[k]), k == "en"))
        assert _stop_words(present, "", None, 0.0) is STOP_WORDS[best]


def test_rounded_is_round_to_4_digits():
    values = (0, 7, True, False, 0.0, -0.0, 1.0, 0.5, 0.12345, 0.99995, 1 / 3, 2.0 ** 60, 1e300, 123456.78915)
    got = _rounded({str(i): v for i, v in enumerate(values)})
    for i, value in enumerate(values):
        expected = round(float(value), 4)
        assert type(got[str(i)]) is float and str(got[str(i)]) == str(expected)  # the same float, sign of zero too


def test_language_picks_the_stop_word_list():
    text = "Der Hund und die Katze sind nicht mit dem Auto gefahren, das ist zu weit."
    assert signals(text)["stop_words"] == 8.0            # guessed: German has the most hits
    assert signals(text, "en")["stop_words"] == 0.0      # the English list, as the language stage says


def _repetition_reference(words: list[str]) -> tuple[int, int]:
    """The definition, one word at a time: the most frequent 2-gram (first to occur on ties) times its
    count, and the union of the words of every 5-gram occurrence that is not its 5-gram's first."""
    if len(words) < 2:
        return 0, 0
    counts: dict[tuple[str, str], int] = {}
    for pair in pairwise(words):
        counts[pair] = counts.get(pair, 0) + 1
    (w1, w2), top = max(counts.items(), key=lambda kv: kv[1])
    seen: set[tuple[str, ...]] = set()
    covered: set[int] = set()
    for i in range(len(words) - 4):
        gram = tuple(words[i:i + 5])
        if gram in seen:
            covered.update(range(i, i + 5))
        seen.add(gram)
    return (len(w1) + len(w2) + 1) * top, sum(len(words[i]) for i in covered)


def test_repetition_matches_its_definition_on_random_word_runs():
    rng = random.Random(7)
    vocab = ["a", "bb", "the", "cat", "sat", "on", "mat", "ééé"]
    for n in [0, 1, 2, 5, 6, 9, *range(10, 400, 13)]:
        for k in (2, 3, len(vocab)):
            words = [rng.choice(vocab[:k]) for _ in range(n)]
            assert _repetition(words) == _repetition_reference(words), (n, k)


def test_repetition_ties_go_to_the_first_2gram_and_overlaps_count_once():
    # 'x yy' and 'yy zzz' both twice: the first to occur wins (2 x 4 characters, not 2 x 6)
    assert _repetition(["x", "yy", "zzz", "yy", "zzz", "x", "yy"]) == (8, 0)
    assert _repetition(["a"] * 7) == (3 * 6, 6)          # 'a a' x 6; 5-grams at 1 and 2 cover words 1..6


def _c4_reference(text: str) -> int:
    """C4's sentence count one line at a time, as the rule says (see SIGNALS)."""
    n = 0
    for line in filter(None, map(str.strip, text.splitlines())):
        line = C4_CITATION_RE.sub("", line)
        low = line.lower()
        if (line and line.endswith(C4_END_PUNCT) and not line.endswith("...")
                and ((line.count(" ") >= 2 and len(line.split()) >= 3) or len(UNSPACED_RE.findall(line)) >= 3)
                and "javascript" not in low and not any(p in low for p in C4_POLICY)):
            n += max(1, len(C4_SENTENCE_END_RE.findall(line)))
    return n


@pytest.mark.parametrize("text", [
    "", "One two three.\n", "One two three...\n", "A b c. D e f! G h i? \"J k l.\" (M n o.) P q.\n",
    "See the list [1] of things.[2]\n[3]\n[edit] Enable JavaScript in your browser.\nNo [citation needed] more.\n",
    "This page uses COO\u212aIES for you.\nThis site uses cookies today.\nThe TERMS OF USE apply now.\n"
    "Read the Privacy Policy here.\nA b c d e.\n",
    "The java[1]script line ends here.\nJAVASCR\u0130PT is no match here.\nThree word line.\n",
    "Brackets [x] but no mark here.\nThe array a[i] is set. Then b[2 ] too.\n[edit me] now and then.\n",
    "今天天气很好。我们去公园！\n好的？\n北京 上海 广州.\n", "Wait.. what?! Yes!!! \"No.\"' ok.\n\u3000x y z。\n",
])
def test_c4_sentences_match_the_rule_one_line_at_a_time(text):
    assert signals(text)["c4_sentences"] == _c4_reference(text)


# Texts around NUMPY_MIN_CHARS: ASCII, Latin-1, the BMP (curly quotes), Han/kana among Latin words, an astral
# character (then the Python path for words with Han), a lone surrogate.
THRESHOLD_TEXTS = [
    "The cat sat on the mat.\nThe cat sat on the mat. (2,000) cats... don't\n- one\n",
    "Le café où l'élève a mangé. À côté, «Noël» arrive. Ça va.\n",
    "It\u2019s \u201cquoted\u201d \u2014 twice \u2026 and the end. The end.\n",
    "abc漢def (北京)・上海 a,漢 漢,b 々〇 的的的。The cat sat on the mat.\n今日は東京に行きました。\n",
    "漢字 \U00020000 漢字 abc. The cat sat on the mat today.\n\U0001F600 emoji 2\U0001F600 x.\n",
    "A lone \ud800 surrogate and \ud83d\ude00 a pair of them. The cat sat.\n",
]


@pytest.mark.parametrize("sample", THRESHOLD_TEXTS)
@pytest.mark.parametrize("delta", [-1, 0])
def test_signals_at_the_numpy_threshold_match_the_python_path(sample, delta, monkeypatch):
    text = (sample * (NUMPY_MIN_CHARS // len(sample) + 1))[:NUMPY_MIN_CHARS + delta]
    got = signals(text)
    monkeypatch.setattr(words, "NUMPY_MIN_CHARS", 10 ** 12)  # every word through the Python path
    assert got == signals(text)
    assert list(map(type, got.values())) == [float] * len(SIGNALS)


def test_a_han_character_past_the_latin_text_is_counted():
    text = "x" * NUMPY_MIN_CHARS + "\u6f22"  # code points past U+3005 start the Han count
    assert signals(text)["unspaced_share"] == round(1 / (NUMPY_MIN_CHARS + 1), 4) and signals(text)["words"] == 2.0
    assert not UNSPACED_RE.search("".join(map(chr, range(_FIRST_UNSPACED)))) and UNSPACED_RE.match(chr(_FIRST_UNSPACED))


def test_sentence_ends_count_the_regex_matches():
    cases = ["", ".", "a.b", "a. b", "a.. b", "a.!? b", "a.\"' b", "a.\" b.", "a.\". b", "?!\"", "。", "。。！x？",
             "a.。 b", "a。. b", "x.)] y", "x.\u2003y", "x.\u00a0", ".\n.", "a.'.' b", "!.", "?.?"]
    rng = random.Random(5)
    alphabet = ".!?。！？\"'”’)] a\n\u3000"
    cases += ["".join(rng.choice(alphabet) for _ in range(rng.randrange(12))) for _ in range(3000)]
    for text in cases:
        assert sentence_ends(text) == len(C4_SENTENCE_END_RE.findall(text)), text


def test_lines_with_a_phrase_are_those_str_lower_finds_one_in():
    lines = ["JavaScript first", "ünïcödé “quotes” then terms of use", "plain", "cookie alone", "x USE COO\u212aIES",
             "javascript javascript", "", "ends with privacy policy", "über uses cookies"]
    low = ascii_lower("\n".join(lines))
    got = list(_lines_with_phrase(low, [len(ln) for ln in lines]))
    assert got == [int("javascript" in ln.lower() or any(p in ln.lower() for p in C4_POLICY)) for ln in lines]
    assert got == [1, 1, 0, 0, 1, 1, 0, 1, 1]
    assert list(_lines_with_phrase(b"", [0])) == [0]


def test_ascii_lower_finds_the_phrases_str_lower_finds():
    # the only non-ASCII characters whose lower case has an ASCII one: U+0130 ('i' + U+0307), U+212A ('k')
    assert [c for c in range(0x80, 0x110000) if any(ord(x) < 0x80 for x in chr(c).lower())] == [0x130, 0x212A]
    assert ascii_lower("COO\u212aIE Policy ÿ") == b"cookie policy ?"
    for text in ["JAVASCR\u0130PT", "Lorem \u0130psum", "use of coo\u212aies", "Javascript", "lorem  ipsum"]:
        for phrase in ("javascript", "lorem ipsum", *C4_POLICY):
            assert (phrase.encode() in ascii_lower(text)) == (phrase in text.lower()), (text, phrase)


def test_c4_line_ending_in_a_quote_without_a_sentence_end_counts_one():
    assert signals('He said it is "fine"\nThe end of the story. And more!\n')["c4_sentences"] == 3.0


# --- max_signal_chars: the head of a long text ----------------------------------------------------
LONG = "The cat sat on the mat and the dog sat with it.\nHome\n" * 40    # 53 characters, 13 words a block


def test_max_signal_chars_passes_at_the_length_and_cuts_one_beyond():
    whole = signals(LONG)
    assert signals(LONG, max_chars=len(LONG)) == whole
    head = signals(LONG, max_chars=len(LONG) - 1)   # cut after the line before: 2115 characters, 519 words
    assert head["chars"] == whole["chars"] == 2120.0
    assert head["words"] == whole["words"] == 520.0   # round(519 * 2120 / 2115)
    assert (head["lines"], whole["lines"]) == (79.0, 80.0)             # round(79 * 2120 / 2115)
    assert (head["dup_line_frac"], whole["dup_line_frac"]) == (0.9747, 0.975)   # 77 / 79, 78 / 80
    two = signals(LONG, max_chars=106)                   # two blocks: counts x 20, the ratios are the head's
    assert (two["words"], two["lines"], two["c4_sentences"], two["dup_line_frac"]) == (520.0, 80.0, 40.0, 0.5)
    assert two["removed_share"] == 0.0 and signals(LONG, chars_in=4240, max_chars=106)["removed_share"] == 0.5


def test_max_signal_chars_cuts_inside_a_line_without_a_line_break():
    one_line = "word " * 100                                   # 500 characters, no line break
    assert signals(one_line, max_chars=50)["words"] == 100.0   # 10 words in the first 50 characters


def test_max_signal_chars_reaches_the_stage_through_the_config():
    full = clean(LONG, only=("quality",)).quality
    capped = clean(LONG, only=("quality",), quality__max_signal_chars=106).quality
    assert full is not None and capped is not None
    assert full.signals["dup_line_frac"] == 0.975 and capped.signals["dup_line_frac"] == 0.5
    assert Config().fingerprint() != Config(quality=QualityConfig(max_signal_chars=106)).fingerprint()


# --- the score at its thresholds ------------------------------------------------------------------
CLEAN = {**dict.fromkeys(SIGNAL_NAMES, 0.0), "words": 500.0, "mean_word_length": 5.0, "alpha_words_ratio": 1.0,
         "stop_words": 8.0, "stop_word_ratio": 0.2, "c4_sentences": 20.0, "line_punct_ratio": 1.0}


def test_a_clean_document_scores_1_and_an_empty_one_0():
    assert failures(CLEAN, QualityConfig()) == {} and score(CLEAN, QualityConfig()) == 1.0
    assert score({**CLEAN, "words": 0.0}, QualityConfig()) == 0.0


@pytest.mark.parametrize("rule,name,kind,knob,full", [r for r in RULES if r[2] != "flag"], ids=lambda v: str(v))
def test_each_rule_passes_at_its_threshold_and_fails_beyond(rule, name, kind, knob, full):
    cfg = QualityConfig()
    limit = getattr(cfg, knob)
    step = max(1, limit // 1000) if isinstance(limit, int) else 0.001
    at = {**CLEAN, name: float(limit)}
    beyond = {**CLEAN, name: float(limit - step if kind == "min" else limit + step)}
    assert rule not in failures(at, cfg)
    assert 0 < failures(beyond, cfg)[rule] < 1
    worst = {**CLEAN, name: limit * full}
    assert failures(worst, cfg)[rule] == 1.0
    moved = dataclasses.replace(cfg, **{knob: limit * (0.5 if kind == "min" else 2)})
    assert rule not in failures(beyond, moved)                 # the knob moves the threshold


@pytest.mark.parametrize("name", ["lorem_ipsum", "curly_bracket"])
def test_flag_rules_halve_the_score(name):
    assert failures({**CLEAN, name: 1.0}, QualityConfig()) == {f"c4.{name}": 1.0}
    assert score({**CLEAN, name: 1.0}, QualityConfig()) == 0.5


def test_rule_penalty_and_stop_word_ratio_good():
    one_failed = {**CLEAN, "words": 25.0}                     # gopher.min_words at severity 0.5
    assert score(one_failed, QualityConfig()) == 0.75
    assert score(one_failed, QualityConfig(rule_penalty=1.0)) == 0.5
    assert score(one_failed, QualityConfig(rule_penalty=0.0)) == 1.0
    assert score({**CLEAN, "stop_word_ratio": 0.1}, QualityConfig()) == 0.8     # (2 + 2 * 0.5 + 1) / 5
    assert score({**CLEAN, "stop_word_ratio": 0.1}, QualityConfig(stop_word_ratio_good=0.1)) == 1.0


def test_score_base_short_lines_and_repeated_lines():
    assert score({**CLEAN, "short_line_ratio": 0.5}, QualityConfig()) == 0.8
    assert score({**CLEAN, "dup_line_frac": 0.15}, QualityConfig()) == 0.9
    two = {**CLEAN, "dup_line_frac": 0.6, "short_line_ratio": 1.0}   # both rules fully failed
    assert score(two, QualityConfig()) == round((0 + 2 + 0) / 5 * 0.5 * 0.5, 4)


def test_mean_word_length_rule_skipped_only_for_unspaced_text():
    short_words = {**CLEAN, "mean_word_length": 1.0}
    assert "gopher.min_mean_word_length" in failures(short_words, QualityConfig())
    assert failures({**short_words, "unspaced_share": 0.5}, QualityConfig()) == {}
    assert "gopher.min_mean_word_length" in failures({**short_words, "unspaced_share": 0.49}, QualityConfig())


def test_residue_lowers_the_score():
    article = ("The council voted on Tuesday to approve the new budget for the city schools.\n"
               "Members said that the plan will be reviewed again in the spring, and that parents "
               "with questions can attend the public meeting.\n") * 1
    dump = "Home\nNews\nSports\nLogin\n" + article + "Share\nTweet\nHome\nNews\n"
    cfg = QualityConfig()
    assert score(signals(article), cfg) > score(signals(dump), cfg)


def test_filtered_reason_at_min_quality():
    sig = {**CLEAN, "words": 25.0}
    q = Quality(score(sig, QualityConfig()), sig)
    assert q.score == 0.75
    assert filtered_reason(q, QualityConfig()) is None
    assert filtered_reason(q, QualityConfig(min_quality=0.75)) is None
    assert filtered_reason(q, QualityConfig(min_quality=0.76)) == (
        "quality 0.75 < --min-quality 0.76; failed rules: gopher.min_words (words=25)")
    low_base = {**CLEAN, "short_line_ratio": 0.6, "stop_word_ratio": 0.0}
    assert score(low_base, QualityConfig()) == 0.36
    assert "failed rules: none (low base" in filtered_reason(Quality(0.36, low_base), QualityConfig(min_quality=0.5))


# --- --min-quality through the CLI ----------------------------------------------------------------
GOOD = ("The council voted on Tuesday to approve the new budget for the city schools. Members said "
        "that the plan will be reviewed again in the spring, and that parents with questions can "
        "attend the public meeting at the town hall. The vote was close, with five members in favour "
        "and four against, after a debate that lasted for most of the evening.\nThe new budget adds money "
        "for teachers and repairs, and it cuts the cost of the bus service by a tenth over two years.\n")
BAD = "apple banana cherry\nmango kiwi\npear plum\nfig lime\n"


def _report(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines()]


def test_min_quality_leaves_out_txt_files(make_tree, tmp_path):
    root = make_tree({"good.txt": GOOD, "bad.txt": BAD})
    out, rep = tmp_path / "out", tmp_path / "rep.jsonl"
    proc = run_cli(str(root), "-o", str(out), "--report", str(rep), "--jobs", "1", "-q", "--min-quality", "0.5",
                   "--only", "quality")
    assert proc.returncode == 0, proc.stderr
    assert sorted(p.name for p in out.iterdir()) == ["good.txt"]
    bad, good = _report(rep)
    assert (bad["path"], bad["status"], bad["output"], bad["error"]) == ("bad.txt", "ok", None, None)
    assert bad["chars_out"] == 0 and bad["quality"]["score"] < 0.5
    assert bad["quality"]["filtered"].startswith(f"quality {bad['quality']['score']:g} < --min-quality 0.5; "
                                                 "failed rules: ")
    assert "gopher.min_words (words=9)" in bad["quality"]["filtered"]
    assert (good["output"], "filtered" in good["quality"]) == ("good.txt", False)


def test_min_quality_leaves_out_jsonl_records(make_tree, tmp_path):
    lines = [json.dumps({"id": "a", "text": GOOD}), json.dumps({"id": "b", "text": BAD}),
             json.dumps({"id": "c", "text": GOOD})]
    root = make_tree({"d.jsonl": "\n".join(lines) + "\n"})
    out, rep = tmp_path / "out", tmp_path / "rep.jsonl"
    proc = run_cli(str(root), "-o", str(out), "--report", str(rep), "--jobs", "1", "-q", "--min-quality", "0.5",
                   "--only", "quality")
    assert proc.returncode == 0, proc.stderr
    kept = [json.loads(line)["id"] for line in (out / "d.jsonl").read_text("utf-8").splitlines()]
    assert kept == ["a", "c"]
    records = _report(rep)
    assert [(r["id"], r["status"], r["output"]) for r in records] == [("a", "ok", "d.jsonl"), ("b", "ok", None),
                                                                     ("c", "ok", "d.jsonl")]
    assert "gopher.min_words" in records[1]["quality"]["filtered"]
    assert all("filtered" not in r["quality"] for r in (records[0], records[2]))


def test_without_min_quality_nothing_is_left_out(make_tree, tmp_path):
    root = make_tree({"bad.txt": BAD})
    out, rep = tmp_path / "out", tmp_path / "rep.jsonl"
    assert run_cli(str(root), "-o", str(out), "--report", str(rep), "-q", "--only", "quality").returncode == 0
    assert (out / "bad.txt").read_text() == BAD
    assert "filtered" not in _report(rep)[0]["quality"]


def test_min_quality_usage_errors(make_tree):
    root = make_tree({"a.txt": GOOD})
    bad = run_cli(str(root), "--min-quality", "1.5")
    assert bad.returncode == 2 and b"between 0 and 1" in bad.stderr
    no_stage = run_cli(str(root), "--min-quality", "0.5", "--skip", "quality")
    assert no_stage.returncode == 2 and b"needs the quality stage" in no_stage.stderr


def test_config_knobs_reach_the_fingerprint():
    assert Config().fingerprint() != Config(quality=QualityConfig(min_quality=0.5)).fingerprint()


def test_readme_documents_every_signal_and_the_option():
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text("utf-8")
    section = readme[readme.index("## Quality\n"):]
    section = section[:section.index("\n## ", 1)]
    assert [n for n in SIGNAL_NAMES if f"`{n}`" not in section] == []
    assert "--min-quality" in section and "`quality.filtered`" in section
