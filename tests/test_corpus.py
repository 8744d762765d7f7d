"""Corpus mode: normalization, keys, thresholds at their edges, guards, stats files, spill, CLI."""

from __future__ import annotations

import json
import os
import random
import shutil
from pathlib import Path

import pytest
from conftest import FIXTURES, run_cli
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner import corpus as corpus_mod
from cleaner.cleaners.corpus import NEAR_DUPLICATE, REPEATED_LINE
from cleaner.config import Config
from cleaner.corpus import (
    _unicode_line,
    check_group_by,
    doc_keys,
    group_of,
    line_keys,
    normalize_lines,
    normalized,
    threshold,
)
from cleaner.corpusstats import CorpusStats, StatsBuilder
from cleaner.model import CleanResult
from cleaner.pipeline import Pipeline
from cleaner.segment import lines

WORDS = ("amber birch cedar delta ember fjord garnet harbor iris juniper kestrel lagoon meadow nectar "
         "orchid pebble quartz raven saffron tundra umber violet willow yarrow zephyr").split()
HEADER = ["Daily Lantern", "Home | News | Sport | Weather"]
FOOTER = ["About us", "Contact the newsroom"]
G = "dir:site"


def article(k: int) -> list[str]:
    w = WORDS[k]
    return [f"The {w} story gets a title", f"Officials in the {w} district said on Monday that the "
            f"new bridge over the river would open next spring.", f"Residents of {w} welcomed the news, "
            "although some worried about traffic near the school."]


def page(k: int, extra: list[str] | None = None, at: int = 1) -> str:
    body = article(k)
    body[at:at] = extra or []
    return "\n".join(HEADER + body + FOOTER) + "\n"


def clean_group(texts: list[str], config: Config | None = None, **knobs) -> list[CleanResult]:
    cfg = (config or Config(only=("corpus",))).with_options(**{f"corpus__{k}": v for k, v in knobs.items()})
    b = StatsBuilder()
    for t in texts:
        b.add_document(G, t)
    pipe = Pipeline(cfg, b.finish())
    return [pipe.run(pipe.document(t, group=G)) for t in texts]


def removed_lines(res: CleanResult) -> list[str]:
    return [r.text.strip() for r in res.removed if r.text.strip()]


# --- normalization and keys -----------------------------------------------------------------------
def test_normalize_folds_case_digits_months_punctuation_whitespace():
    assert normalize_lines("Posted on MARCH 3, 2021 — by  Admin!!\n12 Comments\n» | ·\n") == [
        "posted on 1 0 0 by admin", "0 comments", ""]
    assert normalize_lines("Share 1,234 | Tweet 5.6k") == normalize_lines("share 7 / tweet 890") == [
        "share 0 tweet 0"]
    assert normalize_lines("Mayor Smith") != normalize_lines("May Smith")  # whole words only
    assert normalize_lines("24 10.4 -13.8\n1.5.2024 7:30") == ["0 0 0", "0 0 0"]
    # curly quotes and dashes become spaces; only "Été 2" is left for the Unicode path, in its place
    assert normalize_lines("It’s May\nÉté 2\nHome\n“Ok” — 3\n") == ["it s 1", "été 0", "home", "ok 0"]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=80))
def test_ascii_fast_path_equals_the_unicode_path(text):
    text = text.replace("\r", "\n")
    assert normalized(text) == [_unicode_line(line) for line in text.split("\n")][:len(lines(text))]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("aZ09 .,:_-\n’“”—…\u00a0«»•©\u200bÉéßİ\u0301٣"), max_size=60))
def test_fast_paths_equal_the_unicode_path_on_any_text(text):
    assert normalized(text) == [_unicode_line(line) for line in text.split("\n")][:len(lines(text))]


@pytest.mark.parametrize(("data", "fmt"), [
    ("The caf\u00c3\u00a9 opens.\r\nSee you!".encode(), "text"),  # mojibake repaired, CRLF kept
    ("caf\u00e9 &amp; bar".encode("cp1252"), "text"),  # legacy charset decoded
    ("plain str, \u2019curly\u2019", "text"),
    (b"<html><body><p>Caf\xc3\xa9</p><nav>Home</nav></body></html>", "html"),
])
def test_pass_one_counts_the_text_pass_two_cleans(data, fmt):
    pipe = Pipeline(Config())
    assert pipe.source_text(data, fmt=fmt) == pipe.document(data, fmt=fmt).text
    assert pipe.source_text("The caf\u00c3\u00a9") == "The caf\u00e9"
    assert Pipeline(Config(skip=("encoding",))).source_text("The caf\u00c3\u00a9") == "The caf\u00c3\u00a9"


@pytest.mark.parametrize("text", ["a\r\nb\rc\nd", "a\n\nb\n", "x\u2028y\nz", "", "\n", "only"])
def test_normalized_lines_align_with_segment_lines(text):
    assert len(normalize_lines(text)) == len(lines(text))


def test_keys_are_64_bit_stable_and_salted_by_group():
    k1 = line_keys("dir:a", [b"home news"])[0]
    assert 0 < k1 < 2**64
    assert k1 == line_keys("dir:a", [b"home news"])[0]
    assert k1 != line_keys("dir:b", [b"home news"])[0]
    assert line_keys("dir:a", [b""]) == [0]
    assert doc_keys("dir:a", "Home News\nhome news!\n\n|") == {k1}  # once per document


def test_cached_doc_keys_equal_the_keys_of_the_normalized_lines():
    texts = ["Home\r\nNews 12\n\n| Story of May 3, 2.8k views\n", "Home\nnews 7\nÉté à Paris — ok\n\n",
             "x\u2028y\nHOME", "", "\n\n"]
    cache = corpus_mod._HashCache(size=3)  # emptied again and again: the keys must not change
    for group in ("dir:a", "dir:b"):
        for text in texts * 2:
            want = {k for k, s in zip(line_keys(group, normalized(text)), normalized(text), strict=True) if s}
            assert cache.doc_keys(group, text) == want == doc_keys(group, text)
    # one entry per table ("" -> 0) and per line; cleared before a batch would pass the bound
    assert cache.entries == sum(map(len, cache.tables.values())) <= 3 + 1 + 4
    cache.clear()  # a blank line is no miss to normalize: one table, two lines
    assert cache.doc_keys("dir:a", "Home\n\nNews\n\n") == doc_keys("dir:a", "Home\nNews")
    assert cache.entries == 3 and list(cache.tables) == ["dir:a"]


def test_line_hash_is_xxh3_64_pinned():
    # the key of a line must not change between versions: stats files saved by --stats-out depend on it
    assert corpus_mod._line_hash(b"home news") == 12237666862145946166
    assert line_keys("dir:a", [b"home news"]) == [3082525213898588129]


def test_keys_are_line_hash_xor_group_salt():
    a, b = line_keys("dir:a", [b"home", b"news"]), line_keys("dir:b", [b"home", b"news"])
    assert a[0] ^ a[1] == b[0] ^ b[1]  # the salt cancels out: one hash per line, one salt per group
    assert a[0] != b[0] and a[1] != b[1]


def test_group_of_host_dir_field_none():
    assert group_of("host", "crawl/a.jsonl", {"url": "https://www.Example.org/x?y"}) == "host:example.org"
    assert group_of("host", "crawl/a.jsonl", {"url": "not a url"}) == "dir:crawl"
    assert group_of("host", "crawl/a.jsonl", {}) == "dir:crawl"
    assert group_of("dir", "crawl/a.jsonl", {"url": "https://example.org/"}) == "dir:crawl"
    assert group_of("field:site", "a.jsonl", {"site": "s1"}) == "field:s1"
    assert group_of("field:site", "a.jsonl", {"site": True}) == "dir:"
    assert group_of("field:site", "top/b.txt") == "dir:top"
    assert group_of("none", "x/y/z.txt", {"url": "http://a.b/"}) == ""
    assert check_group_by("field:lang") == "field:lang"
    with pytest.raises(ValueError, match="host, dir, field:NAME or none"):
        check_group_by("field:")


# --- thresholds at their edges --------------------------------------------------------------------
def test_threshold_share_then_square_root():
    assert [threshold(n, 0.6, 2, 6.0) for n in (2, 3, 4, 5, 10, 40, 100, 101, 2000)] == [
        2, 2, 3, 3, 6, 24, 60, 61, 269]
    assert [threshold(n, 0.8, 5, 8.0) for n in (2, 4, 6, 10, 100, 2000)] == [5, 5, 5, 8, 80, 358]


@pytest.mark.parametrize(("df", "gone"), [(5, False), (6, True)])
def test_short_lines_in_a_run_need_fraction_of_group(df, gone):
    """10 documents, fraction 0.6: a run of two short lines goes at df 6, stays at df 5."""
    probe = ["Sponsored links", "Buy tickets now"]
    texts = [page(k, probe if k < df else None) for k in range(10)]
    res = clean_group(texts)
    assert removed_lines(res[0]) == HEADER + (probe if gone else []) + FOOTER
    assert res[0].removed[0].detail == "df=10/10"
    if gone:
        assert [r.detail for r in res[0].removed if r.text.strip() == "Buy tickets now"] == ["df=6/10"]
    assert removed_lines(res[9]) == HEADER + FOOTER


@pytest.mark.parametrize(("fraction", "gone"), [(0.6, True), (0.61, False)])
def test_fraction_knob_at_its_threshold(fraction, gone):
    probe = ["Sponsored links", "Buy tickets now"]
    res = clean_group([page(k, probe if k < 6 else None) for k in range(10)], fraction=fraction)
    assert ("Buy tickets now" in removed_lines(res[0])) is gone


@pytest.mark.parametrize(("df", "gone"), [(7, False), (8, True)])
def test_isolated_short_line_needs_weak_fraction(df, gone):
    """A short line between two unique paragraphs (a title, a dateline) needs 0.8 n = 8 of 10."""
    probe = ["Breaking news"]
    res = clean_group([page(k, probe if k < df else None, at=2) for k in range(10)])
    assert ("Breaking news" in removed_lines(res[0])) is gone


@pytest.mark.parametrize(("df", "gone"), [(7, False), (8, True)])
def test_prose_line_needs_weak_fraction_even_in_a_run(df, gone):
    prose = "Subscribers can read every story of the archive, including the photographs of the week."
    res = clean_group([page(k, [prose] if k < df else None, at=0) for k in range(10)])
    assert (prose in removed_lines(res[0])) is gone


@pytest.mark.parametrize(("words", "prose"), [(9, False), (10, True)])
def test_prose_min_words_edge(words, prose):
    line = " ".join(["word"] * (words - 1)) + " end."
    probe = [line, "Sponsored links"]
    res = clean_group([page(k, probe if k < 7 else None, at=0) for k in range(10)])
    assert (line in removed_lines(res[0])) is not prose  # df 7: enough for short, not for prose


def test_weak_min_df_keeps_repeated_prose_in_small_groups():
    prose = "Subscribers can read every story of the archive, including the photographs of the week."
    res = clean_group([page(k, [prose], at=0) for k in range(4)])
    assert removed_lines(res[0]) == HEADER + FOOTER  # 4 of 4 < weak_min_df 5
    res = clean_group([page(k, [prose], at=0) for k in range(4)], weak_min_df=4)
    assert prose in removed_lines(res[0])


@pytest.mark.parametrize(("n", "knobs", "acts"), [
    (2, {}, True), (2, {"min_docs": 3}, False), (2, {"min_docs": 3, "enabled": True}, True),
    (3, {"min_docs": 3}, True), (5, {"enabled": False}, False)])
def test_min_docs_and_enabled(n, knobs, acts):
    res = clean_group([page(k) for k in range(n)], **knobs)
    assert removed_lines(res[0]) == (HEADER + FOOTER if acts else [])


def test_no_stats_or_unknown_group_proposes_nothing():
    text = page(0)
    pipe = Pipeline(Config(only=("corpus",)))
    assert pipe.run(pipe.document(text, group=G)).text == text
    b = StatsBuilder()
    for k in range(5):
        b.add_document(G, page(k))
    pipe = Pipeline(Config(only=("corpus",)), b.finish())
    assert pipe.run(pipe.document(text, group="dir:other")).removed == ()


def test_blank_and_symbol_lines_of_a_removed_run_go_with_it():
    texts = ["Daily Lantern\n|\nHome | News\n\n" + "\n".join(article(k)) + "\n\n»\nAbout us\nContact\n"
             for k in range(5)]
    res = clean_group(texts)
    assert res[0].text == "\n".join(article(0)) + "\n"
    assert [r.detail for r in res[0].removed][:2] == ["df=5/5", "no words, inside or beside removed lines"]


# --- guards ---------------------------------------------------------------------------------------
def test_syndicated_copy_is_kept_whole_and_flagged():
    """6 pages; one article on pages 0-2 (df 3 >= the short threshold 3 of 5... 4 of 6): the copies
    keep every article line, lose the template (df 6 > 3 copies) and carry a near-duplicate flag."""
    copy = [*article(20), "A short closing line", "Another short line"]
    texts = ["\n".join(HEADER + (copy if k < 4 else article(k)) + FOOTER) + "\n" for k in range(6)]
    res = clean_group(texts)
    for r in res[:4]:
        assert r.text == "\n".join(copy) + "\n"
        assert [f.kind for f in r.flags] == [NEAR_DUPLICATE]
        assert r.flags[0].score == 1.0
        assert {x.reason for x in r.removed} == {REPEATED_LINE}
    assert res[4].flags == () and res[4].text == "\n".join(article(4)) + "\n"


@pytest.mark.parametrize(("share", "copy"), [(0.5, False), (0.49, True)])
def test_near_duplicate_share_edge(share, copy):
    """Two long lines of 14 words, one in 4 of 6 documents: exactly half of the prose words."""
    rep = "This repeated sentence of fourteen words appears on most pages of the small site."
    own = "Unique {} words fill this line so that it has exactly fourteen words here."
    texts = ["\n".join([*HEADER, rep if k < 4 else f"Unique {WORDS[k]} line.", own.format(WORDS[k]), *FOOTER])
             for k in range(6)]
    res = clean_group(texts, near_duplicate_share=share)
    assert bool(res[0].flags) is copy


def test_identical_documents_are_never_emptied():
    texts = [page(0)] * 6
    res = clean_group(texts)
    assert all(r.text == page(0) and r.removed == () for r in res)
    assert res[0].flags[0].kind == NEAR_DUPLICATE and res[0].flags[0].score == 1.0


# --- stats: determinism, spill, files -------------------------------------------------------------
def _stats(texts: list[str], max_entries: int, chunks: int, spill_dir: str | None = None) -> CorpusStats:
    main = StatsBuilder(max_entries, spill_dir)
    for c in range(chunks):  # as workers would: partial builders merged in any order
        part = StatsBuilder(max_entries, spill_dir)
        for t in texts[c::chunks]:
            part.add_document(G if len(t) % 2 else "dir:other", t)
        main.merge(part.take())
    return main.finish()


def test_stats_do_not_depend_on_order_split_or_spill(tmp_path):
    texts = [page(k, ["Sponsored links", "Buy"] if k % 3 else None) for k in range(25)]
    ref = _stats(texts, 10**6, 1)
    shuffled = texts[:]
    random.Random(7).shuffle(shuffled)
    spilled = _stats(shuffled, 3, 4, str(tmp_path))
    assert (ref.groups, ref.keys, ref.counts) == (spilled.groups, spilled.keys, spilled.counts)
    assert list(ref.keys) == sorted(ref.keys) and min(ref.counts) >= 2
    assert os.listdir(tmp_path) == []  # run files are deleted after the merge


def test_finish_merges_runs_across_key_ranges(tmp_path):
    b = StatsBuilder(max_entries=2, spill_dir=str(tmp_path))  # spills every 3 keys; 4 key ranges
    top, mid = 2**64 - 1, 2**63
    for keys in ([top, mid, 1], [top, 5], [mid, top, 7], [1]):  # one document each
        b._add_keys(keys)
    assert len(b.part.runs) == 2 and dict(b.part.counts) == {1: 1}
    stats = b.finish()
    assert list(stats.keys) == [1, mid, top] and list(stats.counts) == [2, 2, 3]  # df 1 (5, 7) dropped
    assert os.listdir(tmp_path) == []


def test_stats_file_round_trip_and_errors(tmp_path):
    stats = _stats([page(k) for k in range(5)], 10**6, 1)
    path = tmp_path / "s.stats"
    stats.save(str(path))
    back = CorpusStats.load(str(path))
    assert (back.groups, back.keys, back.counts) == (stats.groups, stats.keys, stats.counts)
    assert back.docs("dir:other") + back.docs(G) == 5
    data = path.read_bytes()
    (tmp_path / "bad").write_bytes(b"hello")
    with pytest.raises(ValueError, match="not a cleaner corpus stats file"):
        CorpusStats.load(str(tmp_path / "bad"))
    (tmp_path / "short").write_bytes(data[:-3])
    with pytest.raises(ValueError, match="truncated"):
        CorpusStats.load(str(tmp_path / "short"))
    (tmp_path / "v0").write_bytes(data.replace(b'"normalization": "v1"', b'"normalization": "v0"'))
    with pytest.raises(ValueError, match="normalization"):
        CorpusStats.load(str(tmp_path / "v0"))
    (tmp_path / "f2").write_bytes(data.replace(b'"format": 3', b'"format": 2'))  # BLAKE2b keys
    with pytest.raises(ValueError, match="stats format 2/normalization v1; this version reads 3/v1"):
        CorpusStats.load(str(tmp_path / "f2"))


# --- through the CLI ------------------------------------------------------------------------------
TEN = FIXTURES / "corpus" / "people-news"
DEMO = ["News magazine bootstrap themes!", "I like this themes, fast loading and look profesional",
        "Thank you Carlos!", "You're welcome!", "Please support me with give positive rating!", "Yes Sure!"]


def _expected_article(path: Path) -> str:
    src = path.read_text(encoding="utf-8").split("\n")
    return "\n".join(src[4:src.index("△")]) + "\n"  # the article, without template and comments


def test_ten_pages_lose_the_demo_comments_with_corpus_alone(tmp_path):
    out, rep = tmp_path / "out", tmp_path / "rep.jsonl"
    r = run_cli(str(TEN.parent), "-o", str(out), "--report", str(rep), "--only", "corpus", "-j", "1", "-q")
    assert r.returncode == 0, r.stderr
    pages = sorted(TEN.glob("page-*.txt"))
    assert len(pages) == 10
    for p in pages:
        got = (out / "people-news" / p.name).read_text(encoding="utf-8")
        assert got == _expected_article(p)
        assert not any(c in got for c in DEMO)
    records = [json.loads(line) for line in rep.read_text().splitlines()]
    demo = [x for x in records[0]["removed"] if x["text"].strip() in DEMO]
    assert [x["text"].strip() for x in demo] == DEMO
    assert {(x["reason"], x["detail"]) for x in demo} == {(REPEATED_LINE, "df=10/10")}
    again = tmp_path / "again"  # idempotent: the cleaned pages prove nothing more
    assert run_cli(str(out), "-o", str(again), "--only", "corpus", "-j", "1", "-q").returncode == 0
    assert all((again / "people-news" / p.name).read_bytes() == (out / "people-news" / p.name).read_bytes()
               for p in pages)


def test_cli_is_deterministic_across_jobs_and_no_corpus_disables(tmp_path):
    outs = []
    for jobs in ("1", "2"):
        out, rep = tmp_path / f"o{jobs}", tmp_path / f"r{jobs}.jsonl"
        assert run_cli(str(TEN.parent), "-o", str(out), "--report", str(rep), "--only", "corpus,residue",
                       "-j", jobs, "-q").returncode == 0
        outs.append((sorted((p.name, p.read_bytes()) for p in (out / "people-news").iterdir()),
                     rep.read_bytes()))
    assert outs[0] == outs[1]
    out = tmp_path / "off"
    assert run_cli(str(TEN.parent), "-o", str(out), "--only", "corpus", "--no-corpus", "-q").returncode == 0
    assert (out / "people-news" / "page-01.txt").read_bytes() == (TEN / "page-01.txt").read_bytes()


def test_stats_out_then_stats_in_cleans_a_new_small_batch(tmp_path):
    stats = tmp_path / "site.stats"
    r = run_cli(str(TEN.parent), "-o", str(tmp_path / "o1"), "--only", "corpus", "--stats-out", str(stats), "-q")
    assert r.returncode == 0 and stats.stat().st_size > 0
    new = tmp_path / "batch" / "people-news"
    new.mkdir(parents=True)
    shutil.copy(TEN / "page-04.txt", new / "new-page.txt")
    out = tmp_path / "o2"
    r = run_cli(str(new.parent), "-o", str(out), "--only", "corpus", "--stats-in", str(stats), "-q")
    assert r.returncode == 0, r.stderr
    assert (out / "people-news" / "new-page.txt").read_text() == _expected_article(TEN / "page-04.txt")
    alone = tmp_path / "o3"  # without the stats, one page proves nothing
    assert run_cli(str(new.parent), "-o", str(alone), "--only", "corpus", "-q").returncode == 0
    assert (alone / "people-news" / "new-page.txt").read_bytes() == (TEN / "page-04.txt").read_bytes()


def test_jsonl_records_group_by_url_host(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    recs = []
    for k in range(8):
        host = "a.example" if k % 2 else "www.b.example"
        tmpl = ["Alpha Daily", "Alpha menu"] if k % 2 else ["Beta Times", "Beta menu"]
        recs.append({"url": f"https://{host}/{k}", "text": "\n".join(tmpl + article(k))})
    recs.append({"url": "https://c.example/", "text": "Alpha Daily\nAlpha menu\nSomething else entirely."})
    (src / "crawl.jsonl").write_text("".join(json.dumps(r) + "\n" for r in recs))
    out = tmp_path / "out"
    assert run_cli(str(src), "-o", str(out), "--only", "corpus", "-q").returncode == 0
    got = [json.loads(line)["text"] for line in (out / "crawl.jsonl").read_text().splitlines()]
    assert got[:8] == ["\n".join(article(k)) for k in range(8)]
    assert got[8] == recs[8]["text"]  # another host: its group has one document
    out = tmp_path / "none"
    assert run_cli(str(src), "-o", str(out), "--only", "corpus", "--group-by", "none", "-q").returncode == 0
    last = json.loads((out / "crawl.jsonl").read_text().splitlines()[8])["text"]
    assert last == "Alpha Daily\nAlpha menu\nSomething else entirely."  # 5 of 9 < 0.6 * 9


@pytest.mark.parametrize(("args", "message"), [
    (["--group-by", "site"], "use host, dir, field:NAME or none"),
    (["--stats-in", "/nonexistent/x.stats"], "no such file"),
    (["--no-corpus", "--stats-out", "x.stats"], "need corpus mode"),
    (["--only", "residue", "--stats-out", "x.stats"], "need the corpus stage"),
    (["--corpus", "--no-corpus"], "not allowed with"),
])
def test_cli_corpus_usage_errors(tmp_path, args, message):
    r = run_cli(str(TEN.parent), "-o", str(tmp_path / "o"), *args)
    assert r.returncode == 2
    assert message in r.stderr.decode()
