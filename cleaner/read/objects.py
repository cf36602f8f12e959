"""The page a script already has, as a `Document`: bytes, str, a soup, an lxml tree, a response.

    >>> from lxml import html
    >>> page = html_content(html.fromstring("<html><body><p>Rain.</p></body></html>"))
    >>> page.content
    '<html><body><p>Rain.</p></body></html>'

`cleaner.clean_html` takes any of these. Bytes keep the whole charset decision (byte-order
mark, the page's declaration checked against the bytes, UTF-8, detection); a str, a
BeautifulSoup document or tag and an lxml element or tree are markup already decoded. A
`requests` or `httpx` response (anything with `.content` bytes, `.headers` and `.url`) gives
its bytes, its URL, the charset of its Content-Type header (tried before the page's own
declaration, as for a WARC record) and its Content-Language. Neither bs4 nor requests nor httpx
is imported: a soup is recognised only when bs4 is already loaded (a soup cannot exist
otherwise), a response by its attributes.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from typing import Any

from cleaner.document import Declared
from cleaner.read.http import content_type, declared_languages

ACCEPTED = (
    "bytes, str, a BeautifulSoup document or tag, an lxml element or tree, or a requests/httpx "
    "response"
)


@dataclass(frozen=True, slots=True)
class Content:
    """A page's markup (bytes or str) and what its transport declared."""

    content: bytes | str
    url: str | None = None
    charset: str | None = None
    languages: tuple[Declared, ...] = ()


def html_content(page: Any) -> Content:
    """The markup of `page` and what came with it; `TypeError` naming the accepted types."""
    if isinstance(page, bytes | str):
        return Content(page)
    if isinstance(page, bytearray | memoryview):
        return Content(bytes(page))
    if _is_soup(page):
        return Content(str(page))
    from lxml import etree, html

    if isinstance(page, etree._ElementTree):
        page = page.getroot()
    if etree.iselement(page):
        return Content(html.tostring(page, encoding="unicode"))
    if _is_response(page):
        _, charset = content_type(page.headers.get("content-type"))
        languages = declared_languages(page.headers.get("content-language"))
        return Content(page.content, str(page.url), charset, languages)
    raise TypeError(f"clean_html takes {ACCEPTED}; got {type(page).__name__}")


def _is_soup(page: Any) -> bool:
    """A BeautifulSoup document or tag (bs4 loaded: no soup exists without it)."""
    bs4 = sys.modules.get("bs4")
    return bs4 is not None and isinstance(page, bs4.element.Tag)


def _is_response(page: Any) -> bool:
    """An HTTP response as requests and httpx make them: bytes `.content`, `.headers`, `.url`."""
    return all(hasattr(page, name) for name in ("content", "headers", "url")) and isinstance(
        page.content, bytes
    )
