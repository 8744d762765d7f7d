"""The event parser (``visible_blocks``) gives the same blocks as the walk over bs4's tree."""

from __future__ import annotations

from pathlib import Path

import pytest

from cleaner.formats import html
from cleaner.formats.html import visible_blocks, visible_blocks_bs4

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"

CASES = {
    "entities split the text": "<p>x <a href=1>a &amp; b</a> &lt; y</p>",
    "pre keeps its lines": "<pre>  a\n   b  \n\n c</pre><p>x <a>y</a> &amp; z</p>",
    "pi and comments end text nodes": "<p>a<?php x ?>b<!-- c -->d<a>e &amp; f</a></p>",
    "hidden elements": '<div hidden>no</div><div style="display:none">no</div><p aria-hidden="true">no</p><p>yes</p>',
    "implied closes": "<table><tr><td>a<td>b</table><ul><li>1<li>2</ul><p>one<p>two",
    "xml declaration": '<?xml version="1.0"?><rss><channel><title>t</title><item>i</item></channel></rss>',
    "cdata": "<p><![CDATA[ x ]]>y</p>",
    "named anchors are no links": '<p><a name="s1"><b>one</b> two</p><p><a href="#s1" name="x">three</a></p>',
    "textarea": "<textarea>  a  \n b</textarea><p>after</p>",
    "control characters": "<p>a\x0b\x0cb\x1f c\x00d</p>",
    "empty": "",
    "deep nesting": "<div>" * 3000 + "deep text" + "</div>" * 3000,
    "unclosed title swallows the page": ("<html><head><title>T</head><body>"
                                         + "".join(f"<p>para {i} with <b>words</b></p>" for i in range(300))),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_event_parser_matches_the_bs4_tree_walk(name):
    assert visible_blocks(CASES[name]) == visible_blocks_bs4(CASES[name])


def test_event_parser_matches_on_the_html_fixture():
    page = (FIXTURES / "articles" / "news" / "lighthouse.html").read_text(encoding="utf-8")
    text, blocks = visible_blocks(page)
    assert (text, blocks) == visible_blocks_bs4(page)
    assert len(blocks) == 9


def test_entities_are_one_text_node_for_link_chars():
    text, blocks = visible_blocks("<p><a>a &amp; b</a></p>")
    assert text == "a & b"
    assert blocks[0].link_chars == 5


def test_a_swallowed_title_is_dropped_and_the_page_kept():
    page = CASES["unclosed title swallows the page"]
    assert html._events(html.strip_invisible(page)).swallowed_title
    text, _ = visible_blocks(page)
    assert text.startswith("T\npara 0 with words\npara 1 with words\n")


def test_deep_nesting_keeps_the_text_and_bounds_the_path():
    text, blocks = visible_blocks("<div>" * 100_000 + "deep text" + "</div>" * 100_000)
    assert text == "deep text"
    assert len(blocks[0].path) == html.MAX_PATH


def test_the_bs4_walk_is_the_fallback_when_the_event_parser_fails(monkeypatch):
    def broken(markup: str) -> None:
        raise ValueError("parser failed")

    monkeypatch.setattr(html, "_events", broken)
    assert visible_blocks("<p>a <b>b</b></p>") == ("a b", visible_blocks_bs4("<p>a <b>b</b></p>")[1])
