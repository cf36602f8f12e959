"""Page metadata (`cleaner/clean/metadata.py`): each source the record's `page` is read from.

Every field is null when the page is silent, text input always has an all-null `page`, and a
lead image's caption is kept as metadata while the body never holds it.
"""

from __future__ import annotations

import json

import pytest

import cleaner
from cleaner.clean.metadata import iso_date

BODY = "<p>" + "The council met on Tuesday to discuss the new budget for the town. " * 6 + "</p>"
NO_ENTITIES = cleaner.Config().with_entities(None)


def page_of(head: str, body: str = BODY, url: str | None = None, lang: str = "") -> dict:
    html = f"<html{lang}><head><title>Budget agreed</title>{head}</head><body><article>"
    html += f"<h1>Budget agreed</h1>{body}</article></body></html>"
    return cleaner.clean_html(html, url=url, config=NO_ENTITIES).to_dict()["page"]


def ld(data: object) -> str:
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


def test_silent_page_gives_nulls() -> None:
    assert page_of("") == {
        "canonical_url": None, "site_name": None, "authors": None, "published": None,
        "language": None, "lead_image": None,
    }  # fmt: skip


def test_text_input_has_an_all_null_page() -> None:
    record = cleaner.clean_text("A paragraph of text. " * 5, config=NO_ENTITIES).to_dict()
    assert set(record["page"].values()) == {None}


def test_json_ld_article_in_a_graph() -> None:
    data = {
        "@context": "https://schema.org",
        "@graph": [
            {"@type": "WebSite", "name": "Not this"},
            {
                "@type": "NewsArticle",
                "headline": "Budget agreed",
                "author": [{"@type": "Person", "name": "Jane Smith"}, {"name": "Ali Khan"}],
                "datePublished": "2024-03-05T10:00:00+01:00",
                "publisher": {"@type": "Organization", "name": "The Daily"},
                "image": {"@type": "ImageObject", "url": "https://daily.example/budget.jpg"},
                "inLanguage": "en-GB",
            },
        ],
    }
    page = page_of(ld(data))
    assert page["authors"] == ["Jane Smith", "Ali Khan"]
    assert page["published"] == "2024-03-05T10:00:00+01:00"
    assert page["site_name"] == "The Daily"
    assert page["language"] == "en-GB"
    assert page["lead_image"] == {"url": "https://daily.example/budget.jpg", "caption": None}


def test_broken_json_ld_is_ignored_and_meta_tags_answer() -> None:
    head = (
        '<script type="application/ld+json">{"@type": "NewsArticle", broken</script>'
        '<meta property="og:site_name" content="The Daily">'
        '<meta name="byl" content="By JANE SMITH and ALI KHAN">'
        '<meta property="article:published_time" content="2024-03-05">'
        '<meta property="og:locale" content="en_US">'
    )
    page = page_of(head)
    assert page["site_name"] == "The Daily"
    assert page["authors"] == ["JANE SMITH", "ALI KHAN"]
    assert page["published"] == "2024-03-05"
    assert page["language"] == "en-US"


def test_html_lang_wins_over_og_locale() -> None:
    page = page_of('<meta property="og:locale" content="en_US">', lang=' lang="de"')
    assert page["language"] == "de"


def test_author_links_are_not_names() -> None:
    page = page_of('<meta property="article:author" content="https://facebook.com/jane">')
    assert page["authors"] is None


def test_microdata_date_and_time_element() -> None:
    body = BODY + '<time itemprop="datePublished" datetime="2023-11-02T08:15:00Z">2 Nov</time>'
    assert page_of("", body=body)["published"] == "2023-11-02T08:15:00+00:00"
    body = BODY + '<p>Posted <time datetime="2022-01-09">9 January</time></p>'
    assert page_of("", body=body)["published"] == "2022-01-09"


def test_canonical_url_made_absolute_against_the_source_url() -> None:
    head = '<link rel="canonical" href="/news/budget-agreed">'
    page = page_of(head, url="https://daily.example/news/budget-agreed?utm_source=x")
    assert page["canonical_url"] == "https://daily.example/news/budget-agreed"
    assert page_of(head)["canonical_url"] is None  # relative, and nothing to resolve it against


def test_lead_image_caption_is_metadata_not_body() -> None:
    head = '<meta property="og:image" content="https://daily.example/img/council-chamber.jpg">'
    figure = (
        '<figure><img src="https://daily.example/img/council-chamber.jpg?w=800">'
        "<figcaption>Councillors in the chamber on Tuesday. Photo: J. Smith</figcaption></figure>"
    )
    record = cleaner.clean_html(
        f"<html><head><title>Budget agreed</title>{head}</head><body><article>{figure}{BODY}"
        "</article></body></html>",
        config=NO_ENTITIES,
    ).to_dict()
    caption = "Councillors in the chamber on Tuesday. Photo: J. Smith"
    assert record["page"]["lead_image"] == {
        "url": "https://daily.example/img/council-chamber.jpg",
        "caption": caption,
    }
    assert not any("Councillors" in paragraph for paragraph in record["paragraphs"])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2016-10-01T09:30:00Z", "2016-10-01T09:30:00+00:00"),
        ("2016-10-01T09:30:00.000+02:00", "2016-10-01T09:30:00+02:00"),
        ("2016-10-01", "2016-10-01"),
        ("20161001", "2016-10-01"),
        ("2016-10-01 Saturday", "2016-10-01"),
        ("yesterday", None),
        ("1066-10-14", None),
        ("2016-02-30", None),
    ],
)
def test_iso_dates(text: str, expected: str | None) -> None:
    assert iso_date(text) == expected


def test_byline_markup_inside_the_article() -> None:
    body = '<p class="byline">By Hannah Leclerc, Political Correspondent</p>' + BODY
    assert page_of("", body=body)["authors"] == ["Hannah Leclerc"]


def test_surname_first_names_stay_whole() -> None:
    assert page_of('<meta name="dc.creator" content="de Jong, M.">')["authors"] == ["de Jong, M."]
