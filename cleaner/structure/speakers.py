"""Who the speakers are: names behind the mentions, roles, continued quotes, the speaker list.

    >>> from cleaner.structure.quotes import find_quotes, load_quote_rules
    >>> paragraphs = [
    ...     "“We stay,” said Ann Lee, the mayor of Kirkby.",
    ...     "“We rebuild,” Lee said.",
    ...     "“And we will not wait,” she added.",
    ... ]
    >>> rules = load_quote_rules("en")
    >>> found = resolve_speakers(find_quotes(paragraphs, rules), paragraphs, (), rules)
    >>> [(q.speaker_name, q.speaker_resolution) for q in found]
    [('Ann Lee', 'as_written'), ('Ann Lee', 'surname'), ('Ann Lee', 'pronoun')]
    >>> found[0].speaker_role
    'the mayor of Kirkby'

The mention stays as written (`speaker`); what it refers to is added beside it, with how it was
found, so a reader can tell a name from an inference:

* `as_written`: the mention is a name (capitalised words, not a role like "the secretary"), or
  holds one after its role ("der Bundeskanzler Olaf Scholz", "el portavoz, Pedro Sánchez": the
  role words are the table's `role_heads`);
* `surname`: a one-word mention that is the last word of a person named earlier ("Lee");
* `pronoun`: "he" or "she" (the table's `personal_pronouns`), or no mention at all where the
  language leaves the subject out (`“…”, dijo.`), resolved to the nearest person named before
  it (a speaker named earlier, or a PERSON entity when entities are on); nobody when no person
  comes before;
* `inferred` quotes: a paragraph that is only a quote, with no attribution, right after a
  paragraph whose quote had a speaker, is taken as that speaker continuing.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import replace

from cleaner.document import Entity, Quote, Span, SpeakerGroup, SpeakerResolution
from cleaner.structure.quote_marks import UPPER
from cleaner.structure.quote_rules import QuoteRules

_NAME_WORD = re.compile(rf"[{UPPER}][\w’'.-]*")
_ELISION = re.compile("[’']")
_MAX_NAME_WORDS = 4  # a name after a role and its complement: "Имя Отчество Фамилия"


def resolve_speakers(
    quotes: Sequence[Quote],
    paragraphs: Sequence[str],
    entities: Sequence[Entity],
    rules: QuoteRules,
) -> tuple[Quote, ...]:
    """The quotes with speaker names, roles and inferred continuations filled in; `rules`
    are the document language's quote tables (its pronouns, name particles and roles)."""
    # (paragraph, offset, name) of every person named outside the quotes, in reading order:
    # a name inside a quote ("“I met Obama,” he said") is not who "he" is
    quoted = [part for quote in quotes for part in (quote.span, *quote.continued_in)]
    named = sorted(
        (e.span.paragraph, e.span.start, e.span.text)
        for e in entities
        if e.label == "PERSON" and not any(_inside(e.span, part) for part in quoted)
    )
    resolved: list[Quote] = []
    for quote in quotes:
        if quote.speaker is None and quote.verb is None:
            quote = _continued(quote, resolved, paragraphs, rules)
        elif quote.speaker is None:
            # the language left the subject out: "“…”, dijo." is "he said" or "she said"
            name = _nearest_before(_at(quote.span), named)
            if name is not None:
                quote = replace(quote, speaker_name=name, speaker_resolution="pronoun")
        else:
            paragraph = paragraphs[quote.speaker.paragraph]
            name, how, role = _name_of(quote.speaker, named, rules)
            if name is None:  # "Le maire, Paul Girard, a déclaré"
                name, how, role = _name_after_role(paragraph, quote.speaker, rules)
            role = role or _role_after(paragraph, quote.speaker, rules)
            quote = replace(quote, speaker_name=name, speaker_resolution=how, speaker_role=role)
            if how == "as_written" and name:
                bisect.insort(named, (quote.speaker.paragraph, quote.speaker.start, name))
        resolved.append(quote)
    return tuple(resolved)


def speaker_groups(quotes: Sequence[Quote]) -> tuple[SpeakerGroup, ...]:
    """Each resolved speaker with the indices of their quotes, in order of first quote."""
    groups: dict[str, list[int]] = {}
    for number, quote in enumerate(quotes):
        if quote.speaker_name:
            groups.setdefault(quote.speaker_name, []).append(number)
    return tuple(SpeakerGroup(name, tuple(numbers)) for name, numbers in groups.items())


def _name_of(
    mention: Span, named: list[tuple[int, int, str]], rules: QuoteRules
) -> tuple[str | None, SpeakerResolution | None, str | None]:
    """(name, how it was found, the role written with it) of a speaker mention."""
    words = mention.text.split()
    if len(words) == 1 and words[0].lower() in rules.personal_pronouns:
        earlier = _nearest_before(_at(mention), named)
        return (earlier, "pronoun", None) if earlier else (None, None, None)
    role, name = _role_and_name(mention.text, rules)
    if name is not None:
        return name, "as_written", role
    if words[0] in rules.name_particles and _is_name(words[1:], rules):
        for _paragraph, _start, name in reversed(named):  # "von Preen", "van Dijk"
            if name.endswith(" " + mention.text):
                return name, "surname", None
    if not _is_name(words, rules):
        return None, None, None
    if len(words) > 2 and words[0].lower() in rules.determiners:
        words = words[1:]  # the article before a name: "Η Μαρία Γεωργίου", "O João Silva"
        return " ".join(words), "as_written", None
    if len(words) == 1:
        for _paragraph, _start, name in reversed(named):
            if name.split()[-1] == words[0] and name != words[0]:
                return name, "surname", None
    return mention.text, "as_written", None


def _nearest_before(at: tuple[int, int], named: list[tuple[int, int, str]]) -> str | None:
    earlier = [name for paragraph, start, name in named if (paragraph, start) < at]
    return earlier[-1] if earlier else None


def _role_and_name(text: str, rules: QuoteRules) -> tuple[str | None, str | None]:
    """A role written with the name, and the name: "el portavoz del Gobierno, Pedro Sánchez",
    "der Bundeskanzler Olaf Scholz" (the role is the table's `role_heads`); Nones otherwise."""
    role, comma, name = text.rpartition(", ")
    if comma and _is_name(name.split(), rules) and _opens_role(role, rules):
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
    if titles > position and _is_name(words[titles:], rules):
        return None, " ".join(words[titles:])
    # a role with its complement in lower case, then the name: "директор порта Сергей Волков",
    # "ministro dell’economia Giancarlo Giorgetti" (not where every noun is capitalised)
    if titles > position and not rules.nouns_capitalised:
        for start in range(titles + 1, len(words) - 1):
            if not words[start - 1][:1].islower():
                break
            if _is_name(words[start:], rules) and len(words) - start <= _MAX_NAME_WORDS:
                return None, " ".join(words[start:])
    return None, None


def _opens_role(role: str, rules: QuoteRules) -> bool:
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


def _inside(span: Span, region: Span) -> bool:
    return span.paragraph == region.paragraph and region.start <= span.start < region.end


def _at(span: Span) -> tuple[int, int]:
    return span.paragraph, span.start


def _is_name(words: list[str], rules: QuoteRules) -> bool:
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
    )


def _name_after_role(
    paragraph: str, mention: Span, rules: QuoteRules
) -> tuple[str | None, SpeakerResolution | None, str | None]:
    """The name written between commas after a role (a phrase holding one of the table's role
    nouns): "Le maire, Paul Girard, a déclaré"."""
    found = rules.role_after.match(paragraph, mention.end)
    has_role = any(rules.is_role_head(word) for word in mention.text.split())
    if not found or not has_role or not _opens_role(mention.text, rules):
        return None, None, None
    name = found.group("role").strip()
    return (
        (name, "as_written", mention.text) if _is_name(name.split(), rules) else (None, None, None)
    )


def _role_after(paragraph: str, mention: Span, rules: QuoteRules) -> str | None:
    """The apposition after a name: "Rami Abdulrahman, director of the Observatory, said"."""
    found = rules.role_after.match(paragraph, mention.end)
    if not found:
        return None
    role = found.group("role").strip()
    return role if _opens_role(role, rules) else None


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
