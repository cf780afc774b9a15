"""The access matrix (``trustplan.access.matrix``) is complete, true, and documented.

Complete: every URL pattern and API operation the application serves has a rule, so a new view
without one fails here, by name. True: every rule is requested as every persona, with real
objects, and each answer is the one the rule declares. Documented: ``docs/access-matrix.md`` is
what ``trustplan access_matrix`` writes.
"""

from __future__ import annotations

import io
from collections import Counter
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import transaction

from tests.security.asks import asks
from tests.security.conftest import client_as, outcome_of, state_purpose
from tests.security.world import World
from trustplan.access import matrix
from trustplan.access.matrix import Outcome, Rule

DOCUMENT = Path(__file__).resolve().parents[2] / "docs" / "access-matrix.md"
RULES = {rule.key: rule for rule in matrix.RULES}
REGENERATE = "uv run trustplan access_matrix --out docs/access-matrix.md"


def test_every_page_and_api_operation_has_a_rule() -> None:
    missing = matrix.missing_rules()
    assert not missing, (
        "Add a rule to trustplan.access.matrix.RULES (and its request to tests/security/asks.py) "
        "for each of: " + ", ".join(missing)
    )


def test_every_rule_names_something_the_application_serves() -> None:
    assert matrix.stale_rules() == []


def test_a_new_view_without_a_rule_is_named() -> None:
    without_home = [rule for rule in matrix.RULES if rule.target != "home"]
    assert matrix.missing_rules(without_home) == ["home"]
    without_import = [r for r in matrix.RULES if r.target != "POST /api/imports"]
    assert matrix.missing_rules(without_import) == ["POST /api/imports"]


def test_each_rule_is_declared_once() -> None:
    twice = [key for key, count in Counter(r.key for r in matrix.RULES).items() if count > 1]
    assert twice == []


def test_every_rule_has_a_request(data: World) -> None:
    assert sorted(asks(data)) == sorted(RULES)


def _ask(world: World, rule: Rule, persona: matrix.Persona) -> Outcome:
    ask = asks(world)[rule.key]()
    client = client_as(world, persona)
    for kind, object_id in ask.purposes:
        state_purpose(client, kind, object_id)
    if rule.method == "POST":
        return outcome_of(client.post(ask.path, ask.data or {}))
    return outcome_of(client.get(ask.path))


@pytest.mark.parametrize("key", list(RULES))
def test_each_persona_gets_what_the_matrix_declares(data: World, key: str) -> None:
    rule = RULES[key]
    got = {}
    for persona in matrix.PERSONAS:
        with transaction.atomic():  # a POST that succeeds is undone before the next persona
            got[persona] = _ask(data, rule, persona)
            transaction.set_rollback(True)
    expected = rule.outcomes()
    wrong = [
        f"  {p.title}: declared {expected[p]}, got {got[p]}"
        for p in matrix.PERSONAS
        if got[p] != expected[p]
    ]
    assert not wrong, f"{key}:\n" + "\n".join(wrong)


def test_the_documented_matrix_is_the_generated_one() -> None:
    assert DOCUMENT.read_text(encoding="utf-8") == matrix.markdown(), (
        f"docs/access-matrix.md is out of date: run `{REGENERATE}`"
    )


def test_the_command_writes_the_matrix(tmp_path: Path) -> None:
    out = tmp_path / "matrix.md"
    said = io.StringIO()
    call_command("access_matrix", "--out", str(out), stdout=said)
    text = out.read_text(encoding="utf-8")
    assert text == matrix.markdown()
    assert f"({len(matrix.RULES)} rows, {len(matrix.PERSONAS)} personas)" in said.getvalue()
    assert "| `hub:family` | GET | with a purpose stated |" in text
    row = next(line for line in text.splitlines() if line.startswith("| `plans:export` |"))
    cells = [cell.strip() for cell in row.strip("|").split("|")][4:]
    declared = [RULES["GET plans:export"].outcome(p) for p in matrix.PERSONAS]
    assert cells == [matrix.SYMBOL[o] for o in declared]
    assert cells.count("yes") == 2  # analysts and administrators
