"""`trustplan demo` and `trustplan serve`."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings

from trustplan.access.models import Membership
from trustplan.delivery.models import ReportingQuarter
from trustplan.plans.models import Plan


@pytest.mark.django_db
def test_demo_sets_up_both_plans_and_one_account_per_role_and_runs_twice(tmp_path: Path) -> None:
    with override_settings(DATA_DIR=tmp_path):
        first, second = StringIO(), StringIO()
        call_command("demo", "--no-serve", stdout=first)
        call_command("demo", "--no-serve", stdout=second)
    assert sorted(Plan.objects.values_list("slug", flat=True)) == [
        "portsmouth-2011-14",
        "portsmouth-2020-23",
    ]
    assert "Plan portsmouth-2020-23 is unchanged" in second.getvalue()
    usernames = [
        "viewer",
        "board.member",
        "strategic.lead",
        "action.owner",
        "analyst",
        "admin",
        "dpo",
        "hub.analyst",
        "hub.practitioner",
    ]
    # Only the demo accounts can sign in; the delivery plans' made-up owners cannot.
    can_sign_in = [u.username for u in get_user_model().objects.all() if u.has_usable_password()]
    assert sorted(can_sign_in) == sorted(usernames)
    assert Membership.objects.filter(user__username__in=usernames).count() == len(usernames)
    practitioner = Membership.objects.get(user__username="hub.practitioner")
    assert practitioner.role == "hub_practitioner"
    assert practitioner.locality is not None
    assert "families, " in first.getvalue()
    assert "on the work list" in first.getvalue()
    delivery = "Delivery plans (made up): {} actions, 22 risks, 2 reporting quarters"
    assert delivery.format(140) in first.getvalue()
    # The self-assessment turned one finding into an action; nothing else is made again.
    assert delivery.format(141) in second.getvalue()
    assert "Self-assessment (the agenda pack's table" in second.getvalue()
    assert ReportingQuarter.objects.count() == 2
    passwords = dict(
        line.split("\t") for line in (tmp_path / "demo-passwords").read_text().splitlines()
    )
    for username in usernames:  # printed, and the same on the second run
        assert f"{username}  " in first.getvalue()
        assert passwords[username] in first.getvalue()
        assert passwords[username] in second.getvalue()
    assert oct((tmp_path / "demo-passwords").stat().st_mode & 0o777) == "0o600"
    assert Plan.objects.get(slug="portsmouth-2011-14").is_public


def test_demo_names_a_missing_examples_folder(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="example plans not found in"):
        call_command("demo", "--no-serve", "--examples", str(tmp_path))


def test_serve_refuses_without_a_secret_key() -> None:
    from django.conf import settings

    with (
        override_settings(SECRET_KEY=settings.INSECURE_LOCAL_SECRET_KEY),
        pytest.raises(CommandError, match="TRUSTPLAN_SECRET_KEY is not set"),
    ):
        call_command("serve")


def test_serve_refuses_with_debug_on() -> None:
    with (
        override_settings(SECRET_KEY="x" * 60, DEBUG=True),
        pytest.raises(CommandError, match="TRUSTPLAN_DEBUG is on"),
    ):
        call_command("serve")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_serve_runs_a_real_server_configured_from_the_environment(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "TRUSTPLAN_DATA_DIR": str(tmp_path),
        "TRUSTPLAN_SECRET_KEY": "test-" + "k" * 60,
        # HTTPS is on, as outside the demo it must be; a proxy would redirect plain HTTP.
        "TRUSTPLAN_SSL_REDIRECT": "0",
        "DJANGO_SETTINGS_MODULE": "trustplan.config.settings",
    }
    env.pop("DATABASE_URL", None)
    trustplan = [sys.executable, "-m", "trustplan"]
    subprocess.run([*trustplan, "migrate", "-v0"], env=env, check=True, timeout=120)
    port = _free_port()
    server = subprocess.Popen(
        [*trustplan, "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        body = ""
        for _ in range(60):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/accounts/login/") as response:
                    body = response.read().decode()
                    server_header = response.headers["Server"]
                break
            except OSError:
                time.sleep(0.25)
        assert "Sign in" in body
        assert server_header == "trustplan"  # waitress, identified as configured
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_a_database_that_cannot_be_opened_is_a_clear_message_not_a_traceback(
    tmp_path: Path,
) -> None:
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path}/missing-folder/db.sqlite3",
        "DJANGO_SETTINGS_MODULE": "trustplan.config.settings",
    }
    result = subprocess.run(
        [sys.executable, "-m", "trustplan", "plan", "list"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    assert "could not be used: unable to open database file" in result.stderr
    assert "Traceback" not in result.stderr
