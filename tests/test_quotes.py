"""Direct quotes (`quotes.py`, `speakers.py`): spans, kinds, speakers, names, bad marks.

Each attribution pattern news writing uses, quotes over several paragraphs, quotes inside
quotes, apostrophes that are not quote marks, and a fuzz test: random quote marks anywhere
never raise and never give an offset that does not point at its text.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cleaner
from cleaner.document import Entity, Quote, Span
from cleaner.structure.quotes import find_quotes, load_quote_rules, quote_spans
from cleaner.structure.speakers import resolve_speakers

RULES = load_quote_rules("en")


def quotes(*paragraphs: str) -> list[Quote]:
    return find_quotes(list(paragraphs), RULES)


def only(*paragraphs: str) -> Quote:
    found = quotes(*paragraphs)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("paragraph", "speaker", "verb"),
    [
        ("“We will stay,” said Mayor Ann Lee.", "Mayor Ann Lee", "said"),
        ("“We will stay,” Ann Lee said.", "Ann Lee", "said"),
        ("“We will stay,” Lee told Reuters.", "Lee", "told"),
        ("“We will stay,” the secretary of state warned on Monday.", "the secretary of state",
         "warned"),
        ("Ann Lee said: “We will stay.”", "Ann Lee", "said"),
        ("The mayor says of the council, “It will stay.”", "The mayor", "says"),
        ("Ann Lee told reporters on Monday, “We will stay.”", "Ann Lee", "told"),
        ("“We live in hope,” my father often said.", "my father", "said"),
        ("Ann Lee said “we will stay.”", "Ann Lee", "said"),
        ("“We will stay,” according to Ann Lee.", "Ann Lee", "according to"),
        ("According to Ann Lee, “we will stay and rebuild.”", "Ann Lee", "according to"),
        ("“We will stay,” he insisted.", "he", "insisted"),
        ("“We will stay,” Rami Abdulrahman, director of the Observatory, said.",
         "Rami Abdulrahman", "said"),
        ("“We will stay,” she tweeted.", "she", "tweeted"),
    ],
)  # fmt: skip
def test_speaker_patterns(paragraph: str, speaker: str, verb: str) -> None:
    quote = only(paragraph)
    assert quote.speaker is not None and quote.speaker.text == speaker
    assert quote.verb == verb
    assert paragraph[quote.speaker.start : quote.speaker.end] == speaker


@pytest.mark.parametrize(
    ("paragraph", "speaker"),
    [
        # a whole quote set in the sentence of its reporting clause
        ("Rubio said the country “must increase our efforts at home and abroad.”", "Rubio"),
        ("Powell has said that he disagrees, because “I do not see what makes them secret.”",
         "Powell"),
        # a fragment in a sentence whose subject is a name or a pronoun
        ("Trump openly admires Vladimir Putin as a “strong leader,” aides said.", "Trump"),
        # ... not a possessive, nor a determiner
        ("Trump’s campaign admires Putin as a “strong leader.”", None),
        ("The test originated, as nasty things do, with a claim that “they cannot come.”", None),
        # a phrase between the quote and a verb-first attribution
        ("“Many would consider that an embarrassment” if she lost, said David Wasserman.",
         "David Wasserman"),
        # a name alone before a colon
        ("Clinton: “Our goal is not to contain the group but to defeat it.”", "Clinton"),
        # a quote going on from the one before it
        ("Ann Lee called it “a shame,” adding: “We will rebuild every house.”", "Ann Lee"),
    ],
)  # fmt: skip
def test_speaker_of_a_quote_inside_its_sentence(paragraph: str, speaker: str | None) -> None:
    last = quotes(paragraph)[-1]
    assert (last.speaker.text if last.speaker else None) == speaker


def test_split_quote_has_one_speaker_for_both_halves() -> None:
    first, second = quotes("“We will stay,” Ann Lee said. “And we will rebuild.”")
    assert first.speaker is not None and first.speaker.text == "Ann Lee"
    assert second.span.text == "And we will rebuild."
    assert second.speaker == first.speaker and second.verb == "said"


def test_no_attribution_means_no_speaker() -> None:
    quote = only("“We will stay.” The council met again on Tuesday.")
    assert quote.speaker is None and quote.verb is None


@pytest.mark.parametrize(
    ("paragraph", "kind"),
    [
        ("“We will stay and rebuild,” Ann Lee said.", "full"),
        ("The rebels called it a “ground offensive” on Monday.", "scare"),
        ("He accused the U.S. of being “not genuine regarding a ceasefire …”", "partial"),
        ("She said the plan was “a betrayal of everyone who lives here,” and left.", "partial"),
        # a name or title in quotes is a term, not something anyone said
        ("On this weekend’s broadcast of “Fox News Sunday,” Mike Pence said no.", "scare"),
        ("Newt Gingrich put it in his 1994 “Contract with America.”", "scare"),
        ("The spot, titled “Arrogant,” ran on Monday.", "scare"),
        ("Her documentary “13th” opens on Friday.", "scare"),
        ("“Never,” Ann Lee said.", "full"),
        ("“We Will Win!” the crowd chanted.", "full"),
    ],
)
def test_quote_kinds(paragraph: str, kind: str) -> None:
    quote = only(paragraph)
    assert quote.kind == kind
    assert quote.partial == (kind != "full")


def test_quote_over_several_paragraphs_is_one_quote() -> None:
    found = quotes(
        "Ann Lee said: “We will stay in this town.",
        "“We will rebuild every house that the river took.",
        "“And we will not wait for the council,” she added.",
        "The council did not comment.",
    )
    assert len(found) == 1
    quote = found[0]
    assert quote.span.text == "We will stay in this town."
    assert [part.paragraph for part in quote.continued_in] == [1, 2]
    assert quote.continued_in[-1].text == "And we will not wait for the council,"
    assert quote.speaker is not None and quote.speaker.text == "Ann Lee"


def test_quote_attributed_only_at_its_end() -> None:
    quote = only("“We will stay in this town.", "“And we will rebuild,” Ann Lee said.")
    assert quote.speaker is not None and quote.speaker.text == "Ann Lee"
    assert quote.speaker.paragraph == 1


def test_unclosed_mark_without_continuation_is_ignored() -> None:
    assert quotes("He called it “a disgrace and left.", "The council met on Tuesday.") == []


def test_quote_inside_a_quote() -> None:
    quote = only("“They told us ‘leave now’ and we ran,” said Ann Lee.")
    assert quote.span.text == "They told us ‘leave now’ and we ran,"
    assert quote.speaker is not None and quote.speaker.text == "Ann Lee"


@pytest.mark.parametrize(
    "paragraph",
    [
        "The rebels’ advance stalled and they don’t expect help.",
        "It’s the ’90s all over again, said the Joneses’ lawyer.",
        "Rock ’n’ roll is not dead, the fans’ club said.",
    ],
)
def test_apostrophes_are_not_quote_marks(paragraph: str) -> None:
    assert quotes(paragraph) == []


def test_other_quote_marks() -> None:
    assert only("«Nous restons», a dit Ann Lee.").span.text == "Nous restons"
    # a closing mark typed for the opening one, at the start of a paragraph
    assert only("”Fear. I am truly afraid,” said Ann Lee.").span.text == "Fear. I am truly afraid,"
    assert quotes("He left” and came back.") == []
    assert only("„Wir bleiben“, sagte sie.").span.text == "Wir bleiben"
    assert only('"We will stay," said Ann Lee.').span.text == "We will stay,"


MARKS = "“”\"‘’'«»„"


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.text(alphabet=st.sampled_from(list(MARKS) + list("ab. ,:AB")), max_size=40),
        min_size=1,
        max_size=4,
    )
)
def test_random_quote_marks_never_break_offsets(paragraphs: list[str]) -> None:
    for quote in quotes(*paragraphs):
        for part in (quote.span, *quote.continued_in, *([quote.speaker] if quote.speaker else [])):
            assert paragraphs[part.paragraph][part.start : part.end] == part.text
            assert part.text
        assert quote.partial == (quote.kind != "full")


def resolved(*paragraphs: str, entities: tuple[Entity, ...] = ()) -> tuple[Quote, ...]:
    return resolve_speakers(quotes(*paragraphs), list(paragraphs), entities, RULES)


def test_surname_and_pronoun_resolve_to_the_named_person() -> None:
    found = resolved(
        "“We stay,” said Ann Lee, the mayor of Kirkby.",
        "“We rebuild,” Lee said.",
        "“We will not wait,” she added.",
    )
    assert [(q.speaker_name, q.speaker_resolution) for q in found] == [
        ("Ann Lee", "as_written"),
        ("Ann Lee", "surname"),
        ("Ann Lee", "pronoun"),
    ]
    assert found[0].speaker_role == "the mayor of Kirkby"


def test_pronoun_with_nobody_before_it_stays_unresolved() -> None:
    (quote,) = resolved("“I have never seen such bombing,” he said.")
    assert quote.speaker is not None and quote.speaker.text == "he"
    assert quote.speaker_name is None and quote.speaker_resolution is None


def test_a_name_inside_a_quote_is_not_who_the_pronoun_is() -> None:
    paragraph = "“I met Barack Obama once,” he said."
    obama = Entity(Span("Barack Obama", 0, 6, 18), "PERSON")
    (quote,) = resolved(paragraph, entities=(obama,))
    assert quote.speaker_name is None


def test_pronoun_resolves_to_a_person_entity_named_before() -> None:
    paragraphs = ("Ann Lee runs the ferry.", "“We sail at six,” she said.")
    lee = Entity(Span("Ann Lee", 0, 0, 7), "PERSON")
    (quote,) = resolved(*paragraphs, entities=(lee,))
    assert (quote.speaker_name, quote.speaker_resolution) == ("Ann Lee", "pronoun")


def test_role_speaker_has_no_name() -> None:
    (quote,) = resolved("“Absent a gesture, we see no deal,” the secretary of state said.")
    assert quote.speaker is not None and quote.speaker.text == "the secretary of state"
    assert quote.speaker_name is None


def test_unattributed_paragraph_continues_the_previous_speaker() -> None:
    found = resolved(
        "“We stay,” said Ann Lee.",
        "“We will rebuild every house the river took, and we will not wait.”",
        "The council met on Tuesday.",
    )
    assert found[1].speaker is None
    assert (found[1].speaker_name, found[1].speaker_resolution) == ("Ann Lee", "inferred")


def test_speaker_list_in_the_record() -> None:
    article = cleaner.clean_text(
        "“We stay,” said Ann Lee.\n\nThe river rose again on Monday night.\n\n"
        "“We rebuild,” Lee said.\n\n“It is too late,” said Tom Hart.",
        config=cleaner.Config().with_entities(None),
    )
    record = article.to_dict()
    assert record["speakers"] == [
        {"name": "Ann Lee", "quotes": [0, 1]},
        {"name": "Tom Hart", "quotes": [2]},
    ]


def test_two_apostrophes_are_a_double_quote() -> None:
    quote = only("''This isn't tax reform,'' said Mr. Holtz-Eakin.")
    assert quote.span.text == "This isn't tax reform,"
    assert quote.speaker is not None and quote.speaker.text == "Mr. Holtz-Eakin"


def test_title_abbreviation_does_not_end_the_sentence() -> None:
    quote = only('"Are we where we need to be? Probably not," Ms. Moore said.')
    assert quote.speaker is not None and quote.speaker.text == "Ms. Moore"


def test_fragment_takes_the_subject_of_its_reporting_clause() -> None:
    quote = only("He said the nation has become “more interested in slogans than plans.”")
    assert quote.kind == "partial"
    assert quote.speaker is not None and quote.speaker.text == "He"
    named = only("Cruz called Trump a “pathological liar” on Tuesday.")
    assert named.kind == "scare" and named.speaker is not None and named.speaker.text == "Cruz"


def test_naming_verbs_do_not_make_a_fragment_a_full_quote() -> None:
    quote = only("She ended what she called “consultants writing reports about reports”.")
    assert quote.kind == "partial"


def test_speaker_after_a_phrase_that_finishes_the_sentence() -> None:
    quote = only("“The only way is jail time” for criminal behavior, she said.")
    assert quote.speaker is not None and quote.speaker.text == "she"


def test_speaker_with_a_long_apposition() -> None:
    quote = only(
        "“It’s an invasion of the state domain,” Scott Pruitt, the attorney general of "
        "Oklahoma, one of the states suing the agency, said."
    )
    assert quote.speaker is not None and quote.speaker.text == "Scott Pruitt"


def test_reporting_clause_after_a_long_opening_phrase() -> None:
    quote = only(
        "At a recent fundraising gig in New York with celebrity Barbra Streisand, Clinton "
        "called half of Donald Trump’s supporters “deplorables.”"
    )
    assert quote.speaker is not None and quote.speaker.text == "Clinton"


def test_party_and_state_after_a_name() -> None:
    quote = only("“It’s a dog whistle,” Rep. Gwen Moore (D-Wis.) said.")
    assert quote.speaker is not None and quote.speaker.text == "Rep. Gwen Moore"


def test_name_after_a_dash_without_a_verb() -> None:
    quote = only("“I’m so ashamed of this campaign.” ― Jacklyn Ashley")
    assert quote.speaker is not None and quote.speaker.text == "Jacklyn Ashley"
    assert quote.verb is None


def test_fragment_takes_the_last_reporting_verb_of_its_sentence() -> None:
    quote = only("Trump tweeted in the early morning hours that Machado was “a disgrace to us.”")
    assert quote.kind == "partial"
    assert quote.speaker is not None and quote.speaker.text == "Trump"
    assert quote.verb == "tweeted"


@pytest.mark.parametrize(
    ("paragraph", "speaker", "verb"),
    [
        (
            "Kerr Putney, the police chief, said that the footage did not give “absolute "
            "definitive visual evidence.”",
            "Kerr Putney",
            "said",
        ),
        (
            "In a panel discussion in Washington, Marc Morial, the chief executive of the "
            "League, forcefully told a young woman that “this is not the first generation.”",
            "Marc Morial",
            "told",
        ),
        (
            "Hillary Clinton spoke out Tuesday about the shooting, arguing that it should be "
            "recognized as “intolerable.”",
            "Hillary Clinton",
            "arguing",
        ),
        (
            "Democratic presidential nominee Hillary Clinton chimed in on Twitter, saying that "
            "officials should release the videos “without delay.”",
            "Democratic presidential nominee Hillary Clinton",
            "saying",
        ),
        (
            "Meanwhile, it ran an editorial on Trump, saying he “has offended Hispanics.”",
            "it",
            "saying",
        ),
    ],
)
def test_fragment_in_reported_speech_after_an_apposition_or_a_participle(
    paragraph: str, speaker: str, verb: str
) -> None:
    quote = only(paragraph)
    assert quote.kind == "partial"
    assert quote.speaker is not None and (quote.speaker.text, quote.verb) == (speaker, verb)


@pytest.mark.parametrize(
    ("paragraph", "speaker", "verb"),
    [
        (
            "During a speech earlier in the day, Trump attacked Clinton for her record, saying, "
            "“She's trigger-happy.”",
            "Trump",
            "saying",
        ),
        (
            "He then defended the remark, saying, “I don’t think this is ridiculous.”",
            "He",
            "saying",
        ),
        ("Said Ellis: “I don’t get the sense she’s interested.”", "Ellis", "Said"),
        (
            "When Clinton noted that he paid nothing ― as was true for years ― Trump boasted, "
            "“That makes me smart.”",
            "Trump",
            "boasted",
        ),
        (
            "“They are 100 percent wrong,” said 9/11 widow Terry Strada.",
            "9/11 widow Terry Strada",
            "said",
        ),
        (
            "As Ms. Simonyan put it in a statement in July, RT is “providing a perspective you "
            "won’t get elsewhere.”",
            "Ms. Simonyan",
            "put it",
        ),
    ],
)
def test_more_speaker_patterns(paragraph: str, speaker: str, verb: str) -> None:
    quote = only(paragraph)
    assert quote.speaker is not None and (quote.speaker.text, quote.verb) == (speaker, verb)


@pytest.mark.parametrize(
    ("paragraph", "kind"),
    [
        ("Christie described Clinton as a “disgrace” on Wednesday.", "partial"),
        ("His surrogates called him “a genius” for it.", "partial"),
        ("The army readied a “ground offensive” near the city.", "scare"),
    ],
)
def test_a_short_fragment_named_as_someones_words_is_a_partial_quote(
    paragraph: str, kind: str
) -> None:
    assert only(paragraph).kind == kind


def test_mixed_straight_and_curly_marks_still_make_a_quote() -> None:
    text = '“Immunity deals should not be required,” he said of the “work-related" emails.'
    assert [text[start:end] for start, end in quote_spans(text, RULES.marks)] == [
        "Immunity deals should not be required,",
        "work-related",
    ]
    mixed = only('“Immunity deals should not be a requirement," Chairman Jason Chaffetz said.')
    assert mixed.span.text == "Immunity deals should not be a requirement,"
    assert mixed.speaker is not None and mixed.speaker.text == "Chairman Jason Chaffetz"


def test_a_quote_ending_in_a_nested_quote_then_a_space_still_closes() -> None:
    quote = only(
        "\"I've always been insulted with the term 'African American outreach,' \" he told the "
        "group."
    )
    assert quote.span.text.startswith("I've always") and quote.span.text.endswith("outreach,' ")
    assert quote.speaker is not None and quote.speaker.text == "he"


@pytest.mark.parametrize(
    "paragraph",
    [
        "Mr. Trump has called for taxing so-called “pass through” income at a lower rate.",
        "The plan is a version of what has become known as the “Buffett rule” after the investor.",
    ],
)
def test_a_term_set_off_mid_sentence_is_a_scare_quote(paragraph: str) -> None:
    assert only(paragraph).kind == "scare"


def test_a_paragraph_opening_with_a_mistyped_mark_and_an_ellipsis_opens_a_quote() -> None:
    quote = only("” … he delivered a mix of orthodoxy and rejoinders,” Barabak wrote.")
    assert quote.span.text.startswith(" … he delivered")
    assert quote.speaker is not None and quote.speaker.text == "Barabak"


def test_a_quote_goes_on_only_into_a_paragraph_opening_with_the_same_mark() -> None:
    paragraphs = [
        '"Melanie thought the whole thing was outrageous. She was anxious, sure.',
        "“It never crossed my mind that I’m losing it,” she said after her release.",
    ]
    found = find_quotes(paragraphs, load_quote_rules("en"))
    assert [(q.span.paragraph, q.span.text[:8], len(q.continued_in)) for q in found] == [
        (1, "It never", 0)
    ]
    same = ['"We will stay.', '"We will rebuild," she said.']
    (quote,) = find_quotes(same, load_quote_rules("en"))
    assert [part.text for part in quote.continued_in] == ["We will rebuild,"]
