"""Value types: durations, account ids, CIDRs, external ids and bucket names, property-tested."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from hypothesis import assume, given
from hypothesis import strategies as st

from ztiam.blueprint import format_duration, parse_duration, validate_blueprint

from blueprint_support import Change, changed, problem_of, shipped_data

PROD = shipped_data("prod")
minutes = st.integers(min_value=1, max_value=24 * 60)


def _with(change: Change) -> Any:
    return validate_blueprint(changed(PROD, change), "prod.yaml")


def _session(text: str) -> Callable[[dict[str, Any]], None]:
    return lambda data: data["sessions"].update(developer=text)


@given(minutes)
def test_format_duration_round_trips(total: int) -> None:
    assert parse_duration(format_duration(total * 60)) == total * 60


@given(st.integers(0, 23), st.integers(0, 59))
def test_parse_duration_hours_and_minutes(hours: int, mins: int) -> None:
    text = (f"{hours}h" if hours else "") + (f"{mins}m" if mins else "")
    assert parse_duration(text) == (hours * 3600 + mins * 60 if text else None)


@given(st.text(alphabet="hms0123456789 .", max_size=8))
def test_parse_duration_never_raises(text: str) -> None:
    seconds = parse_duration(text)
    assert seconds is None or seconds % 60 == 0


@given(st.integers(60, 240))
def test_sessions_within_limits_load_as_seconds(total: int) -> None:
    blueprint = _with(_session(format_duration(total * 60)))
    assert blueprint.sessions.developer == total * 60


@given(st.integers(241, 5999))
def test_sessions_over_four_hours_are_refused(total: int) -> None:
    text = f"{total}m"
    assert problem_of(changed(PROD, _session(text))) == (
        f"blueprint prod.yaml: sessions.developer: {text} exceeds the 4h limit"
    )


@given(st.integers(1, 59))
def test_sessions_under_an_hour_are_refused(total: int) -> None:
    assert problem_of(changed(PROD, _session(f"{total}m"))).endswith(
        f"sessions.developer: {total}m is below the 1h minimum (IAM's shortest maximum session)"
    )


@given(st.from_regex(r"[0-9]{1,11}|[0-9]{13,16}|[0-9]{11}[a-z]", fullmatch=True))
def test_account_ids_other_than_twelve_digits_are_refused(text: str) -> None:
    message = problem_of(changed(PROD, lambda data: data.update(account_id=text)))
    assert message == f"blueprint prod.yaml: account_id: {text!r} is not a 12-digit AWS account id"


@given(st.integers(33, 99))
def test_ipv4_prefixes_over_32_are_refused(prefix: int) -> None:
    cidr = f"198.51.100.0/{prefix}"
    change = _set_cidr(cidr)
    assert problem_of(changed(PROD, change)) == (
        f"blueprint prod.yaml: network.allowed_cidrs[0]: {cidr!r} is not a valid CIDR"
    )


@given(st.integers(1, 32).flatmap(lambda p: st.tuples(st.just(p), st.integers(0, 2**32 - 1))))
def test_ipv4_networks_load(prefix_and_address: tuple[int, int]) -> None:
    prefix, address = prefix_and_address
    network = address >> (32 - prefix) << (32 - prefix)
    cidr = ".".join(str(network >> shift & 255) for shift in (24, 16, 8, 0)) + f"/{prefix}"
    blueprint = _with(_set_cidr(cidr))
    assert blueprint.network.allowed_cidrs[0] == cidr


@given(st.text(alphabet="abcXYZ019_+=,.@:/-", min_size=2, max_size=1224))
def test_external_ids_of_allowed_characters_load(external_id: str) -> None:
    blueprint = _with(lambda data: data["external_access"][0].update(external_id=external_id))
    assert blueprint.external_access[0].external_id == external_id


@given(st.from_regex(r"[a-z0-9]([a-z0-9-]{1,61})[a-z0-9]", fullmatch=True))
def test_bucket_names_of_letters_digits_hyphens_load(name: str) -> None:
    assume(not name.startswith(("xn--", "sthree-", "amzn-s3-demo-")))
    assume(not name.endswith(("-s3alias", "--ol-s3", "--x-s3", "--table-s3")))
    assume(name not in {bucket["name"] for bucket in PROD["buckets"]})
    blueprint = _with(lambda data: data["buckets"].append({"name": name, "class": "logs"}))
    assert blueprint.buckets[-1].name == name


def _set_cidr(cidr: str) -> Change:
    return lambda data: data["network"].update(allowed_cidrs=[cidr])
