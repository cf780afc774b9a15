"""Search across the plans a user may see: priorities, objectives, KPIs, Covid items and themes.

A plan has a few hundred parts, so every visible part is read and ranked here, the same way on
SQLite and PostgreSQL: a part matches when it contains every word of the query; matches in its
title rank above matches in its body.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from trustplan.plans.models import Plan

SNIPPET_RADIUS = 90


@dataclass(frozen=True)
class Searchable:
    plan: str
    kind: str
    title: str
    body: str
    url: str


@dataclass(frozen=True)
class Hit:
    item: Searchable
    score: int
    snippet: SafeString


def query_words(query: str) -> list[str]:
    return [word.lower() for word in re.findall(r"\w[\w'-]*", query)][:10]


def rank(items: Iterable[Searchable], query: str) -> list[Hit]:
    """Parts containing every query word, best first (title matches count three times)."""
    words = query_words(query)
    if not words:
        return []
    hits = []
    for item in items:
        title, body = item.title.lower(), item.body.lower()
        if all(word in title or word in body for word in words):
            score = sum(3 * title.count(word) + body.count(word) for word in words)
            hits.append(Hit(item, score, _snippet(item.body or item.title, words)))
    return sorted(hits, key=lambda hit: (-hit.score, hit.item.plan, hit.item.title))


def _snippet(text: str, words: list[str]) -> SafeString:
    lower = text.lower()
    first = min((lower.find(w) for w in words if w in lower), default=0)
    start, end = max(0, first - SNIPPET_RADIUS), min(len(text), first + SNIPPET_RADIUS)
    excerpt = ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")
    pattern = re.compile("|".join(re.escape(escape(w)) for w in words), re.IGNORECASE)
    return mark_safe(pattern.sub(lambda m: f"<mark>{m.group(0)}</mark>", escape(excerpt)))  # noqa: S308 - escaped first


def searchables(plans: Iterable[Plan]) -> Iterator[Searchable]:
    """Every searchable part of the given plans, with the page it lives on."""
    for plan in plans:
        spine_url = f"{plan.get_absolute_url()}spine/"
        for theme in plan.themes.all():
            yield Searchable(
                plan.title,
                plan.label("themes"),
                theme.short_title or theme.title,
                "\n".join([theme.title, *theme.bullets, theme.description]),
                f"{spine_url}#theme-{theme.code}",
            )
        for priority in plan.priorities.prefetch_related("objectives", "kpis", "covid_items"):
            url = priority.get_absolute_url()
            yield Searchable(
                plan.title,
                plan.label("priority"),
                f"{priority.number}. {priority.title}",
                "\n".join(
                    [priority.outcome, priority.strategy, priority.vision, priority.rationale]
                ),
                url,
            )
            for objective in priority.objectives.all():
                yield Searchable(
                    plan.title,
                    plan.label("objectives"),
                    objective.short_title or objective.title,
                    f"{objective.title}\n{objective.description}",
                    f"{url}#objective-{objective.number}",
                )
            for kpi in priority.kpis.all():
                yield Searchable(
                    plan.title, plan.label("indicators"), kpi.title, "", f"{url}#kpi-{kpi.number}"
                )
            for item in priority.covid_items.all():
                yield Searchable(
                    plan.title,
                    plan.label("covid_response"),
                    item.text,
                    "",
                    f"{url}#covid-{item.code}",
                )
