"""Residue rules: reason ids, exact spans, context (edges), and every knob at its threshold."""

from __future__ import annotations

import pytest

from cleaner import clean
from cleaner.cleaners import linemodel
from cleaner.cleaners.residue import is_share_bar, rule_reason

PROSE = "This is a full sentence of the article, long enough to read as a real paragraph of prose."
PROSE2 = "Another paragraph of the article follows here, and it also ends the way a sentence ends."


def run(text: str, **opts):
    opts.setdefault("residue__model_threshold", 0)
    return clean(text, only=("residue", "comments"), **opts)


def reasons(text: str, **opts) -> list[tuple[str, str]]:
    return [(r.reason, r.text) for r in run(text, **opts).removed]


@pytest.mark.parametrize(("line", "reason"), [
    ("△", "residue.symbol_line"), ("* * *", "residue.symbol_line"), ("|", "residue.symbol_line"),
    ("|  |  |  |  |  |  | ", "residue.symbol_line"), ("|---|---|---|:---:|", "residue.symbol_line"),
    ("A dog in the park. (Provided by Example Films)", "residue.caption"), ("Photo: Jane Doe/AP", "residue.caption"),
    ("Getty Images", "residue.caption"), ("Advertisement", "residue.ad"), ("广告", "residue.ad"),
    ("Share | Tweet | Email", "residue.share"), ("Facebook Twitter WhatsApp", "residue.share"),
    ("Home » News » World", "residue.nav"), ("Skip to content", "residue.nav"), ("Privacy Policy", "residue.nav"),
    ("Print this article", "residue.share"), ("Share on Facebook", "residue.share"),
    ("Read more: Senate passes the budget", "residue.related"),
    ("We use cookies to improve your experience.", "residue.notice"),
    ("© 2024 Example Media. All rights reserved.", "residue.copyright"),
    ("News magazine bootstrap themes!", "residue.demo"),
])
def test_rule_reason_per_line(line: str, reason: str):
    assert rule_reason(line, 12, 200) == reason


@pytest.mark.parametrize("line", [PROSE, "Home prices rose again.", "Share your thoughts with us", "Cheers",
                                  "| Name | Age |", "---------------- more below ----------------"])
def test_rule_reason_keeps_article_lines(line: str):
    assert rule_reason(line, 12, 200) is None


def test_share_bar_needs_every_word_to_be_a_share_word():
    assert is_share_bar("Share 12 | Tweet 3 | Print")
    assert not is_share_bar("Share the road")
    assert not is_share_bar("Share " * 30)  # longer than 120 characters


def test_symbol_line_span_and_threshold():
    text = f"{PROSE}\n* * * * * *\n{PROSE2}\n"
    assert reasons(text, residue__max_symbol_line_chars=11) == [("residue.symbol_line", "* * * * * *\n")]
    assert reasons(text, residue__max_symbol_line_chars=10) == []


def test_credit_only_at_the_edges():
    text = f"{PROSE}\n(Xinhua)\n{PROSE2}\n(The Dajiyuan)\n"
    result = run(text)
    assert [(r.reason, r.start, r.end) for r in result.removed] == [
        ("residue.credit", len(text) - len("(The Dajiyuan)\n"), len(text))]
    assert result.text == f"{PROSE}\n(Xinhua)\n{PROSE2}\n"


def test_prose_min_chars_moves_the_edges():
    short = "A short closing sentence."  # 25 characters: prose only when prose_min_chars <= 25
    text = f"{PROSE}\n(Xinhua)\n{short}\n"
    assert reasons(text, residue__prose_min_chars=25) == []
    assert reasons(text, residue__prose_min_chars=26) == [("residue.credit", "(Xinhua)\n")]


def test_max_notice_chars_keeps_long_sentences_about_cookies():
    line = "We use cookies."  # 15 characters
    text = f"{PROSE}\n{line}\n{PROSE2}\n"
    assert reasons(text, residue__max_notice_chars=15) == [("residue.notice", "We use cookies.\n")]
    assert reasons(text, residue__max_notice_chars=14) == []


def test_related_heading_takes_its_title_list():
    text = f"{PROSE}\n{PROSE2}\nRelated articles\nSenate passes the budget\nStocks fall again\n{PROSE}\n"
    assert reasons(text) == [("residue.related", "Related articles\nSenate passes the budget\nStocks fall again\n")]
    gallery = "More galleries\n- Day in pictures: 31 July\n- Carnival of flowers\n"
    assert reasons(f"{PROSE}\n{PROSE2}\n{gallery}") == [("residue.related", gallery)]


def test_max_related_title_chars_threshold():
    title = "Senate passes the budget"  # 24 characters
    text = f"{PROSE}\nRelated articles\n{title}\n{PROSE2}\n"
    assert reasons(text, residue__max_related_title_chars=24) == [
        ("residue.related", f"Related articles\n{title}\n")]
    assert reasons(text, residue__max_related_title_chars=23) == []


def test_blank_lines_between_two_removals_go_with_them():
    text = f"{PROSE}\n\nAdvertisement\n\n\n△\n\n{PROSE2}\n"
    result = run(text)
    assert [(r.reason, r.text) for r in result.removed] == [
        ("residue.ad", "Advertisement\n"), ("residue.symbol_line", "\n\n△\n")]
    assert result.text == f"{PROSE}\n\n\n{PROSE2}\n"


def test_crlf_lines_are_cut_with_their_break():
    text = f"{PROSE}\r\nAdvertisement\r\n{PROSE2}"
    assert run(text).text == f"{PROSE}\r\n{PROSE2}"


def test_max_passes_zero_turns_the_stage_off():
    text = f"{PROSE}\n△\n"
    assert reasons(text, residue__max_passes=0) == []
    assert reasons(text, residue__max_passes=1) == [("residue.symbol_line", "△\n")]


# --- the line model ---------------------------------------------------------------------------------
NAV_BLOCK = ["World", "Business", "Technology", "Science", "Health", "Entertainment", "Opinion"]
ARTICLE_LINES = [PROSE, PROSE2, PROSE + " It goes on.", PROSE2 + " And on."]


def test_line_model_scores_navigation_below_article_paragraphs():
    lines = [*NAV_BLOCK, *ARTICLE_LINES, *NAV_BLOCK]
    probs = linemodel.article_probabilities(lines)
    assert len(probs) == len(lines)
    assert max(probs[:7]) < min(probs[7:11]) and max(probs[11:]) < min(probs[7:11])


def test_model_threshold_removes_boilerplate_lines_and_zero_turns_it_off():
    text = "\n".join([*NAV_BLOCK, *ARTICLE_LINES]) + "\n"
    probs = linemodel.article_probabilities([*NAV_BLOCK, *ARTICLE_LINES])
    top_nav = max(probs[:7])
    on = run(text, residue__model_threshold=top_nav + 1e-6)
    assert [r.reason for r in on.removed] == ["residue.boilerplate"]
    assert on.text == "\n".join(ARTICLE_LINES) + "\n"
    assert run(text, residue__model_threshold=0).removed == ()


def test_model_threshold_boundary_on_one_line():
    lines = [*NAV_BLOCK, *ARTICLE_LINES]
    text = "\n".join(lines) + "\n"
    probs = linemodel.article_probabilities(lines)
    k = min(range(len(lines)), key=probs.__getitem__)  # the least article-like line, alone at its value
    p = probs[k]
    assert k < len(NAV_BLOCK) and sorted(probs)[1] > p + 1e-9
    at = run(text, residue__model_threshold=p, residue__max_passes=1).removed
    above = run(text, residue__model_threshold=p + 1e-9, residue__max_passes=1).removed
    assert at == ()  # kept at exactly its probability
    assert any(r.text.startswith(lines[k] + "\n") for r in above)  # removed just above it


def test_html_pages_use_their_own_model_threshold():
    import dataclasses

    from cleaner import Config, Pipeline

    text = "\n".join([*NAV_BLOCK, *ARTICLE_LINES]) + "\n"
    probs = linemodel.article_probabilities([*NAV_BLOCK, *ARTICLE_LINES])
    top_nav, low_nav = max(probs[:7]), min(probs[:7])

    def removed(**opts: float) -> list[str]:
        pipe = Pipeline(Config(only=("residue",)).with_options(**opts))
        doc = dataclasses.replace(pipe.document(text), format="html")
        return [r.reason for r in pipe.run(doc).removed]

    assert removed(residue__model_threshold=top_nav + 1e-6) == []  # the HTML default (0) keeps the model off
    assert removed(residue__html_model_threshold=top_nav + 1e-6) == ["residue.boilerplate"]
    assert removed(residue__html_model_threshold=low_nav) == []  # kept at exactly its probability


def test_model_min_lines_threshold():
    text = "World\nBusiness\n" + PROSE + "\n"  # 3 non-blank lines
    assert run(text, residue__model_threshold=0.99, residue__model_min_lines=4).removed == ()
    assert run(text, residue__model_threshold=0.99, residue__model_min_lines=3).removed != ()


def test_model_max_lines_threshold():
    text = "World\nBusiness\n" + PROSE + "\n"  # 3 non-blank lines
    assert run(text, residue__model_threshold=0.99, residue__model_max_lines=2).removed == ()
    assert run(text, residue__model_threshold=0.99, residue__model_max_lines=3).removed != ()


def test_model_removals_are_idempotent():
    text = "\n".join([*NAV_BLOCK, *ARTICLE_LINES, *NAV_BLOCK]) + "\n"
    once = clean(text, only=("residue", "comments"))
    assert clean(once.text, only=("residue", "comments")).removed == ()


def test_notice_rules_on_lines_the_lower_case_twins_cannot_take():
    assert rule_reason("ſign up for our newsletter", 12, 200) == "residue.notice"  # ſ folds to s
    assert rule_reason("SIGN UP FOR OUR NEWSLETTER", 12, 200) == "residue.notice"
    assert rule_reason("© İstanbul Haber", 12, 200) == "residue.copyright"
    assert rule_reason("Proudly powered by WordPress", 12, 200) == "residue.demo"


def test_comments_stage_reuses_the_last_residue_pass(monkeypatch):
    calls: list[int] = []
    real = linemodel.article_probabilities

    def counting(lines):
        calls.append(len(lines))
        return real(lines)

    monkeypatch.setattr(linemodel, "article_probabilities", counting)
    text = "\n".join([*NAV_BLOCK, *ARTICLE_LINES]) + "\n△\n"
    both = clean(text, only=("residue", "comments"), residue__model_threshold=0.15)
    with_comments = len(calls)
    calls.clear()
    alone = clean(text, only=("residue",), residue__model_threshold=0.15)
    # the comments stage finds no thread and asks for the same lines' residue: no third model run
    assert with_comments == len(calls) == 2
    assert both.removed == alone.removed and [r.reason for r in both.removed][-1] == "residue.symbol_line"


def test_kept_lines_positions_and_the_per_document_lines():
    from cleaner.cleaners.lines import kept, kept_lines, nonblank
    from cleaner.model import Removal
    from cleaner.pipeline import Pipeline

    doc = Pipeline().document("one\n\n  two  \nthree\n \nfour")
    idx, stripped, _ = nonblank(doc)
    assert (idx, stripped) == ([0, 2, 3, 5], ["one", "two", "three", "four"])
    assert nonblank(doc)[1] is stripped  # computed once per document
    prior = (Removal(4, 14, "x.y", doc.text[4:14]), Removal(22, 24, "x.y", "fo"))
    assert kept(doc, prior) == ([0, 2, 3], [0, 3, 5])  # "two" covered, "four" only partly
    assert kept_lines(doc, prior) == [0, 3, 5] and kept(doc, ()) == ([0, 1, 2, 3], [0, 2, 3, 5])


# --- markup dumps -------------------------------------------------------------------------------------
DUMP = ['<div class="nav">', '<a href="/">Home</a>', "<script>", "var a = 1;", "</script>", PROSE,
        "<p>" + PROSE2 + "</p>", "</div>"]


def test_markup_dump_loses_its_tag_lines_and_scripts():
    text = "\n".join(DUMP) + "\n"
    res = run(text)
    assert [(r.reason, r.start, r.text) for r in res.removed] == [
        ("residue.markup", 0, '<div class="nav">\n'),
        ("residue.markup", 39, "<script>\nvar a = 1;\n</script>\n"),
        ("residue.markup", len(text) - 7, "</div>\n")]
    assert res.text == '<a href="/">Home</a>\n' + PROSE + "\n<p>" + PROSE2 + "</p>\n"
    assert run(res.text).removed == ()  # idempotent: what is left is no dump (1 tagged line of 3)


def test_markup_min_share_threshold():
    text = "\n".join(DUMP) + "\n"  # 6 of 8 lines hold a tag: 0.75
    assert {r.reason for r in run(text, residue__markup_min_share=0.75).removed} == {"residue.markup"}
    assert run(text, residue__markup_min_share=0.751).removed == ()


def test_markup_min_lines_threshold():
    text = "\n".join(DUMP) + "\n"
    assert len(run(text, residue__markup_min_lines=6).removed) == 3
    assert run(text, residue__markup_min_lines=7).removed == ()


def test_markup_is_left_alone_in_html_pages_and_in_articles_quoting_a_few_tags():
    import dataclasses

    from cleaner import Config, Pipeline

    pipe = Pipeline(Config(only=("residue",)).with_options(residue__model_threshold=0))
    doc = dataclasses.replace(pipe.document("\n".join(DUMP) + "\n"), format="html")
    assert pipe.run(doc).removed == ()
    quoting = [PROSE, "<div>", PROSE2, "</div>", PROSE, PROSE2, PROSE, PROSE2, PROSE, PROSE2]
    assert run("\n".join([*quoting, PROSE]) + "\n", residue__markup_min_lines=2).removed == ()  # 2 of 11
    assert [r.text for r in run("\n".join(quoting) + "\n", residue__markup_min_lines=2).removed] == [
        "<div>\n", "</div>\n"]  # 2 of 10: a fifth, the default share
