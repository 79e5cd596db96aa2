"""One-article HTML pages: body without chrome, metadata, dates at the page's own precision."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from storyline.extract import extract_page
from storyline.extract.html import extract_html
from storyline.extract.html_body import drop_boilerplate, drop_title_repeats, trim_unsupported_edges
from storyline.extract.html_dates import find_publication_date
from storyline.models import FetchedPage

FETCHED = datetime(2025, 8, 1, 9, 0, tzinfo=UTC)

PARAGRAPHS = [
    "BRUSSELS — European Union trade ministers agreed on Thursday to tighten screening of foreign investment "
    "in semiconductor plants, after a two-day meeting that exposed divisions over how far the bloc should go.",
    "The new rules require member states to notify the European Commission of any acquisition above a "
    "threshold in companies that design or make chips, and give Brussels a say in reviewing the deals.",
    "Several smaller member states had argued that the screening would deter investment they badly need, "
    "while larger economies pressed for a common approach to protect supply chains.",
    "The ministers also discussed export controls on advanced lithography equipment, a subject on which "
    "the bloc has so far left decisions to national capitals.",
    "A final text is expected to be adopted by the Council in the autumn, diplomats said.",
]


def news_page(
    *, published: str = "2025-07-31T14:25:00+02:00", jsonld_date: str | None = None, extra_head: str = ""
) -> str:
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    jsonld = jsonld_date or published
    return f"""<!DOCTYPE html><html lang="en-GB"><head>
<meta charset="utf-8"><title>EU ministers tighten chip investment screening | The Continental Post</title>
<meta property="og:title" content="EU ministers tighten chip investment screening">
<meta property="og:site_name" content="The Continental Post">
<meta property="og:url" content="https://continental-post.example/trade/eu-chip-screening">
<meta property="article:published_time" content="{published}">
<meta name="author" content="Marta Velasco">
<meta property="article:section" content="Trade">
<meta property="article:tag" content="semiconductors">
<script type="application/ld+json">{{"@type": "NewsArticle", "headline": "EU ministers tighten chip investment screening",
 "datePublished": "{jsonld}", "author": {{"@type": "Person", "name": "Marta Velasco"}}}}</script>
{extra_head}</head><body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/trade">Trade</a></li><li><a href="/world">World</a></li></ul></nav>
<form><input name="q" placeholder="Search"></form></header>
<main><article><h1>EU ministers tighten chip investment screening</h1>
<div class="byline">By Marta Velasco</div>
{body}
<p>Read more: How Europe's chip strategy took shape</p>
<div class="newsletter"><p>Sign up for our daily trade briefing and get the news in your inbox.</p></div>
</article>
<aside><h2>Most read</h2><ol><li><a href="/1">Central bank holds rates steady again</a></li>
<li><a href="/2">Port strike enters its third week</a></li><li><a href="/3">Farm ministers clash over subsidy reform</a></li></ol></aside>
</main><footer><p>© 2025 The Continental Post. All rights reserved.</p><p><a href="/privacy">Privacy</a></p></footer>
</body></html>"""


def extract(page: str, url: str | None = "https://continental-post.example/trade/eu-chip-screening?ref=rss"):
    return extract_html(page, source="page.html", url=url, fetched_at=FETCHED)


def test_body_is_the_article_without_chrome():
    result = extract(news_page())
    assert result.outcome == "ok" and len(result.articles) == 1
    body = result.articles[0].body
    assert body.startswith("European Union trade ministers agreed on Thursday")
    assert body.endswith("diplomats said.")
    for chrome in (
        "Home",
        "Read more",
        "Sign up",
        "All rights reserved",
        "Central bank holds rates",
        "Privacy",
    ):
        assert chrome not in body
    assert "\n\n" in body and "EU ministers tighten chip investment screening" not in body


def test_metadata_title_outlet_authors_url_sections():
    art = extract(news_page()).articles[0]
    assert art.title == "EU ministers tighten chip investment screening"
    assert art.outlet == "The Continental Post"
    assert art.authors == ["Marta Velasco"]
    assert art.url == "https://continental-post.example/trade/eu-chip-screening"
    assert art.language == "en"
    assert art.dateline == "BRUSSELS"
    assert "Trade" in art.categories and "semiconductors" in art.tags


def test_published_keeps_the_page_time_and_zone():
    art = extract(news_page()).articles[0]
    assert art.published == datetime(2025, 7, 31, 12, 25, tzinfo=UTC)
    assert art.published.utcoffset() == timedelta(hours=2)
    assert art.extra["published_precision"] == "minute"
    assert art.published_text == "2025-07-31T14:25:00+02:00"


def test_date_only_pages_get_day_precision():
    art = extract(news_page(published="2025-07-31", jsonld_date="2025-07-31")).articles[0]
    assert art.published == datetime(2025, 7, 31, tzinfo=UTC)
    assert art.extra["published_precision"] == "day"


def test_dates_after_the_fetch_are_refused():
    page = news_page(published="2025-09-15T10:00:00+00:00", jsonld_date="2025-09-15T10:00:00+00:00")
    found = find_publication_date(page, fetched_at=FETCHED)
    assert found is None or found.when <= FETCHED


def test_page_without_article_is_an_outcome():
    page = (
        "<html><head><title>Index</title></head><body><nav><a href='/a'>World</a> <a href='/b'>Business</a>"
        "</nav><footer>© 2025 Example</footer></body></html>"
    )
    result = extract(page, url=None)
    assert result.outcome == "no-article" and result.articles == []


def test_extract_page_dispatches_html_bytes():
    page = FetchedPage(
        source="page.html",
        content=news_page().encode("utf-8"),
        fetched_at=FETCHED,
        url="https://continental-post.example/x",
    )
    result = extract_page(page)
    assert result.articles[0].title == "EU ministers tighten chip investment screening"


def test_wire_credit_is_split_off():
    page = news_page().replace("diplomats said.</p>", "diplomats said. (Reuters)</p>")
    art = extract(page).articles[0]
    assert art.wire == "Reuters" and "(Reuters)" not in art.body


def test_edge_trimming_keeps_supported_middle_and_drops_unsupported_edges():
    paras = [
        "Related: other story",
        "Alpha beta gamma delta.",
        "Unconfirmed middle words here.",
        "Epsilon zeta eta theta.",
        "Join our newsletter today",
    ]
    opinions = ["Alpha beta gamma delta. Epsilon zeta eta theta.", ""]
    assert trim_unsupported_edges(paras, opinions) == paras[1:4]
    # when the opinions would leave less than half, they are not trusted
    assert trim_unsupported_edges(paras, ["Alpha beta gamma delta."]) == paras


def test_title_repeats_and_boilerplate_lines_are_dropped():
    paras = ["EU ministers tighten chip screening", "Body sentence one is here.", "Read more: another story"]
    assert drop_title_repeats(paras, "EU ministers tighten chip screening | Site") == paras[1:]
    assert drop_boilerplate(paras) == paras[:2]


def test_copyright_wire_credit_line_survives_boilerplate_removal_as_wire():
    page = news_page().replace("diplomats said.</p>", "diplomats said.</p><p>© KYODO</p>")
    art = extract(page).articles[0]
    assert art.wire == "Kyodo" and "KYODO" not in art.body
    assert drop_boilerplate(["Body text here.", "© KYODO", "© 2025 Example Media"]) == [
        "Body text here.",
        "© KYODO",
    ]


def test_headline_is_the_visible_h1_not_the_seo_title_or_logo():
    page = (
        news_page()
        .replace("<header>", "<header><h1>The Continental Post</h1>")
        .replace(
            '<meta property="og:title" content="EU ministers tighten chip investment screening">',
            '<meta property="og:title" content="Chip screening: what the EU decided">',
        )
    )
    art = extract(page).articles[0]
    assert art.title == "EU ministers tighten chip investment screening"


def test_html_fragment_without_document_wrapper_is_read():
    fragment = "".join(f"<p>{p}</p>" for p in PARAGRAPHS[1:])
    result = extract(fragment, url=None)
    assert result.outcome == "ok"
    assert result.articles[0].body.startswith("The new rules require member states")


def test_markup_free_text_goes_to_the_text_dump_splitter():
    text = "\n".join(PARAGRAPHS[1:])
    result = extract(text, url=None)
    assert result.outcome == "ok"
    assert "The new rules require member states" in result.articles[0].body


def test_nul_bytes_are_not_html():
    assert extract("\x00\x01\x02 binary", url=None).outcome == "not-html"


def test_feed_entry_fills_what_the_page_leaves_unknown():
    page = f"<html><body><article>{''.join(f'<p>{p}</p>' for p in PARAGRAPHS)}</article></body></html>"
    fp = FetchedPage(
        source="feed.xml",
        content=page.encode(),
        fetched_at=FETCHED,
        url="https://x.example/a",
        feed_entry={
            "title": "Chip screening agreed",
            "author": "Ana Ruiz",
            "published": "2025-07-31T08:00:00+00:00",
            "link": "https://x.example/a",
        },
    )
    art = extract_page(fp).articles[0]
    assert art.title == "Chip screening agreed" and art.authors == ["Ana Ruiz"]
    assert art.published == datetime(2025, 7, 31, 8, 0, tzinfo=UTC)
    # a page's own metadata is never overridden
    fp.content = news_page().encode()
    assert extract_page(fp).articles[0].title == "EU ministers tighten chip investment screening"


JA_PARAGRAPHS = [
    "外務省は三十日、経済安全保障を担当する課を新設すると発表した。半導体や重要鉱物の供給網を強化する狙いがある。",
    "新しい課は八月一日に発足し、人工知能やデジタル化に関わる外交戦略も扱う。約二十年ぶりの大規模な組織改編となる。",
    "欧州局には経済戦略を担う参事官級のポストを設け、日本と欧州の経済関係の拡大に備える。",
]


def test_japanese_shift_jis_page_becomes_an_article():
    body = "".join(f"<p>{p}</p>" for p in JA_PARAGRAPHS)
    html = (
        f'<html lang="ja"><head><meta charset="shift_jis"><title>外務省が組織改編</title></head>'
        f"<body><article><h1>外務省が組織改編、経済安保を強化</h1>{body}</article></body></html>"
    )
    page = FetchedPage(source="ja.html", content=html.encode("shift_jis"), fetched_at=FETCHED)
    result = extract_page(page)
    assert result.outcome == "ok"
    art = result.articles[0]
    assert art.title == "外務省が組織改編、経済安保を強化"
    assert art.body.startswith("外務省は三十日") and art.language == "ja"


def test_text_rendered_twice_is_kept_once():
    """A page carrying a second copy of its text (a mobile copy after the desktop one) gives each
    long paragraph once; a short line that recurs ("Photo: AP") is not touched."""
    from storyline.extract.html_body import drop_repeated_paragraphs

    copy = "".join(f"<p>{p}</p>" for p in PARAGRAPHS[1:4])
    page = news_page().replace("</article>", f"<div class='mobile-copy'>{copy}</div></article>")
    article = extract(page).articles[0]
    for p in PARAGRAPHS[1:4]:
        assert article.body.count(p) == 1
    assert drop_repeated_paragraphs(["Photo: AP", PARAGRAPHS[0], "Photo: AP", PARAGRAPHS[0]]) == [
        "Photo: AP",
        PARAGRAPHS[0],
        "Photo: AP",
    ]
