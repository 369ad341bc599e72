"""Value types of the blueprint: each checks one YAML scalar and says in words what is wrong."""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Callable
from datetime import UTC, datetime, time
from typing import Annotated, Any, NoReturn
from urllib.parse import SplitResult, urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    BeforeValidator,
    GetCoreSchemaHandler,
    GetJsonSchemaHandler,
    PlainSerializer,
    WithJsonSchema,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import PydanticCustomError, core_schema

HOUR = 3600
HUMAN_SESSION_LIMIT = 4 * HOUR
EXTERNAL_SESSION_LIMIT = 2 * HOUR
MIN_SESSION = HOUR
RETENTION_DAYS = (90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653)
REFUSED_GRANT_SERVICES = ("iam", "sts", "sso", "sso-directory", "identitystore", "organizations")

_DURATION = r"^(?:([0-9]{1,3})h)?(?:([0-9]{1,4})m)?$"
_TIMESTAMP = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$"
_TIME_OF_DAY = r"^(?:[01][0-9]|2[0-3]):[0-5][0-9]$"
_ACTION = r"^[a-z0-9-]+:[A-Za-z0-9]+$"
_BUCKET = r"^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$"
_IAM_NAME = "A-Za-z0-9_+=,.@-"
_IAM_CHARS = "letters, digits and _+=,.@-"
_DURATION_SCHEMA = r"^(?:[0-9]+h)?(?:[0-9]+m)?$"


def fail(message: str, *at: str | int) -> NoReturn:
    """Reject a value; ``at`` is the key path of the culprit below the validated object."""
    raise PydanticCustomError("blueprint", "{message}", {"message": message, "at": at})


def show(value: object) -> str:
    """Render a YAML value for a one-line message, as the author would recognise it."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= 72 else text[:69] + "..."


def _string(pattern: str | None = None, **extra: Any) -> WithJsonSchema:
    schema: dict[str, Any] = {"type": "string"}
    if pattern:
        schema["pattern"] = pattern
    return WithJsonSchema(schema | extra)


def _matching(pattern: str, what: str) -> Callable[[object], str]:
    regex = re.compile(pattern)

    def check(value: object) -> str:
        if not isinstance(value, str) or not regex.fullmatch(value):
            fail(f"{show(value)} is not {what}")
        return value

    return check


def _text(pattern: str, what: str) -> Any:
    return Annotated[str, BeforeValidator(_matching(pattern, what)), _string(pattern)]


def unique(values: list[Any]) -> list[Any]:
    """Reject a list that names the same value twice."""
    seen: set[Any] = set()
    for index, value in enumerate(values):
        if value in seen:
            fail(f"{show(value)} is listed twice", index)
        seen.add(value)
    return values


class _UniqueItems:
    """Annotation for lists whose entries must differ: validated, and marked in the schema."""

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return core_schema.no_info_after_validator_function(unique, handler(source))

    def __get_pydantic_json_schema__(
        self, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return handler(schema) | {"uniqueItems": True}


UNIQUE = _UniqueItems()


# ---------------------------------------------------------------- account and names


def _account_id(value: object) -> str:
    if isinstance(value, int) and not isinstance(value, bool):
        fail(f"{value} must be a quoted string of 12 digits (YAML reads bare digits as a number)")
    if not isinstance(value, str) or not re.fullmatch(r"[0-9]{12}", value):
        fail(f"{show(value)} is not a 12-digit AWS account id")
    return value


AccountId = Annotated[str, BeforeValidator(_account_id), _string("^[0-9]{12}$")]
Region = _text(
    r"^[a-z]{2}(?:-gov|-iso[a-z]?)?-[a-z]+-[0-9]$", "an AWS region name such as us-east-1"
)
OrganizationId = _text(r"^o-[a-z0-9]{10,32}$", "an AWS Organizations id such as o-a1b2c3d4e5")
EnvironmentName = _text(
    r"^[a-z](?:[a-z0-9]|-(?=[a-z0-9])){0,15}$",
    "a short lowercase identifier such as prod (letters, digits, inner hyphens; 16 at most)",
)
EntryName = _text(
    r"^[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){0,31}$",
    "a lowercase name of letters, digits and inner hyphens (32 at most)",
)
RoleName = _text(rf"^[{_IAM_NAME}]{{1,64}}$", f"an IAM role name (1 to 64 {_IAM_CHARS})")
PermissionSetName = _text(
    rf"^[{_IAM_NAME}]{{1,32}}$", f"a permission set name (1 to 32 {_IAM_CHARS})"
)
TagKey = _text(r"^[A-Za-z0-9_.:/=+@-]{1,128}$", "a tag key (1 to 128 of letters, digits, _.:/=+-@)")
TagValue = _text(
    r"^[A-Za-z0-9_.:/=+@ -]{1,256}$", "a tag value (1 to 256 of letters, digits, space, _.:/=+-@)"
)
VpcEndpointId = _text(
    r"^vpce-[0-9a-f]{8}(?:[0-9a-f]{9})?$", "a VPC endpoint id such as vpce-0abc1234"
)
VpcId = _text(r"^vpc-[0-9a-f]{8}(?:[0-9a-f]{9})?$", "a VPC id such as vpc-0abc1234")
ServicePrincipal = _text(
    r"^[a-z0-9][a-z0-9.-]*\.amazonaws\.com$", "an AWS service principal such as rds.amazonaws.com"
)
RoleSuffix = _text(rf"^[{_IAM_NAME}]{{1,64}}$", f"a role name suffix (1 to 64 {_IAM_CHARS})")
Email = _text(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$", "an email address")
Ticket = _text(r"^[A-Za-z0-9][A-Za-z0-9_.#/-]{0,63}$", "a ticket reference such as INC-4711")


def _external_id(value: object) -> str:
    if not isinstance(value, str) or not 2 <= len(value) <= 1224:
        fail(f"{show(value)} is not an external id of 2 to 1224 characters")
    if not re.fullmatch(r"[A-Za-z0-9_+=,.@:/-]+", value):
        fail(f"{show(value)} holds characters other than letters, digits and _+=,.@:/-")
    return value


ExternalId = Annotated[
    str,
    BeforeValidator(_external_id),
    _string(r"^[A-Za-z0-9_+=,.@:/-]+$", minLength=2, maxLength=1224),
]


# ---------------------------------------------------------------- network


def _cidr(value: object) -> str:
    if not isinstance(value, str) or "/" not in value:
        fail(f"{show(value)} is not a valid CIDR")
    try:
        network = ipaddress.ip_network(value, strict=False)
    except ValueError:
        fail(f"{show(value)} is not a valid CIDR")
    if network.prefixlen == 0:
        fail(f"{show(value)} allows every address")
    if network.network_address != ipaddress.ip_interface(value).ip:
        fail(f"{show(value)} has host bits set (the network is {network})")
    return value


Cidr = Annotated[str, BeforeValidator(_cidr), _string()]


# ---------------------------------------------------------------- S3


def _bucket_name(value: object) -> str:
    if not isinstance(value, str) or not re.fullmatch(_BUCKET, value):
        fail(f"{show(value)} is not a valid S3 bucket name (3 to 63 of a-z, 0-9, '.', '-')")
    problem = _bucket_name_problem(value)
    if problem:
        fail(f"{show(value)} is not a valid S3 bucket name ({problem})")
    return value


def _bucket_name_problem(name: str) -> str | None:
    if ".." in name or ".-" in name or "-." in name:
        return "a dot next to a dot or hyphen"
    if re.fullmatch(r"[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+", name):
        return "formatted as an IP address"
    for prefix in ("xn--", "sthree-", "amzn-s3-demo-"):
        if name.startswith(prefix):
            return f"reserved prefix {prefix}"
    for suffix in ("-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"):
        if name.endswith(suffix):
            return f"reserved suffix {suffix}"
    return None


BucketName = Annotated[str, BeforeValidator(_bucket_name), _string(_BUCKET)]


# ---------------------------------------------------------------- time


def parse_duration(text: str) -> int | None:
    """Return the seconds of a duration such as ``1h``, ``90m`` or ``1h30m``, or None."""
    match = re.fullmatch(_DURATION, text) if text else None
    if not match:
        return None
    hours, minutes = (int(part or 0) for part in match.groups())
    return hours * HOUR + minutes * 60


def format_duration(seconds: int) -> str:
    """Write whole minutes as the shortest duration text: 14400 -> ``4h``, 5400 -> ``1h30m``."""
    hours, minutes = divmod(seconds // 60, 60)
    if not minutes:
        return f"{hours}h"
    return f"{hours}h{minutes}m" if hours else f"{minutes}m"


def _duration(limit: int) -> Callable[[object], int]:
    def check(value: object) -> int:
        seconds = parse_duration(value) if isinstance(value, str) else None
        if seconds is None:
            fail(f"{show(value)} is not a duration such as 1h, 90m or 1h30m")
        if seconds > limit:
            fail(f"{value} exceeds the {format_duration(limit)} limit")
        if seconds < MIN_SESSION:
            fail(f"{value} is below the 1h minimum (IAM's shortest maximum session)")
        return seconds

    return check


def _duration_type(limit: int) -> Any:
    return Annotated[
        int,
        BeforeValidator(_duration(limit)),
        PlainSerializer(format_duration, return_type=str, when_used="json"),
        _string(_DURATION_SCHEMA, minLength=2),
    ]


HumanSession = _duration_type(HUMAN_SESSION_LIMIT)
ExternalSession = _duration_type(EXTERNAL_SESSION_LIMIT)


def _timestamp(value: object) -> datetime:
    if not isinstance(value, str) or not re.fullmatch(_TIMESTAMP, value):
        fail(f"{show(value)} is not a UTC timestamp such as 2027-01-31T18:00:00Z")
    try:
        return datetime.strptime(value, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    except ValueError:
        fail(f"{show(value)} is not a valid date and time")


def format_timestamp(moment: datetime) -> str:
    """Write a UTC moment the way IAM's ``aws:CurrentTime`` conditions expect it."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


Timestamp = Annotated[
    datetime,
    BeforeValidator(_timestamp),
    PlainSerializer(format_timestamp, return_type=str, when_used="json"),
    _string(_TIMESTAMP, format="date-time"),
]


def _time_of_day(value: object) -> time:
    if not isinstance(value, str) or not re.fullmatch(_TIME_OF_DAY, value):
        fail(f'{show(value)} is not a time of day such as "07:30" (24-hour HH:MM, quoted)')
    return time(int(value[:2]), int(value[3:]))


TimeOfDay = Annotated[
    time,
    BeforeValidator(_time_of_day),
    PlainSerializer(lambda moment: moment.strftime("%H:%M"), return_type=str, when_used="json"),
    _string(_TIME_OF_DAY),
]


def _time_zone(value: object) -> str:
    if not isinstance(value, str) or not value or value.startswith(("/", ".")):
        fail(f"{show(value)} is not an IANA time zone such as America/New_York")
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        fail(f"{show(value)} is not an IANA time zone such as America/New_York")
    return value


TimeZone = Annotated[str, BeforeValidator(_time_zone), _string()]


# ---------------------------------------------------------------- grants and monitoring


def _action(value: object) -> str:
    if not isinstance(value, str) or not re.fullmatch(_ACTION, value):
        fail(f"{show(value)} is not an action such as rds:RebootDBInstance (no wildcards)")
    service = value.split(":", 1)[0]
    if service in REFUSED_GRANT_SERVICES:
        fail(f"{show(value)} is an identity action ({service}:*), which a grant may not give")
    return value


Action = Annotated[str, BeforeValidator(_action), _string(_ACTION)]


def _https_url(value: object) -> str:
    parts = _split_url(value)
    if parts is None or parts.scheme != "https" or not parts.hostname:
        fail(f"{show(value)} is not an https:// URL")
    if parts.username or parts.password:
        fail(f"{show(value)} embeds credentials; keep them out of the blueprint")
    return str(value)


def _split_url(value: object) -> SplitResult | None:
    if not isinstance(value, str) or any(char.isspace() for char in value):
        return None
    try:
        return urlsplit(value)
    except ValueError:
        return None


HttpsUrl = Annotated[str, BeforeValidator(_https_url), _string("^https://", format="uri")]


def _retention_days(value: object) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        fail(f"{show(value)} is not a number of days")
    if value < 90:
        fail(f"{value} is below the 90-day minimum")
    if value not in RETENTION_DAYS:
        fail(f"{value} is not a CloudWatch Logs retention value (90, 120, 150, 180, 365, ...)")
    return value


RetentionDays = Annotated[
    int, BeforeValidator(_retention_days), WithJsonSchema({"enum": list(RETENTION_DAYS)})
]
