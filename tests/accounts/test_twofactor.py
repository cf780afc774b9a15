"""The second factor's rules: enrolment, codes from the app (each once, one step of clock drift
either side), hashed single-use recovery codes, and the QR code."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pyotp
import pytest
from django.utils import timezone

from tests.accounts.conftest import KEY
from tests.factories import make_user
from trustplan.access.models import Role
from trustplan.accounts import twofactor
from trustplan.accounts.models import RecoveryCode, TotpDevice

RECOVERY = re.compile(r"^[0-9a-hjkmnp-tv-z]{4}(-[0-9a-hjkmnp-tv-z]{4}){3}$")


def code_at(key: str, step: int) -> str:
    return pyotp.TOTP(key).generate_otp(step)


def step_now() -> int:
    return pyotp.TOTP(KEY).timecode(timezone.now())


@pytest.mark.parametrize(
    ("typed", "parsed"),
    [
        ("123456", ("app", "123456")),
        (" 123 456 ", ("app", "123456")),
        ("abcd-efgh-jkmn-pqrs", ("recovery", "abcdefghjkmnpqrs")),
        ("ABCD EFGH JKMN PQRS", ("recovery", "abcdefghjkmnpqrs")),
        ("oIl0-0000-0000-0000", ("recovery", "0110000000000000")),
        ("12345", None),
        ("1234567", None),
        ("abcd-efgh-jkmn-pqru", None),  # u is not in Crockford's alphabet
        ("", None),
    ],
)
def test_what_was_typed_is_read_as_an_app_code_or_a_recovery_code(
    typed: str, parsed: tuple[str, str] | None
) -> None:
    assert twofactor.parse_code(typed) == parsed


def test_enrolment_keeps_one_new_key_until_it_is_finished(db: None) -> None:
    user = make_user("new.admin", Role.ADMINISTRATOR)
    first = twofactor.start_enrolment(user)
    again = twofactor.start_enrolment(user)
    assert first.pk == again.pk
    assert first.key == again.key
    assert re.fullmatch(r"[A-Z2-7]{32}", first.key)  # 160 random bits in base32
    assert not twofactor.is_enrolled(user)


def test_a_wrong_code_does_not_finish_enrolment(db: None) -> None:
    device = twofactor.start_enrolment(make_user("new.admin", Role.ADMINISTRATOR))
    wrong = code_at(device.key, step_now() + 5)
    assert twofactor.confirm_enrolment(device, wrong) is None
    assert twofactor.confirm_enrolment(device, "not a code") is None
    assert TotpDevice.objects.get(pk=device.pk).confirmed_at is None


def test_a_right_code_finishes_enrolment_with_ten_recovery_codes_kept_only_as_hashes(
    db: None,
) -> None:
    user = make_user("new.admin", Role.ADMINISTRATOR)
    device = twofactor.start_enrolment(user)
    codes = twofactor.confirm_enrolment(device, code_at(device.key, step_now()))
    assert codes is not None
    assert len(codes) == len(set(codes)) == 10
    assert all(RECOVERY.match(code) for code in codes)
    assert twofactor.is_enrolled(user)
    stored = list(RecoveryCode.objects.filter(user=user).values_list("sha256", flat=True))
    assert len(stored) == 10
    plain = {code.replace("-", "") for code in codes}
    assert not plain & set(stored)
    assert {RecoveryCode.digest(code) for code in plain} == set(stored)


def test_enrolling_again_is_refused_so_the_key_is_never_shown_again(users: dict[str, Any]) -> None:
    with pytest.raises(ValueError, match="already enrolled"):
        twofactor.start_enrolment(users["admin"])


def test_the_stored_key_is_sealed_not_the_key_itself(users: dict[str, Any]) -> None:
    device = TotpDevice.objects.get(user=users["admin"])
    assert KEY not in device.sealed_key
    assert device.key == KEY


def test_a_current_code_is_accepted_once(users: dict[str, Any]) -> None:
    code = code_at(KEY, step_now())
    assert twofactor.verify(users["admin"], code) == twofactor.Verified("app", 0)
    assert twofactor.verify(users["admin"], code) is None


@pytest.mark.parametrize(("offset", "accepted"), [(-2, False), (-1, True), (1, True), (2, False)])
def test_one_step_of_clock_drift_either_side_is_accepted(
    users: dict[str, Any], offset: int, accepted: bool
) -> None:
    verified = twofactor.verify(users["admin"], code_at(KEY, step_now() + offset))
    assert (verified is not None) is accepted


def test_a_code_older_than_one_already_used_is_refused(users: dict[str, Any]) -> None:
    now = step_now()
    assert twofactor.verify(users["admin"], code_at(KEY, now + 1)) is not None
    assert twofactor.verify(users["admin"], code_at(KEY, now)) is None


def test_a_recovery_code_works_once_and_the_count_left_goes_down(users: dict[str, Any]) -> None:
    codes = twofactor.new_recovery_codes(users["admin"])
    first = twofactor.verify(users["admin"], codes[0].upper())
    assert first == twofactor.Verified("recovery", 9)
    assert twofactor.verify(users["admin"], codes[0]) is None
    assert twofactor.recovery_codes_left(users["admin"]) == 9


def test_new_recovery_codes_replace_the_old_ones(users: dict[str, Any]) -> None:
    old = twofactor.new_recovery_codes(users["admin"])
    new = twofactor.new_recovery_codes(users["admin"])
    assert twofactor.verify(users["admin"], old[0]) is None
    assert twofactor.verify(users["admin"], new[0]) is not None
    assert RecoveryCode.objects.filter(user=users["admin"]).count() == 10


def test_another_users_recovery_code_does_not_work(users: dict[str, Any]) -> None:
    other = make_user("other.admin", Role.ADMINISTRATOR)
    twofactor.enrol_with_key(other, KEY)
    theirs = twofactor.new_recovery_codes(other)
    assert twofactor.verify(users["admin"], theirs[0]) is None


def test_a_user_who_has_not_enrolled_has_no_code_accepted(users: dict[str, Any]) -> None:
    assert twofactor.verify(users["new_admin"], code_at(KEY, step_now())) is None


def test_a_key_sealed_under_a_secret_key_no_longer_configured_accepts_no_code(
    users: dict[str, Any], settings: Any, caplog: pytest.LogCaptureFixture
) -> None:
    settings.SECRET_KEY = "rotated-" + "r" * 50
    assert twofactor.verify(users["admin"], code_at(KEY, step_now())) is None
    assert "trustplan twofactor reset" in caplog.text


def test_the_demo_keeps_a_device_whose_key_is_unchanged(users: dict[str, Any]) -> None:
    used = step_now()
    assert twofactor.verify(users["admin"], code_at(KEY, used)) is not None
    twofactor.enrol_with_key(users["admin"], KEY)
    assert TotpDevice.objects.get(user=users["admin"]).last_step == used


def test_reset_removes_the_app_and_the_recovery_codes(users: dict[str, Any]) -> None:
    twofactor.new_recovery_codes(users["admin"])
    assert twofactor.reset(users["admin"]) is True
    assert not twofactor.is_enrolled(users["admin"])
    assert not RecoveryCode.objects.filter(user=users["admin"]).exists()
    assert twofactor.reset(users["admin"]) is False


def test_the_qr_code_is_an_inline_svg_image_with_a_title_and_nothing_that_runs_or_styles() -> None:
    svg = twofactor.qr_svg("otpauth://totp/trustplan:admin?secret=" + KEY + "&issuer=trustplan")
    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg"')
    assert 'role="img"' in svg
    assert f'<title id="two-factor-qr-title">{twofactor.QR_TITLE}</title>' in svg
    assert '<rect fill="white"' in svg  # its own quiet zone, on any background
    assert re.search(r"<path [^>]*d=\"M", svg)
    for forbidden in ("style=", "<style", "<script", "ns0:", 'id="qr-path"'):
        assert forbidden not in svg
    assert not re.search(r"\son\w+=", svg)  # no event handler


def test_the_provisioning_uri_names_the_site_and_the_user(users: dict[str, Any]) -> None:
    device = twofactor.start_enrolment(users["new_admin"])
    uri = twofactor.provisioning_uri(device, "new.admin", "trustplan")
    assert uri == f"otpauth://totp/trustplan:new.admin?secret={device.key}&issuer=trustplan"


def test_the_key_is_shown_in_groups_of_four() -> None:
    assert twofactor.grouped(KEY) == "JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP"


def test_a_used_step_is_recorded_with_its_time(users: dict[str, Any]) -> None:
    before = timezone.now() - dt.timedelta(seconds=1)
    twofactor.verify(users["admin"], code_at(KEY, step_now()))
    device = TotpDevice.objects.get(user=users["admin"])
    assert device.last_used_at is not None
    assert device.last_used_at >= before
