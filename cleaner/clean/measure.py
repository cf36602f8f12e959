"""Text measures that hold for every script: length in words, how a sentence ends, capitals.

    >>> words("The council voted on Tuesday."), words("市议会周二投票决定关闭图书馆。")
    (5, 9)
    >>> ends_sentence("Он сказал: «Мы не сдадимся»"), ends_sentence("记者从省商务厅获悉")
    (True, False)
    >>> starts_capitalised("Rain falls"), starts_capitalised("云南咖啡"), starts_capitalised("rain")
    (True, True, False)
    >>> size("Rain fell."), size("下雨了。")
    (10, 13)

Every length threshold of the cleaning rules (a prose paragraph has eight words or more, a
label four or fewer, a caption at most eighty) is in words, and `str.split()` counts words only
where words are spaced: a Chinese or Japanese paragraph is one "word", and so would never read
as prose and always as a label. `words` counts spaced words as before and the letters of the
scripts written without spaces at the average number of characters a word of theirs has
(`UNSPACED_SCRIPTS`: about 1.5 for Chinese, 2 for Japanese kana, 4 for Thai and its
neighbours), so one threshold means about as much text in every script. `size` does the same for the
thresholds in characters (trafilatura's 250 characters before it tries its fallbacks): an
unspaced letter counts as the characters a word and its space take in English
(`LATIN_CHARACTERS_PER_WORD`) divided by its script's characters per word.

How a sentence ends is data per script too (`SENTENCE_FINAL`): Chinese 。！？, the Greek
question mark, Arabic ؟, Devanagari ।, ... and the closing quotation marks a sentence may end
inside (”, », 」). `starts_capitalised` counts a letter of a caseless script (Chinese, Arabic,
Hebrew, ...) as a capital, so a test for "starts like a sentence or a headline" neither always
fails nor always passes on them. `UPPER` and `LOWER` hold every capital and small letter, to
build regex classes where a pattern said `[A-Z]` or `[a-z]`:

    >>> import re
    >>> bool(re.fullmatch(f"[{UPPER}]+", "САМАРА")), bool(re.fullmatch(f"[{LOWER}]+", "żółw"))
    (True, True)
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter

# scripts written without spaces between words: (first, last code point, characters per word)
UNSPACED_SCRIPTS: tuple[tuple[int, int, float], ...] = (
    (0x0E00, 0x0EFF, 4.0),  # Thai, Lao
    (0x1000, 0x109F, 4.0),  # Myanmar
    (0x1780, 0x17FF, 4.0),  # Khmer
    (0x3040, 0x30FF, 2.0),  # Hiragana, Katakana
    (0x3400, 0x4DBF, 1.5),  # CJK Extension A
    (0x4E00, 0x9FFF, 1.5),  # CJK Unified Ideographs
    (0xF900, 0xFAFF, 1.5),  # CJK Compatibility Ideographs
    (0xFF66, 0xFF9F, 2.0),  # halfwidth Katakana
    (0x20000, 0x2FA1F, 1.5),  # CJK Extensions B-F, Compatibility Supplement
)
_STARTS = [first for first, _last, _per in UNSPACED_SCRIPTS]
_WORD = re.compile(r"\w")
_UNSPACED_CHARACTER = re.compile(
    "[" + "".join(f"{chr(first)}-{chr(last)}" for first, last, _per in UNSPACED_SCRIPTS) + "]"
)

LATIN_CHARACTERS_PER_WORD = 6  # an English word of five letters on average, and its space

# how a sentence ends, per script; closing quotation marks a sentence may end inside
SENTENCE_FINAL: dict[str, str] = {
    "common": ".!?…",
    "greek": "\u037e",  # Greek question mark (NFC turns it into ";", which `CLAUSE_END` has)
    "cjk": "。！？．｡",
    "arabic": "؟۔",
    "devanagari": "।॥",
    "armenian": "։",
    "ethiopic": "።፧",
    "myanmar": "။",
}
CLOSING_QUOTES = '”"’»」』'
# the marks that end a clause or introduce what follows ("Qualified so far:")
CLAUSE_END = ":;：；"
SENTENCE_END = tuple("".join(SENTENCE_FINAL.values()) + CLOSING_QUOTES + CLAUSE_END)


def _letters(test: str) -> str:
    """A regex class body of every character below U+10000 for which `str.<test>` is true."""
    chars = (chr(code) for code in range(0x10000) if getattr(chr(code), test)())
    return "".join(re.escape(char) for char in chars)


UPPER = _letters("isupper")
LOWER = _letters("islower")


def words(text: str) -> int:
    """How many words `text` holds: spaced words, plus the letters of unspaced scripts at
    their characters per word (rounded half up); in a text with unspaced letters, the
    punctuation left between them is not a word."""
    if text.isascii() or not _UNSPACED_CHARACTER.search(text):
        return len(text.split())
    unspaced = sum(count / per for per, count in _unspaced_letters(text).items())
    spaced = _UNSPACED_CHARACTER.sub(" ", text).split()
    return sum(1 for word in spaced if _WORD.search(word)) + int(unspaced + 0.5)


def _unspaced_letters(text: str) -> Counter[float]:
    """How many letters of unspaced scripts `text` has, by their characters per word."""
    return Counter(
        UNSPACED_SCRIPTS[bisect_right(_STARTS, ord(char)) - 1][2]
        for char in _UNSPACED_CHARACTER.findall(text)
    )


def size(text: str) -> int:
    """The length of `text` in characters, an unspaced letter counted as the characters of
    spaced text that hold as much (`LATIN_CHARACTERS_PER_WORD` / its characters per word)."""
    if text.isascii():
        return len(text)
    extra = sum(
        count * (LATIN_CHARACTERS_PER_WORD / per - 1)
        for per, count in _unspaced_letters(text).items()
    )
    return len(text) + int(extra + 0.5)


def ends_sentence(text: str) -> bool:
    """Whether `text` ends like a sentence or a clause (`SENTENCE_END`), trailing spaces aside."""
    return text.rstrip().endswith(SENTENCE_END)


def is_unspaced(char: str) -> bool:
    """Whether `char` is a letter of a script written without spaces between words."""
    return bool(_UNSPACED_CHARACTER.fullmatch(char))


def is_capital(char: str) -> bool:
    """A capital letter, or a letter of a script without case."""
    return char.isupper() or (char.isalpha() and not char.islower())


def starts_capitalised(text: str) -> bool:
    """Whether the first character is a capital or a letter of a caseless script."""
    return is_capital(text[:1])
