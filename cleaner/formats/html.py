"""HTML page -> its full visible text, one block element per line, each block with its DOM context.

The parser is lxml's (libxml2's HTML parser), the one beautifulsoup4's ``"lxml"`` builder drives.
:func:`visible_blocks` takes the parser's events (start tag, text, end tag) itself, as bs4's builder
does, and builds the blocks as they come, without building bs4's tree: bs4's per-node Python
objects were three quarters of HTML mode's time. Events are nested as the tree would be, so the
blocks are the same as a walk over bs4's tree (:func:`visible_blocks_bs4`, the reference, kept for
the equivalence tests and as the fallback if the event parser fails). Event parsing survives 100k
nested elements, where lxml's own tree stops at depth 256, and never meets Python's recursion limit.
Whitespace runs of ASCII spaces, tabs and line breaks collapse to one space as a browser renders
them; NBSP and other Unicode spaces are kept as they are.
"""

from __future__ import annotations

import re
import warnings

from bs4 import BeautifulSoup, MarkupResemblesLocatorWarning, NavigableString, Tag, XMLParsedAsHTMLWarning
from bs4.element import PreformattedString
from lxml import etree

from ..model import Block

# XHTML pages parse fine as HTML; a short page that looks like a file name is still a page
warnings.filterwarnings("ignore", category=XMLParsedAsHTMLWarning)
warnings.filterwarnings("ignore", category=MarkupResemblesLocatorWarning)

BLOCK_TAGS = frozenset(
    "address article aside blockquote body br caption center dd details dialog dir div dl dt "
    "fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr html legend li main "
    "menu nav ol optgroup option p pre section summary table tbody td tfoot th thead tr ul".split())
INVISIBLE_TAGS = frozenset("head script style noscript template svg canvas iframe object embed".split())
ASCII_SPACE_RE = re.compile(r"[ \t\n\r\f\v]+")
MAX_PATH = 64  # ancestors kept in a block's path (pages nest 100k deep to break tools)
STRIP_OPEN_RE = re.compile(r"<(script|style|noscript|svg)(?=[\s>/])|<(!--)")
VOID_TAG_RE = re.compile(r"<(?:img|input|meta|link|wbr|area|param|source|track)\b[^<>]{0,4000}>",
                         re.IGNORECASE)
TITLE_OPEN_RE = re.compile(r"<title\b[^<>]{0,200}>", re.IGNORECASE)
SWALLOWED_TITLE_CHARS = 2000
HIDDEN_STYLE_RE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)


def describe(tag: Tag) -> str:
    """``tag#id.class1.class2[role]``, the descriptor of one ancestor in a block's path.

    >>> from bs4 import BeautifulSoup
    >>> describe(BeautifulSoup('<div id="c" class="a b" role="nav">', "lxml").div)
    'div#c.a.b[nav]'
    """
    return _describe(tag.name, tag.attrs)


def _describe(name: str, attrs: dict) -> str:
    if not attrs:
        return name
    out = name
    ident = attrs.get("id")
    if isinstance(ident, str) and ident:
        out += "#" + ident.strip()[:60]
    classes = attrs.get("class")
    if classes:
        names = classes if isinstance(classes, list) else str(classes).split()
        out += "".join("." + c[:60] for c in names[:8])
    role = attrs.get("role")
    if isinstance(role, str) and role:
        out += f"[{role.strip()[:30]}]"
    return out


def _is_link(attrs: dict) -> bool:
    """Whether an ``a`` element is a link: a named anchor without ``href`` (``<a name="s2">``, which
    old pages leave open around whole sections) is only a jump target."""
    return "href" in attrs or "name" not in attrs


def _hidden(attrs: dict) -> bool:
    if "hidden" in attrs or attrs.get("aria-hidden") == "true":
        return True
    style = attrs.get("style")
    return isinstance(style, str) and bool(HIDDEN_STYLE_RE.search(style))


class _Builder:
    def __init__(self) -> None:
        self.lines: list[str] = []
        self.blocks: list[Block] = []
        self.pos = 0
        self.buf: list[str] = []
        self.buf_path: tuple[str, ...] = ()
        self.buf_ids: tuple[int, ...] = ()
        self.buf_links = 0
        self.block_tag = ""

    def text(self, s: str, path: tuple[str, ...], ids: tuple[int, ...], in_link: bool, pre: bool) -> None:
        if not pre and not s.strip(" \t\n\r\f\v"):  # white space between tags: one space at most
            if self.buf:
                self.buf.append(" ")
            return
        if not self.buf:
            self.buf_path = path
            self.buf_ids = ids
        if not pre:
            s = ASCII_SPACE_RE.sub(" ", s)
        self.buf.append(s)
        if in_link:
            self.buf_links += len(s.strip())

    def flush(self, pre: bool = False) -> None:
        if not self.buf:
            return
        raw = "".join(self.buf)
        pieces = raw.split("\n") if pre else [raw]
        for piece in pieces:
            # pre keeps its indentation; elsewhere white space is already collapsed
            line = piece.rstrip(" \t\r\f\v") if pre else ASCII_SPACE_RE.sub(" ", piece).strip(" ")
            if not line.strip():
                continue
            if self.lines:
                self.pos += 1  # the "\n" joining blocks
            start = self.pos
            self.pos += len(line)
            self.lines.append(line)
            self.blocks.append(Block(start, self.pos, self.block_tag, self.buf_path,
                                     min(self.buf_links, len(line)), self.buf_ids))
        self.buf = []
        self.buf_links = 0


def visible_blocks(markup: str) -> tuple[str, tuple[Block, ...]]:
    """The page's visible text (blocks joined by ``\\n``) and its blocks.

    >>> text, blocks = visible_blocks("<body><nav><a>Home</a></nav><p>Hello <b>world</b></p></body>")
    >>> text
    'Home\\nHello world'
    >>> blocks[0].path[-2:], blocks[0].link_chars
    (('nav', 'a'), 4)
    """
    stripped = strip_invisible(markup)
    try:
        target = _events(stripped)
        if target.swallowed_title:
            m = TITLE_OPEN_RE.search(stripped)
            if m is not None:
                target = _events(stripped[:m.start()] + stripped[m.end():])
    except (etree.LxmlError, ValueError, TypeError):
        return visible_blocks_bs4(markup)
    target.b.flush()
    return "\n".join(target.b.lines), tuple(target.b.blocks)


def _events(markup: str) -> _Target:
    target = _Target()
    parser = etree.HTMLParser(target=target, recover=True)
    parser.feed(markup)
    parser.close()
    return target


class _Target:
    """lxml parser target: keeps the open elements' state on a stack and feeds :class:`_Builder`.

    Text arrives in pieces (lxml splits it at entities); the pieces are joined at the next tag, as
    bs4 joins them into one string, so the blocks match the tree walk exactly."""

    def __init__(self) -> None:
        self.b = _Builder()
        self.path: tuple[str, ...] = ()
        self.ids: tuple[int, ...] = ()
        self.link = False
        self.pre = False
        self.block = ""
        self.counter = 0
        self.skip = 0  # depth inside an invisible element
        self.open: list[tuple[tuple[str, ...], tuple[int, ...], bool, bool, str, bool]] = []
        self.pending: list[str] = []
        self.title_depth = 0  # inside <title>: its text length decides whether it swallowed the page
        self.title_chars = 0
        self.title_lt = False

    @property
    def swallowed_title(self) -> bool:
        return self.title_chars > SWALLOWED_TITLE_CHARS and self.title_lt

    def _text(self) -> None:
        s = "".join(self.pending) if len(self.pending) > 1 else self.pending[0]
        self.pending = []
        if self.title_depth:
            self.title_chars += len(s)
            self.title_lt = self.title_lt or "<" in s
        if not self.skip:
            self.b.text(s, self.path, self.ids, self.link, self.pre)

    def start(self, tag: str, attrib: dict) -> None:
        if self.pending:
            self._text()
        if tag == "title":
            self.title_depth += 1
        if self.skip:
            self.skip += 1
            return
        if tag in INVISIBLE_TAGS or (attrib and _hidden(attrib)):
            self.skip = 1
            return
        is_block = tag in BLOCK_TAGS
        self.open.append((self.path, self.ids, self.link, self.pre, self.block, is_block))
        self.counter += 1
        self.path = (*self.path[-(MAX_PATH - 1):], _describe(tag, attrib))
        self.ids = (*self.ids[-(MAX_PATH - 1):], self.counter)
        if is_block:
            self.b.flush(self.pre)
            self.b.block_tag = tag
            self.block = tag
        if tag == "pre":
            self.pre = True
        elif tag == "a" and _is_link(attrib):
            self.link = True

    def end(self, tag: str) -> None:
        if self.pending:
            self._text()
        if tag == "title" and self.title_depth:
            self.title_depth -= 1
        if self.skip:
            self.skip -= 1
            return
        child_pre = self.pre
        self.path, self.ids, self.link, self.pre, outer, is_block = self.open.pop()
        self.block = outer
        if is_block:
            self.b.flush(child_pre)
            self.b.block_tag = outer

    def data(self, data: str) -> None:
        self.pending.append(data)

    def _boundary(self, *args: str) -> None:
        """A comment, processing instruction or doctype ends a text node, as in bs4; so does the end."""
        if self.pending:
            self._text()

    comment = pi = doctype = close = _boundary


def visible_blocks_bs4(markup: str) -> tuple[str, tuple[Block, ...]]:
    """:func:`visible_blocks` by a walk over bs4's tree: the reference the event parser is tested
    against (``tests/test_html_events.py``), and its fallback."""
    soup = _parse(markup)
    b = _Builder()
    counter = 0
    # stack items: (node, path of its parent, ids of that path, in_link, in_pre, block tag);
    # a _Close marker ends a block element
    stack: list[tuple[object, tuple[str, ...], tuple[int, ...], bool, bool, str]] = [
        (soup, (), (), False, False, "")]
    pop, push = stack.pop, stack.append
    while stack:
        node, path, ids, in_link, pre, block = pop()
        if type(node) is NavigableString or (isinstance(node, NavigableString)
                                             and not isinstance(node, PreformattedString)):
            b.text(str(node), path, ids, in_link, pre)
            continue
        if isinstance(node, _Close):
            b.flush(node.pre)
            b.block_tag = node.outer
            continue
        if not isinstance(node, Tag):
            continue
        name = node.name
        attrs = node.attrs
        if name in INVISIBLE_TAGS or (attrs and _hidden(attrs)):
            continue
        if name == "[document]":
            my_path, my_ids = path, ids
        else:
            # the nearest MAX_PATH ancestors: a path per element costs O(depth), not O(depth^2) in all
            counter += 1
            my_path = (*path[-(MAX_PATH - 1):], _describe(name, attrs))
            my_ids = (*ids[-(MAX_PATH - 1):], counter)
        is_block = name in BLOCK_TAGS
        child_pre = pre or name == "pre"
        child_link = in_link or (name == "a" and _is_link(attrs))
        if is_block:
            b.flush(pre)
            b.block_tag = name
            push((_Close(child_pre, block), path, ids, in_link, pre, block))
        child_block = name if is_block else block
        for child in reversed(node.contents):
            push((child, my_path, my_ids, child_link, child_pre, child_block))
    b.flush()
    return "\n".join(b.lines), tuple(b.blocks)


def strip_invisible(markup: str) -> str:
    """``markup`` without what can never be visible text, so that bs4 builds fewer nodes (its
    per-node cost is most of the time of HTML mode): closed ``script``/``style``/``noscript``/``svg``
    elements, ``<!-- -->`` comments and void elements (``img``, ``input``, ``meta``, ...). An element
    or comment left open ends the stripping: the rest goes to the parser as it is. (Dropping inline
    tags such as ``<font>`` too would change how the parser repairs broken nesting.)

    >>> strip_invisible('<p>a<script>x="</p>"</script><b>b</b><!-- c --><img src="d">e</p>')
    '<p>a<b>b</b>e</p>'
    """
    low = markup.lower()
    out: list[str] = []
    pos = 0
    while True:
        m = STRIP_OPEN_RE.search(low, pos)
        if m is None:
            break
        name = m.group(1) or m.group(2)
        if name == "!--":
            j = low.find("-->", m.end())
            end = j + 3 if j >= 0 else -1
        else:
            j = low.find("</" + name, m.end())
            k = low.find(">", j) if j >= 0 else -1
            end = k + 1 if k >= 0 else -1
        if end < 0:
            break
        out.append(markup[pos:m.start()])
        pos = end
    out.append(markup[pos:])
    return VOID_TAG_RE.sub("", "".join(out))


def _parse(markup: str) -> BeautifulSoup:
    """The bs4 tree; a ``<title>`` left open swallows the page (its text is raw markup): such a
    title (over SWALLOWED_TITLE_CHARS characters holding ``<``) is dropped and the page parsed again."""
    markup = strip_invisible(markup)
    soup = BeautifulSoup(markup, "lxml", multi_valued_attributes=None)
    m = TITLE_OPEN_RE.search(markup)
    if m is None or "</title" in markup[m.end():m.end() + SWALLOWED_TITLE_CHARS].lower():
        return soup  # no title, or one that is closed in time (no tree search needed)
    title = soup.find("title")
    if title is not None:
        inner = title.get_text()
        if len(inner) > SWALLOWED_TITLE_CHARS and "<" in inner:
            soup = BeautifulSoup(markup[:m.start()] + markup[m.end():], "lxml", multi_valued_attributes=None)
    return soup


class _Close:
    """Stack marker: the end of a block element (flush its text, restore the outer block tag)."""

    __slots__ = ("outer", "pre")

    def __init__(self, pre: bool, outer: str) -> None:
        self.pre = pre
        self.outer = outer
