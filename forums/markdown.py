"""Posts are written in Markdown and stored with their sanitised HTML.

Two layers: Markdown runs with raw HTML disabled (typed tags appear as text), then nh3 (ammonia) keeps only an
allow-list of tags and attributes, and links only to http, https, mailto or this site. `@username` becomes a link.
"""

import re
import xml.etree.ElementTree as etree
from urllib.parse import quote

import markdown
import nh3
from markdown.inlinepatterns import InlineProcessor

MENTION_RE = r"(?<![\w@/.])@([A-Za-z0-9_+-][A-Za-z0-9_.+-]{0,148}[A-Za-z0-9_+-])"  # no trailing dot
_MENTION = re.compile(MENTION_RE)

ALLOWED_TAGS = {
    "p", "br", "hr", "strong", "em", "b", "i", "code", "pre", "blockquote", "ul", "ol", "li",
    "h1", "h2", "h3", "h4", "h5", "h6", "a", "table", "thead", "tbody", "tr", "th", "td", "del",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title", "class"}, "th": {"align"}, "td": {"align"}, "ol": {"start"}}
SAFE_SCHEMES = ("http://", "https://", "mailto:")


class _MentionProcessor(InlineProcessor):
    def handleMatch(self, m, data):  # noqa: N802 (Markdown's API)
        link = etree.Element("a")
        link.set("href", f"/forums/search/?q={quote('@' + m.group(1))}")
        link.set("class", "mention")
        # board: the person's name when known (usernames are NIPs in production), the username kept in the title
        name = getattr(self.md, "kinerja_names", {}).get(m.group(1).lower())
        link.text = "@" + (name or m.group(1))
        if name:
            link.set("title", "@" + m.group(1))
        return link, m.start(0), m.end(0)


class _KinerjaExtension(markdown.Extension):
    def extendMarkdown(self, md):  # noqa: N802 (Markdown's API)
        # Raw HTML is shown as text rather than passed through: nothing typed as a tag reaches the page.
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        md.inlinePatterns.register(_MentionProcessor(MENTION_RE, md), "mention", 95)


def _attribute_filter(tag: str, attribute: str, value: str) -> str | None:
    if attribute != "href":
        return value
    compact = re.sub(r"[\x00-\x20]", "", value).lower()
    if compact.startswith(SAFE_SCHEMES):
        return value
    if compact.startswith("/") and not compact.startswith("//") and not compact.startswith("/\\"):
        return value
    if compact.startswith("#"):
        return value
    return None


def render_markdown(source: str, *, names: dict[str, str] | None = None) -> str:
    """Markdown source -> sanitised HTML that is safe to show to every reader. `names` ({lower-case username: full
    name}) shows mentions by name."""
    md = markdown.Markdown(extensions=[_KinerjaExtension(), "fenced_code", "tables", "sane_lists"])
    md.kinerja_names = names or {}
    html = md.convert(source or "")
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        attribute_filter=_attribute_filter,
        link_rel="nofollow noopener noreferrer",
        strip_comments=True,
    )


def mentioned_usernames(source: str) -> set[str]:
    """Usernames written as @username outside code (code spans and blocks are ignored)."""
    without_code = re.sub(r"```.*?```|`[^`]*`", " ", source or "", flags=re.S)
    return set(_MENTION.findall(without_code))
