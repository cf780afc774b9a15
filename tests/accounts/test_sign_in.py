"""Signing in through the pages: the password, then for administrators, hub roles and staff an
authenticator app, set up once and asked for at every sign-in; until then every other page
waits. The session key changes at each step (no session fixation)."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote

import pytest
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.test import Client

from tests.accounts.conftest import KEY, code_now, sign_in
from tests.accounts.signing_in import force_login_password_only
from tests.factories import make_user
from trustplan.access.models import Role
from trustplan.accounts import sessions, twofactor
from trustplan.accounts.models import RecoveryCode, TotpDevice

ENROL = "/accounts/two-factor/enrol/"
VERIFY = "/accounts/two-factor/"
RECOVERY = "/accounts/two-factor/recovery-codes/"
KEY_ON_PAGE = re.compile(r'<code id="two-factor-key">([A-Z2-7 ]+)</code>')
CODES_ON_PAGE = re.compile(r"<li><code>([0-9a-z-]{19})</code></li>")


def enrol(client: Client, next_url: str = "/") -> list[str]:
    """Set up an app from the key on the enrolment page; the recovery codes it shows."""
    page = client.get(ENROL, {"next": next_url}).content.decode()
    key = KEY_ON_PAGE.search(page)
    assert key is not None
    done = client.post(ENROL, {"code": code_now(key[1].replace(" ", "")), "next": next_url})
    return CODES_ON_PAGE.findall(done.content.decode())


def test_a_viewer_signs_in_with_the_password_alone(users: dict[str, Any]) -> None:
    client = Client()
    response = sign_in(client, "viewer")
    assert (response.status_code, response["Location"]) == (302, "/")
    assert "Signed in as <strong>viewer</strong>" in client.get("/").content.decode()


def test_an_administrator_without_an_app_is_sent_to_set_one_up_and_every_page_waits(
    users: dict[str, Any],
) -> None:
    client = Client()
    response = sign_in(client, "new.admin", next="/search/")
    assert response["Location"] == f"{ENROL}?next=%2Fsearch%2F"
    for path in ["/", "/search/", "/admin/", "/accounts/roles/", "/search/?q=abuse", RECOVERY]:
        waiting = client.get(path)
        assert waiting.status_code == 302, path
        assert waiting["Location"] == f"{ENROL}?next={quote(path, safe='')}", path
    refused = client.get("/api/plans")
    assert refused.status_code == 403
    assert refused.json() == {"detail": "Finish signing in with your second factor first."}
    assert client.post("/accounts/logout/").status_code == 302
    assert client.get("/accounts/roles/")["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("who", ["hub_analyst", "hub_practitioner", "superuser", "staff"])
def test_hub_roles_superusers_and_staff_need_a_second_factor_too(db: None, who: str) -> None:
    from trustplan.hub.models import Locality

    if who == "hub_analyst":
        make_user("someone", Role.HUB_ANALYST)
    elif who == "hub_practitioner":
        make_user("someone", Role.HUB_PRACTITIONER, locality=Locality.objects.create(name="N"))
    else:
        user = make_user("someone")
        user.is_staff = True
        user.is_superuser = who == "superuser"
        user.save()
    response = sign_in(Client(), "someone")
    assert response["Location"].startswith(ENROL)


@pytest.mark.parametrize("who", ["viewer", "analyst"])
def test_other_roles_never_see_the_second_factor_pages(users: dict[str, Any], who: str) -> None:
    client = Client()
    sign_in(client, who)
    for path in [ENROL, VERIFY]:
        assert client.get(path)["Location"] == "/"
    assert client.get(RECOVERY)["Location"] == "/"
    assert not TotpDevice.objects.filter(user__username=who).exists()


def test_enrolment_shows_the_key_as_a_qr_code_and_as_text_and_is_not_cached(
    users: dict[str, Any],
) -> None:
    client = Client()
    sign_in(client, "new.admin")
    response = client.get(ENROL)
    page = response.content.decode()
    assert "Set up two-factor sign-in" in page
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in page
    assert 'aria-labelledby="two-factor-qr-title"' in page
    key = KEY_ON_PAGE.search(page)
    assert key is not None
    assert key[1].replace(" ", "") == TotpDevice.objects.get(user=users["new_admin"]).key
    assert "no-store" in response["Cache-Control"]
    reloaded = KEY_ON_PAGE.search(client.get(ENROL).content.decode())
    assert reloaded is not None
    assert reloaded[1] == key[1]  # the same key until set-up is finished


def test_a_wrong_code_at_enrolment_says_so_and_finishes_nothing(users: dict[str, Any]) -> None:
    client = Client()
    sign_in(client, "new.admin")
    client.get(ENROL)
    key = TotpDevice.objects.get(user=users["new_admin"]).key
    page = client.post(ENROL, {"code": code_now(key, steps_ahead=3)}).content.decode()
    assert "There is a problem" in page
    assert "The code is not right. Enter the 6-digit code the app shows now" in page
    assert not twofactor.is_enrolled(users["new_admin"])
    blank = client.post(ENROL, {"code": ""}).content.decode()
    assert "Enter the 6-digit code from your authenticator app" in blank


def test_a_code_from_the_app_finishes_enrolment_and_shows_ten_recovery_codes_once(
    users: dict[str, Any],
) -> None:
    client = Client()
    sign_in(client, "new.admin", next="/search/")
    codes = enrol(client, "/search/")
    assert len(set(codes)) == 10
    assert twofactor.is_enrolled(users["new_admin"])
    assert client.get("/search/").status_code == 200
    hashes = set(RecoveryCode.objects.values_list("sha256", flat=True))
    assert {RecoveryCode.digest(code.replace("-", "")) for code in codes} <= hashes
    assert client.get(ENROL)["Location"] == "/"  # nothing left to set up, and no key shown


def test_the_recovery_codes_page_continues_where_the_user_was_going(users: dict[str, Any]) -> None:
    client = Client()
    sign_in(client, "new.admin", next="/search/")
    client.get(ENROL)
    key = TotpDevice.objects.get(user=users["new_admin"]).key
    page = client.post(ENROL, {"code": code_now(key), "next": "/search/"}).content.decode()
    assert "Two-factor sign-in is set up" in page
    assert 'href="/search/">Continue</a>' in page


def test_the_key_is_never_shown_again_once_enrolled(users: dict[str, Any]) -> None:
    client = Client()
    sign_in(client, "admin")
    assert client.get(ENROL)["Location"] == VERIFY + "?next=%2F"
    users["admin"].is_staff = users["admin"].is_superuser = True
    users["admin"].save()
    admin = Client()
    admin.force_login(users["admin"])
    device = TotpDevice.objects.get(user=users["admin"])
    page = admin.get(f"/admin/accounts/totpdevice/{device.pk}/change/").content.decode()
    assert "Authenticator app of admin (confirmed)" in page
    assert KEY not in page
    assert device.sealed_key not in page


def test_each_later_sign_in_asks_for_a_code_and_goes_on_to_the_page_asked_for(
    users: dict[str, Any],
) -> None:
    client = Client()
    response = sign_in(client, "admin", next="/search/")
    assert response["Location"] == f"{VERIFY}?next=%2Fsearch%2F"
    assert client.get("/search/")["Location"] == f"{VERIFY}?next=%2Fsearch%2F"
    page = client.get(VERIFY, {"next": "/search/"}).content.decode()
    assert "Enter the code from your authenticator app" in page
    passed = client.post(VERIFY, {"code": code_now(), "next": "/search/"})
    assert passed["Location"] == "/search/"
    assert client.get("/search/").status_code == 200


def test_a_code_is_accepted_once_so_a_code_seen_over_a_shoulder_is_useless(
    users: dict[str, Any],
) -> None:
    code = code_now()
    first = Client()
    sign_in(first, "admin")
    assert first.post(VERIFY, {"code": code})["Location"] == "/"
    second = Client()
    sign_in(second, "admin")
    page = second.post(VERIFY, {"code": code}).content.decode()
    assert "The code is not right, or has been used already" in page
    assert second.get("/")["Location"].startswith(VERIFY)


def test_a_recovery_code_signs_in_once_then_offers_new_codes(users: dict[str, Any]) -> None:
    codes = twofactor.new_recovery_codes(users["admin"])
    client = Client()
    sign_in(client, "admin", next="/search/")
    response = client.post(VERIFY, {"code": codes[3], "next": "/search/"})
    assert response["Location"] == f"{RECOVERY}?next=%2Fsearch%2F"
    page = client.get(response["Location"]).content.decode()
    assert "You have 9 unused recovery codes." in page
    assert 'href="/search/">Continue without making new codes</a>' in page
    again = Client()
    sign_in(again, "admin")
    assert "has been used already" in again.post(VERIFY, {"code": codes[3]}).content.decode()


def test_making_new_recovery_codes_shows_ten_and_the_old_ones_stop_working(
    users: dict[str, Any],
) -> None:
    old = twofactor.new_recovery_codes(users["admin"])
    client = Client()
    client.force_login(users["admin"])
    page = client.post(RECOVERY, {"next": "/search/"}).content.decode()
    new = CODES_ON_PAGE.findall(page)
    assert len(set(new)) == 10
    assert "Your old recovery codes no longer work." in page
    assert not set(new) & set(old)
    assert twofactor.verify(users["admin"], old[0]) is None
    assert twofactor.verify(users["admin"], new[0]) is not None


def test_a_next_address_on_another_site_is_ignored(users: dict[str, Any]) -> None:
    client = Client()
    sign_in(client, "admin")
    passed = client.post(VERIFY, {"code": code_now(), "next": "https://evil.example/"})
    assert passed["Location"] == "/"


def test_signing_in_changes_the_session_key_and_passing_the_second_factor_changes_it_again(
    users: dict[str, Any],
) -> None:
    client = Client()
    session = client.session
    session["planted"] = "by an attacker who knows this session id"
    session.save()
    planted = client.cookies["sessionid"].value
    sign_in(client, "admin")
    after_password = client.cookies["sessionid"].value
    assert after_password != planted
    assert not Session.objects.filter(session_key=planted).exists()
    client.post(VERIFY, {"code": code_now()})
    after_code = client.cookies["sessionid"].value
    assert after_code not in {planted, after_password}
    assert not Session.objects.filter(session_key=after_password).exists()
    attacker = Client()
    attacker.cookies["sessionid"] = planted
    assert "Signed in as" not in attacker.get("/").content.decode()


def test_a_new_password_sign_in_needs_the_second_factor_again(users: dict[str, Any]) -> None:
    client = Client()
    client.force_login(users["admin"])
    assert client.get("/search/").status_code == 200
    client.post("/accounts/logout/")
    sign_in(client, "admin")
    assert client.get("/search/")["Location"].startswith(VERIFY)


def test_a_session_signed_in_with_the_password_alone_is_held_at_the_code(
    users: dict[str, Any],
) -> None:
    """However the session was made (here directly, as by an older sign-in page)."""
    client = Client()
    force_login_password_only(client, users["admin"])
    assert sessions.SECOND_FACTOR_AT not in client.session
    assert client.get("/")["Location"] == f"{VERIFY}?next=%2F"


def test_a_user_given_an_administrator_role_mid_session_is_asked_to_set_up_an_app(
    users: dict[str, Any],
) -> None:
    from trustplan.access.models import Membership

    client = Client()
    sign_in(client, "viewer")
    assert client.get("/search/").status_code == 200
    Membership.objects.create(user=users["viewer"], role=Role.ADMINISTRATOR)
    assert client.get("/search/")["Location"].startswith(ENROL)


def test_signing_out_works_while_the_second_factor_waits(users: dict[str, Any]) -> None:
    client = Client()
    sign_in(client, "admin")
    assert client.post("/accounts/logout/")["Location"] == "/"
    assert "_auth_user_id" not in client.session
    assert get_user_model().objects.filter(username="admin").exists()
