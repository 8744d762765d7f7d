"""Element names of a flattened HTML page: what a ``tag#id.class[role]`` descriptor says an element is.

:func:`furniture_reason` names page furniture by tag, ARIA role and id/class vocabulary
(``patterns.HTML_*_NAME_RE``), :func:`class_weight` is readability's class weight. Used by the
``html`` cleaner (``cleaners/html.py``, where the rules and reason ids are documented).
"""

from __future__ import annotations

import re
from functools import lru_cache

from .patterns import (
    HTML_AUTHOR_BOX_NAME_RE,
    HTML_COMMENTS_NAME_RE,
    HTML_CONTENT_NAME_RE,
    HTML_DIALOG_NAME_RE,
    HTML_FOOTER_NAME_RE,
    HTML_HEADER_NAME_RE,
    HTML_LAYOUT_NAME_RE,
    HTML_NAMES_RE,
    HTML_NAV_NAME_RE,
    HTML_PROMO_NAME_RE,
    HTML_RELATED_NAME_RE,
    HTML_SHARE_NAME_RE,
    HTML_SIDEBAR_NAME_RE,
)

NAV, HEADER, FOOTER, ASIDE, FORM = "html.nav", "html.header", "html.footer", "html.aside", "html.form"
COMMENTS, SHARE, RELATED, PROMO = "html.comments", "html.share", "html.related", "html.promo"

TAG_REASONS = {"nav": NAV, "footer": FOOTER, "aside": ASIDE, "form": FORM, "header": HEADER}
ROLE_REASONS = {"navigation": NAV, "menu": NAV, "menubar": NAV, "banner": HEADER, "contentinfo": FOOTER,
                "complementary": ASIDE, "search": FORM}
NAME_REASONS = ((HTML_COMMENTS_NAME_RE, COMMENTS), (HTML_SHARE_NAME_RE, SHARE),
                (HTML_RELATED_NAME_RE, RELATED), (HTML_NAV_NAME_RE, NAV), (HTML_FOOTER_NAME_RE, FOOTER),
                (HTML_HEADER_NAME_RE, HEADER), (HTML_SIDEBAR_NAME_RE, ASIDE), (HTML_PROMO_NAME_RE, PROMO),
                (HTML_DIALOG_NAME_RE, PROMO), (HTML_AUTHOR_BOX_NAME_RE, ASIDE))
CAMEL_RE = re.compile(r"(?<=[a-z])(?=[A-Z])")  # ``readerComments`` names ``reader-comments``
INLINE = frozenset("span a b i em strong font small u label".split())
NEVER_FURNITURE = frozenset({"html", "body", "main", "article"})


@lru_cache(maxsize=1 << 16)
def describe_parts(desc: str) -> tuple[str, str, tuple[str, ...]]:
    """(tag, role, lower-cased id/class names) of a ``tag#id.class[role]`` descriptor.

    >>> describe_parts("div#Comments.box.x[complementary]")
    ('div', 'complementary', ('comments', 'box', 'x'))
    """
    role = ""
    if desc.endswith("]") and "[" in desc:
        desc, _, role = desc[:-1].partition("[")
        role = role.strip().lower()
    cut = min((i for i in (desc.find("#"), desc.find(".")) if i >= 0), default=len(desc))
    return desc[:cut], role, tuple(CAMEL_RE.sub("-", n).lower() for n in HTML_NAMES_RE.findall(desc[cut:]))


@lru_cache(maxsize=1 << 16)
def furniture_reason(desc: str) -> str | None:
    """The reason id an element's descriptor names it furniture by, or None.

    >>> furniture_reason("section#comments"), furniture_reason("div.share-bar"), furniture_reason("p")
    ('html.comments', 'html.share', None)
    """
    tag, role, names = describe_parts(desc)
    if tag in NEVER_FURNITURE:
        return None
    if tag in TAG_REASONS:
        return TAG_REASONS[tag]
    for r in role.split():
        if r in ROLE_REASONS:
            return ROLE_REASONS[r]
    for name in names:
        if (HTML_CONTENT_NAME_RE.search(name) and not HTML_COMMENTS_NAME_RE.search(name)
                and not HTML_RELATED_NAME_RE.search(name)):
            continue  # ``post-footer``, ``main-content``; but ``related-article`` lists other articles
        if HTML_LAYOUT_NAME_RE.match(name):
            continue  # ``has-sidebar``, ``no-comments``: a layout switch, not the widget
        for regex, reason in NAME_REASONS:
            if regex.search(name):
                if reason == ASIDE and tag in INLINE:
                    break  # ``span.sidebar-title``: a newspaper sidebar's text style, not a page column
                return reason
    return None


@lru_cache(maxsize=1 << 16)
def class_weight(desc: str) -> float:
    """Readability's class weight: +25 for article names, -25 for furniture names."""
    _, _, names = describe_parts(desc)
    w = 0.0
    if furniture_reason(desc) is not None:
        w -= 25
    if any(HTML_CONTENT_NAME_RE.search(n) for n in names):
        w += 25
    if tag_of(desc) in ("article", "main"):
        w += 25
    return w


def tag_of(desc: str) -> str:
    """The tag of a descriptor: ``div#x.y[main]`` -> ``div``."""
    return desc.split("#", 1)[0].split(".", 1)[0].split("[", 1)[0]
