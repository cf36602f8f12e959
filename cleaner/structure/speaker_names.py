"""The person named inside a speaker mention, and the role words written with a name.

    >>> from cleaner.structure.quote_rules import load_quote_rules
    >>> rules = load_quote_rules("en")
    >>> name_in_mention("SkyVale chief executive Laura Brennan", rules)
    ('Laura Brennan', 'SkyVale chief executive')
    >>> name_in_mention("Rami Abdulrahman, director of the Observatory", rules)
    ('Rami Abdulrahman', 'director of the Observatory')
    >>> name_in_mention("the Clinton campaign", rules)
    (None, None)

Everything here reads text only, with the language's quote tables: a name is a run of
capitalised words (and name particles), a role word is one of the table's `role_heads`,
`title_words` or capitalised `abbreviations` ("Sen.", "Dr").
"""

from __future__ import annotations

import re

from cleaner.structure.quote_marks import UPPER
from cleaner.structure.quote_rules import QuoteRules

_NAME_WORD = re.compile(rf"[{UPPER}][\w’'.-]*")
_ELISION = re.compile("[’']")
POSSESSIVES = ("’s", "'s", "’", "'")
_MAX_NAME_WORDS = 4  # a name after a role and its complement: "Имя Отчество Фамилия"


def name_in_mention(text: str, rules: QuoteRules) -> tuple[str | None, str | None]:
    """(name, role) of a descriptive mention with a person's name inside: the name written
    after a role ("chief executive Laura Brennan of SkyVale", "der Bundeskanzler Olaf Scholz",
    "el portavoz, Pedro Sánchez") or before a role ("Rami Abdulrahman, director of X"); the
    role is the rest of the mention before or after the name (None when nothing is left)."""
    role, name = role_and_name(text, rules)
    if name is not None:
        return name, role or rest_of(text, name)
    words = text.replace(",", " , ").split()
    for start, end in _name_runs(words, rules):
        before = words[start - 1] if start else ""
        after = words[end + 1 : end + 3] if end < len(words) and words[end] == "," else []
        # one word only at the end after a role word: "Minister Kivi"
        long_enough = end - start >= 2 or (end == len(words) and before != "")
        next_to_role = rules.is_role_word(before) or any(map(rules.is_role_word, after))
        if long_enough and next_to_role:
            name = " ".join(words[start:end])
            return name, rest_of(text, name)
    return None, None


def is_name(words: list[str], rules: QuoteRules) -> bool:
    """Capitalised words (and name particles); not a word opening with an elided determiner
    ("L’opposition"), nor, where every noun is capitalised, a phrase opening with a determiner
    ("Die Ministerin") or with more than one word after its last particle (the particle is
    then a preposition: "Jana Bals von der Umweltorganisation Germanwatch")."""
    if rules.nouns_capitalised and words and words[0].lower() in rules.determiners:
        return False
    particles = [at for at, word in enumerate(words) if word in rules.name_particles]
    if rules.nouns_capitalised and particles and len(words) - particles[-1] > 2:
        return False  # "Christoph Bals von der Umweltorganisation Germanwatch"
    if (
        words
        and rules.opens_with_determiner(words[0])
        and words[0].lower() not in rules.determiners
    ):
        return False  # "L’opposition"
    return (
        bool(words)
        and all(_NAME_WORD.fullmatch(word) or word in rules.name_particles for word in words)
        and bool(_NAME_WORD.fullmatch(words[0]))
        and bool(_NAME_WORD.fullmatch(words[-1]))  # not "Olivier zu"
        and not words[-1].endswith(POSSESSIVES)  # "Gary Johnson’s doctor", "He’s"
    )


def role_and_name(text: str, rules: QuoteRules) -> tuple[str | None, str | None]:
    """A role written with the name, and the name: "el portavoz del Gobierno, Pedro Sánchez",
    "der Bundeskanzler Olaf Scholz" (the role is the table's `role_heads`); Nones otherwise."""
    role, comma, name = text.rpartition(", ")
    if comma and is_name(name.split(), rules) and opens_role(role, rules):
        return role, name
    words = text.split()
    position = 0
    if words and words[0].lower() in rules.determiners:
        position = 1
    elif words and rules.opens_with_determiner(words[0]):
        words[0] = _ELISION.split(words[0], maxsplit=1)[-1]  # "l’avocat" -> "avocat"
    titles = position
    while titles < len(words) - 1 and rules.is_role_head(words[titles]):
        titles += 1
    if titles > position and is_name(words[titles:], rules):
        return None, " ".join(words[titles:])
    # a role with its complement in lower case, then the name: "директор порта Сергей Волков",
    # "ministro dell’economia Giancarlo Giorgetti" (not where every noun is capitalised)
    if titles > position and not rules.nouns_capitalised:
        for start in range(titles + 1, len(words) - 1):
            if not words[start - 1][:1].islower():
                break
            if is_name(words[start:], rules) and len(words) - start <= _MAX_NAME_WORDS:
                return None, " ".join(words[start:])
    return None, None


def opens_role(role: str, rules: QuoteRules) -> bool:
    """A role written after a name, or before one and a comma: it opens in lower case (where
    nouns are not capitalised), with one of the table's role openers, or with a role noun,
    perhaps after a determiner ("Sprecher des Ministeriums", "der Sprecher der Partei"); a
    relative clause ("der am Montag sprach", "que dijo") is not a role."""
    words = role.split()
    if not words or (
        words[0] in rules.relatives and not rules.is_role_head(words[1] if len(words) > 1 else "")
    ):
        return False
    if words[0] in rules.role_openers or rules.is_role_head(words[0]):
        return True
    if words[0].lower() in rules.determiners and rules.is_role_head(
        words[1] if len(words) > 1 else ""
    ):
        return True
    return role[:1].islower() and not rules.nouns_capitalised


def role_before(paragraph: str, start: int, rules: QuoteRules) -> str:
    """The title written right before a name at `start`: "Secretary of State" for "…
    Secretary of State John Kerry", "Indiana Gov." for "Indiana Gov. Mike Pence" (role words,
    small words between them, and the capitalised words before them); "" when there is
    none."""
    words = paragraph[:start].split()[-6:]
    taken = 0
    for back, word in enumerate(reversed(words), 1):
        if word.endswith((",", ";", ":")):
            break
        if rules.is_role_word(word) or (taken and _NAME_WORD.fullmatch(word)):
            taken = back
        elif not (word in rules.title_small_words and taken):
            break
    return " ".join(words[len(words) - taken :])


def _name_runs(words: list[str], rules: QuoteRules) -> list[tuple[int, int]]:
    """(start, end) of each run of capitalised words that are not role words, particles
    inside; a run ends before a comma."""
    runs: list[tuple[int, int]] = []
    start = None
    for at, word in enumerate([*words, ","]):
        in_name = (_NAME_WORD.fullmatch(word) is not None and not rules.is_role_word(word)) or (
            start is not None and word in rules.name_particles
        )
        if in_name and start is None:
            start = at
        elif not in_name and start is not None:
            end = at
            while end > start and words[end - 1] in rules.name_particles:
                end -= 1  # "Mirjam Oosterhof van basisschool …"
            if end - start <= _MAX_NAME_WORDS and not words[end - 1].endswith(POSSESSIVES):
                runs.append((start, end))
            start = None
    return runs


def rest_of(text: str, name: str) -> str | None:
    """`text` without `name` and the commas around it: the role of a mention."""
    before, _, after = text.partition(name)
    rest = " ".join(part.strip(" ,") for part in (before, after) if part.strip(" ,"))
    return rest or None
