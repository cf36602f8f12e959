"""Who the speakers are: names behind the mentions, roles, continued quotes, the speaker list.

    >>> from cleaner.structure.quotes import find_quotes, load_quote_rules
    >>> paragraphs = [
    ...     "“We stay,” said Ann Lee, the mayor of Kirkby.",
    ...     "“We rebuild,” Lee said.",
    ...     "“And we will not wait,” she added.",
    ...     "“We will help,” said county chief executive Tom Reyes.",
    ...     "“Not yet,” the mayor said.",
    ... ]
    >>> rules = load_quote_rules("en")
    >>> found = resolve_speakers(find_quotes(paragraphs, rules), paragraphs, (), rules)
    >>> [(q.speaker_name, q.speaker_resolution) for q in found]  # doctest: +NORMALIZE_WHITESPACE
    [('Ann Lee', 'as_written'), ('Ann Lee', 'surname'), ('Ann Lee', 'pronoun'),
     ('Tom Reyes', 'name_in_phrase'), ('Ann Lee', 'role')]
    >>> found[0].speaker_role, found[3].speaker_role
    ('the mayor of Kirkby', 'county chief executive')

The mention stays as written (`speaker`); what it refers to is added beside it, with how it was
found, so a reader can tell a name from an inference:

* `as_written`: the mention is a name (capitalised words, not a role like "the secretary");
* `name_in_phrase`: a descriptive mention with a person named inside it ("SkyVale chief
  executive Laura Brennan", "der Bundeskanzler Olaf Scholz", "Rami Abdulrahman, director of
  the Observatory", "Le maire, Paul Girard,"): a PERSON entity inside the mention when
  entities are on, else the capitalised words next to a role word (`speaker_names`);
* `surname`: a one-word mention that is the last word of a person named earlier ("Lee");
* `pronoun`: a pronoun of one person (the table's `masculine_pronouns`, `feminine_pronouns`),
  or no mention at all where the language leaves the subject out (`“…”, dijo.`), resolved
  to the nearest person named in its paragraph or the `WINDOW` before it whose first name
  (`first_names`) or title ("Mr.", "Frau") does not show the other gender, a sentence's
  subject before any other (the first person its sentence names, or a speaker: "Clinton
  painted Trump as a Romney caricature. … she said" is Clinton); a pronoun so resolved names
  that person for the pronouns after it. Nobody when no such person comes
  before, when the pronoun is plural (`sagten sie`), or when a person whose gender does not
  show comes between the pronoun and the nearest person of its gender (unclear);
* `role`: a role ("the secretary of state", "the senator") that exactly one person named
  earlier was given, before the name ("Secretary of State John Kerry", "Sen. Ted Cruz") or
  after it ("John Kerry, the secretary of state"): every word of the mention's role but the
  small ones is in that person's role (an abbreviation stands for a word it begins);
* `inferred` quotes: a paragraph that is only a quote, with no attribution, right after a
  paragraph whose quote had a speaker, is taken as that speaker continuing.

A name is always the person's fullest: "Brennan" after "Laura Brennan" is "Laura Brennan",
so `speaker_groups` lists each person once with all their quotes.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass, replace

from cleaner.document import Entity, Quote, Span, SpeakerGroup, SpeakerResolution
from cleaner.structure.first_names import first_name_gender, gender_of
from cleaner.structure.quote_rules import QuoteRules
from cleaner.structure.speaker_names import (
    POSSESSIVES,
    is_name,
    name_in_mention,
    opens_role,
    rest_of,
    role_before,
)

# a pronoun refers to a person named (or referred to by a pronoun) in its paragraph or the
# one before it: chosen on the PolNeAR dev resolution set (benchmarks/README.md, issue 19)
WINDOW = 1


@dataclass(frozen=True, order=True, slots=True)
class _Person:
    """A person named outside the quotes: where, the name, the role written with it, and
    whether the mention is its sentence's subject (the first person the sentence names
    before any pronoun, or a speaker)."""

    paragraph: int
    start: int
    name: str
    role: str = ""
    subject: bool = True


def resolve_speakers(
    quotes: Sequence[Quote],
    paragraphs: Sequence[str],
    entities: Sequence[Entity],
    rules: QuoteRules,
) -> tuple[Quote, ...]:
    """The quotes with speaker names, roles and inferred continuations filled in; `rules`
    are the document language's quote tables (its pronouns, name particles and roles)."""
    # every person named outside the quotes, in reading order: a name inside a quote ("“I met
    # Obama,” he said") is not who "he" is
    quoted = [part for quote in quotes for part in (quote.span, *quote.continued_in)]
    persons = [e.span for e in entities if e.label == "PERSON"]
    others = [e.span for e in entities if e.label != "PERSON"]
    people = sorted(
        _Person(
            span.paragraph,
            span.start,
            span.text,
            _role_of(span, paragraphs, rules),
            _opens_sentence(span, paragraphs[span.paragraph], persons, rules),
        )
        for span in persons
        if not any(_inside(span, part) for part in quoted)
    )
    resolved: list[Quote] = []
    for quote in quotes:
        if quote.speaker is None and quote.verb is None:
            quote = _continued(quote, resolved, paragraphs, rules)
        elif quote.speaker is None:
            # the language left the subject out: "“…”, dijo." is "he said" or "she said"
            name = _antecedent(_at(quote.span), None, people, rules)
            if name is not None:
                quote = replace(quote, speaker_name=name, speaker_resolution="pronoun")
        else:
            mention = quote.speaker
            name, how, role = _name_of(mention, quote.verb, people, persons, rules)
            if how == "as_written" and not _person(name, persons, others, mention):
                name, how = None, None  # "Demonstrators", "The Bankers’ Association"
            if name is None:  # "Le maire, Paul Girard, a déclaré"
                name, how, role = _name_after_role(paragraphs[mention.paragraph], mention, rules)
            role = role or _role_after(paragraphs[mention.paragraph], mention, rules)
            if name is None:
                name, how = _by_role(mention, people, rules)
            quote = replace(quote, speaker_name=name, speaker_resolution=how, speaker_role=role)
            if how in ("as_written", "name_in_phrase", "surname", "pronoun") and _person(
                name, persons
            ):
                person = _Person(mention.paragraph, mention.start, name, role or "")
                bisect.insort(people, person)
        resolved.append(quote)
    return _fullest_names(resolved, people)


def speaker_groups(quotes: Sequence[Quote]) -> tuple[SpeakerGroup, ...]:
    """Each resolved speaker with the indices of their quotes, in order of first quote."""
    groups: dict[str, list[int]] = {}
    for number, quote in enumerate(quotes):
        if quote.speaker_name:
            groups.setdefault(quote.speaker_name, []).append(number)
    return tuple(SpeakerGroup(name, tuple(numbers)) for name, numbers in groups.items())


def _name_of(
    mention: Span,
    verb: str | None,
    people: list[_Person],
    persons: list[Span],
    rules: QuoteRules,
) -> tuple[str | None, SpeakerResolution | None, str | None]:
    """(name, how it was found, the role written with it) of a speaker mention."""
    words = mention.text.split()
    pronoun = words[0].lower() if len(words) == 1 else ""
    if pronoun in rules.pronoun_genders:
        plural = pronoun in rules.plural_pronouns and (verb or "").endswith(
            rules.plural_verb_endings or ("\0",)
        )
        gender = rules.pronoun_genders[pronoun]
        earlier = None if plural else _antecedent(_at(mention), gender, people, rules)
        return (earlier, "pronoun", None) if earlier else (None, None, None)
    inside = [
        span
        for span in persons
        if _inside(span, mention)
        and span.text != mention.text
        and not span.text.endswith(POSSESSIVES)
        and not mention.text[span.end - mention.start :].startswith(POSSESSIVES)
        and _ends_phrase(mention.text[span.end - mention.start :], rules)
    ]
    if inside:  # the one after a role word, else the first: "directeur X van school Y"
        after_role = [s for s in inside if rules.is_role_word(_word_before(s, mention))]
        span = (after_role or inside)[0]
        return span.text, "name_in_phrase", rest_of(mention.text, span.text)
    if words[0] in rules.name_particles and is_name(words[1:], rules):
        for person in reversed(people):  # "von Preen", "van Dijk"
            if person.name.endswith(" " + mention.text):
                return person.name, "surname", None
    if is_name(words, rules) and not any(rules.is_role_word(word) for word in words):
        if len(words) > 2 and words[0].lower() in rules.determiners:
            # the article before a name: "Η Μαρία Γεωργίου", "O João Silva"
            return " ".join(words[1:]), "as_written", None
        if len(words) == 1:
            for person in reversed(people):
                if person.name.split()[-1] == words[0] and person.name != words[0]:
                    return person.name, "surname", None
        return mention.text, "as_written", None
    name, role = name_in_mention(mention.text, rules)
    if name is not None:
        return name, "name_in_phrase", role
    return None, None, None


def _person(
    name: str | None, persons: list[Span], others: Sequence[Span] = (), mention: Span | None = None
) -> bool:
    """A speaker's name is a person's: with entities off, any; with them on, one the
    entities call a person, or, for a `mention` written as a name of several words that no
    entity of another label overlaps, one they missed ("Åse Møller"; not "Demonstrators",
    nor "Peabody Energy" when it is an ORG)."""
    if not name:
        return False
    words = name.split()
    if not persons or any(
        words[-len(span.text.split()) :] == span.text.split() for span in persons
    ):
        return True
    return (
        mention is not None
        and len(words) > 1
        and not any(
            span.paragraph == mention.paragraph
            and span.start < mention.end
            and mention.start < span.end
            for span in others
        )
    )


def _antecedent(
    at: tuple[int, int], gender: str | None, people: list[_Person], rules: QuoteRules
) -> str | None:
    """The nearest person named before `at`, in its paragraph or the `WINDOW` before it,
    whose gender is not the other one, a sentence's subject before any other; None when
    there is none, or when a person whose gender does not show comes before the nearest
    one who shows `gender` (unclear)."""
    near = [
        person
        for person in reversed(people)
        if (person.paragraph, person.start) < at and person.paragraph >= at[0] - WINDOW
    ]
    subjects = [person for person in near if person.subject]
    return _compatible(subjects, gender, people, rules) or _compatible(near, gender, people, rules)


def _compatible(
    candidates: list[_Person], gender: str | None, people: list[_Person], rules: QuoteRules
) -> str | None:
    """The first of `candidates` (nearest first) whose gender is not the other one; None when
    there is none, or when one whose gender does not show comes before the first who shows
    `gender`."""
    unsure = None
    for person in candidates:
        shown = _gender(person.name, people, rules)
        if gender is None or shown == gender:
            return person.name if unsure in (None, person.name) else None
        if shown is None and unsure is None:
            unsure = person.name
    return unsure


def _opens_sentence(span: Span, paragraph: str, persons: Sequence[Span], rules: QuoteRules) -> bool:
    """No other person and no pronoun of a person comes before the span in its sentence: the
    sentence's subject, or near enough ("On Monday, Clinton said", not "… attacked Trump")."""
    ends = [found.end() for found in rules.sentence_end.finditer(paragraph, 0, span.start)]
    start = ends[-1] if ends else 0
    if any(
        other.paragraph == span.paragraph and start <= other.start < span.start for other in persons
    ):
        return False
    words = paragraph[start : span.start].lower().split()
    return not any(word.strip(",.;:") in rules.pronoun_genders for word in words)


def _gender(name: str, people: list[_Person], rules: QuoteRules) -> str | None:
    """The gender the person's first name shows, else the one every honorific written
    before the person's name shows ("Mr. Obama"); None when neither shows one."""
    fullest = _fullest(name, people)
    shown = gender_of(fullest)
    if " " not in fullest and not any(p.name.endswith(" " + fullest) for p in people):
        shown = first_name_gender(fullest)  # a first name alone ("Kevin"), not a surname
    if shown is not None:
        return shown
    honorifics = {
        rules.honorific_genders.get(word.rstrip(".").lower())
        for person in people
        if person.role and _fullest(person.name, people) == fullest
        for word in person.role.split()
    } - {None}
    return honorifics.pop() if len(honorifics) == 1 else None


def _by_role(
    mention: Span, people: list[_Person], rules: QuoteRules
) -> tuple[str | None, SpeakerResolution | None]:
    """The one person named before a role mention ("the senator", "The Indiana governor")
    with its role: its role words are all among the words written with that person's name
    before the mention (and, when that leaves several people, its capitalised words too)."""
    words = mention.text.split()
    if words and rules.opens_with_determiner(words[0]):
        words = words[1:]
    roles = [at for at, word in enumerate(words) if rules.is_role_word(word)]
    if not roles:
        return None, None
    titles = [word.lower() for word in words if rules.is_role_word(word)]
    names = [word.lower() for word in words[: roles[-1]] if word[:1].isupper()]
    written: dict[str, list[str]] = {}
    for person in people:
        if (person.paragraph, person.start) >= _at(mention):
            break
        if (person.paragraph, person.role) != (mention.paragraph, mention.text):
            # (not the mention itself, read as the apposition of a name before it)
            written.setdefault(_fullest(person.name, people), []).extend(person.role.split())
    modifiers = rules.role_modifiers - set(titles)
    found = [name for name, role in written.items() if _has_role(role, titles, modifiers)]
    if len(found) > 1:  # "the Vermont senator": the senator named with "Vermont"
        found = [name for name in found if _has_role(written[name], names, modifiers)]
    return (found[0], "role") if len(found) == 1 else (None, None)


def _has_role(role: list[str], keys: list[str], modifiers: frozenset[str]) -> bool:
    """Every key word is a word of `role`, or begins with one of its abbreviations ("Sen."
    for "senator"), and not right after one of `modifiers` ("Vice President")."""
    written = [word.strip(",.").lower() for word in role]
    return all(
        any(
            (word == key or (len(word) >= 3 and key.startswith(word)))
            and (at == 0 or written[at - 1] not in modifiers)
            for at, word in enumerate(written)
        )
        for key in keys
    )


def _role_of(span: Span, paragraphs: Sequence[str], rules: QuoteRules) -> str:
    """The role written with a person entity: the title before it and the apposition after,
    closed by a comma or the sentence's end ("Chelsea, the mayor also said" names two)."""
    paragraph = paragraphs[span.paragraph]
    before = role_before(paragraph, span.start, rules)
    found = rules.role_after.match(paragraph, span.end)
    closed = found is not None and not found.group(0)[-1:].isalpha()
    after = _role_after(paragraph, span, rules) if closed else None
    return f"{before} {after or ''}".strip()


def _word_before(span: Span, mention: Span) -> str:
    words = mention.text[: span.start - mention.start].split()
    return words[-1] if words else ""


def _ends_phrase(after: str, rules: QuoteRules) -> bool:
    """The text after a name inside a mention lets the name be the mention's head: nothing,
    a comma, or a small word ("of SkyVale", "van basisschool …"); not a noun ("the Clinton
    campaign")."""
    words = after.replace(",", " , ").split()
    return (
        not words
        or words[0] == ","
        or words[0] in rules.title_small_words
        or words[0] in rules.name_particles
    )


def _fullest(name: str, people: Sequence[_Person]) -> str:
    """The longest name of the article that ends with `name` ("Laura Brennan" for
    "Brennan"), when all such names have one first name; else `name`."""
    words = name.split()
    longer = {
        person.name
        for person in people
        if len(person.name.split()) > len(words) and person.name.split()[-len(words) :] == words
    }
    if len({other.split()[0] for other in longer}) != 1:
        return name  # nobody, or several people ("Bill Clinton", "Hillary Clinton")
    return max(longer, key=lambda other: (len(other), other))  # "Donald J. Trump"


def _fullest_names(quotes: list[Quote], people: list[_Person]) -> tuple[Quote, ...]:
    """Each speaker name replaced by the person's fullest name in the article."""
    return tuple(
        replace(quote, speaker_name=_fullest(quote.speaker_name, people))
        if quote.speaker_name
        else quote
        for quote in quotes
    )


def _inside(span: Span, region: Span) -> bool:
    return span.paragraph == region.paragraph and region.start <= span.start < region.end


def _at(span: Span) -> tuple[int, int]:
    return span.paragraph, span.start


def _name_after_role(
    paragraph: str, mention: Span, rules: QuoteRules
) -> tuple[str | None, SpeakerResolution | None, str | None]:
    """The name written between commas after a role (a phrase holding one of the table's role
    nouns): "Le maire, Paul Girard, a déclaré"."""
    found = rules.role_after.match(paragraph, mention.end)
    has_role = any(rules.is_role_head(word) for word in mention.text.split())
    if not found or not has_role or not opens_role(mention.text, rules):
        return None, None, None
    name = found.group("role").strip()
    if not is_name(name.split(), rules):
        return None, None, None
    return name, "name_in_phrase", mention.text


def _role_after(paragraph: str, mention: Span, rules: QuoteRules) -> str | None:
    """The apposition after a name: "Rami Abdulrahman, director of the Observatory, said"."""
    found = rules.role_after.match(paragraph, mention.end)
    if not found:
        return None
    role = found.group("role").strip()
    return role if opens_role(role, rules) else None


def _continued(
    quote: Quote, earlier: list[Quote], paragraphs: Sequence[str], rules: QuoteRules
) -> Quote:
    """A whole-paragraph quote right after an attributed one continues the same speaker."""
    if not earlier or quote.kind != "full":
        return quote
    previous = earlier[-1]
    last_paragraph = (previous.continued_in or (previous.span,))[-1].paragraph
    whole = paragraphs[quote.span.paragraph].strip(" " + rules.marks.double)
    if (
        previous.speaker_name is None
        or last_paragraph != quote.span.paragraph - 1
        or whole.rstrip(",.") != quote.span.text.strip().rstrip(",.")
    ):
        return quote
    return replace(
        quote,
        speaker_name=previous.speaker_name,
        speaker_resolution="inferred",
        speaker_role=previous.speaker_role,
    )
