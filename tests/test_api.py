"""The Python API: `clean_text`, `clean_html`, `process_records`, `process`, `Rejected`.

Titles (given, found, absent), sources and URLs, ids (kept, stable, content-dependent),
metadata passed through, schema-valid records and byte-identical output for the same input.
"""

from __future__ import annotations

import json

import pytest
from conftest import assert_record_consistent, assert_text_edits_replay

import cleaner
from cleaner import Config, Document, Source

TEXT = (
    "Rain falls on Leeds\n\n"
    "Share\n\n"
    "Heavy rain fell on Leeds on Monday and several roads were closed, police said.\n\n"
    "“We have never seen water this high,” said a council spokesman.\n"
)
PARAGRAPHS = (
    "Heavy rain fell on Leeds on Monday and several roads were closed, police said.",
    "“We have never seen water this high,” said a council spokesman.",
)
HTML = (
    "<html><head><title>Bridge reopens | The Daily</title>"
    "<meta property='og:site_name' content='The Daily'></head><body><article>"
    "<h1>Bridge reopens</h1>"
    "<p>The old bridge reopened to traffic on Tuesday after two years of repairs.</p>"
    "<figure><img src='b.jpg'><figcaption>The bridge at dawn, by Jane Doe</figcaption></figure>"
    "<p>“It is a great day for the town,” the mayor said at the ceremony.</p>"
    "</article></body></html>"
)


def _json(article: cleaner.Article) -> str:
    return json.dumps(article.to_dict(), ensure_ascii=False, sort_keys=False)


# --- clean_text -------------------------------------------------------------------------------


def test_clean_text_finds_the_title() -> None:
    article = cleaner.clean_text(TEXT)
    assert article.title == "Rain falls on Leeds"
    assert article.paragraphs == PARAGRAPHS
    assert [e.rule for e in article.edits] == ["debris.share", "title.headline_line"]
    assert article.extraction == "text"
    assert article.encoding is None  # a str was given: nothing was decoded
    assert_record_consistent(article.to_dict())
    assert_text_edits_replay(TEXT, article)


def test_clean_text_with_title() -> None:
    """A given title wins: the text's headline line is then not taken as the title (what other
    rules make of that line is theirs to say, but it is kept or its removal recorded)."""
    headline = "Rain falls on Leeds as the river bursts its banks"
    text = TEXT.replace("Rain falls on Leeds", headline)
    article = cleaner.clean_text(text, title="Leeds under water")
    assert article.title == "Leeds under water"
    assert article.paragraphs[-2:] == PARAGRAPHS
    assert "title.headline_line" not in [e.rule for e in article.edits]
    if headline not in article.paragraphs:
        assert headline in [e.text for e in article.edits if e.action == "remove"]
    assert_text_edits_replay(text, article)


def test_clean_text_given_title_repeated_in_body_is_removed() -> None:
    article = cleaner.clean_text(TEXT, title="Rain Falls on Leeds!")
    assert article.title == "Rain Falls on Leeds!"
    assert article.paragraphs == PARAGRAPHS
    [edit] = [e for e in article.edits if e.rule.startswith("headline.")]
    assert edit.text == "Rain falls on Leeds"


def test_clean_text_given_title_is_repaired_with_title_edits() -> None:
    article = cleaner.clean_text(TEXT, title="Rain  falls on\u00a0LeedsÃ©")
    assert article.title == "Rain falls on Leedsé"
    title_edits = [e for e in article.edits if e.target == "title"]
    assert title_edits
    assert all(e.block is None for e in title_edits)
    assert_record_consistent(article.to_dict())


def test_clean_text_opening_with_prose_has_no_title() -> None:
    text = (
        "Heavy rain fell on Leeds on Monday and several roads were closed, police said.\n\n"
        "Residents were told to stay at home.\n"
    )
    article = cleaner.clean_text(text)
    assert article.title is None
    assert article.paragraphs[0] == (
        "Heavy rain fell on Leeds on Monday and several roads were closed, police said."
    )
    assert len(article.paragraphs) == 2
    assert article.to_dict()["title"] is None
    assert_record_consistent(article.to_dict())


def test_clean_text_single_line_is_not_a_title() -> None:
    article = cleaner.clean_text("Rain falls on Leeds")
    assert article.title is None
    assert article.paragraphs == ("Rain falls on Leeds",)


def test_clean_text_opening_quote_is_not_a_title() -> None:
    article = cleaner.clean_text("“Get out now”\n\nThe warning came at noon, police said.")
    assert article.title is None
    assert article.paragraphs[0] == "“Get out now”"


def test_clean_text_bytes_records_encoding() -> None:
    article = cleaner.clean_text(TEXT.encode("utf-8"))
    assert article.paragraphs == PARAGRAPHS
    assert article.encoding is not None
    assert article.encoding.to_dict() == {
        "name": "utf-8",
        "method": "utf-8",
        "declared": None,
        "replaced_bytes": 0,
    }


def test_clean_text_source_id_url() -> None:
    article = cleaner.clean_text(TEXT, id="story-1", url="https://example.com/r", source="r.txt")
    record = article.to_dict()
    assert record["id"] == "story-1"
    assert record["source"] == {
        "name": "r.txt",
        "format": "text",
        "line": None,
        "url": "https://example.com/r",
        "fetched": None,
        "record_id": None,
    }


def test_clean_text_crlf_and_hard_wrapped() -> None:
    wrapped = (
        "Rain falls on Leeds\r\n\r\n"
        "Heavy rain fell on Leeds on Monday and several roads in the\r\n"
        "city centre were closed for most of the day, police said on\r\n"
        "Tuesday.\r\n"
    )
    article = cleaner.clean_text(wrapped)
    assert article.title == "Rain falls on Leeds"
    assert article.paragraphs == (
        "Heavy rain fell on Leeds on Monday and several roads in the city centre were closed "
        "for most of the day, police said on Tuesday.",
    )


# --- clean_html -------------------------------------------------------------------------------


@pytest.mark.parametrize("as_bytes", [True, False], ids=["bytes", "str"])
def test_clean_html(as_bytes: bool) -> None:
    page = HTML.encode("utf-8") if as_bytes else HTML
    article = cleaner.clean_html(page, url="https://example.com/bridge")
    assert article.title == "Bridge reopens"
    assert article.paragraphs[0] == (
        "The old bridge reopened to traffic on Tuesday after two years of repairs."
    )
    assert all("Jane Doe" not in p for p in article.paragraphs)
    page_edits = [e for e in article.edits if e.target == "page"]
    assert any("Jane Doe" in e.text for e in page_edits)
    record = article.to_dict()
    assert record["source"]["url"] == "https://example.com/bridge"
    assert record["source"]["format"] == "html"
    assert record["processing"]["extraction"] == "trafilatura_fallbacks"  # under 250 characters
    if as_bytes:
        assert record["processing"]["encoding"]["name"] == "utf-8"
    else:
        assert record["processing"]["encoding"] is None
    assert_record_consistent(record)


def test_clean_html_bytes_and_str_agree() -> None:
    from_bytes = cleaner.clean_html(HTML.encode("utf-8")).to_dict()
    from_str = cleaner.clean_html(HTML).to_dict()
    for record in (from_bytes, from_str):
        del record["processing"]["encoding"]
        del record["id"]  # the id hashes the content as given
    assert from_bytes == from_str


def test_clean_html_declared_charset() -> None:
    page = HTML.replace("<head>", "<head><meta charset='windows-1252'>").replace(
        "two years", "two years (€2m, “très cher”)"
    )
    article = cleaner.clean_html(page.encode("cp1252"))
    assert "€2m, “très cher”" in article.paragraphs[0]
    assert article.encoding is not None
    assert article.encoding.method == "declared"


def test_clean_html_title_given_wins() -> None:
    assert cleaner.clean_html(HTML, title="Given").title == "Given"


# --- Rejected -----------------------------------------------------------------------------------


@pytest.mark.parametrize("empty", ["", b"", "   \n\n  ", b"\n"])
def test_rejected_for_empty_input(empty: str | bytes) -> None:
    with pytest.raises(cleaner.Rejected) as error:
        cleaner.clean_text(empty)
    assert isinstance(error.value, ValueError)
    assert error.value.reject.reason == "empty"
    assert str(error.value).startswith("empty: ")
    assert cleaner.validate_record(error.value.reject.to_dict(), schema="reject") == []


def test_rejected_for_empty_html() -> None:
    with pytest.raises(cleaner.Rejected) as error:
        cleaner.clean_html(b"", url="https://example.com/x")
    assert error.value.reject.reason == "empty"
    assert error.value.reject.source.url == "https://example.com/x"


def test_rejected_keeps_the_id() -> None:
    with pytest.raises(cleaner.Rejected) as error:
        cleaner.clean_text("", id="keep-me")
    assert error.value.reject.id == "keep-me"
    assert error.value.reject.to_dict()["id"] == "keep-me"


# --- process_records ----------------------------------------------------------------------------


def test_process_records() -> None:
    records = [
        {"id": "a1", "text": TEXT, "lang": "en", "tags": ["weather"], "url": "https://e.com/a"},
        {"html": HTML, "title": "Given title", "section": {"name": "local"}},
        {"text": ""},
        {"id": 7, "text": TEXT},
    ]
    results = list(cleaner.process_records(records, source="dump.jsonl"))
    assert [type(r).__name__ for r in results] == ["Article", "Article", "Reject", "Article"]
    first, second, reject, fourth = results
    assert isinstance(first, cleaner.Article) and isinstance(second, cleaner.Article)
    assert first.id == "a1"
    assert dict(first.metadata) == {"lang": "en", "tags": ["weather"]}
    assert first.source == Source("dump.jsonl", "jsonl", 1, "https://e.com/a")
    assert second.title == "Given title"
    assert dict(second.metadata) == {"section": {"name": "local"}}
    assert second.extraction in {"trafilatura", "trafilatura_fallbacks"}
    assert isinstance(reject, cleaner.Reject)
    assert reject.reason == "invalid_record"
    assert reject.source.line == 3
    assert isinstance(fourth, cleaner.Article)
    assert fourth.id == "7"
    for result in (first, second, fourth):
        record = result.to_dict()
        assert_record_consistent(record)
        assert record["source"]["format"] == "jsonl"


def test_process_records_stable_ids() -> None:
    records = [{"text": TEXT}, {"text": TEXT.replace("Monday", "Sunday")}]
    first = [r.id for r in cleaner.process_records(records)]
    second = [r.id for r in cleaner.process_records(records)]
    assert first == second
    assert first[0] != first[1]
    for record_id in first:
        assert len(record_id) == 16
        int(record_id, 16)


def test_ids_depend_on_content_and_source() -> None:
    same = cleaner.clean_text(TEXT, source="a.txt").id
    assert cleaner.clean_text(TEXT, source="a.txt").id == same
    assert cleaner.clean_text(TEXT + "\nMore text, he said.", source="a.txt").id != same
    assert cleaner.clean_text(TEXT, source="b.txt").id != same


def test_process_records_accepts_documents() -> None:
    document = Document(Source("x.txt", "text"), TEXT, "text", id="doc")
    [result] = cleaner.process_records([document])
    assert isinstance(result, cleaner.Article)
    assert result.id == "doc"


def test_process_records_is_lazy_and_ordered() -> None:
    def records():
        for number in range(5):
            yield {"id": str(number), "text": f"Story {number} here\n\nIt rained, he said."}

    results = cleaner.process_records(records())
    assert next(results).id == "0"
    assert [r.id for r in results] == ["1", "2", "3", "4"]


# --- process, to_dict, determinism ---------------------------------------------------------------


def test_process_is_the_function_under_clean_text() -> None:
    document = Document(Source("<text>", "text"), TEXT, "text")
    assert cleaner.process(document).to_dict() == cleaner.clean_text(TEXT).to_dict()
    assert cleaner.process(document, Config()).to_dict() == cleaner.clean_text(TEXT).to_dict()


def test_to_dict_validates() -> None:
    for article in (cleaner.clean_text(TEXT), cleaner.clean_html(HTML.encode())):
        record = article.to_dict()
        assert cleaner.validate_record(record) == []
        assert list(record) == [
            "schema_version",
            "id",
            "source",
            "title",
            "language",
            "paragraphs",
            "subheadings",
            "quotes",
            "speakers",
            "entities",
            "distinct_entities",
            "edits",
            "processing",
            "page",
            "metadata",
        ]
        assert record["schema_version"] == "1.8.0"
        assert record["language"]["code"] == "en"
        assert record["processing"]["entity_backend"].startswith("builtin:")
        json.dumps(record)  # plain JSON types only


def test_deterministic() -> None:
    assert _json(cleaner.clean_text(TEXT)) == _json(cleaner.clean_text(TEXT))
    assert _json(cleaner.clean_html(HTML.encode())) == _json(cleaner.clean_html(HTML.encode()))
    records = [{"text": TEXT}, {"html": HTML}]
    first = [_json(r) for r in cleaner.process_records(records)]  # type: ignore[arg-type]
    second = [_json(r) for r in cleaner.process_records(records)]  # type: ignore[arg-type]
    assert first == second


def test_validate_record_reports_paths() -> None:
    record = cleaner.clean_text(TEXT).to_dict()
    record["quotes"][0]["start"] = -1
    record["unexpected"] = True
    problems = cleaner.validate_record(record)
    paths = [p.path for p in problems]
    assert "$.quotes[0].start" in paths
    assert "$" in paths
    assert all(isinstance(p, cleaner.Problem) and p.message for p in problems)


def test_public_api() -> None:
    for name in cleaner.__all__:
        assert hasattr(cleaner, name), name
    assert cleaner.Config().entities.model == "builtin"
    assert cleaner.Config().with_entities(None).entities.model is None


def test_html_nbsp_is_recorded_like_text() -> None:
    sentence = "Up to 275,000\u00a0people in eastern Aleppo need aid, the UN said on Monday."
    page = f"<html><body><article><h1>Aid</h1><p>{sentence}</p></article></body></html>"
    from_html = cleaner.clean_html(page)
    from_text = cleaner.clean_text(f"Aid\n\n{sentence}")
    assert from_html.paragraphs == from_text.paragraphs
    assert "whitespace.unicode_space" in [e.rule for e in from_text.edits]
    assert "whitespace.unicode_space" in [e.rule for e in from_html.edits]


def test_a_link_card_glued_into_a_sentence_is_removed_and_the_sentence_kept() -> None:
    text = (
        "Budget fight\n\nSouth Dakota Gov. Kristi NoemKristi Lynn NoemSouth Dakota governor "
        "doubles down on anti-drug campaign New law takes effect MORE (R) is defending the "
        "state’s campaign.\n\nJane Doe (R) speaks with John Smith at the summit in Paris."
    )
    article = cleaner.clean_text(text)
    assert article.paragraphs == (
        "South Dakota Gov. Kristi Noem (R) is defending the state’s campaign.",
    )
    rules = [edit.rule for edit in article.edits]
    assert "debris.link_card" in rules and "captions.agency_caption" in rules


def test_trailing_headlines_glued_to_their_summaries_are_removed() -> None:
    prose = "The council approved the budget on Tuesday after a long debate, officials said."
    teasers = [
        "Pochettino fired by TottenhamPochettino took the club to the final in June",
        "Results from MLS Expansion DraftHere's what you need to know about the draft",
        "Who will replace Pochettino for Spurs?Here are some names to keep an eye on",
    ]
    text = "Budget passes\n\n" + "\n\n".join([prose, prose.replace("Tuesday", "Monday"), *teasers])
    article = cleaner.clean_text(text)
    assert len(article.paragraphs) == 2
    assert [e.rule for e in article.edits].count("layout.teaser_list") == 3


def test_camel_case_names_in_prose_are_not_glued_teasers() -> None:
    lines = [
        "He said WeWork needs a more efficient organization to grow, the filing showed.",
        "McDonald's and YouTube signed a deal on Monday, the companies said in a statement.",
        "WeWork’s bond weakened sharply in the past week, according to MarketAxess data.",
        "— The Nigerian Senate (@NGRSenate) October 9, 2018",
    ]
    article = cleaner.clean_text("Deals\n\n" + "\n\n".join(lines))
    assert "layout.teaser_list" not in {edit.rule for edit in article.edits}


def test_link_lines_tagged_in_brackets_and_see_more_prompts_are_removed() -> None:
    text = (
        "Budget passes\n\nThe council approved the budget on Tuesday, officials said.\n\n"
        "[CNET]\n\n"
        "SEE MORE: Council protests: 800 residents march on city hall\n\n"
        "Mayor furious at council [INSIGHT]|Budget vote: final decision made [VIDEO]\n\n"
        "GET CITY NEWS ON THE GO BY CLICKING HERE\n\n"
        "The mayor said the city would appeal [the ruling] in court, according to CNN."
    )
    article = cleaner.clean_text(text)
    assert article.paragraphs == (
        "The council approved the budget on Tuesday, officials said.",
        "[CNET]",
        "The mayor said the city would appeal [the ruling] in court, according to CNN.",
    )


@pytest.mark.parametrize(
    "furniture",
    [
        "Share this on WhatsApp",
        "Tell us what YOU think...",
        "This slideshow requires JavaScript.",
        "If you buy something through this post, the site may get a share of the sale.",
        "Want more deals? Join the Deals Newsletter.",
        "Getty",
        "Sorry, your blog cannot share posts by email.",
        "Show more sharing options",
        "Privacy Policy",
        "Google+",
        "Like this story? Share it with a friend!",
        "Follow Newsbeat on Instagram, Facebook, Twitter and YouTube.",
        "This document is subject to copyright. Apart from any fair dealing for the purpose of "
        "private study or research, no part may be reproduced without the written permission.",
        "Citation:",
        "Hibernating crews would need smaller spacecraft (2019, November 18) retrieved 20 "
        "November 2019 from https://phys.example/news/2019-11-hibernating.html",
        "Jane Holt is a reporter for Example News.",
        "You have successfully subscribed. Thank you!",
        "An email with an activation link has just been sent to your email address. Please "
        "activate your subscription by clicking on the link.",
        "Your personal data will only be passed to third parties for spam filtering, as our "
        "privacy policy explains.",
        "No thanks",
        "More News from Sci-Tech",
        "You can view our June 2018 open thread here.",
        "Elsewhere on pv magazine...",
        "PUBLISHED: 10:48, Tue, Nov 19, 2019 | UPDATED: 11:05, Tue, Nov 19, 2019",
        "Updated Nov. 19, 2019 8:21 am ET / Original Nov. 19, 2019 8:02 am ET",
        "https://example.com/wp-content/uploads/2018/10/stage.01200.jpeg",
        "Sam Carter is the Senior Editor of Gadget Daily. Since joining in 2014, he has "
        "specialised in product reviews.",
    ],
)
def test_more_page_furniture_between_paragraphs_is_removed(furniture: str) -> None:
    first = "The council approved the budget on Tuesday after a long debate, officials said."
    second = "The mayor said the city would appeal the ruling in court next month."
    article = cleaner.clean_text(f"Budget passes\n\n{first}\n\n{furniture}\n\n{second}")
    assert article.paragraphs == (first, second)


def test_two_sentences_without_a_final_full_stop_are_not_a_caption() -> None:
    """The orphaned-caption test reads one phrase; prose that lost its last full stop stays."""
    prose = "The council approved the budget on Tuesday after a long debate, officials said."
    last = (
        "Deutschland ist ein Land, in der Fernsehserien jahrzehntelang laufen. Offenbar ist "
        "das in der Politik ähnlich"
    )
    article = cleaner.clean_text(f"Budget passes\n\n{prose}\n\n{prose}\n\n{last}")
    assert article.paragraphs[-1] == last


def test_a_table_row_with_a_sentence_is_not_a_list_of_links() -> None:
    """Rows of a table are read as cells joined by " | "; a headline list has no sentences."""
    prose = "The council approved the budget on Tuesday after a long debate, officials said."
    row = (
        "Hermione Granger | 4 August, 1997 | When questioning Mundungus Fletcher, Harry set "
        "his eyebrows on fire. Hermione used this charm to put them out."
    )
    links = "Council votes on the budget | Mayor faces recall | Library hours cut again"
    article = cleaner.clean_text(f"Budget passes\n\n{prose}\n\n{row}\n\n{links}\n\n{prose}")
    assert row in article.paragraphs
    assert links not in article.paragraphs


def test_an_agency_credit_in_a_run_of_short_lines_is_removed() -> None:
    """Short unpunctuated lines in a row read as a list, which caption rules leave alone; a
    credit naming an agency is still a credit, and so is a caption with its credit glued on,
    while a spec line shaped like one stays."""
    prose = "The council approved the budget on Tuesday after a long debate, officials said."
    glued = "The town hall in the snow on MondayCredit: The Daily Courier"
    lines = ["Written: 2023-11-07 15:03", "Photo : YONHAP News", glued, "Video: 4K at 60 frames"]
    article = cleaner.clean_text("Budget passes\n\n" + "\n\n".join([prose, *lines, prose]))
    assert "Video: 4K at 60 frames" in article.paragraphs
    removed = {edit.text: edit.rule for edit in article.edits}
    assert removed["Photo : YONHAP News"] == "captions.photo_credit"
    assert removed[glued] == "captions.caption_with_credit"


def test_a_mixed_case_acronym_in_brackets_is_not_an_agency_credit() -> None:
    """ "(ePA)" is the electronic patient record, not the EPA photo agency."""
    prose = "The council approved the budget on Tuesday after a long debate, officials said."
    line = "Seit Jahren intensiv diskutiert: Die elektronische Patientenakte (ePA)"
    article = cleaner.clean_text(f"Budget passes\n\n{prose}\n\n{line}\n\n{prose} Again.")
    assert line in article.paragraphs


_BUDGET_PROSE = [
    "The council approved the budget on Tuesday after a long debate, officials said.",
    "Residents said they would appeal the decision in court next month.",
]


def test_capitalised_menu_entries_go_but_a_dateline_before_the_prose_stays() -> None:
    prose = _BUDGET_PROSE
    menu = ["NEWS", "CAR REVIEWS", "MOTORSPORTS"]
    text = "\n\n".join([*menu, "ALEPPO, Syria", *prose])
    article = cleaner.clean_text(text, title="Budget passes")
    assert article.paragraphs == ("ALEPPO, Syria", *prose)
    removed = [e.text for e in article.edits if e.rule == "layout.outside_prose"]
    assert removed == menu


def test_a_menu_printed_twice_in_other_case_goes_with_its_first_copy() -> None:
    prose = _BUDGET_PROSE
    menu = ["BUYERS GUIDE", "AUTO NEWS", "Car Deals"]
    text = "\n\n".join([*menu, *prose, "Buyers Guide", "Auto News"])
    article = cleaner.clean_text(text, title="Budget passes")
    assert article.paragraphs == tuple(prose)
    rules = {e.text: e.rule for e in article.edits}
    assert rules["Buyers Guide"] == "paragraphs.duplicate"
    assert rules["BUYERS GUIDE"] == "layout.outside_prose"


def test_headlines_of_other_stories_after_the_article_are_removed() -> None:
    headlines = [
        "Man charged with manslaughter in friend's shooting death",
        "Thousands of streaming accounts were hacked and sold online for $3",
        "Downtown park will become 'Fantasyland' for the holidays",
        "Woman notices daughter who went missing for months on TV",
        "Popovich has plan to pull Spurs out of long losing streak",
        "District champs to meet in second round of playoffs",
    ]
    article = cleaner.clean_text("\n\n".join([*_BUDGET_PROSE, *headlines]), title="Budget")
    assert article.paragraphs == tuple(_BUDGET_PROSE)
    removed = [e.text for e in article.edits if e.rule == "layout.trailing_headlines"]
    assert removed == headlines


def test_a_list_of_items_sharing_a_shape_after_the_article_stays() -> None:
    dates = [
        "June 19 – Charlotte, NC @ PNC Music Pavilion",
        "June 26 – Allentown, PA @ PPL Center",
        "June 27 – Camden, NJ @ BB&T Pavilion",
        "June 29 – Holmdel, NJ @ PNC Bank Arts Center",
        "July 3 – Mansfield, MA @ Xfinity Center",
        "July 19 – Toronto, ON @ Budweiser Stage",
    ]
    ranking = [
        f"{n}) {item}"
        for n, item in enumerate(
            [
                "Polaroid 600 Camera 80’S Style",
                "Hasbro Gaming – Taboo board game",
                "Monopoly – Travel edition for trains",
                "Ravensburger 26447 Labirinto Magico game",
                "Pesca pazza 45 pesci da tavolo",
                "Victorinox Swisschamp knife in red",
            ],
            start=16,
        )
    ]
    for items in (dates, ranking):
        article = cleaner.clean_text("\n\n".join([*_BUDGET_PROSE, *items]), title="Budget")
        assert article.paragraphs == (*_BUDGET_PROSE, *items)


@pytest.mark.parametrize(
    "news",
    [
        "John Smith is a reporter who was arrested in the capital last week.",
        "“You can see the river from here,” she said, pointing at the flooded road.",
        "Companies must obtain consent before passing personal data to third parties, the "
        "regulator said on Monday.",
    ],
)
def test_news_about_reporters_or_privacy_is_not_furniture(news: str) -> None:
    first = "The council approved the budget on Tuesday after a long debate, officials said."
    article = cleaner.clean_text(f"Budget passes\n\n{first}\n\n{news}")
    assert article.paragraphs == (first, news)


_TEASERS = [
    "French actor Charles Gerard dies aged 96 in Paris",
    "The actor died on Thursday at the age of 96, his family said.",
    "Relics of an ancient kingdom unearthed in the mountains",
    "Archaeologists have found relics of the ancient kingdom on a mountain slope.",
    "Pentagon announces new deal for equipment supplies abroad",
    "Work will be performed in Virginia and is expected to be completed in 2020.",
]


def test_teasers_after_the_article_go_from_a_whole_page_s_text() -> None:
    menu = [f"Section {n}" for n in range(12)]
    text = "\n\n".join([*menu, *_BUDGET_PROSE, *_TEASERS])
    article = cleaner.clean_text(text, title="Budget")
    assert article.paragraphs == tuple(_BUDGET_PROSE)
    removed = [e.text for e in article.edits if e.rule == "layout.trailing_teasers"]
    assert removed == _TEASERS


def test_a_listicle_after_the_prose_stays_in_a_clean_text() -> None:
    text = "\n\n".join([*_BUDGET_PROSE, *_TEASERS])
    article = cleaner.clean_text(text, title="Budget")
    assert article.paragraphs == (*_BUDGET_PROSE, *_TEASERS)


def test_bullet_points_without_summaries_stay_in_a_whole_page_s_text() -> None:
    menu = [f"Section {n}" for n in range(12)]
    bullets = [
        "Hundreds of new tasks that will make every evening more interesting",
        "Dozens of tricky questions that will help you know each other better",
        "Challenges that need to be performed within a week of the game",
        "Additional quizzes and bonuses so that each game is different",
    ]
    article = cleaner.clean_text("\n\n".join([*menu, *_BUDGET_PROSE, *bullets]), title="Game")
    assert article.paragraphs == (*_BUDGET_PROSE, *bullets)


def test_stories_listed_under_a_related_heading_go_until_the_article_goes_on() -> None:
    more = [
        "The mayor said the city would appeal the ruling in court next month, aides said.",
        "A hearing is expected in the spring, according to the court's calendar, officials said.",
    ]
    listed = [
        "Trump asked voters for a big win and did not get it",
        "The governor won a second term by a narrow margin.",
        "Nov 19, 2019",
        "Police arrest two after a steakhouse bill goes unpaid",
    ]
    text = "\n\n".join([*_BUDGET_PROSE, "Popular Posts", *listed, *more])
    article = cleaner.clean_text(text, title="Budget")
    assert article.paragraphs == (*_BUDGET_PROSE, *more)
    assert [e.text for e in article.edits if e.rule == "layout.link_section"] == [
        listed[0],
        listed[1],
        listed[3],  # the date went as a date stamp
    ]


def test_a_single_related_link_does_not_open_a_list() -> None:
    summary = "The governor won a second term by a narrow margin."
    text = "\n\n".join(
        [
            *_BUDGET_PROSE,
            "Related: Governor wins second term",
            "Votes were counted overnight",
            summary,
        ]
    )
    article = cleaner.clean_text(text, title="Budget")
    assert summary in article.paragraphs
    assert "layout.link_section" not in {e.rule for e in article.edits}


def test_a_whole_page_s_text_keeps_the_stretch_between_menus_that_holds_the_article() -> None:
    def menu(name: str, size: int = 8) -> list[str]:
        return [f"{name} {n}" for n in range(size)]

    teasers = [
        "Police arrest two after the death of a student, officers said on Tuesday.",
        "Customers leave without paying a large bill at a steakhouse, the owner said.",
    ]
    story = [
        "The council approved the budget on Tuesday after a long debate that ran late into the "
        "night, officials said, with a dozen amendments rejected along the way.",
        "Residents said they would appeal the decision in court next month, and a group of "
        "shop owners said they would join them.",
    ]
    story = [paragraph + " " + paragraph for paragraph in story]
    after_gallery = "The mayor said " + "the plan would be reviewed again next year, " * 8 + "too."
    # a whole page's text: the site menu at the top alone is most of its lines
    parts = [*menu("News", 40), *teasers, *menu("Sport"), *story, *menu("Image"), after_gallery]
    article = cleaner.clean_text("\n\n".join([*parts, *menu("Footer"), teasers[0]]), title="Budget")
    assert article.paragraphs == (*story, after_gallery)
    removed = {e.text for e in article.edits if e.rule == "layout.outside_article"}
    assert set(teasers) <= removed


def test_capitalised_kickers_over_headlines_are_links_to_other_stories() -> None:
    links = [
        "RANDY ANDY",
        "Prince parties in unearthed pictures despite claiming he avoids crowds",
        "TIME TRAVELLER",
        "Conspiracy theorists say they have spotted an activist in an old picture",
    ]
    text = "\n\n".join([_BUDGET_PROSE[0], *links, _BUDGET_PROSE[1]])
    article = cleaner.clean_text(text, title="Budget")
    assert article.paragraphs == tuple(_BUDGET_PROSE)
    assert [e.text for e in article.edits if e.rule == "layout.kicker_links"] == links


def test_about_the_company_boilerplate_at_the_end_goes_but_not_early_in_the_story() -> None:
    about = (
        "Ascom is a global solutions provider focused on healthcare ICT and mobile workflow "
        "solutions. The company is headquartered in Baar, Switzerland."
    )
    story = [
        "The hospital group signed a contract on Tuesday to replace its paging system, "
        "officials said.",
        "The new system will be installed in three hospitals over the next two years.",
        "Nurses said the change would cut the time it takes to answer an alarm.",
    ]
    article = cleaner.clean_text("\n\n".join([*story, about]), title="Hospital deal")
    assert article.paragraphs == tuple(story)
    assert [e.rule for e in article.edits] == ["layout.company_boilerplate"]
    early = cleaner.clean_text("\n\n".join([about, *story]), title="Hospital deal")
    assert early.paragraphs[0] == about


def test_a_long_capitalised_headline_between_paragraphs_is_a_link_a_short_one_a_subheading() -> (
    None
):
    link = "SEAN SPICER ELIMINATED FROM 'DANCING WITH THE STARS' AFTER WEEK OF VOTES"
    subheading = "WHAT YOU NEED TO MAKE JAM"
    caseless = "لا تنس أن تحب من تحب حبا هونا ما عسى أن يكون بغيضك يوما ما"
    text = "\n\n".join([_BUDGET_PROSE[0], link, subheading, caseless, _BUDGET_PROSE[1]])
    article = cleaner.clean_text(text, title="Budget")
    assert article.paragraphs == (_BUDGET_PROSE[0], subheading, caseless, _BUDGET_PROSE[1])
    assert [e.text for e in article.edits if e.rule == "layout.capitalised_headline"] == [link]
