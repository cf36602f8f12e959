"""How common each word is in a language, from the `wordfreq` package, as a table the model ships.

    python training/ner/frequencies.py de    # writes corpus/de/word_frequency.tsv

A German noun is capitalised like a name, so capitalisation tells less there than in English;
how common the word's lower-case form is in the language ("Haus" very, "Schröder" far less)
tells much of the rest. `wordfreq` (3.1, its "large" lists, built from Wikipedia, subtitles,
news, books, web text and social media) gives each word a Zipf frequency (log10 of uses per
billion words). The table keeps words of Zipf 1.5 and above, each with its band: the Zipf value
rounded down to half a unit ("4.5"), one `word<TAB>band` line per word, sorted; a word outside
the table is band `0` at run time. Only the table ships: `wordfreq` is needed to train, not to
run. Its data is licensed CC BY-SA 4.0 (the model card says so).
"""

from __future__ import annotations

import math
import sys
from pathlib import Path

import wordfreq

HERE = Path(__file__).resolve().parent
LOWEST = 1.5


def bands(language: str) -> dict[str, str]:
    """Each listed word's band, for the words of Zipf `LOWEST` and above."""
    found = {}
    for word, frequency in wordfreq.get_frequency_dict(language, wordlist="large").items():
        zipf = math.log10(frequency) + 9
        if zipf >= LOWEST and "\t" not in word and word.strip() == word and word:
            found[word] = f"{math.floor(zipf * 2) / 2:.1f}"
    return found


def write(language: str, out: Path) -> int:
    """Write the table; returns the number of words in it."""
    out.parent.mkdir(parents=True, exist_ok=True)
    table = bands(language)
    out.write_text("".join(f"{word}\t{table[word]}\n" for word in sorted(table)), "utf-8")
    return len(table)


def main(argv: list[str]) -> int:
    out = HERE / "corpus" / argv[0] / "word_frequency.tsv"
    print(f"{write(argv[0], out)} words written to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
