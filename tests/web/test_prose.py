"""Plan text becomes paragraphs and lists, and nothing a person typed becomes markup."""

from __future__ import annotations

from trustplan.web.templatetags.prose import prose


def test_paragraphs_and_lists() -> None:
    html = prose("First para\ncontinues.\n\nAims:\n- one\n- two\n\n1. first\n2. second")
    assert html == (
        '<p class="govuk-body">First para continues.</p>\n'
        '<p class="govuk-body">Aims:</p>\n'
        '<ul class="govuk-list govuk-list--bullet"><li>one</li><li>two</li></ul>\n'
        '<ol class="govuk-list govuk-list--number"><li>first</li><li>second</li></ol>'
    )


def test_an_indented_line_continues_the_list_item_before_it() -> None:
    assert prose("- a long\n  item") == (
        '<ul class="govuk-list govuk-list--bullet"><li>a long item</li></ul>'
    )


def test_markup_is_escaped() -> None:
    html = prose('<script>alert("x")</script>\n\n- <b>bold</b>')
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert "<li>&lt;b&gt;bold&lt;/b&gt;</li>" in html


def test_empty_text_renders_nothing() -> None:
    assert prose("") == ""
    assert prose(None) == ""
