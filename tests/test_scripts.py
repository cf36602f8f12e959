"""Every script: the text measures (`cleaner.clean.measure`), the rules that use them, and
news pages written in Greek, Chinese (an article and a short brief), Russian and Polish
(`tests/data/scripts/`).

Each page in `tests/data/scripts/<lang>.html` is a news page written for these tests, with the
furniture real pages have (menus, cookie banners, share rows, captions, related and most-read
lists, tags, readers' comments, footers); `<lang>.txt` is its article body, paragraphs split by
blank lines. Through `cleaner.clean_html` every paragraph of the body must come out, in order,
and nothing else.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

import cleaner
from cleaner.clean.blocks import Block, reads_as_prose
from cleaner.clean.duplicates import remove_repeated_paragraphs
from cleaner.clean.extract import _table_layout, extract
from cleaner.clean.layout import is_label, remove_outside_prose
from cleaner.clean.measure import ends_sentence, starts_capitalised, words
from cleaner.clean.other_stories import remove_teaser_lists
from cleaner.structure.title import headline_from_blocks

PAGES = Path(__file__).parent / "data" / "scripts"
CONFIG = cleaner.Config().with_entities(None)
CHINESE_PARAGRAPH = "市图书馆新馆周六正式开放，首日接待读者超过一万人次，不少家长带着孩子前来借书。"
CHINESE_PROSE = [
    CHINESE_PARAGRAPH,
    "馆长介绍说，新馆藏书约两百万册，并设有专门的儿童阅览区和自习室，开放时间延长到晚上九点。",
    "附近居民表示，以前借书要坐半小时公交车，现在步行十分钟就能到，非常方便。",
]


# --- the measures ------------------------------------------------------------------------------


def test_words_counts_spaced_words_as_split_does() -> None:
    assert words("The council voted on Tuesday to close it.") == 8
    assert words("Η γραμμή θα έχει δεκαοκτώ στάσεις.") == 6


def test_words_counts_unspaced_scripts_by_characters() -> None:
    assert words("出口增长也带动了农民增收。") == 8  # 12 ideographs at 1.5 a word
    assert words("私は学生です") == 4  # kana at 2 a word, ideographs at 1.5
    assert words("iPhone 发布会") == 3  # a spaced word and three ideographs
    assert words("农民，“增收”。") == 3  # the punctuation between ideographs is no word


def test_a_chinese_paragraph_is_longer_than_a_label() -> None:
    assert words(CHINESE_PARAGRAPH) > 20
    assert words("财经频道") <= 4


@pytest.mark.parametrize(
    "text",
    [
        "云南咖啡出口量创历史新高。",
        "这是真的吗？",
        "Ποιος θα μας αποζημιώσει\u037e",  # the Greek question mark
        "هل هذا صحيح؟",
        "यह सच है।",
        "Он сказал: «Мы не сдадимся»",
        "她说：「我们明天再来」",
    ],
)
def test_sentence_ends_of_every_script(text: str) -> None:
    assert ends_sentence(text)


@pytest.mark.parametrize("text", ["财经频道", "Πολιτική", "Новости по теме", "Zobacz także"])
def test_labels_do_not_end_like_sentences(text: str) -> None:
    assert not ends_sentence(text)


def test_caseless_letters_count_as_capitals() -> None:
    assert (
        starts_capitalised("云南咖啡") and starts_capitalised("مدينة") and starts_capitalised("Σ")
    )
    assert not starts_capitalised("rain") and not starts_capitalised("12 мая")


# --- the rules that use them -------------------------------------------------------------------


def test_a_chinese_paragraph_reads_as_prose_and_a_menu_entry_does_not() -> None:
    assert reads_as_prose(CHINESE_PARAGRAPH)
    assert not reads_as_prose("农民增收了。")  # a short sentence, as in English
    assert not reads_as_prose("财经频道")


def test_a_chinese_paragraph_is_not_a_label() -> None:
    assert is_label("财经频道")
    assert not is_label(CHINESE_PARAGRAPH.rstrip("。"))


def test_menu_lines_around_chinese_prose_go() -> None:
    blocks = [Block(i, text) for i, text in enumerate(["首页", "财经", *CHINESE_PROSE, "返回顶部"])]
    kept, edits = remove_outside_prose(blocks)
    assert [block.text for block in kept] == CHINESE_PROSE
    assert {edit.rule for edit in edits} == {"layout.outside_prose"}


def test_a_short_chinese_repeat_inside_the_prose_stays() -> None:
    """A repeated paragraph of prose goes; a short repeat far apart inside the prose stays (a
    question put to every interviewee), as in English."""
    texts = [CHINESE_PROSE[0], "记者：李明", *CHINESE_PROSE[1:], "记者：李明", CHINESE_PROSE[1]]
    blocks = [Block(i, text) for i, text in enumerate(texts)]
    kept, edits = remove_repeated_paragraphs(blocks)
    assert [edit.text for edit in edits] == [CHINESE_PROSE[1]]
    assert [block.text for block in kept] == texts[:-1]


def test_a_chinese_headline_line_is_the_title() -> None:
    blocks = [
        Block(0, "市图书馆新馆正式开放"),
        *(Block(i + 1, t) for i, t in enumerate(CHINESE_PROSE)),
    ]
    title, rest, _edits = headline_from_blocks(blocks, max_words=25)
    assert title == "市图书馆新馆正式开放" and len(rest) == 3


def test_two_chinese_sentences_are_not_a_headline() -> None:
    blocks = [Block(0, "新馆开放。读者很多"), Block(1, CHINESE_PARAGRAPH)]
    assert headline_from_blocks(blocks, max_words=25)[0] is None


def test_glued_cyrillic_teasers_go() -> None:
    """Other stories' headlines glued to their summaries, in Cyrillic as in Latin script."""
    teasers = [
        "Мост закроют на ремонтДорожники начнут работы в понедельник утром",
        "В городе откроют новый паркРаботы завершат до конца лета",
        "Цены на бензин снова вырослиЭксперты ждут роста до осени",
    ]
    blocks = [Block(0, "Жители встретили новость с облегчением, сказал он."), *(
        Block(i + 1, text) for i, text in enumerate(teasers))]  # fmt: skip
    kept, edits = remove_teaser_lists(blocks)
    assert len(kept) == 1 and {edit.rule for edit in edits} == {"layout.teaser_list"}


def test_a_short_chinese_article_is_long_enough_for_trafilatura() -> None:
    """Six short paragraphs, 180 characters: an article, though under trafilatura's 250
    characters, below which it adds the page's loose paragraphs (the readers' comments)."""
    page = (PAGES / "zh-brief.html").read_text(encoding="utf-8")
    found = extract(page, url=None, max_depth=2000)
    assert found.method == "trafilatura"
    assert [block.text for block in found.blocks] == _gold("zh-brief")


def test_chinese_article_takes_the_fast_extraction() -> None:
    """trafilatura's fallbacks (readability, jusText) run only when its own result does not
    read as an article: Chinese prose now does."""
    paragraphs = "".join(f"<p>{text}</p>" for text in CHINESE_PROSE * 3)
    page = f"<html><body><nav>首页 财经</nav><article>{paragraphs}</article></body></html>"
    assert extract(page, url=None, max_depth=2000).method == "trafilatura"


# --- the pages ---------------------------------------------------------------------------------


def _gold(language: str) -> list[str]:
    text = (PAGES / f"{language}.txt").read_text(encoding="utf-8")
    return [paragraph.strip() for paragraph in text.split("\n\n") if paragraph.strip()]


def _body(language: str) -> list[str]:
    raw = (PAGES / f"{language}.html").read_bytes()
    return list(
        cleaner.clean_html(raw, url=f"https://news.example/{language}", config=CONFIG).paragraphs
    )


@pytest.mark.parametrize("language", ["el", "zh", "zh-brief", "ru", "pl"])
def test_every_article_paragraph_is_kept_in_order(language: str) -> None:
    body = _body(language)
    positions = [body.index(paragraph) for paragraph in _gold(language)]
    assert positions == sorted(positions)


@pytest.mark.parametrize("language", ["el", "zh-brief", "zh", "ru", "pl"])
def test_the_page_gives_its_gold_body(language: str) -> None:
    assert _body(language) == _gold(language)


def _body_of(xml: str) -> etree._Element:
    return etree.fromstring(f"<body>{xml}</body>")


def test_a_result_laid_out_in_tables_is_not_taken_as_it_is() -> None:
    """All the text in more tables than paragraphs: a table layout (old portals, Chinese CMS),
    whose cells hold the menus beside the article; trafilatura's fallbacks get to try."""
    cells = "".join(f"<table><row><cell>{text}</cell></row></table>" for text in CHINESE_PROSE)
    assert _table_layout(_body_of(cells + "<table><row><cell>首页 | 新闻</cell></row></table>"))


def test_an_article_with_a_data_table_is_not_a_table_layout() -> None:
    paragraphs = "".join(f"<p>{text}</p>" for text in CHINESE_PROSE)
    table = "<table><row><cell>藏书</cell><cell>两百万册</cell></row></table>"
    assert not _table_layout(_body_of(table + paragraphs))
    assert not _table_layout(_body_of(table * 6 + paragraphs))  # more tables, little text
