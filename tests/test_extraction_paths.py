"""Which extraction path found the body (`processing.extraction`), and why.

A page with a full article takes trafilatura's fast path; a short one, one whose text is
mostly not prose, or a short one on a page whose paragraphs hold far more text, makes
trafilatura run again with its fallback extractors; a page trafilatura cannot read at all still
gives its text through the baseline extractor; a page with no text is a reject. Also here: what
is removed from or unwrapped in the page before extraction.
"""

from __future__ import annotations

import pytest

import cleaner

NO_ENTITIES = cleaner.Config().with_entities(None)
SENTENCE = "The ferry to the islands was cancelled again on Monday because of the storm. "

# a page's article: long enough for trafilatura to take it as the main text
_STORY = " ".join(["The council approved the new budget after a long debate."] * 12)


def extraction(html: str) -> str:
    return cleaner.clean_html(html, config=NO_ENTITIES).to_dict()["processing"]["extraction"]


def test_full_article_takes_the_fast_path() -> None:
    page = f"<html><body><article><h1>Ferry</h1><p>{SENTENCE * 6}</p></article></body></html>"
    assert extraction(page) == "trafilatura"


def test_short_article_runs_the_fallbacks() -> None:
    page = f"<html><body><article><p>{SENTENCE}</p></article></body></html>"
    assert extraction(page) == "trafilatura_fallbacks"


def test_long_text_without_prose_runs_the_fallbacks() -> None:
    """A menu or a teaser list taken for the article is not trusted from the fast pass."""
    items = "".join(f"<li>Section number {number} of the site</li>" for number in range(30))
    assert extraction(f"<html><body><article><ul>{items}</ul></article></body></html>") == (
        "trafilatura_fallbacks"
    )


def test_text_trafilatura_discards_comes_from_the_baseline() -> None:
    page = f'<html><body><div class="comments"><p>{SENTENCE * 3}</p></div></body></html>'
    assert extraction(page) == "baseline"


def test_page_without_text_is_a_reject() -> None:
    with pytest.raises(cleaner.Rejected) as raised:
        cleaner.clean_html("<html><body><div></div></body></html>", config=NO_ENTITIES)
    assert raised.value.reject.reason == "no_article_text"


def test_bare_links_stay_and_labelled_links_go_from_scraped_text() -> None:
    """`debris.url` has `inputs = ["text"]`: in a page a link's text is what the author wrote."""
    link = "https://shop.example/ferry-timetable"
    labelled = f"Website: {link}"
    page = f"<html><body><article><p>{SENTENCE * 4}</p><p>{labelled}</p></article></body></html>"
    assert labelled in cleaner.clean_html(page, config=NO_ENTITIES).paragraphs
    for line in (link, labelled):
        text = cleaner.clean_text(f"{SENTENCE * 4}\n\n{line}\n\n{SENTENCE}", config=NO_ENTITIES)
        assert (line in text.paragraphs) == (line == link)
    assert "debris.url" in {edit.rule for edit in text.edits}


def test_lists_of_other_articles_are_removed_before_extraction() -> None:
    teaser = "Another story about something else entirely that readers may like to read."
    html = (
        f"<html><body><article><h1>Budget passes</h1><p>{_STORY}</p><p>{_STORY}</p></article>"
        f'<div class="related-posts"><h3>You may also like</h3><p>{teaser}</p></div>'
        "</body></html>"
    )
    record = cleaner.clean_html(html)
    assert not any("Another story" in paragraph for paragraph in record.paragraphs)
    removed = [edit for edit in record.edits if edit.rule == "html.related"]
    assert len(removed) == 1 and "Another story" in removed[0].text


def test_a_related_marker_on_the_article_wrapper_keeps_the_article() -> None:
    html = (
        f'<html><body><div class="post related-content"><h1>Budget passes</h1><p>{_STORY}</p>'
        f"<p>{_STORY}</p></div></body></html>"
    )
    record = cleaner.clean_html(html)
    assert record.paragraphs and "council approved" in record.paragraphs[0]
    assert not any(edit.rule == "html.related" for edit in record.edits)


def test_a_deck_under_the_headline_is_removed_before_extraction() -> None:
    html = (
        '<html><body><article><h1>Budget passes</h1><p class="article-dek">A summary of the '
        f"story that the editors wrote to sell it.</p><p>{_STORY}</p><p>{_STORY}</p></article>"
        "</body></html>"
    )
    record = cleaner.clean_html(html)
    assert not any("editors wrote" in paragraph for paragraph in record.paragraphs)
    assert [edit.rule for edit in record.edits if edit.rule == "html.deck"] == ["html.deck"]


def test_a_widget_class_on_the_page_wrapper_keeps_the_article() -> None:
    script = "<script>" + "var x = 1;" * 2000 + "</script>"
    html = (
        f'<html><body>{script}<div class="theme-recommended"><h1>Budget passes</h1>'
        f"<p>{_STORY}</p><p>{_STORY}</p></div></body></html>"
    )
    record = cleaner.clean_html(html)
    assert record.paragraphs and "council approved" in record.paragraphs[0]


def test_teasers_under_a_heading_marked_related_are_removed() -> None:
    story = "The council approved the new budget after a long debate on Tuesday night."
    teaser = " ".join(["Another story about something else entirely, with many words."] * 8)
    teasers = "".join(
        f'<article class="postbox post-{n}"><h2>Other story {n}</h2><p>{teaser}</p></article>'
        for n in range(4)
    )
    html = (
        f"<html><body><article><h1>Budget passes</h1><p>{story}</p><p>{story} Again.</p>"
        f'</article><section><h3 class="relatedpoststitle">You may like</h3>{teasers}'
        "<script>ads()</script></section></body></html>"
    )
    record = cleaner.clean_html(html)
    assert not any("Another story" in paragraph for paragraph in record.paragraphs)
    assert "council approved" in record.paragraphs[0]
    assert sum(edit.rule == "html.related" for edit in record.edits) == 5


def test_a_short_result_on_a_page_with_much_more_paragraph_text_runs_the_fallbacks() -> None:
    """The fast pass may take one box of the page (an intro) for the article."""
    paragraph = "Residents of the harbour town said the service had failed them all winter. " * 3
    rest = "".join(f"<p>{paragraph}</p>" for _ in range(8))
    page = (
        f"<html><body><article><p>{SENTENCE * 5}</p></article>"
        f"<div class='content'>{rest}</div></body></html>"
    )
    assert extraction(page) == "trafilatura_fallbacks"


def test_text_after_bold_italic_or_span_markup_is_kept_whole() -> None:
    """Inline markup is unwrapped before extraction: no text lost or glued after it."""
    page = (
        f"<html><body><article><p>{SENTENCE * 6}</p>"
        "<div class='more'><strong>More information:</strong> G. Petit et al. Hibernation and "
        "Torpor, <i>Handbook of Life Support</i> (2018).</div>"
        "<div><span>250 g strawberries</span>&nbsp;and cut them into small cubes.</div>"
        "</article></body></html>"
    )
    paragraphs = cleaner.clean_html(page, config=NO_ENTITIES).paragraphs
    assert paragraphs[1:] == (
        "More information: G. Petit et al. Hibernation and Torpor, Handbook of Life Support "
        "(2018).",
        "250 g strawberries and cut them into small cubes.",
    )


def test_a_figure_holding_a_table_is_text_but_its_caption_goes() -> None:
    """WordPress wraps tables (and pull quotes) in <figure>: not a picture."""
    page = (
        f"<html><body><article><p>{SENTENCE * 6}</p>"
        "<figure class='wp-block-table'><table><tr><td>Fare</td><td>12 euros</td></tr>"
        "<tr><td>Crossing</td><td>40 minutes</td></tr></table>"
        "<figcaption>Fares in 2019</figcaption></figure>"
        "<figure><img src='ferry.jpg'><figcaption>The ferry in port</figcaption></figure>"
        "</article></body></html>"
    )
    article = cleaner.clean_html(page, config=NO_ENTITIES)
    assert article.paragraphs[1:] == ("Fare | 12 euros", "Crossing | 40 minutes")
    removed = {(edit.rule, edit.text) for edit in article.edits}
    assert ("html.caption", "Fares in 2019") in removed
    assert ("html.figure", "The ferry in port") in removed


def test_inline_text_hidden_from_readers_is_removed_and_recorded() -> None:
    """Unwrapping markup must not let hidden text (math source, screen-reader labels) in."""
    page = (
        f"<html><body><article><p>{SENTENCE * 6}</p><p>Given a set of "
        "<span style='display: none;'>{\\displaystyle N}</span> objects, the method "
        "computes <span class='sr-only'>(opens in a new window)</span>probabilities.</p>"
        "</article></body></html>"
    )
    article = cleaner.clean_html(page, config=NO_ENTITIES)
    assert article.paragraphs[1] == "Given a set of objects, the method computes probabilities."
    hidden = [edit for edit in article.edits if edit.rule == "html.hidden"]
    assert [edit.text for edit in hidden] == ["{\\displaystyle N} | (opens in a new window)"]


def test_a_picture_box_goes_whole_and_the_text_after_it_stays() -> None:
    """A <div> marked as the box around a picture is a figure in all but name; the article's
    first paragraph is often loose text right after it, which must not go with it."""
    lead = "Anchor: The first cold wave alert of the season was issued for Tuesday morning."
    page = (
        "<html><body><div class='contents'><h1>Cold wave</h1><div class='body_txt'>"
        "<div class='img_box top'><div class='photo'><img src='cold.jpg'></div>"
        "<p class='cap no-print'>Photo : YONHAP News</p></div>"
        f"{lead}<br/>Max Lee has more.<br/><br/>"
        + "<br/><br/>".join([SENTENCE.strip()] * 6)
        + "</div></div></body></html>"
    )
    article = cleaner.clean_html(page, config=NO_ENTITIES)
    assert article.paragraphs[0] == lead
    removed = {(edit.rule, edit.text) for edit in article.edits}
    assert ("html.figure", "Photo : YONHAP News") in removed


def test_a_figcaption_of_several_paragraphs_is_text() -> None:
    """Galleries and list articles put each item's description in its <figcaption>."""
    description = ("Last-minute idea right here!", "What you need: a bowler hat and lashes.")
    page = (
        f"<html><body><article><p>{SENTENCE * 6}</p>"
        "<figure><h2>84. Alex</h2><img src='alex.jpg'><figcaption>"
        + "".join(f"<p>{line}</p>" for line in description)
        + "</figcaption></figure>"
        "<figure><img src='ferry.jpg'><figcaption>The ferry in port</figcaption></figure>"
        "</article></body></html>"
    )
    article = cleaner.clean_html(page, config=NO_ENTITIES)
    assert article.paragraphs[-2:] == description
    assert ("html.figure", "The ferry in port") in {(e.rule, e.text) for e in article.edits}
