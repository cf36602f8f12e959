"""Kinds of furniture, captions and attributions that each language's tables name.

Every line here was written for this test, in the style of the pages where the kind was
found (trafilatura's evaluation pages, the corpus articles); each is cleaned between two
paragraphs of prose in its language, with that language's tables, and must go by the rule
named, or stay. The quote cases check the attribution patterns of the same tables.
"""

from __future__ import annotations

import pytest

import cleaner
from cleaner.clean.blocks import Block
from cleaner.clean.captions import load_caption_rules, remove_captions
from cleaner.structure.quotes import find_quotes, load_quote_rules

PROSE = {
    "de": (
        "Der Stadtrat hat am Dienstag beschlossen, einen neuen Radweg entlang des Flussufers "
        "zu bauen, sagte der Sprecher der Stadt.",
        "Die Arbeiten sollen im Frühjahr beginnen, hieß es am Abend aus dem Rathaus der Stadt.",
    ),
    "en": (
        "The council voted on Tuesday to build a new cycle path along the river, a spokesman "
        "for the city said.",
        "Work is due to start in the spring, the town hall said in a statement on Tuesday.",
    ),
    "es": (
        "El Ayuntamiento aprobó este martes la construcción de un nuevo carril bici junto al "
        "río, según informó un portavoz municipal.",
        "Las obras comenzarán en primavera y durarán al menos seis meses, según el consistorio.",
    ),
    "nl": (
        "De gemeenteraad stemde dinsdagavond in met de aanleg van een nieuw fietspad langs de "
        "rivier, meldde een woordvoerder van de gemeente.",
        "De werkzaamheden beginnen in het voorjaar en duren ten minste een half jaar.",
    ),
    "pt": (
        "A Câmara Municipal aprovou nesta terça-feira a construção de uma nova ciclovia junto "
        "ao rio, segundo um porta-voz da autarquia.",
        "As obras devem começar na primavera e durar pelo menos seis meses, segundo a câmara.",
    ),
}

# (language, line, the rule that removes it or None when it stays)
LINES: list[tuple[str, str, str | None]] = [
    # a link to a file with its type and size, in any language
    (
        "de",
        "Informationsschreiben vom 14. Oktober 2021PDF | 38 KB | Datei ist nicht barrierefrei",
        "debris.file_link",
    ),
    ("en", "Annual report 2024 (PDF, 2.4 MB)", "debris.file_link"),
    # a date with the category of the post after a bar
    ("de", "2021-10-16 | Botschaft", "debris.date_stamp"),
    ("de", "24. März 2004, 19:49 | Genesis", "debris.date_stamp"),
    # a teaser of a list of other stories with its date glued on
    ("de", "27.01.2022Mineralöl-Info November 2021", "debris.related_links"),
    ("de", "Mazda fertigt flexibler4. November 2021", "debris.related_links"),
    (
        "de",
        "Dies ist Teil 2 zum Text „Die Brücke“, der vergangene Woche hier erschienen ist.",
        "debris.related_links",
    ),
    (
        "de",
        "Online-Pressemappe - alle Pressemitteilungen der Stadtwerke | RSS-Feed abonnieren",
        "debris.follow",
    ),
    ("de", "Redakteur in der Wirtschaft.", "debris.author_bio"),
    ("de", "Jetzt registrieren und erhalten Sie exklusive Angebote!", "debris.promo"),
    (
        "de",
        "Du möchtest mitmachen? Dann hinterlasse einfach einen Kommentar unter diesem Beitrag.",
        "debris.comments",
    ),
    (
        "de",
        "Dieser Text entspricht den Vorgaben der ärztlichen Fachliteratur und wurde von "
        "Medizinern geprüft.",
        "debris.credits",
    ),
    (
        "de",
        "Unsere Experten prüfen Produkte. Solche Links kennzeichnen wir mit einem Sternchen. "
        "Geld erhalten wir, wenn Sie diesen Link klicken.",
        "debris.promo",
    ),
    (
        "de",
        "Der Redakteur in der Wirtschaftsredaktion hat die Zahlen am Montag geprüft und bestätigt.",
        None,
    ),
    ("de", "Hier die wichtigsten Fakten:", None),
    (
        "de",
        "SucheSuchen Sie im Archiv in über 70000 Artikeln:Top-15 meist-diskutiert | Der Tag",
        "debris.navigation",
    ),
    ("de", "Die folgenden Hotel-Links öffnen als extra Fenster", "debris.navigation"),
    (
        "de",
        "Du möchtest gerne bei unserer Leserunde in diesem Monat mitmachen? Dann hinterlasse "
        "einfach einen Kommentar unter diesem Beitrag mit deinem Einführungsbeitrag, in dem du das "
        "Buch vorstellst, das du zu dem Motto lesen willst. Dazu kannst du das Logo gerne "
        "übernehmen.",
        "debris.comments",
    ),
    ("es", "¿Te ha resultado útil esta noticia?", "debris.feedback"),
    ("es", "Comentarios (23)", "debris.comments"),
    ("nl", "Reacties (12)", "debris.comments"),
    ("nl", "Praat mee", "debris.comments"),
    ("nl", "14 okt. 2025 om 16:45 Bijgewerkt: 14 okt. 2025 om 18:10", "debris.reading_time"),
    ("pt", "Comentários (41)", "debris.comments"),
    (
        "pt",
        "Deixe seu comentário. Os comentários são de responsabilidade de seus autores.",
        "debris.comments",
    ),
]


@pytest.mark.parametrize(("language", "line", "rule"), LINES)
def test_the_line_goes_by_its_rule_or_stays(language: str, line: str, rule: str | None) -> None:
    first, last = PROSE[language]
    config = cleaner.Config(language=language).with_entities(None)
    article = cleaner.clean_text("\n\n".join((first, line, last)), config=config)
    removed = {edit.text: edit.rule for edit in article.edits if edit.target == "body"}
    assert removed.get(line) == rule
    assert article.paragraphs[0] == first and article.paragraphs[-1] == last


def _captions(language: str, blocks: list[Block]) -> list[str]:
    _kept, edits = remove_captions(blocks, load_caption_rules(language), max_words=30)
    return [edit.text for edit in edits]


@pytest.mark.parametrize(
    ("language", "caption"),
    [
        ("de", "Oberbürgermeisterin Sabine Hollerbach am Dienstag im Rathaus von Ostermühlen"),
        ("nl", "Zwemmers in het wedstrijdbad van De Otter, dinsdagmiddag"),
        ("it", "I volontari scaricano i viveri in piazza a Roccafredda, lunedì pomeriggio"),
        ("pt", "Bombeiros combatem as chamas junto a Casal da Eira, no domingo à tarde"),
        ("en", "Firefighters work at the scene of the blaze in Ashgrove on Tuesday afternoon"),
    ],
)
def test_a_caption_between_paragraphs_names_the_moment_of_the_picture(
    language: str, caption: str
) -> None:
    first, last = PROSE.get(language, PROSE["en"])
    blocks = [Block(index, text) for index, text in enumerate([first, caption, last])]
    assert _captions(language, blocks) == [caption]


def test_a_heading_removed_between_short_lines_ends_their_run() -> None:
    """A caption after the last paragraph, then (removed) "Related", then three headlines:
    the caption is not counted in the headlines' list."""
    first, last = PROSE["en"]
    caption = "Mayor Jane Doe at the town hall in Ashgrove on Tuesday"
    blocks = [
        Block(0, first),
        Block(1, last),
        Block(2, caption),
        Block(4, "Council backs new bus lane"),
        Block(5, "Library to open on Sundays"),
        Block(6, "Bridge repairs start in May"),
    ]
    assert _captions("en", blocks) == [caption]


@pytest.mark.parametrize(
    ("language", "paragraph", "speaker", "partial"),
    [
        (
            "fr",
            "« C’est tout un territoire que l’on abandonne », a réagi la maire de "
            "Vallon, Nadine Chabert.",
            "la maire de Vallon, Nadine Chabert",
            False,
        ),
        (
            "it",
            "«Le risorse ci saranno», ha dichiarato l’assessore regionale alla Protezione "
            "civile, Luca Serafini.",
            "l’assessore regionale alla Protezione civile, Luca Serafini",
            False,
        ),
        ("it", "«Abbiamo finito», ha detto Bassani alla Rai.", "Bassani", False),
        (
            "nl",
            "De voorzitter noemt het besluit ‘een klap in het gezicht’ van de leden.",
            None,
            True,
        ),
    ],
)
def test_attribution_patterns(
    language: str, paragraph: str, speaker: str | None, partial: bool
) -> None:
    [quote] = find_quotes([paragraph], load_quote_rules(language))
    assert quote.partial is partial
    if speaker is not None:
        assert quote.speaker is not None and quote.speaker.text == speaker
