"""Post rendering: Markdown in, sanitised HTML out, against a corpus of XSS payloads."""

import re
from html.parser import HTMLParser

import pytest

from forums.markdown import mentioned_usernames, render_markdown

XSS_PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "<img src=x onerror=alert(1)>",
    "<img src=\"javascript:alert('x')\">",
    '<svg onload="alert(1)">',
    "<svg><script>alert(1)</script></svg>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<body onload=alert(1)>",
    '<iframe src="https://evil.example"></iframe>',
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    '<object data="javascript:alert(1)"></object>',
    '<embed src="javascript:alert(1)">',
    '<form action="javascript:alert(1)"><button>go</button></form>',
    '<input autofocus onfocus="alert(1)">',
    '<a href="javascript:alert(1)">x</a>',
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>',
    '<a href="&#x6A;avascript:alert(1)">x</a>',
    '<a href="jav\tascript:alert(1)">x</a>',
    '<a href="vbscript:msgbox(1)">x</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    '<div style="background:url(javascript:alert(1))">x</div>',
    '<div style="width: expression(alert(1))">x</div>',
    "<style>body{background:url(javascript:alert(1))}</style>",
    '<link rel="stylesheet" href="https://evil.example/x.css">',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<base href="https://evil.example/">',
    "<!-- <script>alert(1)</script> -->",
    "<!--[if gte IE 4]><script>alert(1)</script><![endif]-->",
    "<details open ontoggle=alert(1)>",
    "<video><source onerror=alert(1)></video>",
    "<audio src=x onerror=alert(1)>",
    "<marquee onstart=alert(1)>",
    '<a href="#" onclick="alert(1)">click</a>',
    "[click](javascript:alert(1))",
    "[click](JAVASCRIPT:alert(1))",
    "[click](javascript&#58;alert(1))",
    "[click](&#106;avascript:alert(1))",
    "[click](vbscript:msgbox(1))",
    "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[click](  javascript:alert(1))",
    '[click](https://ok.example "title" onmouseover="alert(1)")',
    "![img](javascript:alert(1))",
    '![img](https://evil.example/x.png" onerror="alert(1))',
    "![img](x onerror=alert(1))",
    "[ref][1]\n\n[1]: javascript:alert(1)",
    "<javascript:alert(1)>",
    "<data:text/html,<script>alert(1)</script>>",
    '<http://ok.example/"onmouseover="alert(1)>',
    "[x](//evil.example/steal)",
    "[x](/\\evil.example)",
    "<a href='x' <script>alert(1)</script>",
    "<scr\x00ipt>alert(1)</scr\x00ipt>",
    "<img src=x:alert(alt) onerror=eval(src) alt=0>",
    "`<script>alert(1)</script>`",
    "```html\n<script>alert(1)</script>\n```",
    "<textarea><script>alert(1)</script></textarea>",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
]


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.attributes = [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attributes.extend((tag, name, value or "") for name, value in attrs)


EXECUTABLE_TAGS = {"script", "iframe", "object", "embed", "form", "input", "style", "link", "meta", "base", "svg",
                   "math", "img", "video", "audio", "source", "body", "details", "marquee", "textarea", "noscript",
                   "button"}  # fmt: skip
SAFE_URL = re.compile(r"^(https?://|mailto:|/(?![/\\])|#)", re.I)


def test_the_corpus_is_large_enough():
    assert len(XSS_PAYLOADS) >= 40


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_rendered_payload_contains_nothing_executable(payload):
    html = render_markdown(payload)
    parsed = _Collector()
    parsed.feed(html)
    assert not EXECUTABLE_TAGS & set(parsed.tags), html
    for _tag, name, value in parsed.attributes:
        assert not name.startswith("on"), html
        assert name not in {"style", "src", "srcdoc", "action", "formaction", "data"}, html
        if name == "href":
            assert SAFE_URL.match(value.strip()), html
    assert "<!--" not in html


def test_markdown_formatting_survives_sanitising():
    html = render_markdown("**Cepat** and *rapi*\n\n- satu\n- dua\n\n[SOP](https://dukcapil.example.go.id/sop)")
    assert "<strong>Cepat</strong>" in html and "<em>rapi</em>" in html and "<li>satu</li>" in html
    assert 'href="https://dukcapil.example.go.id/sop"' in html
    assert 'rel="nofollow noopener noreferrer"' in html


def test_typed_html_is_shown_as_text():
    assert "&lt;b&gt;tebal&lt;/b&gt;" in render_markdown("<b>tebal</b>")


def test_mentions_become_links_and_are_found_outside_code():
    html = render_markdown("Terima kasih @siti.rahayu. Dan @budi!")
    assert '<a class="mention" href="/forums/search/?q=%40siti.rahayu"' in html
    assert ">@siti.rahayu</a>. Dan" in html
    assert mentioned_usernames("hi @andi and @budi, see `@kode` and ```\n@blok\n``` mail a@b.id") == {"andi", "budi"}
