"""Tokens and sentences as the built-in NER models were trained on them (CoNLL style).

    >>> [t.text for t in tokenize("Syria's U.S.-backed rebels don't see Jean-Marc, Mr. Ayrault.")]
    ['Syria', "'s", 'U.S.', '-backed', 'rebels', 'do', "n't", 'see', 'Jean-Marc', ',', 'Mr.', \
'Ayrault', '.']
    >>> [t.text for t in tokenize("L'Unione dell'Europa", token_pattern("elision", ()))]
    ["L'", 'Unione', "dell'", 'Europa']
    >>> [t.text for t in tokenize("Zo'n foto's, Dr. Smit", token_pattern("inside", ("Dr",)))]
    ["Zo'n", "foto's", ',', 'Dr.', 'Smit']
    >>> [len(s) for s in sentences(tokenize("He left. She stayed in Homs."))]
    [3, 5]

Words joined by hyphens stay whole ("al-Waer", "Jean-Marc", "1996-08-22"), abbreviations and
initials keep their full stop ("Mr.", "U.S."). What an apostrophe does depends on the language
the model learned (`APOSTROPHES`, named in the model's `training.json`): English clitics split
off ("Syria 's", "do n't"); Italian and French elided articles end their own token ("dell'",
"L'"); in German, Dutch and Spanish the apostrophe stays inside the word ("zo'n", "foto's").
Curly quotes must already be straight (the backend does that without moving any offset).
"""

from __future__ import annotations

import re
from functools import cache
from typing import NamedTuple

_ENGLISH = (
    "Mr|Mrs|Ms|Dr|Prof|Gen|Sen|Rep|Gov|Lt|Col|Sgt|Capt|Maj|Adm|Cmdr|Rev|Hon|Pres|St|Jr|Sr|"
    "Inc|Corp|Co|Ltd|Bros|Dept|Univ|No|Nos|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|"
    "Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun|vs|etc|approx|Ave|Blvd|Mt|Ft|Calif|Fla|Mass|"
    "Ariz|Colo|Conn|Ill|Ind|Kan|Mich|Minn|Miss|Nev|Okla|Ore|Pa|Tenn|Tex|Va|Wash|Wis"
)
ENGLISH_ABBREVIATIONS = tuple(_ENGLISH.split("|"))
_CLITICS = r"""
    [a-z]+(?![\w'’.&-])                          # most words, which no rule below splits
    |(?:[A-Za-z]\.){{2,}}                         # U.S., U.N., J.R.
    |(?:{abbreviations})\.(?=\s|$|[,;:)])        # Mr., Jan., Inc.
    |[A-Z]\.(?=\s[A-Z])                           # an initial: George W. Bush
    |\w+?(?=n't\b)                                # do (n't)
    |n't\b
    |'(?:s|re|ve|ll|d|m)\b                        # clitics: 's 're 've 'll 'd 'm
    |\d[\d.,:/-]*\d(?:st|nd|rd|th|s)?\b           # 1,200 1996-08-22 2-1 19:30 1990s
    |\d(?:st|nd|rd|th)?\b
    |-?[^\W_](?:\w|[-&](?=\w)|'(?!(?:s|re|ve|ll|d|m)\b)(?=\w))*   # words, al-Waer, O'Brien
    |\S                                           # anything else, one character
    """
_INSIDE = r"""
    [a-z]+(?![\w'.&-])                           # most words, which no rule below splits
    |(?:[A-Za-z]\.){{2,}}                         # z.B., U.S.
    |(?:{abbreviations})\.(?=\s|$|[,;:)])        # Dr., Sr., bzw.
    |[A-Z]\.(?=\s[A-Z])                           # an initial
    |\d[\d.,:/-]*\d\b|\d\b                       # 1.200 12,5 1945-1990
    |-?[^\W_](?:\w|[-&'](?=\w))*                  # words, zo'n, foto's, Jean-Marc
    |\S                                           # anything else, one character
    """
_ELISION = (
    r"""
    [^\W\d_]+'(?=[^\W\d_])                        # l'Unione, dell'Europa: the article ends here
    |"""
    + _INSIDE
)
APOSTROPHES = {"clitics": _CLITICS, "elision": _ELISION, "inside": _INSIDE}


@cache
def token_pattern(
    apostrophes: str = "clitics", abbreviations: tuple[str, ...] = ENGLISH_ABBREVIATIONS
) -> re.Pattern[str]:
    """The tokenizer for one language: its rule for apostrophes (a key of `APOSTROPHES`) and
    the abbreviations that keep their full stop (written without it)."""
    if apostrophes not in APOSTROPHES:
        raise ValueError(f"unknown apostrophe rule {apostrophes!r}: use one of {list(APOSTROPHES)}")
    listed = "|".join(re.escape(word) for word in abbreviations) or "(?!)"
    return re.compile(
        APOSTROPHES[apostrophes].format(abbreviations=listed), re.VERBOSE | re.IGNORECASE
    )


_TOKEN = token_pattern()
_SENTENCE_END = frozenset({".", "!", "?"})


class Token(NamedTuple):
    """A token and where it is in its paragraph."""

    text: str
    start: int
    end: int


def tokenize(text: str, pattern: re.Pattern[str] = _TOKEN) -> list[Token]:
    """All tokens of `text`, with character offsets (English tokens unless another language's
    `token_pattern` is given)."""
    return [Token(match.group(), match.start(), match.end()) for match in pattern.finditer(text)]


def sentences(tokens: list[Token]) -> list[list[Token]]:
    """Tokens grouped into sentences: a sentence ends at . ! ? before a capital or a quote."""
    found: list[list[Token]] = [[]]
    for position, token in enumerate(tokens):
        found[-1].append(token)
        following = tokens[position + 1].text if position + 1 < len(tokens) else ""
        if token.text in _SENTENCE_END and (following[:1].isupper() or following[:1] in "\"'("):
            found.append([])
    return [sentence for sentence in found if sentence]
