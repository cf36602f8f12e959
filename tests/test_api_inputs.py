"""`clean_html` and `clean_text` take what a script already has.

`clean_html`: bytes, str, a BeautifulSoup document, an lxml tree or element, or an HTTP response
(requests, httpx, or anything with `.content`, `.headers` and `.url`), whose URL becomes the
record's and whose Content-Type charset decodes its bytes. `clean_text`: str or bytes, the bytes
decoded as raw files are. Every form of one page gives the same article.
"""

from __future__ import annotations

from typing import Any

import pytest
from lxml import etree, html

import cleaner

URL = "https://example.com/news/cafe"
BODY = " ".join(["The café on the square reopened on Monday after a long winter of repairs."] * 3)
PAGE = (
    "<html><head><title>Café reopens</title></head><body><article><h1>Café reopens</h1>"
    f"<p>{BODY}</p><p>“We missed it,” said Ann Lee, who has lived nearby for years.</p>"
    f"<p>{BODY}</p></article></body></html>"
)
# windows-1252 without a declaration in the page: only the HTTP header says so
RAW = PAGE.encode("cp1252")
EXPECTED = cleaner.clean_html(PAGE)


class FakeResponse:
    """What requests and httpx responses have in common, and nothing else."""

    def __init__(self, content: bytes, headers: dict[str, str], url: str) -> None:
        self.content, self.headers, self.url = content, headers, url


def _same_article(article: cleaner.Article) -> None:
    assert article.title == EXPECTED.title
    assert article.paragraphs == EXPECTED.paragraphs
    assert "café" in article.paragraphs[0] and "“We missed it,”" in article.paragraphs[1]


def test_str_and_bytes_give_the_same_article() -> None:
    _same_article(cleaner.clean_html(PAGE.encode("utf-8")))


def test_a_soup_document_and_a_tag() -> None:
    bs4 = pytest.importorskip("bs4", reason="needs: pip install 'cleaner[bs4]'")
    soup = bs4.BeautifulSoup(PAGE, "html.parser")
    _same_article(cleaner.clean_html(soup, url=URL))
    _same_article(cleaner.clean_html(soup.html))


def test_an_lxml_tree_and_element() -> None:
    element = html.fromstring(PAGE)
    _same_article(cleaner.clean_html(element))
    _same_article(cleaner.clean_html(element.getroottree()))
    _same_article(cleaner.clean_html(etree.fromstring(PAGE.encode("utf-8"), etree.HTMLParser())))


def _assert_response_used(article: cleaner.Article) -> None:
    _same_article(article)
    record = article.to_dict()
    assert record["source"]["url"] == URL
    encoding = record["processing"]["encoding"]
    assert (encoding["method"], encoding["declared"]) == ("declared", "cp1252")
    assert record["language"]["declared_in"] == "http Content-Language"


HEADERS = {"content-type": "text/html; charset=windows-1252", "content-language": "en"}


def test_a_response_gives_its_url_charset_and_language() -> None:
    _assert_response_used(cleaner.clean_html(FakeResponse(RAW, HEADERS, URL)))


def test_the_url_given_wins_over_the_response_url() -> None:
    article = cleaner.clean_html(FakeResponse(RAW, HEADERS, URL), url="https://example.org/a")
    assert article.source.url == "https://example.org/a"


def test_a_requests_response() -> None:
    models = pytest.importorskip("requests.models", reason="requests is not installed")
    structures = pytest.importorskip("requests.structures")
    response = models.Response()
    response.status_code, response.url, response._content = 200, URL, RAW
    response.headers = structures.CaseInsensitiveDict(
        {key.title(): v for key, v in HEADERS.items()}
    )
    _assert_response_used(cleaner.clean_html(response))


def test_an_httpx_response() -> None:
    httpx = pytest.importorskip("httpx", reason="httpx is not installed")
    request = httpx.Request("GET", URL)
    response = httpx.Response(200, content=RAW, headers=HEADERS, request=request)
    _assert_response_used(cleaner.clean_html(response))


@pytest.mark.parametrize("page", [None, 42, {"html": PAGE}])
def test_another_type_names_the_accepted_ones(page: Any) -> None:
    with pytest.raises(TypeError, match="BeautifulSoup document or tag, an lxml element"):
        cleaner.clean_html(page)


def test_clean_text_takes_bytes_decoded_as_files_are() -> None:
    text = "Café reopens\n\n“We missed it,” said Ann Lee, who has lived nearby for years."
    expected = cleaner.clean_text(text)
    for raw, method in ((text.encode("utf-8"), "utf-8"), (b"\xef\xbb\xbf" + text.encode(), "bom")):
        article = cleaner.clean_text(raw)
        assert (article.title, article.paragraphs) == (expected.title, expected.paragraphs)
        assert article.to_dict()["processing"]["encoding"]["method"] == method
