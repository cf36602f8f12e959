"""Who a speaker mention refers to (`speakers.py`, `speaker_names.py`, `first_names.py`):
a name inside a descriptive mention, pronouns by gender and number, roles named earlier,
unresolved when unclear, and one speaker per person in `speakers` (issue 19).

Each case is a few invented paragraphs in one language, resolved without entities (the
names come from the speaker mentions) unless a case gives PERSON entities.
"""

from __future__ import annotations

import pytest

from cleaner.document import Entity, Quote, Span
from cleaner.structure.first_names import gender_of
from cleaner.structure.quotes import find_quotes, load_quote_rules
from cleaner.structure.speakers import WINDOW, resolve_speakers, speaker_groups


def resolved(language: str, *paragraphs: str, people: tuple[str, ...] = ()) -> list[Quote]:
    """The quotes of `paragraphs` with their speakers resolved; `people` are names to mark
    as PERSON entities wherever they occur."""
    rules = load_quote_rules(language)
    entities = tuple(
        Entity(Span(name, number, start, start + len(name)), "PERSON")
        for number, paragraph in enumerate(paragraphs)
        for name in people
        if (start := paragraph.find(name)) >= 0
    )
    found = find_quotes(list(paragraphs), rules)
    return list(resolve_speakers(found, list(paragraphs), entities, rules))


def names(quotes: list[Quote]) -> list[tuple[str | None, str | None]]:
    return [(quote.speaker_name, quote.speaker_resolution) for quote in quotes]


@pytest.mark.parametrize(
    ("language", "paragraph", "name", "role"),
    [
        ("en", "“We will merge,” SkyVale chief executive Laura Brennan said.", "Laura Brennan",
         "SkyVale chief executive"),
        ("en", "“We will merge,” said chief executive Laura Brennan of SkyVale.",
         "Laura Brennan", "chief executive of SkyVale"),
        ("en", "“We will stay,” said Economy Minister Rasmus Kivi.", "Rasmus Kivi",
         "Economy Minister"),
        ("en", "“We will stay,” said Dr. Ilse Varga.", "Ilse Varga", "Dr."),
        ("de", "„Wir bleiben“, sagte Oberbürgermeisterin Sabine Hollerbach.", "Sabine Hollerbach",
         "Oberbürgermeisterin"),
        ("de", "„Wir bleiben“, sagte der Bundeskanzler Olaf Scholz.", "Olaf Scholz",
         "der Bundeskanzler"),
        ("fr", "« Nous restons », a déclaré le directeur de l’ARS, Paul Girard.", "Paul Girard",
         "le directeur de l’ARS"),
        ("es", "«Nos quedamos», dijo el portavoz del Gobierno, Pedro Sánchez.", "Pedro Sánchez",
         "el portavoz del Gobierno"),
        ("nl", "‘We blijven’, aldus directeur Mirjam Oosterhof van basisschool De Wilgenhoek.",
         "Mirjam Oosterhof", "directeur van basisschool De Wilgenhoek"),
    ],
)  # fmt: skip
def test_name_in_phrase(language: str, paragraph: str, name: str, role: str) -> None:
    (quote,) = resolved(language, paragraph)
    assert (quote.speaker_name, quote.speaker_resolution) == (name, "name_in_phrase")
    assert quote.speaker_role == role


def test_name_in_phrase_from_a_person_entity_inside_the_mention() -> None:
    paragraph = "“We will merge,” said the airline’s boss Laura Brennan of SkyVale."
    (quote,) = resolved("en", paragraph, people=("Laura Brennan",))
    assert (quote.speaker_name, quote.speaker_resolution) == ("Laura Brennan", "name_in_phrase")


def test_a_name_that_is_not_the_head_of_the_mention_is_not_the_speaker() -> None:
    paragraph = "“We will win,” the Clinton campaign said."
    (quote,) = resolved("en", paragraph, people=("Clinton",))
    assert quote.speaker_name is None
    (quote,) = resolved("en", "“He is fit,” said candidate Gary Johnson’s doctor.")
    assert quote.speaker_name is None


def test_a_mention_that_is_a_name_is_as_written() -> None:
    (quote,) = resolved("en", "“We will stay,” said Ann Lee.")
    assert names([quote]) == [("Ann Lee", "as_written")]


@pytest.mark.parametrize(
    ("language", "paragraphs", "name"),
    [
        # "she" skips the man named last: his first name shows the other gender
        ("en", ("“We stay,” said Ann Lee.", "Tom Reyes disagreed. “We will see,” she said."),
         "Ann Lee"),
        ("en", ("“We stay,” said Ann Lee.", "Tom Reyes disagreed. “We will see,” he said."),
         "Tom Reyes"),
        ("de", ("„Wir bleiben“, sagte Sabine Hollerbach. „Zu spät“, sagte der "
                "Fraktionsvorsitzende, Thomas Oberreuter.",
                "„Wir haben alles geprüft“, sagte sie."), "Sabine Hollerbach"),
        ("es", ("«Nos quedamos», dijo la alcaldesa, Carmen Villalobos. «Es injusto», "
                "denunció el portavoz, Andrés Cobo.",
                "«Ni una gota», aseguró ella."), "Carmen Villalobos"),
        ("fr", ("« Nous restons », a déclaré la maire, Nadine Chabert. « C’est trop tard », "
                "a dit Pierre Garnier.",
                "« Qui va accoucher ? » a-t-elle lancé."), "Nadine Chabert"),
        ("it", ("«Restiamo», ha detto Rosa Ferrante. «Aspettiamo», ha detto Mario Rinaldi.",
                "«Abbiamo la legna», racconta lei."), "Rosa Ferrante"),
        # a pronoun resolved to a person carries the person on to the next paragraph
        ("de", ("„Wir bleiben“, sagte Sabine Hollerbach.", "„Nie“, fügte sie hinzu.",
                "„Wir haben alles geprüft“, sagte sie."), "Sabine Hollerbach"),
    ],
)  # fmt: skip
def test_pronoun_takes_the_nearest_person_of_its_gender(
    language: str, paragraphs: tuple[str, ...], name: str
) -> None:
    last = resolved(language, *paragraphs, people=("Ann Lee", "Tom Reyes"))[-1]
    assert (last.speaker_name, last.speaker_resolution) == (name, "pronoun")


def test_pronoun_resolves_to_a_person_entity_of_its_gender() -> None:
    paragraphs = (
        "Ann Lee runs the ferry with Tom Reyes.",
        "“We sail at six,” she said.",
    )
    (quote,) = resolved("en", *paragraphs, people=("Ann Lee", "Tom Reyes"))
    assert names([quote]) == [("Ann Lee", "pronoun")]


@pytest.mark.parametrize(
    ("paragraphs", "name"),
    [
        # the subject before a nearer object of the same gender
        (("Ann Lee praised the plan of Mary Holt. She then turned to the budget.",
          "“We sail at six,” she said."), "Ann Lee"),
        (("On Monday, Tom Reyes met Peter Vance at the port.", "“We sail at six,” he said."),
         "Tom Reyes"),
        # a speaker is a subject: "he" goes on being Tom Reyes, not the man named after him
        (("“We stay,” said Tom Reyes. He added a warning, should Peter Vance try again.",
          "“Not yet,” he said."), "Tom Reyes"),
        # no subject of the pronoun's gender: the nearest person of its gender
        (("Ann Lee praised Tom Reyes.", "“We sail at six,” he said."), "Tom Reyes"),
    ],
)  # fmt: skip
def test_pronoun_prefers_a_sentence_subject(paragraphs: tuple[str, ...], name: str | None) -> None:
    people = ("Ann Lee", "Mary Holt", "Tom Reyes", "Peter Vance")
    last = resolved("en", *paragraphs, people=people)[-1]
    assert (last.speaker_name, last.speaker_resolution) == (name, "pronoun")


def test_an_honorific_shows_the_gender_a_first_name_does_not() -> None:
    paragraphs = ("“We stay,” said Ms. Okafor. “We will see,” said Mr. Adebayo.",
                  "“It is late,” she said.")  # fmt: skip
    assert names(resolved("en", *paragraphs))[-1] == ("Okafor", "pronoun")


def test_a_plural_pronoun_is_nobody() -> None:
    paragraphs = ("„Wir bleiben“, sagte Sabine Hollerbach.", "„Wir gehen“, sagten sie.")
    last = resolved("de", *paragraphs)[-1]
    assert last.speaker is not None and last.speaker.text == "sie"
    assert last.speaker_name is None


def test_pronoun_unresolved_when_a_person_of_unknown_gender_comes_first() -> None:
    """Kaito Lind's first name shows no gender: "she" may be them or Ann Lee: nobody."""
    paragraphs = ("“We stay,” said Ann Lee. “We go,” said Kaito Lind.", "“Fine,” she said.")
    assert gender_of("Kaito Lind") is None
    assert resolved("en", *paragraphs)[-1].speaker_name is None


def test_pronoun_unresolved_when_nobody_of_its_gender_was_named_recently() -> None:
    paragraphs = (
        "“We stay,” said Ann Lee.",
        *("The council met on Tuesday." for _ in range(WINDOW)),
        "“We will see,” she said.",
    )
    assert resolved("en", *paragraphs)[-1].speaker_name is None  # too far back
    assert resolved("en", paragraphs[0], paragraphs[-1])[-1].speaker_name == "Ann Lee"
    he = resolved("en", paragraphs[0], "“We will see,” he said.")[-1]
    assert he.speaker_name is None  # nobody of his gender


@pytest.mark.parametrize(
    ("language", "paragraphs", "name"),
    [
        ("en", ("“We talk,” said Secretary of State John Kerry.",
                "“Not yet,” the secretary of state said."), "John Kerry"),
        ("en", ("“We talk,” said John Kerry, the secretary of state.",
                "“Not yet,” the secretary of state said."), "John Kerry"),
        ("en", ("“We vote,” said Sen. Ted Cruz.", "“No,” the senator said."), "Ted Cruz"),
        ("en", ("“We win,” said Republican presidential nominee Donald Trump.",
                "“We will see,” said Ann Lee.",
                "“Sad,” the Republican nominee said."), "Donald Trump"),
        ("de", ("„Wir bleiben“, sagte Bürgermeister Hans Meier.",
                "„Noch nicht“, sagte der Bürgermeister."), "Hans Meier"),
        ("es", ("«Nos quedamos», dijo el alcalde, Luis Gómez.",
                "«Todavía no», dijo el alcalde."), "Luis Gómez"),
    ],
)  # fmt: skip
def test_role_resolves_to_the_person_named_with_it(
    language: str, paragraphs: tuple[str, ...], name: str
) -> None:
    last = resolved(language, *paragraphs)[-1]
    assert (last.speaker_name, last.speaker_resolution) == (name, "role")


@pytest.mark.parametrize(
    "paragraphs",
    [
        # nobody was named with the role
        ("“We talk,” said John Kerry.", "“Not yet,” the secretary of state said."),
        # two senators: which one is unclear
        ("“We vote,” said Sen. Ted Cruz.", "“We wait,” said Sen. Ann Lee.",
         "“No,” the senator said."),
        # a vice president is not the president
        ("“We talk,” said Vice President Joe Biden.", "“Not yet,” the president said."),
        # the role named after the mention does not count
        ("“Not yet,” the senator said.", "“We vote,” said Sen. Ted Cruz."),
    ],
)  # fmt: skip
def test_role_unresolved_when_unclear(paragraphs: tuple[str, ...]) -> None:
    role = next(q for q in resolved("en", *paragraphs) if q.speaker and "the" in q.speaker.text)
    assert role.speaker_name is None and role.speaker_resolution is None


def test_every_name_is_the_fullest_and_each_person_one_speaker() -> None:
    found = resolved(
        "en",
        "“Fewer flights,” Brennan said first.",
        "“We will merge,” SkyVale chief executive Laura Brennan said.",
        "“More routes,” she added.",
        "“Not so fast,” said Tom Alvarez.",
        "“Cheaper fares,” Brennan said.",
    )
    assert [quote.speaker_name for quote in found] == [
        "Laura Brennan", "Laura Brennan", "Laura Brennan", "Tom Alvarez", "Laura Brennan",
    ]  # fmt: skip
    groups = [(group.name, group.quotes) for group in speaker_groups(found)]
    assert groups == [("Laura Brennan", (0, 1, 2, 4)), ("Tom Alvarez", (3,))]


@pytest.mark.parametrize(
    ("name", "gender"),
    [
        ("Laura Brennan", "female"),
        ("Andrés Cobo", "male"),  # accents dropped for the look-up
        ("James Lee", "male"),  # in both lists, 300 times more often male
        ("Jordan Lee", None),  # in both lists, neither dominant
        ("Brennan", None),  # one word: a surname
        ("Xq Lee", None),  # in neither list
    ],
)
def test_first_name_gender(name: str, gender: str | None) -> None:
    assert gender_of(name) == gender


def test_a_first_name_alone_shows_its_gender() -> None:
    """Aldo is nobody's surname in the article: a first name, a man's."""
    paragraphs = (
        "Rosa Ferrante lives there with her husband Aldo.",
        "«Abbiamo la legna», racconta lei.",
    )
    (quote,) = resolved("it", *paragraphs, people=("Rosa Ferrante", "Aldo"))
    assert names([quote]) == [("Rosa Ferrante", "pronoun")]


def test_with_entities_on_a_name_is_a_person_the_entities_do_not_call_otherwise() -> None:
    paragraphs = (
        "“Enough is enough,” Demonstrators chanted outside.",
        "“Rates will rise,” said the Talvik Bankers Association.",
        "“We will stay,” said Åse Møller.",
        "“We will go,” said Ann Lee.",
    )
    rules = load_quote_rules("en")
    bankers = paragraphs[1].index("Talvik")
    entities = (
        Entity(Span("Ann Lee", 3, 23, 30), "PERSON"),
        Entity(Span("Talvik Bankers Association", 1, bankers, bankers + 26), "ORG"),
    )
    found = resolve_speakers(find_quotes(list(paragraphs), rules), paragraphs, entities, rules)
    assert [quote.speaker_name for quote in found] == [None, None, "Åse Møller", "Ann Lee"]
