"""Render plan text (paragraphs and simple lists, as the plan files hold it) as GOV.UK HTML.

Plan text is written by people, not trusted markup: everything is escaped, and only the shapes
the plan files use become HTML: blank-line-separated paragraphs, "- " bullet lists and "1. "
numbered lists.
"""

from __future__ import annotations

import re

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

_BULLET = re.compile(r"^\s*[-*•]\s+(.*)$")
_NUMBERED = re.compile(r"^\s*(\d+)[.)]\s+(.*)$")


@register.filter
def prose(text: str | None) -> SafeString:
    if not text:
        return mark_safe("")
    return mark_safe("\n".join(_render_block(block) for block in _blocks(text)))  # noqa: S308 - escaped


def _blocks(text: str) -> list[list[str]]:
    blocks: list[list[str]] = [[]]
    for line in text.splitlines():
        if line.strip():
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    return [block for block in blocks if block]


def _render_block(lines: list[str]) -> str:
    html: list[str] = []
    paragraph: list[str] = []
    items: list[str] = []
    kind = ""

    def flush() -> None:
        nonlocal kind
        if paragraph:
            html.append(f'<p class="govuk-body">{escape(" ".join(paragraph))}</p>')
            paragraph.clear()
        if items:
            tag, css = (
                ("ol", "govuk-list--number") if kind == "ol" else ("ul", "govuk-list--bullet")
            )
            body = "".join(f"<li>{escape(item)}</li>" for item in items)
            html.append(f'<{tag} class="govuk-list {css}">{body}</{tag}>')
            items.clear()
        kind = ""

    for line in lines:
        match = _BULLET.match(line) or _NUMBERED.match(line)
        if match:
            this_kind = "ul" if match.re is _BULLET else "ol"
            if paragraph or (kind and kind != this_kind):
                flush()
            kind = this_kind
            items.append(match.group(match.lastindex or 1))
        elif items:
            items[-1] += " " + line.strip()
        else:
            paragraph.append(line.strip())
    flush()
    return "\n".join(html)
