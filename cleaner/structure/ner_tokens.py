"""Tokens and sentences as the built-in NER model was trained on them (CoNLL-2003, PTB style).

    >>> [t.text for t in tokenize("Syria's U.S.-backed rebels don't see Jean-Marc, Mr. Ayrault.")]
    ['Syria', "'s", 'U.S.', '-backed', 'rebels', 'do', "n't", 'see', 'Jean-Marc', ',', 'Mr.', \
'Ayrault', '.']
    >>> [len(s) for s in sentences(tokenize("He left. She stayed in Homs."))]
    [3, 5]

Words joined by hyphens stay whole ("al-Waer", "Jean-Marc", "1996-08-22"), clitics split off
("Syria 's", "do n't"), abbreviations and initials keep their full stop ("Mr.", "U.S.").
Curly quotes must already be straight (the backend does that without moving any offset).
"""

from __future__ import annotations

import re
from typing import NamedTuple

_ABBREVIATIONS = (
    "Mr|Mrs|Ms|Dr|Prof|Gen|Sen|Rep|Gov|Lt|Col|Sgt|Capt|Maj|Adm|Cmdr|Rev|Hon|Pres|St|Jr|Sr|"
    "Inc|Corp|Co|Ltd|Bros|Dept|Univ|No|Nos|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|"
    "Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun|vs|etc|approx|Ave|Blvd|Mt|Ft|Calif|Fla|Mass|"
    "Ariz|Colo|Conn|Ill|Ind|Kan|Mich|Minn|Miss|Nev|Okla|Ore|Pa|Tenn|Tex|Va|Wash|Wis"
)
_TOKEN = re.compile(
    rf"""
    [a-z]+(?![\w'’.&-])                          # most words, which no rule below splits
    |(?:[A-Za-z]\.){{2,}}                         # U.S., U.N., J.R.
    |(?:{_ABBREVIATIONS})\.(?=\s|$|[,;:)])        # Mr., Jan., Inc.
    |[A-Z]\.(?=\s[A-Z])                           # an initial: George W. Bush
    |\w+?(?=n't\b)                                # do (n't)
    |n't\b
    |'(?:s|re|ve|ll|d|m)\b                        # clitics: 's 're 've 'll 'd 'm
    |\d[\d.,:/-]*\d(?:st|nd|rd|th|s)?\b           # 1,200 1996-08-22 2-1 19:30 1990s
    |\d(?:st|nd|rd|th)?\b
    |-?[^\W_](?:\w|[-&](?=\w)|'(?!(?:s|re|ve|ll|d|m)\b)(?=\w))*   # words, al-Waer, O'Brien
    |\S                                           # anything else, one character
    """,
    re.VERBOSE | re.IGNORECASE,
)
_SENTENCE_END = frozenset({".", "!", "?"})


class Token(NamedTuple):
    """A token and where it is in its paragraph."""

    text: str
    start: int
    end: int


def tokenize(text: str) -> list[Token]:
    """All tokens of `text`, with character offsets."""
    return [Token(match.group(), match.start(), match.end()) for match in _TOKEN.finditer(text)]


def sentences(tokens: list[Token]) -> list[list[Token]]:
    """Tokens grouped into sentences: a sentence ends at . ! ? before a capital or a quote."""
    found: list[list[Token]] = [[]]
    for position, token in enumerate(tokens):
        found[-1].append(token)
        following = tokens[position + 1].text if position + 1 < len(tokens) else ""
        if token.text in _SENTENCE_END and (following[:1].isupper() or following[:1] in "\"'("):
            found.append([])
    return [sentence for sentence in found if sentence]
