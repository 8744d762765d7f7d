"""DOM-level removals for HTML documents: page furniture, comment sections, text outside the article.

The page arrives flattened (``cleaner.formats.html``): one block per line, each with the descriptors
(``tag#id.class1.class2[role]``) and page-unique ids of its ancestors. Ancestor ids let this cleaner
rebuild the element tree it needs: text, link and "prose" characters summed per element.

1. **Main content.** Readability's idea: every paragraph-like block (>= 25 chars, links < half)
   scores ``1 + commas + min(chars / 100, 3)`` for its parent element and half that for the
   grandparent; an element's score is scaled by ``1 - link density`` and shifted by its class
   names (``article``, ``entry-content`` up; comments, sidebars, share bars down). The best element,
   with its siblings scoring at least a fifth of it, is the article container (a ``header`` inside
   a ``main`` or ``article`` element holding it is the article's own). Two corrections: a best
   element inside furniture that the prose guard (2.) spared (a long sidebar next to a short post)
   yields to the best one outside it scoring at least FURNISHED_SHARE of it, unless an element
   named as the article (``article``, ``entry``, ``post``, ``story``) lies between them
   (``div.share-wrapper > div.article``: the furniture name is the misnomer); and a best element
   repeated on the page (same tag and first class, ``div.entry``) whose repeats hold REPEAT_SHARE
   times its prose is one entry of a listing (a blog's front page): the repeats' common ancestor is
   the container (for a table cell, the cells of its table). Drop-down ``option`` entries never
   score.
2. **Furniture.** An element is furniture by tag (``nav``, ``footer``, ``aside``, ``form``, a
   ``header`` outside the article container), by ARIA role (navigation, banner, contentinfo,
   complementary, search, menu) or by id/class vocabulary (``patterns.HTML_*_NAME_RE``; camelCase
   names are split first: ``readerComments`` is ``reader-comments``). A name holding an article word
   (``post-footer``) is not furniture, unless it also names comments or related lists; an inline
   element (``span.sidebar``) is no sidebar: newspapers style boxed companion stories so. Guard: an
   element that holds the article container, or at least half of the page's prose, is never
   furniture (ASP.NET pages wrap the whole body in one ``form``; WordPress puts ``comments-open``
   on ``body``).
3. **Outside the article.** Blocks outside the container go, except the page title (a heading
   ``h1``-``h3`` in the TITLE_WINDOW blocks before the container, with the byline/date lines
   between them) and prose continuing the container (up to MAX_GAP other blocks away). A weak
   container (under DOMINANT_SHARE of the page's prose) also keeps every long prose block or pair
   of prose blocks outside it: old table layouts split one article over several cells. A container
   named as the article (``entry-content``, ``article``) is never weak: the prose outside it is a
   sidebar's or a teaser list's.
4. **Link-dense lists** inside the container: an element of >= 3 blocks whose text is >= 60% links
   (``<a name>`` anchors are no links), or whose blocks are at least TEASER_SHARE headings that are
   each one link (a grid of teasers: headline links and their blurbs). A page with no container
   whose text is mostly links is a links page: its lists stay.

Reason ids (a span covers whole lines of the page's visible text; the furniture ones are declared
with :func:`~cleaner.cleaners.htmlnames.furniture_reason` in ``htmlnames.py``):
- ``html.nav``: navigation: ``nav``, role navigation/menu, menu/breadcrumb/pagination names.
- ``html.header``: a page header (``header`` outside the article, role banner, masthead names).
- ``html.footer``: ``footer``, role contentinfo, footer/copyright names.
- ``html.aside``: ``aside``, role complementary, sidebar/widget names, author bio boxes.
- ``html.form``: ``form``, role search.
- ``html.comments``: a comment section by id/class (``#comments``, ``.commentlist``, disqus, ...).
- ``html.share``: share and social widgets by id/class.
- ``html.related``: related/recommended/most-read lists by id/class.
- ``html.promo``: ads, newsletter sign-ups, cookie banners, pop-ups and log-in dialogs by id/class.
- ``html.outside_main``: a block outside the detected article container.
- ``html.link_dense``: a list or box of links inside the article container. A prose paragraph
  in a box that is link-dense as a whole stays (the article's last paragraph often shares its
  container with the "Related posts" list); in a box of teasers it goes.

Known limits: a page without one dominant container (link directories, forums) keeps everything
that no furniture rule names; class vocabularies in other scripts than Latin are not matched.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..model import Block, Document, Finding, Removal
from ..segment import line_span
from . import Cleaner, register
from .htmlnames import (
    COMMENTS,
    FORM,
    HEADER,
    class_weight,
    describe_parts,
    furniture_reason,
)
from .htmlnames import tag_of as _tag
from .patterns import HTML_ARTICLE_NAME_RE

OUTSIDE_MAIN, LINK_DENSE = "html.outside_main", "html.link_dense"

HEADINGS = frozenset({"h1", "h2", "h3"})
TEASER_HEADINGS = frozenset({"h2", "h3", "h4", "h5", "h6"})
CONTROLS = frozenset({"option", "optgroup"})  # a drop-down's entries: never the article's paragraphs

MIN_PARAGRAPH_CHARS = 25
"""A block scores for its parent container only with at least this many characters (readability)."""
SIBLING_SHARE = 0.2
"""Siblings of the best container scoring at least this share of its score join the article."""
GUARD_PROSE_SHARE = 0.5
"""An element holding at least this share of the page's prose characters is never furniture."""
PROSE_CHARS = 80
"""A block of at least this many characters with links under a quarter of them is prose."""
LONE_PROSE_CHARS = 200
"""A prose block outside the article container is kept when this long, or next to other prose."""
DOMINANT_SHARE = 0.5
"""An article container holding less than this share of the page's prose is weak: prose blocks
outside it are kept (long ones, or two in a row)."""
MAX_GAP = 2
"""Non-prose blocks in a row that end the prose continuing the article container."""
LINK_DENSE_SHARE = 0.6
"""An element of >= 3 blocks whose characters are at least this share links is a link list."""
REPEAT_SHARE = 2.0
"""The best container is one entry of a listing page when the elements shaped like it (same tag and
classes) hold at least this many times its prose: their common ancestor becomes the container."""
FURNISHED_SHARE = 0.1
"""A best container inside furniture (a sidebar spared by the prose guard) yields to the best one
outside any furniture scoring at least this share of it."""
TEASER_SHARE = 0.5
"""An element of >= 3 headings that are each one link (h2-h6), making at least this share of its
blocks, is a teaser list (headline links with their blurbs): removed as a link list."""
TITLE_WINDOW = 12
"""How many blocks before the article container are searched for its title heading."""


@register
class HtmlCleaner(Cleaner):
    name = "html"

    def find(self, doc: Document, prior: Sequence[Removal]) -> Finding:
        if doc.format != "html" or not doc.blocks:
            return Finding()
        blocks = doc.blocks
        text = doc.text
        n = len(blocks)
        lens = [b.end - b.start for b in blocks]
        prose = [L >= PROSE_CHARS and b.link_chars * 4 < L for L, b in zip(lens, blocks, strict=True)]
        # per element: descriptor, parent id, chars, links, prose chars, blocks, first block index
        desc: dict[int, str] = {}
        parent: dict[int, int] = {}
        chars: dict[int, int] = {}
        links: dict[int, int] = {}
        good: dict[int, int] = {}
        count: dict[int, int] = {}
        heads: dict[int, int] = {}  # headings that are one link (a teaser's title), per element
        for i, b in enumerate(blocks):
            L, lk, g = lens[i], b.link_chars, lens[i] if prose[i] else 0
            if b.tag in TEASER_HEADINGS and lk * 10 >= L * 9:
                for nid in b.ids:
                    heads[nid] = heads.get(nid, 0) + 1
            prev = 0
            for d, nid in zip(b.path, b.ids, strict=False):
                if nid not in desc:
                    desc[nid] = d
                    parent[nid] = prev
                    chars[nid] = links[nid] = good[nid] = count[nid] = 0
                chars[nid] += L
                links[nid] += lk
                good[nid] += g
                count[nid] += 1
                prev = nid
        total_good = sum(lens[i] for i in range(n) if prose[i])
        total_chars = sum(lens)
        main = self._main(doc, lens, desc, parent, chars, links, good, total_good)
        decisions: list[str | None] = [None] * n
        holders = _ancestors(main, parent)
        # a page without a container whose text is mostly links is a links page: its lists are its text
        links_page = main is None and sum(b.link_chars for b in blocks) >= LINK_DENSE_SHARE * total_chars
        # a weak container (under DOMINANT_SHARE of the prose) keeps the prose outside it, unless
        # its name says it is the article (``entry-content``, ``article``): then the rest is a sidebar
        weak = (main is not None and not any(class_weight(desc[m]) > 0 for m in main)
                and sum(good[m] for m in main) < DOMINANT_SHARE * total_good)
        for i, b in enumerate(blocks):
            inside = main is None or any(nid in main for nid in b.ids)
            reason = None
            for k, (d, nid) in enumerate(zip(b.path, b.ids, strict=False)):
                r = furniture_reason(d)
                if r is None:
                    continue
                if nid in holders:
                    continue  # the element holds the article
                if r != COMMENTS and total_good and good[nid] >= GUARD_PROSE_SHARE * total_good:
                    continue  # a thread may outweigh its article; other furniture may not
                if r == HEADER and (inside or any(_tag(a) in ("article", "main") for a in b.path[:k])):
                    continue  # the article's own header: its title and byline
                if r == FORM and good[nid]:
                    continue  # a form around prose (a product page, a whole-page form) is not a widget
                reason = r
                break
            if reason is None and not inside and not (weak and _article_like(i, lens, prose)):
                reason = OUTSIDE_MAIN
            if reason is None and not links_page:
                for nid in b.ids:
                    if (count[nid] >= 3 and ((links[nid] >= LINK_DENSE_SHARE * chars[nid] and not prose[i])
                                             or heads.get(nid, 0) >= max(3, TEASER_SHARE * count[nid]))
                            and nid not in holders and good[nid] < GUARD_PROSE_SHARE * total_good
                            and chars[nid] * 2 < total_chars):  # not the page itself (a links page)
                        reason = LINK_DENSE
                        break
            decisions[i] = reason
        if main is not None:
            self._keep_title(blocks, decisions, main)
            _keep_adjacent_prose(blocks, decisions, main, lens, prose)
        out = []
        i = 0
        while i < n:
            reason = decisions[i]
            j = i
            while j + 1 < n and decisions[j + 1] == reason:
                j += 1
            if reason is not None:  # one span per run of blocks with one reason
                s, e = line_span(text, blocks[i].start, blocks[j].end)
                out.append(Removal(s, e, reason, text[s:e]))
            i = j + 1
        return Finding(removals=tuple(out))

    def _main(self, doc: Document, lens: list[int], desc: dict[int, str], parent: dict[int, int],
              chars: dict[int, int], links: dict[int, int], good: dict[int, int],
              total_good: int) -> set[int] | None:
        """Ids of the article container elements (best + strong siblings), or None without one."""
        score: dict[int, float] = {}
        tainted: set[int] = set()  # candidates inside (or named as) furniture other than a form
        furnished: dict[int, int] = {}  # candidate -> the furniture holding it and most of the prose
        text = doc.text
        for i, b in enumerate(doc.blocks):
            L = lens[i]
            if L < MIN_PARAGRAPH_CHARS or b.link_chars * 2 >= L or not b.ids or b.tag in CONTROLS:
                continue
            k = _block_index(b)
            pts = 1 + text.count(",", b.start, b.end) + text.count("，", b.start, b.end) + min(L / 100, 3)
            for up, share in ((1, 1.0), (2, 0.5)):
                if k < up:
                    break
                c = b.ids[k - up]
                if c not in score:
                    score[c] = 0.0
                    f = 0
                    for d, a in zip(b.path[:k - up + 1], b.ids, strict=False):
                        r = furniture_reason(d)
                        if r is None:
                            continue
                        if _taints(r, good[a], total_good):
                            tainted.add(c)
                            break
                        f = f or (a if r != FORM else 0)
                    else:
                        if f:
                            furnished[c] = f  # spared by the prose guard only
                score[c] += pts * share
        if not score:
            return None
        final = {}
        for nid, s in score.items():
            if nid in tainted:
                continue
            ld = links[nid] / chars[nid] if chars[nid] else 0.0
            final[nid] = (s + class_weight(desc[nid])) * (1 - ld)
        if not final:
            return None
        best = max(final, key=lambda k: (final[k], -k))
        if best in furnished and not _named_within(best, furnished[best], desc, parent):
            # a long sidebar next to a short article: the article still wins
            f = furnished[best]
            around = _ancestors({f}, parent)  # an element around it needs prose of its own
            clean = [nid for nid in final if nid not in furnished
                     and (nid not in around or good[nid] - good[f] >= LONE_PROSE_CHARS)]
            if clean:
                alt = max(clean, key=lambda k: (final[k], -k))
                if final[alt] > 0 and final[alt] >= FURNISHED_SHARE * final[best]:
                    best = alt
        if final[best] <= 0 or _tag(desc[best]) in ("html", "body"):
            return None  # no container: the text sits in the page body itself
        threshold = max(10.0, SIBLING_SHARE * final[best])
        up = parent.get(best, 0)
        main = {best} | {nid for nid, s in final.items() if parent.get(nid) == up and s >= threshold}
        listing = _repeated_container(best, final, desc, parent, good)
        if listing is not None:  # a page of entries: all of them
            return None if not listing or _tag(desc[listing]) in ("html", "body") else {listing}
        return main

    @staticmethod
    def _keep_title(blocks: Sequence[Block], decisions: list[str | None], main: set[int]) -> None:
        """Keep the heading just before the article container (its title) and the lines between
        them (byline, date) that are not mostly links."""
        first = next((i for i, b in enumerate(blocks) if any(nid in main for nid in b.ids)), None)
        if first is None:
            return
        for i in range(first - 1, max(-1, first - 1 - TITLE_WINDOW), -1):
            if blocks[i].tag in HEADINGS and decisions[i] in (OUTSIDE_MAIN, HEADER):
                decisions[i] = None
                # with the byline and date lines between the title and the container
                for k in range(i + 1, first):
                    b = blocks[k]
                    if decisions[k] == OUTSIDE_MAIN and b.link_chars * 2 < b.end - b.start:
                        decisions[k] = None
                return


def _repeated_container(best: int, final: dict[int, float], desc: dict[int, str], parent: dict[int, int],
                        good: dict[int, int]) -> int | None:
    """The element holding every repeat of the best container, on a page of many entries (a blog's
    front page, a list of news items): elements described like the best one (tag and classes, ids
    aside: ``div#post-12.entry``) that score too, holding together at least REPEAT_SHARE times the
    best one's prose. None when the best container is not repeated so."""
    key = _shape(desc[best])
    floor = SIBLING_SHARE * final[best]
    if key in ("td", "th"):  # cells of one table: the rows of a listing
        table = _table_of(best, desc, parent)
        same = [nid for nid in final if final[nid] >= floor and _tag(desc[nid]) in ("td", "th")
                and _table_of(nid, desc, parent) == table]
    elif "." not in key:
        return None  # a bare ``div`` is no shape
    else:
        lineage = set(_ancestors({best}, parent))
        same = [nid for nid in final if final[nid] >= floor and _shape(desc[nid]) == key
                and (nid == best or (nid not in lineage and best not in _ancestors({nid}, parent)))]
    if len(same) < 2 or sum(good[n] for n in same) < REPEAT_SHARE * max(good[best], 1):
        return None
    # lowest common ancestor of all of them
    chain = []
    p = best
    while p:
        chain.append(p)
        p = parent.get(p, 0)
    common = set(chain)
    depth = {nid: k for k, nid in enumerate(chain)}
    lowest = 0
    for nid in same:
        p = nid
        while p and p not in common:
            p = parent.get(p, 0)
        lowest = max(lowest, depth.get(p, len(chain)))
    return chain[lowest] if lowest < len(chain) else 0


def _named_within(nid: int, top: int, desc: dict[int, str], parent: dict[int, int]) -> bool:
    """Whether an element from ``nid`` up to (not including) ``top`` is named as the article
    (``div.share-wrapper > div.article``: the furniture name is the misnomer)."""
    p = nid
    while p and p != top:
        tag, _, names = describe_parts(desc[p])
        if tag == "article" or any(HTML_ARTICLE_NAME_RE.search(n) for n in names):
            return True
        p = parent.get(p, 0)
    return False


def _table_of(nid: int, desc: dict[int, str], parent: dict[int, int]) -> int:
    """The nearest ``table`` holding a cell (0 without one)."""
    p = parent.get(nid, 0)
    while p and _tag(desc[p]) != "table":
        p = parent.get(p, 0)
    return p


def _shape(d: str) -> str:
    """A descriptor's tag and first class: ``div#post-12.entry.author-x`` -> ``div.entry``."""
    tag = _tag(d)
    dot = d.find(".", len(tag))
    if dot < 0:
        return tag
    end = min((i for i in (d.find(".", dot + 1), d.find("[", dot + 1)) if i >= 0), default=len(d))
    return d[:len(tag)] + d[dot:end]


def _article_like(i: int, lens: list[int], prose: list[bool]) -> bool:
    """A prose block that is long or has a prose neighbour."""
    if not prose[i]:
        return False
    if lens[i] >= LONE_PROSE_CHARS:
        return True
    return (i > 0 and prose[i - 1]) or (i + 1 < len(prose) and prose[i + 1])


def _keep_adjacent_prose(blocks: Sequence[Block], decisions: list[str | None], main: set[int],
                         lens: list[int], prose: list[bool]) -> None:
    """Keep prose blocks outside the container that continue it: walking away from the container's
    first and last blocks, prose blocks are kept until MAX_GAP other blocks in a row or a furniture
    element. A long prose block (>= LONE_PROSE_CHARS) or two prose blocks in a row are needed to
    start past a gap, so that a lone teaser is not kept."""
    inside = [i for i, b in enumerate(blocks) if any(nid in main for nid in b.ids)]
    if not inside:
        return
    first, last = inside[0], inside[-1]
    for i in range(first, last + 1):  # between two container elements
        if decisions[i] == OUTSIDE_MAIN and prose[i]:
            decisions[i] = None
    for rng in (range(last + 1, len(blocks)), range(first - 1, -1, -1)):
        gap = 0
        for i in rng:
            if decisions[i] not in (None, OUTSIDE_MAIN):
                break
            if decisions[i] == OUTSIDE_MAIN and prose[i] and (gap == 0 or lens[i] >= LONE_PROSE_CHARS):
                decisions[i] = None
                gap = 0
                continue
            gap += 1
            if gap > MAX_GAP:
                break


def _taints(reason: str | None, good: int, total_good: int) -> bool:
    """Whether an ancestor named ``reason`` disqualifies a container below it from being the article:
    comment sections always do, other furniture (but forms) unless it holds most of the prose."""
    if reason is None or reason == FORM:
        return False
    return reason == COMMENTS or good < GUARD_PROSE_SHARE * total_good


def _ancestors(main: set[int] | None, parent: dict[int, int]) -> set[int]:
    """The article container elements and every element that holds one."""
    out: set[int] = set()
    for m in main or ():
        p = m
        while p and p not in out:
            out.add(p)
            p = parent.get(p, 0)
    return out


def _block_index(b: Block) -> int:
    """Index in ``b.path`` of the block element owning the text (the innermost ``b.tag``)."""
    for k in range(len(b.path) - 1, -1, -1):
        d = b.path[k]
        if d.startswith(b.tag) and (len(d) == len(b.tag) or d[len(b.tag)] in "#.["):
            return k
    return len(b.path) - 1
