"""Property-based fuzzing of the JSON API from its own OpenAPI schema (schemathesis).

Every operation is called through the real Django WSGI application, with the real token
authentication of a performance analyst, against the security tests' world (a plan with KPIs,
observations and targets). Requests are generated from the schema: valid ones (positive), and
ones the schema forbids (negative). No answer may be a server error; every documented answer to
a valid request must have the content type and shape the schema gives it. (django-ninja answers
a request it cannot parse with 422, which the schema does not list; that is not checked.)

The examples are bounded and derandomised, so a run is the same every time and in CI.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from functools import cache
from typing import Any

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, transaction
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
)

from tests.security.world import World
from trustplan.access import matrix
from trustplan.access.models import ApiToken
from trustplan.api.urls import api

# Per operation and generation mode; TRUSTPLAN_FUZZ_EXAMPLES runs more (docs/security-testing.md).
EXAMPLES = int(os.environ.get("TRUSTPLAN_FUZZ_EXAMPLES", "30"))
KNOWN = {"slug": "test-plan", "key": "fte"}  # real objects, so that the answers have content
# Values generation seldom reaches, given to every path and query parameter at once: control and
# NUL characters (PostgreSQL refuses a NUL in any text), traversal, quoting, percent signs, and
# long and non-ASCII text. (A "/" would make another route, not this operation, answer.)
HOSTILE = [
    "\x00",
    "fte\x00",
    "..",
    "..\\..\\windows",
    "' OR '1'='1",
    "%00%",
    "\r\nSet-Cookie: x=1",
    "ä" * 500,
    "E06000044",
]
OPERATIONS = sorted(
    f"{method.upper()} {path}"
    for path, methods in api.get_openapi_schema()["paths"].items()
    for method in methods
)
FUZZ = settings(
    max_examples=EXAMPLES,
    derandomize=True,  # the same examples on every run
    database=None,  # nor any remembered from an earlier run
    deadline=None,
    phases=[Phase.explicit, Phase.generate, Phase.shrink],
    suppress_health_check=list(HealthCheck),
)


@cache
def schema() -> Any:
    """The schema as the application serves it, bound to the application itself."""
    return schemathesis.openapi.from_wsgi("/api/openapi.json", WSGIHandler())


def _operation(label: str) -> Any:
    method, path = label.split(" ", 1)
    return schema()[path][method]


def _parameters(label: str) -> tuple[list[str], list[str]]:
    """The operation's path and query parameters, by name."""
    method, path = label.split(" ", 1)
    declared = api.get_openapi_schema()["paths"][path][method.lower()].get("parameters", [])
    return (
        [p["name"] for p in declared if p["in"] == "path"],
        [p["name"] for p in declared if p["in"] == "query"],
    )


def _fuzz(
    label: str, token: str, mode: schemathesis.GenerationMode, checks: list[Callable[..., Any]]
) -> int:
    """Send every generated request for one operation; return how many were sent."""
    operation = _operation(label)
    known = {name: value for name, value in KNOWN.items() if f"{{{name}}}" in label}
    in_path, in_query = _parameters(label)
    strategies = [operation.as_strategy(generation_mode=mode)]
    if known:
        strategies.append(operation.as_strategy(generation_mode=mode, path_parameters=known))
    if in_path or in_query:
        strategies.append(
            st.sampled_from(HOSTILE).flatmap(
                lambda value: operation.as_strategy(
                    generation_mode=mode,
                    path_parameters=dict.fromkeys(in_path, value) or None,
                    query=dict.fromkeys(in_query, value) or None,
                )
            )
        )
    headers = {"Authorization": f"Bearer {token}"}
    sent = []

    @FUZZ
    @given(case=st.one_of(strategies))
    def each(case: Any) -> None:
        with transaction.atomic():  # whatever a request changes, the next one does not see
            response = case.call(headers=headers)
            transaction.set_rollback(True)
        case.validate_response(response, checks=checks, headers=headers)
        sent.append(response.status_code)

    each()
    return len(sent)


@pytest.fixture
def analyst_token(data: World) -> Iterator[str]:
    """An analyst's token; meanwhile the database connection is kept open between requests.

    A WSGI request ends by closing a connection that is inside a transaction, as this test's
    is; Django's own test client stops that, and so must a test calling the WSGI application.
    """
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield ApiToken.issue(data.user(matrix.ANALYST), "schemathesis")[1]
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def test_every_operation_is_fuzzed() -> None:
    assert {rule.target for rule in matrix.RULES if rule.kind is matrix.Kind.API} == set(OPERATIONS)


@pytest.mark.parametrize("label", OPERATIONS)
def test_valid_requests_get_documented_answers_and_no_server_error(
    data: World, analyst_token: str, label: str
) -> None:
    checks = [not_a_server_error, content_type_conformance, response_schema_conformance]
    assert _fuzz(label, analyst_token, schemathesis.GenerationMode.POSITIVE, checks) > 0


@pytest.mark.parametrize("label", OPERATIONS)
def test_invalid_requests_get_no_server_error(data: World, analyst_token: str, label: str) -> None:
    negative = schemathesis.GenerationMode.NEGATIVE
    assert _fuzz(label, analyst_token, negative, [not_a_server_error]) > 0
