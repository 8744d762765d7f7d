"""HTML mode: the flattening (formats/html.py) and the DOM-level cleaner (cleaners/html.py)."""

from __future__ import annotations

import pytest

from cleaner import clean
from cleaner.cleaners import html as H
from cleaner.cleaners import patterns as P
from cleaner.formats.html import visible_blocks

PARA = ("The council met on Tuesday to discuss the new harbour wall, which has been delayed twice "
        "by winter storms and a shortage of granite from the local quarry.")
PARA2 = ("Engineers say the work will now finish in the autumn, and the ferry timetable will not "
         "change while the cranes are on the pier, according to the harbour master.")
PARA3 = ("Residents who live near the pier were told that the noise would be limited to weekdays, "
         "from eight in the morning until six in the evening, for the rest of the project.")


def run(body: str) -> tuple[str, dict[str, str]]:
    """Clean a page with the html stage only; return the output and {removed text: reason}."""
    res = clean(f"<html><body>{body}</body></html>", html=True, only=("html",))
    return res.text, {r.text.strip(): r.reason for r in res.removed}


def article(extra: str = "") -> str:
    return f"<article><h1>Harbour wall delayed</h1><p>{PARA}</p><p>{PARA2}</p><p>{PARA3}</p>{extra}</article>"


def test_comment_section_by_id_is_removed() -> None:
    text, removed = run(article() + '<section id="comments"><h3>2 Comments</h3>'
                        "<p>Great post, thanks!</p><p>I agree with John.</p></section>")
    assert text == f"Harbour wall delayed\n{PARA}\n{PARA2}\n{PARA3}"
    assert removed == {"2 Comments\nGreat post, thanks!\nI agree with John.": "html.comments"}


def test_comment_list_by_class_inside_article_is_removed() -> None:
    text, removed = run(article('<ol class="commentlist"><li>Nice one.</li><li>Thanks a lot.</li></ol>'))
    assert removed == {"Nice one.\nThanks a lot.": "html.comments"}
    assert PARA3 in text


def test_share_bar_is_removed() -> None:
    text, removed = run(article() + '<div class="share-bar">Share: <a>Facebook</a> <a>Twitter</a></div>')
    assert removed == {"Share: Facebook Twitter": "html.share"}
    assert text.endswith(PARA3)


def test_nav_by_role_is_removed() -> None:
    text, removed = run('<div role="navigation"><a>Home</a> | <a>News</a></div>' + article())
    assert removed == {"Home | News": "html.nav"}
    assert text.startswith("Harbour wall delayed\n")


def test_article_header_kept_page_header_removed() -> None:
    page = ('<header><a>Harbour Gazette</a></header><article><header><h1>Harbour wall delayed</h1>'
            f'<p class="byline">By Ann Lee</p></header><p>{PARA}</p><p>{PARA2}</p></article>')
    text, removed = run(page)
    assert removed == {"Harbour Gazette": "html.header"}
    assert text == f"Harbour wall delayed\nBy Ann Lee\n{PARA}\n{PARA2}"


def test_link_dense_list_inside_article_is_removed() -> None:
    links = "".join(f"<li><a>Other story number {i}</a></li>" for i in range(4))
    text, removed = run(article(f"<ul>{links}</ul>"))
    assert removed == {"\n".join(f"Other story number {i}" for i in range(4)): "html.link_dense"}
    assert PARA3 in text


def test_prose_paragraph_inside_a_link_dense_box_is_kept() -> None:
    # the article's last paragraph and its "Related posts" list share one container (dragnet/R118)
    intro = ("In addition to the first set of sample images from the new lens I published a few days ago, "
             "here are a few more pictures found on flickr:")
    links = "".join(f"<li><a>More sample images taken with lens number {i}</a></li>" for i in range(8))
    text, removed = run(article(f"<div><p>{intro}</p><p>Related posts:</p><ul>{links}</ul></div>"))
    assert text.endswith(f"{PARA3}\n{intro}")
    assert removed == {"Related posts:\n" + "\n".join(f"More sample images taken with lens number {i}"
                                                      for i in range(8)): "html.link_dense"}


@pytest.mark.parametrize(("tail", "removed_expected"), [("yy", True), ("yyy", False)])
def test_link_dense_threshold(tail: str, removed_expected: bool) -> None:
    # each item is 3 link chars + the tail: 3/5 = 0.6 (= LINK_DENSE_SHARE) goes, 3/6 = 0.5 stays
    assert H.LINK_DENSE_SHARE == 0.6
    items = "".join(f"<li><a>ab{i}</a>{tail}</li>" for i in range(3))
    text, removed = run(article(f"<ul>{items}</ul>"))
    assert (f"ab0{tail}" not in text) is removed_expected
    assert ("html.link_dense" in removed.values()) is removed_expected


def test_text_outside_the_article_container_is_removed_title_kept() -> None:
    page = (f'<div class="top"><h1>Harbour wall delayed</h1></div><div id="story"><p>{PARA}</p>'
            f'<p>{PARA2}</p><p>{PARA3}</p></div><div class="box">Weather: sunny, 12 degrees</div>')
    text, removed = run(page)
    assert text == f"Harbour wall delayed\n{PARA}\n{PARA2}\n{PARA3}"
    assert removed == {"Weather: sunny, 12 degrees": "html.outside_main"}


def test_whole_page_form_is_not_furniture() -> None:
    # ASP.NET pages wrap the whole body in one form
    text, removed = run(f'<form id="aspnetForm"><nav><a>Home</a></nav>{article()}</form>')
    assert removed == {"Home": "html.nav"}
    assert text.startswith("Harbour wall delayed\n")


def test_body_class_naming_comments_removes_nothing() -> None:
    res = clean(f'<html><body class="single comments-open">{article()}</body></html>', html=True,
                only=("html",))
    assert res.removed == ()


def test_plain_text_documents_are_left_alone() -> None:
    res = clean("Home | News\n" + PARA, html=False, only=("html",))
    assert res.removed == ()


def test_hostile_100k_nested_divs() -> None:
    depth = 100_000
    page = ("<!DOCTYPE html><html><head><title>deep</title></head><body>" + "<div>" * depth
            + "<p>Text at the bottom of a very deep tree.</p>" + "</div>" * depth + "</body></html>")
    res = clean(page, html=True, only=("html",))
    assert res.text == "Text at the bottom of a very deep tree."


def test_nbsp_is_preserved() -> None:
    text, _ = run(article().replace("Tuesday", "Tuesday,\u00a010\u00a0km away"))
    assert "Tuesday,\u00a010\u00a0km away" in text


def test_pre_keeps_its_lines() -> None:
    src, blocks = visible_blocks("<body><p>Code:</p><pre>def f():\n    return 1\n\nprint(f())</pre></body>")
    assert src == "Code:\ndef f():\n    return 1\nprint(f())"
    assert [b.tag for b in blocks] == ["p", "pre", "pre", "pre"]


def test_blocks_carry_ancestor_ids() -> None:
    _, blocks = visible_blocks('<body><div id="a"><p>one</p><p>two</p></div><p>three</p></body>')
    assert [len(b.ids) == len(b.path) for b in blocks] == [True, True, True]
    assert blocks[0].ids[:-1] == blocks[1].ids[:-1]  # same div, different p
    assert blocks[0].ids[-1] != blocks[1].ids[-1]
    assert blocks[0].path[-2] == "div#a"


def test_unclosed_title_does_not_swallow_the_page() -> None:
    page = "<html><head><title>Broken" + "<div>x</div>" * 300 + f"</head><body><p>{PARA}</p></body></html>"
    text, _ = visible_blocks(page)
    assert PARA in text


def test_control_article_body_survives() -> None:
    body = [PARA, PARA2, PARA3]
    page = ('<!DOCTYPE html><html><head><title>T</title></head><body>'
            '<nav><a href="/">Home</a> | <a href="/news">News</a></nav><article><h1>Harbour wall</h1>'
            '<p class="byline">By Staff Reporter | 3 March 2024</p>' + "".join(f"<p>{s}</p>" for s in body)
            + '<figure><img src="x.jpg"><figcaption>The pier. Photo: Harbour Society</figcaption></figure>'
            '</article><div class="share">Share this: <a>Facebook</a> <a>Twitter</a></div>'
            '<section id="comments"><h3>Leave a Reply</h3><form><label>Comment</label><textarea></textarea>'
            '</form></section><footer>&copy; 2024 Harbour Gazette. All rights reserved.</footer></body></html>')
    text = clean(page, html=True, only=("html",)).text
    for s in body:
        assert s in text
    for gone in ("Home", "Share this", "Leave a Reply", "All rights reserved"):
        assert gone not in text


@pytest.mark.parametrize(("regex", "yes", "no"), [
    (P.HTML_COMMENTS_NAME_RE, ["comments", "comment-list", "commentlist", "disqus_thread", "kommentare"],
     ["commentary", "recommend"]),
    (P.HTML_SHARE_NAME_RE, ["share-bar", "socialshare", "addthis_toolbox", "compartir"], ["shared-folder"]),
    (P.HTML_RELATED_NAME_RE, ["related-posts", "most-read", "outbrain", "relacionados"], ["unrelatedness"]),
    (P.HTML_NAV_NAME_RE, ["nav", "main-menu", "breadcrumbs", "pagination"], ["canvas", "menuitem-text"]),
    (P.HTML_FOOTER_NAME_RE, ["footer", "site-footer", "copyright"], ["footnote"]),
    (P.HTML_HEADER_NAME_RE, ["masthead", "site-header", "topbar"], ["entry-header", "header"]),
    (P.HTML_SIDEBAR_NAME_RE, ["sidebar", "right-column", "sidebox"], ["columnist", "trail"]),
    (P.HTML_PROMO_NAME_RE, ["ad", "ad-slot", "newsletter-box", "cookie-banner", "gdpr"], ["head", "add", "load"]),
    (P.HTML_CONTENT_NAME_RE, ["entry-content", "article-body", "post"], ["poster", "contents-menu2x"]),
])
def test_name_vocabulary(regex, yes: list[str], no: list[str]) -> None:
    assert [n for n in yes if not regex.search(n)] == []
    assert [n for n in no if regex.search(n)] == []


def test_furniture_reason_by_tag_role_and_name() -> None:
    assert H.furniture_reason("aside") == "html.aside"
    assert H.furniture_reason("div[contentinfo]") == "html.footer"
    assert H.furniture_reason("div.site-footer") == "html.footer"
    assert H.furniture_reason("div.post-footer") is None  # names of the article win
    assert H.furniture_reason("div.entry-content") is None
    assert H.furniture_reason("body.comments-open") is None
    assert H.furniture_reason("form") == "html.form"
    assert H.furniture_reason("div.related-posts") == "html.related"
    assert H.furniture_reason("div.newsletter-box") == "html.promo"
    assert H.furniture_reason("div.wrap.has-sidebar") is None  # a layout switch, not the sidebar


def test_byline_between_title_and_container_is_kept() -> None:
    page = (f'<div class="top"><a>Home</a><h1>Harbour wall delayed</h1><p>By Ann Lee, 3 March 2024</p>'
            f'<p><a>Share on Facebook</a></p></div><div id="story"><p>{PARA}</p><p>{PARA2}</p>'
            f'<p>{PARA3}</p></div>')
    text, removed = run(page)
    assert text == f"Harbour wall delayed\nBy Ann Lee, 3 March 2024\n{PARA}\n{PARA2}\n{PARA3}"
    assert removed == {"Home": "html.outside_main", "Share on Facebook": "html.outside_main"}


# --- container choice: named containers, listing pages, sidebars spared by the prose guard ---------

LONG_TEASER = ("A long teaser about the regional elections, the turnout in the villages, the count that "
               "went on past midnight, and the coalition talks that are expected to last for weeks.")


def test_named_weak_container_drops_prose_outside_it() -> None:
    # the container names itself the article, so the long teasers in a plain box beside it go even
    # though they hold more prose than the article (without the name they would be kept: weak)
    gap = "<p>Advertisement</p><p>More news</p><p>Latest</p>"  # more than MAX_GAP short lines
    teasers = "".join(f"<div><p>{LONG_TEASER} {i}</p></div>" for i in range(3))
    for cls, kept in (("entry-content", False), ("box", True)):
        text, _ = run(f'<div class="{cls}"><p>{PARA}</p><p>{PARA2}</p></div>{gap}{teasers}')
        assert text.startswith(f"{PARA}\n{PARA2}")
        assert (LONG_TEASER in text) is kept


def post(i: int, paras: list[str]) -> str:
    """One entry of a blog front page: its text two levels down, a footer of short lines after it."""
    body = "".join(f"<p>{t}</p>" for t in paras)
    return (f'<div id="post-{i}" class="post author-{i}"><h2>Post {i}</h2><div class="body">{body}</div>'
            "<p>Posted by Ann</p><p>Tags: harbour</p><p>3 comments</p></div>")


@pytest.mark.parametrize(("second", "listing"), [([PARA, PARA2, PARA3], True), ([PARA, PARA2], False)])
def test_repeat_share_threshold(second: list[str], listing: bool) -> None:
    # the second entry's body shaped like the best one (div.body): together they hold 2.0 times the
    # best one's prose (= REPEAT_SHARE: their common ancestor is the container), or 1.67 (not)
    assert H.REPEAT_SHARE == 2.0
    page = f'<div class="top"><a>Home</a></div><div id="posts">{post(1, [PARA, PARA2, PARA3])}{post(2, second)}</div>'
    text, removed = run(page)
    assert removed["Home"] == "html.outside_main"
    assert text.startswith(f"Post 1\n{PARA}\n{PARA2}\n{PARA3}")
    assert (f"Post 2\n{PARA}" in text) is listing
    assert ("Posted by Ann" in text) is listing  # the entry's footer: inside the listing container only


def test_listing_entries_match_on_tag_and_first_class() -> None:
    assert H._shape("div#post-12.entry.author-x[article]") == "div.entry"
    assert H._shape("td.writeup_text") == "td.writeup_text"
    assert H._shape("div#storybody") == "div"  # no class: no shape, never a listing


@pytest.mark.parametrize(("n_side", "switched"), [(10, True), (11, False)])
def test_furnished_share_threshold(n_side: int, switched: bool) -> None:
    # a sidebar holding most of the prose is spared by the prose guard, and its box scores n_side
    # times the article: at 1/10 (= FURNISHED_SHARE) the article outside the sidebar still wins
    assert H.FURNISHED_SHARE == 0.1
    side = "".join(f"<p>{PARA}</p>" for _ in range(n_side))
    page = (f'<div class="x"><p>{PARA}</p></div><nav><a>Home</a> <a>News</a></nav>'
            f'<div id="sidebar"><div class="box">{side}</div></div>')
    text, removed = run(page)
    assert removed.get(PARA) == (None if switched else "html.outside_main")
    assert text.count(PARA) == (1 + n_side if switched else n_side)  # the sidebar is kept: weak container


def test_drop_down_options_are_never_the_container() -> None:
    # a forum page: a long <select> of thread titles must not outscore the posts
    options = "".join(f"<option>Forum number {i}, general discussion, news</option>" for i in range(12))
    text, removed = run(f'<form><select class="jump">{options}</select></form>'
                        f'<div class="x"><p>{PARA}</p><p>{PARA2}</p></div>')
    assert text == f"{PARA}\n{PARA2}"
    assert set(removed.values()) == {"html.form"}


def test_table_of_listing_rows_is_the_container() -> None:
    # a result table: each row's cell scores alone; the table's cells hold the listing together
    rows = "".join(f"<tr class='{'odd' if i % 2 else 'even'}'><td>{p}</td></tr>"
                   for i, p in enumerate((PARA, PARA2, PARA3)))
    text, removed = run(f'<div class="top"><a>Home</a></div><table class="results">{rows}</table>')
    assert text == f"{PARA}\n{PARA2}\n{PARA3}"
    assert removed == {"Home": "html.outside_main"}


def test_named_anchor_is_no_link() -> None:
    # old pages leave <a name> open around whole sections: their text is not link text
    _, blocks = visible_blocks('<p><a name="s1">Section one text</p><p><a href="#s1">Back</a></p><p><a>Go</a></p>')
    assert [b.link_chars for b in blocks] == [0, 4, 2]


def test_links_page_keeps_its_lists() -> None:
    # no article container and a page that is mostly links: its lists are what the page says
    lists = "".join(f"<h3>Topic {t}</h3><ul>" + "".join(f"<li><a>Useful site {t}{i}</a></li>" for i in range(4))
                    + "</ul>" for t in "ab")
    text, removed = run(f"<h1>Some useful web sites</h1>{lists}")
    assert removed == {}
    assert text.count("Useful site") == 8
    # the same lists next to an article are link lists
    text, removed = run(article(lists))
    assert set(removed.values()) == {"html.link_dense"}


def test_author_box_under_the_post_is_an_aside() -> None:
    box = ('<div class="author-bio"><h4>About the author</h4><p>Ann Lee writes about harbours, ferries and '
           'the people who keep them running, and lives by the sea.</p></div>')
    text, removed = run(article(box))
    assert text == f"Harbour wall delayed\n{PARA}\n{PARA2}\n{PARA3}"
    assert set(removed.values()) == {"html.aside"}


def test_camel_case_names_are_split() -> None:
    assert H.describe_parts("div#readerComments.storyTextDefault") == (
        "div", "", ("reader-comments", "story-text-default"))
    assert H.furniture_reason("div#readerComments") == "html.comments"
    assert H.furniture_reason("div.relatedArticleRow") == "html.related"  # related beats the content word
    assert H.furniture_reason("div.articleBody") is None


def test_inline_sidebar_name_is_a_text_style() -> None:
    # newspapers style their "sidebar" (a boxed companion story) with span classes
    assert H.furniture_reason("span.sidebarTitle") is None
    assert H.furniture_reason("div.sidebar") == "html.aside"
    assert H.furniture_reason("span.share-count") == "html.share"  # other inline furniture still counts


def test_furniture_around_a_named_article_is_not_overruled() -> None:
    # the article sits in a share wrapper (a misnomer) that the prose guard spares; a short box
    # named "text" elsewhere must not win the container for it
    story = "".join(f"<p>{p}</p>" for p in (PARA, PARA2, PARA3) * 3)
    gap = "<p>Advertisement</p><p>More news</p><p>Latest</p>"
    page = (f'<div class="share-wrapper"><div class="article"><h1>Harbour wall delayed</h1>{story}</div></div>'
            f'{gap}<div class="extra"><div class="text-area"><p>{PARA}, and more, and more.</p></div></div>')
    text, _ = run(page)
    assert text == f"Harbour wall delayed\n{PARA}\n{PARA2}\n{PARA3}\n{PARA}\n{PARA2}\n{PARA3}\n{PARA}\n{PARA2}\n{PARA3}"


@pytest.mark.parametrize(("blurbs", "removed_expected"), [(1, True), (2, False)])
def test_teaser_share_threshold(blurbs: int, removed_expected: bool) -> None:
    # items of a headline link and 1 blurb: half the blocks are linked headings (= TEASER_SHARE)
    assert H.TEASER_SHARE == 0.5
    items = "".join(f"<li><h3><a>Gallery {i}</a></h3>" + "<p>The best pictures of the day</p>" * blurbs + "</li>"
                    for i in range(3))
    text, removed = run(article(f'<div class="more"><h2>More galleries</h2><ul>{items}</ul></div>'))
    assert ("Gallery 0" not in text) is removed_expected
    assert ("html.link_dense" in removed.values()) is removed_expected
    assert PARA3 in text
