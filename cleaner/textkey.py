"""Comparing headline-like strings: a key that ignores case and punctuation, and site names.

>>> text_key("Rain, Falls!")
'rain falls'
>>> strip_site_name("Missiles rain on Aleppo | Reuters")
'Missiles rain on Aleppo'
"""

from __future__ import annotations

import re
import unicodedata

_NOT_WORD = re.compile(r"[\W_]+")
_SEPARATORS = re.compile(r"(\s+(?:\||-|–|—|::|·|•|»|«|/)\s+)")
# a site name in brackets at the end: "LWN.net Weekly Edition [LWN.net]"
_BRACKETED_END = re.compile(r"\s+\[([^\[\]]{2,60})\]\s*$")
_DOMAIN = re.compile(r"\w\.(com|org|net|co\.uk|co|news|info|de|fr|io)$", re.IGNORECASE)
_NAME_GLUE = frozenset({"of", "the", "and", "&", "for", "on", "at", "de", "la", "le", "el"})
_MAX_SITE_WORDS = 5


def text_key(text: str) -> str:
    """Text reduced to lower-case words separated by single spaces."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return _NOT_WORD.sub(" ", folded).strip()


def strip_site_name(title: str, site_name: str | None = None) -> str:
    """Cut a site name set off by a separator or brackets at the end of a page title (or at
    the start, when it is the site name the page declares).

    >>> strip_site_name("BBC News - Rain falls in Leeds", "BBC News")
    'Rain falls in Leeds'
    >>> strip_site_name("Rain falls in Leeds « Weather Diary")
    'Rain falls in Leeds'
    >>> strip_site_name("Weekly Edition for March 26, 2015 [LWN.net]")
    'Weekly Edition for March 26, 2015'
    >>> strip_site_name("Brexit - what happens next?")
    'Brexit - what happens next?'
    """
    site = text_key(site_name) if site_name else None
    bracketed = _BRACKETED_END.search(title)
    if bracketed and bracketed.start():
        headline = title[: bracketed.start()]
        if _is_site(bracketed.group(1), site, headline):
            title = headline
    pieces = _SEPARATORS.split(title)
    if len(pieces) == 1:
        return title.strip()
    longest = max(pieces[0::2], key=len)
    while len(pieces) > 1 and _is_site(pieces[-1], site, longest):
        del pieces[-2:]
    while len(pieces) > 1 and site and _is_declared_site(pieces[0], site):
        del pieces[:2]
    return "".join(pieces).strip()


def _is_declared_site(part: str, site: str) -> bool:
    """The part names the site the page declares (`site` is its `text_key`)."""
    key = text_key(part)
    return key == site or key in site or (site in key and len(key) <= len(site) + 12)


def _is_site(part: str, site: str | None, longest: str) -> bool:
    """A site name: the page's declared one, else a short capitalised name or a domain."""
    if site and _is_declared_site(part, site):
        return True
    if part is longest or part.rstrip().endswith(("?", "!")):
        return False
    if _DOMAIN.search(part):
        return True
    words = part.split()
    return len(words) <= _MAX_SITE_WORDS and all(
        word[:1].isupper() or not word[:1].isalpha() or word.lower() in _NAME_GLUE for word in words
    )
