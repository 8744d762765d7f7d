"""HTML page -> its full visible text, one block element per line, each block with its DOM context.

beautifulsoup4 with the lxml parser builds the tree (it survives 100k nested elements, where lxml's
own tree stops at depth 256); an explicit stack walks it, so depth never meets Python's recursion
limit. Whitespace runs of ASCII spaces, tabs and line breaks collapse to one space as a browser
renders them; NBSP and other Unicode spaces are kept as they are.
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, NavigableString, Tag
from bs4.element import PreformattedString

from ..model import Block

BLOCK_TAGS = frozenset(
    "address article aside blockquote body br caption center dd details dialog dir div dl dt "
    "fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr html legend li main "
    "menu nav ol optgroup option p pre section summary table tbody td tfoot th thead tr ul".split())
INVISIBLE_TAGS = frozenset("head script style noscript template svg canvas iframe object embed".split())
ASCII_SPACE_RE = re.compile(r"[ \t\n\r\f\v]+")
HIDDEN_STYLE_RE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)


def describe(tag: Tag) -> str:
    """``tag#id.class1.class2[role]``, the descriptor of one ancestor in a block's path.

    >>> from bs4 import BeautifulSoup
    >>> describe(BeautifulSoup('<div id="c" class="a b" role="nav">', "lxml").div)
    'div#c.a.b[nav]'
    """
    out = tag.name
    ident = tag.get("id")
    if isinstance(ident, str) and ident:
        out += "#" + ident.strip()[:60]
    classes = tag.get("class")
    if classes:
        names = classes if isinstance(classes, list) else str(classes).split()
        out += "".join("." + c[:60] for c in names[:8])
    role = tag.get("role")
    if isinstance(role, str) and role:
        out += f"[{role.strip()[:30]}]"
    return out


def _hidden(tag: Tag) -> bool:
    if tag.has_attr("hidden"):
        return True
    if tag.get("aria-hidden") == "true":
        return True
    style = tag.get("style")
    return isinstance(style, str) and bool(HIDDEN_STYLE_RE.search(style))


class _Builder:
    def __init__(self) -> None:
        self.lines: list[str] = []
        self.blocks: list[Block] = []
        self.pos = 0
        self.buf: list[str] = []
        self.buf_path: tuple[str, ...] = ()
        self.buf_links = 0
        self.block_tag = ""

    def text(self, s: str, path: tuple[str, ...], in_link: bool, pre: bool) -> None:
        if not self.buf:
            self.buf_path = path
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
            line = ASCII_SPACE_RE.sub(" ", piece).strip(" ")
            if not line.strip():
                continue
            if self.lines:
                self.pos += 1  # the "\n" joining blocks
            start = self.pos
            self.pos += len(line)
            self.lines.append(line)
            self.blocks.append(Block(start, self.pos, self.block_tag, self.buf_path,
                                     min(self.buf_links, len(line))))
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
    soup = BeautifulSoup(markup, "lxml")
    b = _Builder()
    # stack items: (node, path of its parent, in_link, in_pre, block tag) or a closing marker
    stack: list[tuple[object, tuple[str, ...], bool, bool, str]] = [(soup, (), False, False, "")]
    while stack:
        node, path, in_link, pre, block = stack.pop()
        if isinstance(node, _Close):
            b.flush(node.pre)
            b.block_tag = node.outer
            continue
        if isinstance(node, NavigableString):
            if isinstance(node, PreformattedString):
                continue
            b.text(str(node), path, in_link, pre)
            continue
        if not isinstance(node, Tag):
            continue
        name = node.name
        if name in INVISIBLE_TAGS or _hidden(node):
            continue
        my_path = (*path, describe(node)) if name != "[document]" else path
        is_block = name in BLOCK_TAGS
        child_pre = pre or name == "pre"
        child_link = in_link or name == "a"
        if is_block:
            b.flush(pre)
            b.block_tag = name
            stack.append((_Close(child_pre, block), path, in_link, pre, block))
        for child in reversed(node.contents):
            stack.append((child, my_path, child_link, child_pre, name if is_block else block))
    b.flush()
    return "\n".join(b.lines), tuple(b.blocks)


class _Close:
    """Stack marker: the end of a block element (flush its text, restore the outer block tag)."""

    __slots__ = ("outer", "pre")

    def __init__(self, pre: bool, outer: str) -> None:
        self.pre = pre
        self.outer = outer
