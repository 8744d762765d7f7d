"""The language stage's fast paths give exactly what the plain scans give (owner: speed helper).

Each fast path skips work that provably cannot change the result; these tests pin them to the
reference at the thresholds where a wrong bound would show (margins equal to a sentence's own).
"""

from __future__ import annotations

import pytest

from cleaner.cleaners import langlex
from cleaner.cleaners.langsame import candidate_lines, line_data, prepare, same_script
from cleaner.cleaners.langscript import host_script, sentences
from cleaner.cleaners.patterns import LANG_WORD_OR_BREAK_RE, LANG_WORD_RE
from cleaner.config import Config

EN = ("The committee met on Tuesday to discuss the budget for the next year. Members agreed that the "
      "school needs more teachers and better books. The mayor said the city will pay for the new roof.")
ES = "El gobierno anunció ayer que las elecciones se celebrarán en el mes de octubre."
DE = "Die Regierung hat gestern angekündigt, dass die Wahlen im Oktober stattfinden werden."
WORDS = "The priest spoke to the cristiani about the gelegenheid and the zusammenarbeit of all people in the town."
TEXTS = {
    "en": [
        f"{EN}\n\n{ES}\nStraße İstanbul ﬁne day.\nYes.\nLa casa de la ciudad. Also the town.\n{EN}",
        f"{EN} {ES} {EN}\nThe film was a succès de scandale in Paris, and the weltanschauung of its makers showed.",
        f"She said muchas gracias and left. {DE}\nHe bought a Schadenfreude mug.\n"
        "The ypogegrammeni ͅ and ΐ stay. El perro come la comida de la casa.\nde la de la de la",
        f"{ES} {ES}\n{DE}\n" + "la " * 30 + "\nUna dos tres.",
        f"{WORDS}\n{EN} {WORDS}",
        f"Tom ist sehr schön. {EN}",  # a short sentence whose suspicious words span under 4 words
    ],
    "de": [f"{DE}\nThe mayor said the city will pay for the new roof of the old school.\n{DE} {ES}"],
}


def _run(text: str, lang: str, cfg, fast: bool):
    table = langlex.get(cfg.languages).tables["latin"]
    h = table.langs.index(lang)
    if fast:
        lines = candidate_lines(text, LANG_WORD_OR_BREAK_RE.findall(text.casefold()), table, h, cfg)
    else:
        lines = prepare(text, table)
    return same_script(text, text, lines, table, h, cfg)


def _margins(text: str, lang: str, cfg) -> set[float]:
    """Every sentence's and line's own margin over the host: the thresholds where it flips."""
    table = langlex.get(cfg.languages).tables["latin"]
    h = table.langs.index(lang)
    out = set()
    for _, words, packed in prepare(text, table):
        for p, n in [*zip(packed, map(len, words), strict=True), (sum(packed), sum(map(len, words)))]:
            verdict = table.verdict(p, n, h)
            if verdict:
                out.add(verdict[1])
    return out


@pytest.mark.parametrize(("lang", "text"), [(lang, t) for lang, ts in TEXTS.items() for t in ts])
def test_candidate_lines_flag_what_every_line_flags(lang, text):
    base = Config().language
    margins = sorted(_margins(text, lang, base))
    seen = set()
    for margin in [0.0, 0.3, 0.5, 0.8, 1.0, 2.0, *margins, *(m + 1e-9 for m in margins)]:
        for words in (0, 1, 2, 4, 6):
            for inline in (True, False):
                cfg = Config().with_options(language__sentence_margin=margin, language__min_sentence_words=words,
                                            language__inline_words=inline).language
                want = _run(text, lang, cfg, fast=False)
                assert _run(text, lang, cfg, fast=True) == want, (margin, words, inline)
                seen.add(len(want))
    assert len(seen) > 1  # the sweep crosses thresholds: flags come and go


@pytest.mark.parametrize("knob", ["phrase_margin", "word_margin", "min_word_letters"])
def test_inline_bounds_match_at_every_threshold(knob):
    values = {"phrase_margin": [x / 4 for x in range(0, 17)], "word_margin": [x / 4 for x in range(0, 17)],
              "min_word_letters": list(range(1, 14))}[knob]
    text = "\n".join([TEXTS["en"][1], TEXTS["en"][2], WORDS])
    seen = set()
    for value in values:
        cfg = Config().with_options(**{f"language__{knob}": value}).language
        want = _run(text, "en", cfg, fast=False)
        assert _run(text, "en", cfg, fast=True) == want, value
        seen.add(tuple((f.start, f.end) for f in want))
    assert len(seen) > 1


def test_line_data_folds_once_per_line_or_per_sentence():
    table = langlex.get(Config().language.languages).tables["latin"]
    for line in ("La casa. Die Straße ist groß. Fine.", "Das İst gut. Ja.", "One. Two! Three"):
        sents = sentences(line, 0, len(line))
        words = [LANG_WORD_RE.findall(line[s:e].casefold()) for s, e in sents]
        assert line_data(line, 0, len(line), table) == (sents, words, [table.pack(w) for w in words])
    assert line_data("Straße GROSS", 0, 12, table, ["strasse", "gross"])[1] == [["strasse", "gross"]]


@pytest.mark.parametrize("text", ["The end.", "12 34 !!", "", "x", "Hello\nworld " * 700, "a1_b2"])
def test_host_script_of_ascii_is_that_of_the_letter_count(text):
    assert host_script(text) == host_script("·" + text)  # not ASCII: the counting scan
    assert host_script(text) == ("latin" if any(c.isalpha() for c in text) else None)


def test_inline_bound_sees_a_phrase_of_three_whose_pairs_fall_short():
    """Leads 22, 6, 22: each pair averages 14 (under 14.5, the 1.5 margin less its 0.5 of slack),
    the three average 16.7: a run of 2+ words that can win is at most 3 long, so three are checked."""
    from cleaner.cleaners.langsame import _may_inline

    text = "so aa bb cc"
    tokens = ["so", "aa", "bb", "cc"]
    for margin, want in ((1.5, True), (1.72, False)):
        cfg = Config().with_options(language__phrase_margin=margin).language
        assert _may_inline(text, 0, len(text), tokens, 0, 4, [1, 2, 3], [22, 6, 22], [30, 20, 30], cfg) is want


@pytest.mark.parametrize(("text", "want"), [
    ("The café’s menu — naïve and long. " * 200 + "He said Привет to all.", ("latin", True)),
    ("The café’s menu, naïve and long. " * 100 + "He said Привет. " * 200, ("latin", False)),
    ("“ — ” 12 €" * 3, (None, True)),
    ("Он сказал Привет друзьям и ушёл домой. " * 3, ("cyrillic", False)),
])
def test_host_script_says_when_its_sample_holds_only_latin_letters(text, want):
    from cleaner.cleaners.langscript import SAMPLE_CHARS, host_script_and_head

    assert host_script_and_head(text) == want
    if want[0] == "latin":  # every Cyrillic word is found, the one after a Latin-only sample too
        found = find(text).flags
        assert {f.text for f in found} == {"Привет"} and len(found) == text.count("Привет")
        assert (found[0].start > SAMPLE_CHARS) is want[1]


def find(text: str):
    from cleaner.cleaners.language import LanguageCleaner
    from cleaner.pipeline import Pipeline

    cfg = Config(only=("language",))
    return LanguageCleaner(cfg).find(Pipeline(cfg).document(text), ())
