"""Which database the suite runs on: the PostgreSQL pass must really be on PostgreSQL."""

from __future__ import annotations

import pytest
from django.db import connection

from tests.factories import make_plan
from trustplan.plans.models import Plan


@pytest.mark.postgres
@pytest.mark.django_db
def test_the_postgresql_pass_runs_on_postgresql_and_stores_plans_there() -> None:
    if connection.vendor != "postgresql":
        pytest.skip(f"this pass runs on {connection.vendor}")
    make_plan()
    with connection.cursor() as cursor:
        cursor.execute("select version()")
        (version,) = cursor.fetchone()
        cursor.execute("select labels::text, stated_totals::text from plans_plan")
        _, stated_totals = cursor.fetchone()
    assert version.startswith("PostgreSQL")
    assert '"value": 4' in stated_totals  # held as jsonb
    assert Plan.objects.get().stated_totals == [
        {"of": "indicators", "value": 4, "source": "Section E"}
    ]
