"""`trustplan twofactor status|reset`, and the demo's accounts, which keep production's rule."""

from __future__ import annotations

import io
import stat
from pathlib import Path
from typing import Any

import pyotp
import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from tests.accounts.conftest import sign_in
from trustplan.accounts import twofactor
from trustplan.accounts.models import TotpDevice

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("twofactor", *args, stdout=out)
    return out.getvalue()


def test_status_lists_who_needs_a_second_factor_and_whether_they_have_set_it_up(
    users: dict[str, Any],
) -> None:
    assert run("status").splitlines() == ["admin\tenrolled", "new.admin\tnot enrolled yet"]


def test_reset_makes_a_user_who_lost_their_phone_set_up_an_app_again(
    users: dict[str, Any],
) -> None:
    twofactor.new_recovery_codes(users["admin"])
    assert "Reset admin's two-factor sign-in" in run("reset", "admin")
    assert sign_in(Client(), "admin")["Location"].startswith("/accounts/two-factor/enrol/")
    assert "admin had no authenticator app to reset." in run("reset", "admin")
    with pytest.raises(CommandError, match="There is no user 'nobody'"):
        run("reset", "nobody")


def test_the_demos_administrator_has_a_kept_key_and_the_viewer_none(
    db: None, tmp_path: Path
) -> None:
    from trustplan.web.demo import create_demo_accounts

    call_command("plan", "load", str(EXAMPLES / "portsmouth-2020-23" / "plan.yaml"), verbosity=0)
    first = {account.username: account for account in create_demo_accounts(tmp_path)}
    again = {account.username: account for account in create_demo_accounts(tmp_path)}
    key = first["admin"].two_factor_key
    assert len(key) == 32
    assert again["admin"].two_factor_key == key
    assert first["viewer"].two_factor_key == ""
    assert TotpDevice.objects.get(user__username="admin").key == key
    assert twofactor.is_enrolled(TotpDevice.objects.get(user__username="admin").user)
    keys_file = tmp_path / "demo-two-factor-keys"
    kept = dict(line.split("\t") for line in keys_file.read_text(encoding="utf-8").splitlines())
    assert kept["admin"] == key
    # The data protection officer signs in with a second factor too; the viewer does not.
    assert sorted(kept) == ["admin", "dpo"]
    assert stat.S_IMODE(keys_file.stat().st_mode) == 0o600
    client = Client()
    sign_in(client, "admin", first["admin"].password)
    passed = client.post("/accounts/two-factor/", {"code": pyotp.TOTP(key).now()})
    assert passed["Location"] == "/"


def test_the_demo_prints_each_key_and_how_to_get_a_code(db: None) -> None:
    from trustplan.access.models import Role
    from trustplan.web.demo import DemoAccount
    from trustplan.web.management.commands.demo import Command

    out = io.StringIO()
    command = Command(stdout=out)
    key = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
    command._two_factor_keys(
        [DemoAccount("admin", "Adi Min", Role.ADMINISTRATOR, "all", "pw", key)], 5
    )
    text = out.getvalue()
    assert "These accounts also need a code from an authenticator app, as in production." in text
    assert "  admin  JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP" in text
    assert f"print(pyotp.TOTP('{key}').now())" in text
