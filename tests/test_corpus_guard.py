"""Corpus evidence guarding the single-document cleaners (``CorpusConfig.guard_single_doc``)."""

from __future__ import annotations

from cleaner.cleaners.comments import thread_start
from cleaner.cleaners.corpus import LineEvidence, line_evidence
from cleaner.cleaners.residue import RELATED, _related_lists
from cleaner.config import CommentsConfig, Config, CorpusConfig
from cleaner.corpusstats import StatsBuilder
from cleaner.pipeline import Pipeline

BP = "residue.boilerplate"
PROSE = "The council met on Monday and agreed that the new bridge would open next spring."  # 80 chars
G = "dir:site"


def runs(dfs: list[int], lines: list[str], marks: list[str | None], prose_min_chars: int = 60) -> list[str | None]:
    ev = LineEvidence(10, 6, dfs)  # 10 documents, template from df 6
    out = list(marks)
    ev.keep_own_runs(range(len(dfs)), lines, out, BP, prose_min_chars)
    return out


def test_masks_template_and_unique():
    ev = LineEvidence(10, 6, [10, 6, 5, 2, 1, 0])
    assert ev.template(range(6)) == [True, True, False, False, False, False]
    assert ev.unique([5, 4, 3, 0]) == [True, True, False, False]


def test_a_hole_of_own_lines_between_own_kept_lines_is_kept():
    lines = ["Home", PROSE, "list item one", "list item two", PROSE, "Footer"]
    marks = [None, None, BP, BP, None, None]
    assert runs([10, 1, 1, 2, 1, 10], lines, marks) == [None] * 6


def test_no_hole_next_to_template_or_with_a_template_line_inside():
    lines = ["Home", "list item one", "list item two", PROSE, "Footer"]
    # kept template line above the run: the run may be the template's edge
    assert runs([10, 1, 1, 1, 10], lines, [None, BP, BP, None, None]) == [None, BP, BP, None, None]
    lines = ["Home", PROSE, "item", "Menu", PROSE, "Footer"]
    assert runs([10, 1, 1, 9, 1, 10], lines, [None, None, BP, BP, None, None]) == [None, None, BP, BP, None, None]


def test_no_hole_below_comment_evidence():
    lines = ["Home", PROSE, "Reply", "list item one", "list item two", PROSE, "Footer"]
    marks = [None, None, None, BP, BP, None, None]
    assert runs([10, 1, 1, 1, 1, 1, 10], lines, marks) == marks
    # the same evidence line as template (the site's own widget, removed by a rule) does not count
    marks[2] = "residue.nav"
    assert runs([10, 1, 9, 1, 1, 1, 10], lines, marks) == [None, None, "residue.nav", None, None, None, None]


def test_own_prose_that_would_vanish_is_kept():
    lines = ["Home", "Home > News > A story", "Share 3", PROSE, "Post Reply", "Footer"]
    marks = [BP, None, None, BP, BP, None]
    # the only own prose is marked (80 chars marked against 0 kept): kept; template lines stay marked
    assert runs([10, 1, 9, 1, 9, 10], lines, marks) == [BP, None, None, None, BP, None]
    # more own prose is kept elsewhere than is marked here: the model's call stands
    lines[1] = PROSE + " And more of it."
    assert runs([10, 1, 9, 1, 9, 10], lines, marks) == marks
    # a prose line is what counts: the same run of short lines is not kept
    lines = ["Home", "Home > News", "Share 3", "short line", "Post Reply", "Footer"]
    assert runs([10, 1, 9, 1, 9, 10], lines, marks) == marks


def test_related_list_under_a_template_heading_ends_at_an_own_line():
    stripped = ["Most Popular", "Own title of this page", "Posted by Jane Doe"]
    reasons: list[str | None] = [None, None, None]
    _related_lists(stripped, reasons, 120)
    assert reasons == [RELATED] * 3  # without the corpus: a heading and its titles
    reasons = [None, None, None]
    _related_lists(stripped, reasons, 120, [True, False, False], [False, True, True])
    assert reasons == [None, None, None]  # the list is empty: the heading is left to other rules
    reasons = [None, None, None]  # a heading that is not template: unchanged
    _related_lists(stripped, reasons, 120, [False, False, False], [False, True, True])
    assert reasons == [RELATED] * 3
    stripped = ["Most Popular", "Popular title", "Own title of this page"]
    reasons = [None, None, None]
    _related_lists(stripped, reasons, 120, [True, False, False], [False, False, True])
    assert reasons == [RELATED, RELATED, None]


def test_template_lines_are_not_article_prose_before_a_thread():
    lines = ["A" * 300 + ".", "Thanks!", "You're welcome!"]
    assert thread_start(lines, CommentsConfig(), 60) == 1
    assert thread_start(lines, CommentsConfig(), 60, [True, False, False]) is None
    assert thread_start(lines, CommentsConfig(), 60, [False, False, False]) == 1


def _stats(texts: list[str]):
    b = StatsBuilder()
    for t in texts:
        b.add_document(G, t)
    return b.finish()


def test_line_evidence_knobs_and_alignment():
    texts = [f"Home\n\nStory {w} here.\nFooter\n" for w in ("one", "two", "three")]
    stats = _stats(texts)
    pipe = Pipeline(Config())
    doc = pipe.document(texts[0], group=G)
    ev = line_evidence(stats, doc, CorpusConfig())
    assert ev is not None and (ev.docs, ev.template_df, ev.dfs) == (3, 2, [3, 0, 0, 3])
    assert line_evidence(stats, doc, CorpusConfig()) is ev  # remembered for the next stage
    assert line_evidence(stats, doc, CorpusConfig(guard_single_doc=False)) is None
    assert line_evidence(stats, doc, CorpusConfig(enabled=False)) is None
    assert line_evidence(stats, doc, CorpusConfig(min_docs=4)) is None  # group too small
    assert line_evidence(stats, doc, CorpusConfig(enabled=True, min_docs=4)) is not None
    assert line_evidence(None, doc, CorpusConfig()) is None
    assert line_evidence(stats, pipe.document(texts[0], group="dir:other"), CorpusConfig()) is None


def test_guard_keeps_a_page_title_under_the_template_related_heading():
    pages = [f"Site name\nMost Popular\nThe {w} bridge opens\nPosted by Jane Doe\n"
             f"Officials said on Monday that the {w} bridge over the river would open next spring.\n"
             "About us\n" for w in ("north", "south", "east", "west", "old")]
    stats = _stats(pages)
    for guard, title_kept in ((True, True), (False, False)):
        cfg = Config(skip=("language", "quality")).with_options(
            residue__model_threshold=0.0, residue__html_model_threshold=0.0, corpus__guard_single_doc=guard)
        pipe = Pipeline(cfg, stats)
        res = pipe.run(pipe.document(pages[0], group=G))
        assert ("The north bridge opens" in res.text) is title_kept
        assert "Most Popular" not in res.text and "Site name" not in res.text
