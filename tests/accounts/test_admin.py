"""Django admin shows who has set up two-factor sign-in and the sign-in attempts, never a key;
deleting a device resets its user, and deleting a username's failures lifts its lock."""

from __future__ import annotations

from typing import Any

from django.test import Client

from tests.accounts.conftest import KEY, sign_in
from trustplan.accounts import twofactor
from trustplan.accounts.models import RecoveryCode, SignInAttempt, TotpDevice


def admin_client(users: dict[str, Any]) -> Client:
    users["admin"].is_staff = users["admin"].is_superuser = True
    users["admin"].save()
    client = Client()
    client.force_login(users["admin"])
    return client


def test_the_device_list_shows_dates_and_no_key(users: dict[str, Any]) -> None:
    page = admin_client(users).get("/admin/accounts/totpdevice/").content.decode()
    assert "two-factor devices" in page.lower()
    assert KEY not in page
    assert TotpDevice.objects.get(user=users["admin"]).sealed_key not in page


def test_deleting_a_device_makes_its_user_set_up_again_without_their_old_codes(
    users: dict[str, Any],
) -> None:
    twofactor.new_recovery_codes(users["admin"])
    device = TotpDevice.objects.get(user=users["admin"])
    admin_client(users).post(f"/admin/accounts/totpdevice/{device.pk}/delete/", {"post": "yes"})
    assert not TotpDevice.objects.exists()
    assert not RecoveryCode.objects.exists()
    assert sign_in(Client(), "admin")["Location"].startswith("/accounts/two-factor/enrol/")


def test_deleting_a_usernames_failures_lifts_its_lock(users: dict[str, Any]) -> None:
    for _ in range(5):
        sign_in(Client(), "viewer", "wrong")
    client = admin_client(users)
    listing = client.get("/admin/accounts/signinattempt/", {"q": "viewer"}).content.decode()
    assert "5 sign in attempts" in listing
    failed = SignInAttempt.objects.filter(username="viewer", outcome="failed")
    client.post(
        "/admin/accounts/signinattempt/",
        {"action": "delete_selected", "_selected_action": [a.pk for a in failed], "post": "yes"},
    )
    assert sign_in(Client(), "viewer").status_code == 302
