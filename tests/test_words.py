"""The two paths of cleaner.words.word_stats (pure Python and numpy) give the same concrete values."""

from __future__ import annotations

import random
import re

import numpy as np
import pytest

from cleaner import quality, words
from cleaner.ngrams import numpy_repetition, repeats, sort_grams
from cleaner.words import (
    NUMPY_MIN_CHARS,
    PUNCT,
    WordStats,
    _powers,
    repetition,
    word_stats,
)

PYTHON, NUMPY = 10 ** 12, 0  # numpy_min: never / always the numpy path
# The lower-case words counted in WordStats.kept by the tests below.
KEEP = frozenset({"word", "one", "two", "three", "four", "a", "b", "c", "d", "e", "x", "ab", "noël", "don't",
                  "2,000", "½", "2_0", "the", "cat", "sat"})


def both(text: str, keep: frozenset[str] = KEEP) -> tuple[WordStats, WordStats]:
    """``word_stats`` of ``text`` by each path, the kept words sorted (their order is not fixed)."""
    out = []
    for numpy_min in (PYTHON, NUMPY):
        s = word_stats(text, False, keep, numpy_min)
        pairs = sorted(zip(s.kept, s.kept_counts, strict=True))
        out.append(s._replace(kept=[w for w, _ in pairs], kept_counts=[c for _, c in pairs]))
    return out[0], out[1]


@pytest.mark.parametrize("text,expected", [
    ("", (0, 0, 0, [], [], 0, 0)),
    (" \n\t ", (0, 0, 0, [], [], 0, 0)),
    ("... -- !!", (0, 0, 0, [], [], 0, 0)),                               # punctuation only: no word
    ("word", (1, 4, 0, ["word"], [1], 0, 0)),
    ("(one) two, three four.", (4, 15, 0, ["four", "one", "three", "two"], [1, 1, 1, 1], 7, 0)),
    ("a b c d e", (5, 5, 0, ["a", "b", "c", "d", "e"], [1] * 5, 3, 0)),  # exactly 5 words, one 5-gram
    ("a b c d e a b c d e", (10, 10, 0, ["a", "b", "c", "d", "e"], [2] * 5, 6, 5)),
    # overlapping repeats: 5-grams at 1..4 repeat the ones at 0..3, covering words 1..8 once each
    ("x x x x x x x x x", (9, 9, 0, ["x"], [9], 3 * 8, 8)),
    ("ab ab ab ab ab ab ab", (7, 14, 0, ["ab"], [7], 5 * 6, 12)),
    # tokens that strip to the same word; inner punctuation stays; NBSP and U+3000 are white space
    ("«Noël» noël, (Noël)\u00a0don't\u3000don't 2,000 2,000.", (7, 32, 2, ["2,000", "Noël", "don't", "noël"],
                                                           [2, 2, 2, 1], 9, 0)),
    # astral characters and a lone surrogate (UTF-32 code points); every 2-gram once: the first.
    # No letter: '\U0001F600\U0001F600' (an emoji: no \w), '2_0' (digits and '_'); letters: '𝐀' (astral), '½'
    ("ü\U0001F600 \ud800x ü\U0001F600 \U0001F600\U0001F600 \U0001D400 ½ 2_0", (7, 13, 2, ["2_0", "½"], [1, 1], 5, 0)),
])
def test_both_paths_give_the_same_concrete_values(text, expected):
    py, np_ = both(text)
    assert py == np_ == WordStats(*expected)


def test_words_without_a_letter_by_both_paths():
    # a letter only inside ('1a2', astral '1𝐀1', '😀a😀'), last ('2x'), none: '3', '$5' -> '5', '1😀1', '٣'
    text = "1a2 2x 3 $5 (c) \U0001D4001 1\U0001D4001 \U0001F600a\U0001F600 1\U0001F6001 \u0663 3 1a2"
    py, np_ = both(text)
    assert py == np_ and (py.words, py.no_letter) == (12, 5)


@pytest.mark.parametrize("extra", ["", " \U0001F600 1\U0001F6001 \U0001D400 \U0001D4001 1\U0001D400 \U0001F600a"])
def test_many_words_without_a_letter_by_both_paths(extra):
    # many distinct words that neither start nor end with a letter (the highest class of each), with and
    # without astral code points (emoji: no letter; '𝐀': an astral letter; the regex decides those)
    text = " ".join(f"{i}" if i % 3 else f"{i}a{i}" for i in range(400)) + extra
    py, np_ = both(text)
    assert py == np_ and py.no_letter == 266 + 2 * bool(extra)


def test_top_2gram_tie_goes_to_the_first_in_both_paths():
    # 'x yy' and 'yy zzz' both twice: the first to occur wins (2 x 4 characters, not 2 x 6)
    py, np_ = both("x yy zzz yy zzz x yy")
    assert py.top_2gram_chars == np_.top_2gram_chars == 8 and py == np_


def test_both_paths_agree_on_random_texts():
    rng = random.Random(11)
    vocab = ["a", "bb", "The", "the", "(the)", "cat,", "--", "ééé", "x1", "...", "don't", "\u4e00"]
    for n in [*range(0, 12), 30, 200, 1500]:
        for k in (2, 4, len(vocab)):
            text = "".join(rng.choice(vocab[:k]) + rng.choice(" \n") for _ in range(n))
            py, np_ = both(text)
            assert py == np_, (n, k)


def test_kept_words_are_those_whose_lower_case_is_in_keep():
    py, np_ = both("The cat (the) CAT sat, sits THE 2,000 Thé")
    assert py == np_ == WordStats(9, 30, 1, ["2,000", "CAT", "THE", "The", "cat", "sat", "the"], [1] * 7, 7, 0)
    py, np_ = both("the cat the cat", frozenset())
    assert py == np_ == WordStats(4, 12, 0, [], [], 14, 0)


def test_kept_words_with_astral_characters_in_keep_take_the_slow_filter():
    keep = frozenset({"ü\U0001F600", "the"})
    assert words._variant_hashes(keep) is None
    py, np_ = both("Ü\U0001F600 the ü\U0001F600 The", keep)
    assert py == np_ and (py.kept, py.kept_counts) == (["The", "the", "Ü\U0001F600", "ü\U0001F600"], [1, 1, 1, 1])


def test_kept_words_through_every_case_variant():
    # 'K' KELVIN SIGN lower-cases to 'k'; U+0130 lower-cases to two characters; the final sigma rule
    # ('OΣ' lower-cases to 'oς': the table's 'oσ' is a false candidate, dropped by str.lower)
    keep = frozenset({"kit", "ab", "i", "oσ", "oσa"})
    text = "\u212aIT kit KIT kIt \u0130 I i AB aB Ab ab abc OΣ OΣA"
    py, np_ = both(text, keep)
    assert py == np_
    assert py.kept == ["AB", "Ab", "I", "KIT", "OΣA", "aB", "ab", "i", "kIt", "kit", "\u212aIT"]


def test_the_numpy_path_runs_from_numpy_min_chars(monkeypatch):
    calls = []
    real = words._numpy_stats
    monkeypatch.setattr(words, "_numpy_stats", lambda *a: calls.append(len(a[0])) or real(*a))
    word_stats("a" * (NUMPY_MIN_CHARS - 1), False, KEEP)
    word_stats("a" * NUMPY_MIN_CHARS, False, KEEP)
    word_stats("\u4e00" * (NUMPY_MIN_CHARS - 1), True, KEEP)    # Han/kana text too
    word_stats("\u4e00" * NUMPY_MIN_CHARS, True, KEEP)
    assert calls == [NUMPY_MIN_CHARS, NUMPY_MIN_CHARS]


def both_unspaced(text: str) -> tuple[WordStats, WordStats]:
    """``word_stats`` of a text with Han or kana by each path (the kept words sorted)."""
    out = []
    for numpy_min in (PYTHON, NUMPY):
        s = word_stats(text, True, quality._ALL_STOP, numpy_min)
        pairs = sorted(zip(s.kept, s.kept_counts, strict=True))
        out.append(s._replace(kept=[w for w, _ in pairs], kept_counts=[c for _, c in pairs]))
    return out[0], out[1]


@pytest.mark.parametrize("text,expected", [
    # Han/kana: one word each, splitting tokens as white space does ('abc漢def'); '・' is in PUNCT and
    # a kana: a word (without a letter); '々' and '〇' are words; punctuation around them is stripped.
    # 20 words, 24 characters; '的的' x 5 (3 x 5 characters); the second '的' x 5 repeats the first
    ("abc漢def (北京)・上海 a,漢 漢,b 々〇 的的的的的的", (20, 24, 1, [("a", 1), ("上", 1), ("的", 6)], 15, 5)),
    # every kana and Han character a word, '。' none; every 2-gram once: the first (3 characters)
    ("今日は東京に行きました。とても楽しかったです。", (21, 21, 0, [("し", 2), ("た", 2), ("て", 1), ("で", 1),
                                                   ("と", 1), ("に", 1), ("は", 1), ("も", 1)], 3, 0)),
])
def test_unspaced_text_by_both_paths(text, expected):
    py, np_ = both_unspaced(text)
    assert py == np_
    assert (py.words, py.chars, py.no_letter, list(zip(py.kept, py.kept_counts, strict=True)), py.top_2gram_chars,
            py.dup_5gram_chars) == expected


def test_unspaced_text_with_an_astral_code_point_takes_the_python_path():
    text = "漢字 \U00020000 漢字 abc"
    assert words._numpy_stats(text, KEEP, None, True) is None
    py, np_ = both_unspaced(text)
    assert py == np_ and (py.words, py.chars) == (6, 8)  # the astral Han character is one word too


def test_unspaced_random_texts_by_both_paths():
    rng = random.Random(5)
    vocab = ["漢", "的", "は", "・", "々", "abc", "(北京)", "a,", ",b", "don't", "--", "。", "ー", "2,000", "x"]
    for n in [1, 2, 5, 30, 300]:
        for seps in (" ", " \n", ""):
            text = "".join(rng.choice(vocab) + (rng.choice(seps) if seps else "") for _ in range(n))
            py, np_ = both_unspaced(text)
            assert py == np_, text


def test_a_hash_collision_falls_back_to_the_python_path(monkeypatch):
    text = "the cat sat on the mat and the cat sat on the mat again"
    expected = word_stats(text, False, KEEP, PYTHON)
    monkeypatch.setattr(words, "_same_words", lambda *args: False)  # as if two different words collided
    assert words._numpy_stats(text, KEEP) is None
    assert word_stats(text, False, KEEP, NUMPY) == expected


def test_class_table_is_str_split_white_space_punct_and_the_regex_letter():
    kinds, lower = words._tables()
    assert len(kinds) == len(lower) == 0x10001 and kinds[-1] == words.ASTRAL and lower[-1] == 0
    spaces = [c for c in range(0x110000) if chr(c).isspace()]
    assert max(spaces) < 0x10000 and np.flatnonzero(kinds == words.SPACE).tolist() == spaces
    assert "".join(map(chr, np.flatnonzero(kinds == words.PUNCTUATION))) == "".join(sorted(PUNCT))
    letter = re.compile(r"[^\W\d_]")
    assert np.flatnonzero(kinds == words.LETTER).tolist() == [
        c for c in range(0x10000) if letter.match(chr(c)) and chr(c) not in PUNCT and not chr(c).isspace()]
    assert set(kinds.tolist()) == {words.SPACE, words.PUNCTUATION, words.NO_LETTER, words.ASTRAL, words.LETTER}


def test_lower_table_and_the_case_variants_are_complete():
    # the claims _variant_hashes rests on, over every code point: only U+0130 lower-cases to more than
    # one character, and no astral character lower-cases to a BMP one
    lower = words._tables()[1]
    multi = [c for c in range(0x110000) if len(chr(c).lower()) != 1]
    assert multi == [0x130] and lower[0x130] == 0 and lower[ord("A")] == ord("a") and lower[0x212A] == ord("k")
    assert all(min(chr(c).lower()) > "\uffff" for c in range(0x10000, 0x110000))
    assert words._variant_hashes(frozenset({"ος"})) is None and words._variant_hashes(frozenset({"i\u0307"})) is None
    assert len(words._variant_hashes(frozenset({"the"}))) == 8 and len(words._variant_hashes(frozenset())) == 0


def test_a_real_collision_thue_morse_words_falls_back():
    # polynomial hashes modulo 2 ** 64 collide on a Thue-Morse word and its complement (1,024 letters)
    bits = [0]
    for _ in range(10):
        bits += [1 - b for b in bits]
    a, b = "".join("ab"[x] for x in bits), "".join("ba"[x] for x in bits)
    text = f"{a} {b} {a} the end"
    assert words._numpy_stats(text, KEEP) is None
    assert word_stats(text, False, KEEP, NUMPY) == word_stats(text, False, KEEP, PYTHON)
    assert word_stats(text, False, KEEP, NUMPY).top_2gram_chars == 2 * 1024 + 1


def test_same_words_compares_code_points():
    cp = np.frombuffer(b"in on in", np.uint8)
    left, lens = np.array([0, 3, 6]), np.array([2, 2, 2])
    assert words._same_words(cp, left, lens, np.array([2]), np.array([0]))      # 'in' == 'in'
    assert not words._same_words(cp, left, lens, np.array([1]), np.array([0]))  # 'on' != 'in'
    assert not words._same_words(cp, left, np.array([2, 1, 2]), np.array([1]), np.array([0]))  # lengths


def test_sort_grams_packed_and_argsort_agree():
    codes, at = np.array([5, 3, 5, 3, 9]), np.array([0, 2, 4, 7, 8])
    assert [a.tolist() for a in sort_grams(codes, at, 10)] == [[3, 3, 5, 5, 9], [2, 7, 0, 4, 8]]
    big = codes + 2 ** 60                                     # code * n overflows int64: the argsort path
    got = sort_grams(big, at, 10)
    assert (got[0] - 2 ** 60).tolist() == [3, 3, 5, 5, 9] and got[1].tolist() == [2, 7, 0, 4, 8]


def test_numpy_repetition_matches_the_python_one_on_random_word_runs():
    rng = random.Random(7)
    vocab = ["a", "bb", "the", "cat", "sat", "on", "mat", "ééé"]
    for n in [0, 1, 2, 4, 5, 6, 9, *range(10, 400, 13)]:
        for k in (1, 2, 3, len(vocab)):
            seq = [rng.choice(vocab[:k]) for _ in range(n)]
            ids = np.array([vocab.index(w) for w in seq], np.int64)
            lens = np.array([len(w) for w in vocab])
            counts = np.bincount(ids, minlength=len(vocab))
            expected = repetition(seq)
            assert numpy_repetition(ids, lens, counts) == expected, (n, k)
            assert numpy_repetition(ids, lens, counts, packed=False) == expected, (n, k)  # by sort_grams


def test_repeated_5grams_packed_and_lexsort_agree():
    rng = np.random.default_rng(3)
    for m in (1, 2, 5, 40, 300):
        cand = np.sort(rng.choice(1000, m, replace=False))
        first, middle, last = (rng.integers(0, k, m) for k in (3, 2, 4))
        packed = repeats(cand, first, middle, last, 3, 4)
        assert packed.tolist() == repeats(cand, first, middle, last, 3, 4, packed=False).tolist()
        seen, expected = set(), []
        for c, key in zip(cand.tolist(), zip(first.tolist(), middle.tolist(), last.tolist(), strict=True), strict=True):
            if key in seen:
                expected.append(c)
            seen.add(key)
        assert sorted(packed.tolist()) == expected


def test_powers_beyond_the_kept_ones():
    n = words._KEEP_POWERS + 3
    power, inverse = _powers(n)
    assert int(power[-1]) == pow(int(words._BASE), n - 1, 2 ** 64)
    assert int(power[-1]) * int(inverse[-1]) % 2 ** 64 == 1
    assert len(_powers(5)[0]) == 5 and int(_powers(5)[0][1]) == int(words._BASE)


def test_signals_are_the_same_by_both_paths(monkeypatch):
    text = ("The cat sat on the mat, and the dog sat with it. " * 3 + "\n" + "Share this (2,000) ...\n") * 40
    assert len(text) > NUMPY_MIN_CHARS
    by_numpy = quality.signals(text)
    monkeypatch.setattr(words, "NUMPY_MIN_CHARS", PYTHON)
    assert quality.signals(text) == by_numpy
    assert (by_numpy["words"], by_numpy["stop_words"], by_numpy["stop_word_ratio"]) == (1560.0, 3.0, 0.3846)
    assert by_numpy["top_2gram_char_frac"] == 0.1228          # 'The cat' (7 characters) x 120 / 6840
    assert by_numpy["dup_5gram_char_frac"] == 0.6887          # all word characters but the first 49 of 4760
    assert by_numpy["alpha_words_ratio"] == 0.9744            # '2,000' (1 of 39 words a block) has no letter


_EUROPEAN = "«Der Hund» und die Katze – sind nicht mit dem Auto gefahren, das ist zu weit… THE End’s near.\n"


@pytest.mark.parametrize("text", [
    "", "... -- !!! ???\n« » — …\n", "北京时间昨天晚上，国家统计局发布了最新的经济数据。\n" * 60,
    ("a b. " * NUMPY_MIN_CHARS)[:NUMPY_MIN_CHARS - 1], ("a b. " * NUMPY_MIN_CHARS)[:NUMPY_MIN_CHARS],
    (_EUROPEAN * 40)[:NUMPY_MIN_CHARS - 1], (_EUROPEAN * 40)[:NUMPY_MIN_CHARS], _EUROPEAN * 40,
])
def test_every_signal_is_the_same_by_both_paths(monkeypatch, text):
    # empty, punctuation only, Chinese (always the Python path), just under and at NUMPY_MIN_CHARS
    by_default = quality.signals(text)
    monkeypatch.setattr(words, "NUMPY_MIN_CHARS", NUMPY)
    assert quality.signals(text) == by_default
    monkeypatch.setattr(words, "NUMPY_MIN_CHARS", PYTHON)
    assert quality.signals(text) == by_default
    assert by_default["words"] == len(quality.words_of(text))


@pytest.mark.parametrize("text,dtype", [
    ("plain ASCII", np.uint8), ("Noël à côté ÿ", np.uint8), ("it\u2019s \u20ac5", np.uint16),
    ("a lone \ud800 and \ud83d\ude00 a pair", np.uint16), ("\U0001F600 astral \u00e9", np.uint32), ("", np.uint8),
])
def test_code_points_in_the_narrowest_array(text, dtype):
    cp = words.code_points(text)
    assert cp.dtype == dtype and cp.tolist() == list(map(ord, text))

