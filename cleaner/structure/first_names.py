"""The gender a first name shows, from the US Census first-name lists of the `names` package.

    >>> gender_of("Laura Brennan"), gender_of("Sabine Hollerbach"), gender_of("Andrés Cobo")
    ('female', 'female', 'male')
    >>> gender_of("Brennan") is None, gender_of("Jordan Lee") is None  # no first name; both
    (True, True)

The lists (`names/dist.male.first`, `names/dist.female.first`: a name, its share of the
census population in percent, ...) cover many European first names too; accents are
dropped before the look-up ("Andrés" is ANDRES). A name in both lists counts for one gender
only when it is `DOMINANT` times more frequent in that list ("James"); otherwise ("Jordan",
"Jean") the name does not show a gender. A one-word name shows none: it is a surname.
"""

from __future__ import annotations

import unicodedata
from functools import cache
from importlib.resources import files
from typing import Literal

Gender = Literal["male", "female"]

# how many times more frequent in one list than in the other a name in both must be: "Ryan"
# (male 0.328 %, female 0.006 %) is male; "Jordan" (0.056 %, 0.012 %), "Chris" (8 times) and
# "Jean" (female 9 times: the French Jean is a man) show neither
DOMINANT = 10.0


def gender_of(name: str) -> Gender | None:
    """The gender `name`'s first word shows, or None (one word, unknown or ambiguous)."""
    words = name.split()
    if len(words) < 2:
        return None
    return first_name_gender(words[0])


def first_name_gender(word: str) -> Gender | None:
    """The gender `word` shows as a first name ("Kevin"), or None.

    >>> first_name_gender("Kevin"), first_name_gender("Trump")
    ('male', None)
    """
    return _genders().get(_key(word))


def _key(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).upper()


@cache
def _genders() -> dict[str, Gender]:
    """Each first name of the two lists with the gender it shows (ambiguous ones left out)."""
    male, female = _shares("dist.male.first"), _shares("dist.female.first")
    genders: dict[str, Gender] = {}
    for name in male.keys() | female.keys():
        his, hers = male.get(name, 0.0), female.get(name, 0.0)
        if his >= DOMINANT * hers:
            genders[name] = "male"
        elif hers >= DOMINANT * his:
            genders[name] = "female"
    return genders


def _shares(resource: str) -> dict[str, float]:
    """Name -> percent of the population, from one of the package's lists; empty without it."""
    try:
        text = files("names").joinpath(resource).read_text(encoding="ascii")
    except (ModuleNotFoundError, FileNotFoundError):
        return {}
    shares = {}
    for line in text.splitlines():
        fields = line.split()
        if len(fields) >= 2:
            shares[fields[0]] = float(fields[1])
    return shares
