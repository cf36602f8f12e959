"""What an HTTP response's headers say about its body: media type, charset, language.

    >>> content_type('Text/HTML; charset="ISO-8859-1"')
    ('text/html', 'ISO-8859-1')

Shared by the WARC reader (a crawler's stored responses) and `cleaner.clean_html` given a
`requests` or `httpx` response: the charset a header declares is `Document.charset`, tried
before the page's own declaration; its Content-Language a declared language.
"""

from __future__ import annotations

import re

from cleaner.document import Declared

_CHARSET = re.compile(r"""charset\s*=\s*["']?([^"';\s]+)""", re.IGNORECASE)


def content_type(value: str | None) -> tuple[str | None, str | None]:
    """The media type (lower case) and charset label of a Content-Type header value.

    >>> content_type(None)
    (None, None)
    """
    if not value:
        return None, None
    media_type, _, parameters = value.partition(";")
    charset = _CHARSET.search(parameters)
    return media_type.strip().lower() or None, charset.group(1) if charset else None


def declared_languages(content_language: str | None) -> tuple[Declared, ...]:
    """The language a Content-Language header value declares, if any.

    >>> declared_languages("de-DE")
    (Declared(value='de-DE', where='http Content-Language'),)
    """
    if not content_language or not content_language.strip():
        return ()
    return (Declared(content_language.strip(), "http Content-Language"),)
