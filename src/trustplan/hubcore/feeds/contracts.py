"""The feed contracts: what one row of each person-level feed must hold, as pydantic models.

Every feed starts with the same identity columns (:class:`Identity`), which the linker uses to
find the same person across agencies, and adds its own event columns. A model takes a row's text
as a CSV gives it (every value a string, blank for "not recorded"), trims it, checks it with
:mod:`trustplan.hubcore.checks` and keeps the normal form: NHS numbers without spaces, postcodes
with one space, dates as dates, choices in their listed spelling.

Two kinds of problem, because agencies' data are imperfect and a person's record is worth
keeping:

* a required value that is missing or wrong, or an event column that is wrong, is an **error**:
  the row cannot be trusted and is rejected;
* an optional identity column that is wrong (an NHS number failing its check digit, a postcode
  that is not one) is a **warning**: the row is kept, the bad value is left out, and the linker
  matches on what remains (names, date of birth, the other identifiers).

:func:`check_row` is the way in: it returns the record (or none) with its errors and warnings.
Validated directly (``Model.model_validate(row)``) with nowhere to put warnings, a model treats
every warning as an error, so nothing is dropped silently.

No message ever repeats a value: "nhs_number fails its check digit", never the number.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any, ClassVar, Literal, Self, get_args

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    ValidationError,
    ValidationInfo,
    model_validator,
)
from pydantic_core import ErrorDetails, PydanticCustomError

from trustplan.hubcore.checks import (
    display_name,
    nhs_number_problem,
    normalise_nhs_number,
    normalise_postcode,
    normalise_upn,
    parse_date,
    upn_problem,
)

__all__ = [
    "FEEDS",
    "Column",
    "EarlyHelp",
    "Exclusions",
    "FeedRecord",
    "Finding",
    "HealthAppointments",
    "Housing",
    "Identity",
    "PoliceIncidents",
    "RowCheck",
    "SchoolAttendance",
    "SocialCare",
    "Worklessness",
    "YouthJustice",
    "check_row",
]

RECORD_ID_MAX_LENGTH = 64
EARLIEST_BIRTH = date(1900, 1, 1)

# The error type of every rule in this module; any other type came from pydantic itself.
_RULE = "feed_rule"
# The key in the validation context under which rows collect their warnings.
_WARNINGS = "warnings"


@dataclass(frozen=True)
class Column:
    """What a column's documentation and Table Schema say beyond its type and choices.

    ``pattern`` is the canonical form, as an XML Schema regular expression (the Table Schema's
    dialect); the validators accept a little more (lower case, spaces) and normalise it.
    """

    description: str
    pattern: str | None = None
    minimum: int | None = None
    max_length: int | None = None
    unique: bool = False


@dataclass(frozen=True)
class Finding:
    """One problem with a row: the column it is in (``None`` for the row as a whole) and why."""

    column: str | None
    reason: str


@dataclass(frozen=True)
class RowCheck:
    """A row checked against its feed's contract: the record, unless an error rejected it."""

    record: FeedRecord | None
    errors: tuple[Finding, ...] = ()
    warnings: tuple[Finding, ...] = ()


# Problems -------------------------------------------------------------------------------------


def _rule(column: str, reason: str) -> PydanticCustomError:
    """An error whose message is final. The column travels with it, since a rule on the whole
    model has no field, and the reason without the column, for :func:`_lenient` to reuse."""
    return PydanticCustomError(_RULE, f"{column} {reason}", {"column": column, "reason": reason})


def _column(info: ValidationInfo) -> str:
    return info.field_name or "value"


def _warnings(info: ValidationInfo) -> list[Finding] | None:
    """Where the row being validated collects its warnings, if the caller gave somewhere."""
    sink = info.context.get(_WARNINGS) if isinstance(info.context, dict) else None
    return sink if isinstance(sink, list) else None


def _warn(info: ValidationInfo, column: str, reason: str) -> None:
    """Record a warning for the row, or raise it as an error if the caller collects none."""
    sink = _warnings(info)
    if sink is None:
        raise _rule(column, reason)
    sink.append(Finding(column, f"{column} {reason}"))


# Value validators: text in, normal form out -------------------------------------------------

Validator = Callable[[object, ValidationInfo], Any]


def _text(value: object) -> str | None:
    """The trimmed text of a cell; ``None`` when it is blank."""
    if value is None:
        return None
    text = value.strip() if isinstance(value, str) else str(value).strip()
    return text or None


def _required_text(value: object, info: ValidationInfo) -> str:
    text = _text(value)
    if text is None:
        raise _rule(_column(info), "is required")
    return text


def _free_text(value: object, info: ValidationInfo) -> str:
    """Text as people read it: single spaces, in Unicode's composed form."""
    return display_name(_required_text(value, info))


def _record_id(value: object, info: ValidationInfo) -> str:
    text = _required_text(value, info)
    if len(text) > RECORD_ID_MAX_LENGTH:
        raise _rule(_column(info), f"is longer than {RECORD_ID_MAX_LENGTH} characters")
    return text


def _name(value: object, info: ValidationInfo) -> str:
    text = _free_text(value, info)
    if not any(char.isalpha() for char in text):
        raise _rule(_column(info), "has no letters")
    return text


def _date(value: object, info: ValidationInfo) -> date:
    parsed = parse_date(_required_text(value, info))
    if parsed is None:
        raise _rule(_column(info), "is not a date in the form YYYY-MM-DD")
    return parsed


def _date_of_birth(value: object, info: ValidationInfo) -> date:
    """A date of birth; a future one is allowed, since agencies record unborn children."""
    born = _date(value, info)
    if born < EARLIEST_BIRTH:
        raise _rule(_column(info), "is before 1900")
    return born


_WHOLE_NUMBER = re.compile(r"[0-9]+")
_NUMBER = re.compile(r"[0-9]+(?:\.[0-9]+)?")


def _count(value: object, info: ValidationInfo) -> int:
    text = _required_text(value, info)
    if not _WHOLE_NUMBER.fullmatch(text):
        raise _rule(_column(info), "is not a whole number of 0 or more")
    return int(text)


def _positive_count(value: object, info: ValidationInfo) -> int:
    number = _count(value, info)
    if number == 0:
        raise _rule(_column(info), "must be more than 0")
    return number


def _positive_number(value: object, info: ValidationInfo) -> float:
    text = _required_text(value, info)
    if not _NUMBER.fullmatch(text):
        raise _rule(_column(info), "is not a number written with digits and a decimal point")
    number = float(text)
    if number == 0:
        raise _rule(_column(info), "must be more than 0")
    return number


def _choice_key(text: str) -> str:
    return re.sub(r"[\s\-_]+", "_", text.strip().casefold())


def _choice(literal: object) -> Validator:
    """A validator for one of a ``Literal``'s values, matched ignoring case, and spaces or
    hyphens in place of underscores ("Domestic abuse" is ``domestic_abuse``)."""
    choices: tuple[str, ...] = get_args(literal)
    spelt = {_choice_key(choice): choice for choice in choices}
    listed = ", ".join(choices)

    def check(value: object, info: ValidationInfo) -> str:
        text = _required_text(value, info)
        found = text if text in choices else spelt.get(_choice_key(text))
        if found is None:
            raise _rule(_column(info), f"must be one of: {listed}")
        return found

    return check


_TERM = re.compile(r"(autumn|spring|summer)\s+([0-9]{4})\s*/\s*([0-9]{2})", re.IGNORECASE)


def _term(value: object, info: ValidationInfo) -> str:
    """An academic term: Autumn, Spring or Summer and an academic year whose years follow on."""
    match = _TERM.fullmatch(_required_text(value, info))
    if match is None or int(match[3]) != (int(match[2]) + 1) % 100:
        raise _rule(_column(info), 'is not a term such as "Autumn 2023/24"')
    return f"{match[1].title()} {match[2]}/{match[3]}"


def _nhs_number(value: object, info: ValidationInfo) -> str:
    text = _required_text(value, info)
    normal = normalise_nhs_number(text)
    if normal is None:
        raise _rule(_column(info), nhs_number_problem(text) or "is not an NHS number")
    return normal


def _upn(value: object, info: ValidationInfo) -> str:
    text = _required_text(value, info)
    normal = normalise_upn(text)
    if normal is None:
        raise _rule(_column(info), upn_problem(text) or "is not a UPN")
    return normal


def _postcode(value: object, info: ValidationInfo) -> str:
    normal = normalise_postcode(_required_text(value, info))
    if normal is None:
        raise _rule(_column(info), "is not a UK postcode")
    return normal


_UPRN = re.compile(r"[0-9]{1,12}")


def _uprn(value: object, info: ValidationInfo) -> str:
    """A UPRN as digits without leading zeros, as AddressBase publishes it."""
    text = _required_text(value, info)
    if not _UPRN.fullmatch(text) or int(text) == 0:
        raise _rule(_column(info), "is not 1 to 12 digits (and not all zeros)")
    return str(int(text))


def _optional(check: Validator) -> Validator:
    """A column that may be blank; a value given must pass ``check``, or the row is rejected."""

    def optional(value: object, info: ValidationInfo) -> Any:
        return None if _text(value) is None else check(value, info)

    return optional


def _lenient(check: Validator) -> Validator:
    """An optional identity column: a value that fails ``check`` is left out, with a warning.

    Linking can do without one identifier; losing the whole row would lose the person's event.
    """

    def lenient(value: object, info: ValidationInfo) -> Any:
        if _text(value) is None:
            return None
        try:
            return check(value, info)
        except PydanticCustomError as problem:
            if _warnings(info) is None:
                raise
            reason = (problem.context or {}).get("reason", "is not valid")
            _warn(info, _column(info), f"{reason}, so it was left out")
            return None

    return lenient


# Column types --------------------------------------------------------------------------------

Text = Annotated[str, BeforeValidator(_free_text)]
EventDate = Annotated[date, BeforeValidator(_date)]
EndDate = Annotated[date | None, BeforeValidator(_optional(_date))]

Sex = Literal["F", "M", "U"]
Ethnicity = Literal["White", "Mixed", "Asian", "Black", "Other", "Not known"]
ExclusionType = Literal["suspension", "permanent"]
IncidentType = Literal["domestic_abuse", "asb", "missing", "crime", "exploitation_concern"]
Role = Literal["victim", "suspect", "witness", "subject"]
Outcome = Literal[
    "caution",
    "youth_conditional_caution",
    "referral_order",
    "youth_rehabilitation_order",
    "custody",
]
Service = Literal[
    "camhs",
    "paediatrics",
    "health_visiting",
    "school_nursing",
    "substance_misuse",
    "adult_mental_health",
    "maternity",
]
Attendance = Literal["attended", "did_not_attend", "cancelled"]
EpisodeType = Literal["contact", "referral", "child_in_need", "child_protection", "looked_after"]
ClosureReason = Literal["outcomes_achieved", "stepped_up", "disengaged", "moved_away", "other"]
HousingEventType = Literal[
    "homelessness_presentation", "temporary_accommodation", "eviction_notice"
]
Benefit = Literal["out_of_work_benefit", "universal_credit_no_work_requirements", "other"]


def _one_of(literal: object) -> BeforeValidator:
    return BeforeValidator(_choice(literal))


# The models ----------------------------------------------------------------------------------


class Identity(BaseModel):
    """The identity columns every feed starts with, in this order.

    A record's values are person-level data, so neither its ``repr`` nor a validation error
    shows them, and one cannot reach a log by accident; ``model_dump()`` gives them on purpose.
    """

    model_config = ConfigDict(extra="forbid", frozen=True, hide_input_in_errors=True)

    def __repr_args__(self) -> Iterator[tuple[str | None, Any]]:
        yield None, "values hidden"

    record_id: Annotated[
        str,
        BeforeValidator(_record_id),
        Column(
            "The agency's own id for this record: unique within the file, up to 64 characters.",
            max_length=RECORD_ID_MAX_LENGTH,
            unique=True,
        ),
    ]
    first_name: Annotated[str, BeforeValidator(_name), Column("Given name, as recorded.")]
    last_name: Annotated[str, BeforeValidator(_name), Column("Family name, as recorded.")]
    date_of_birth: Annotated[
        date,
        BeforeValidator(_date_of_birth),
        Column("Date of birth, YYYY-MM-DD (expected date for an unborn child); 1900 or later."),
    ]
    sex: Annotated[
        Sex | None,
        BeforeValidator(_lenient(_choice(Sex))),
        Column("F, M, or U for unknown or not recorded."),
    ] = None
    nhs_number: Annotated[
        str | None,
        BeforeValidator(_lenient(_nhs_number)),
        Column(
            "NHS number: 10 digits with a modulus 11 check digit; spaces may separate 3-3-4.",
            pattern="[0-9]{3} ?[0-9]{3} ?[0-9]{4}",
        ),
    ] = None
    upn: Annotated[
        str | None,
        BeforeValidator(_lenient(_upn)),
        Column(
            "Unique Pupil Number: a check letter, 11 digits, and a digit (or a letter in a "
            "temporary UPN).",
            pattern="[A-HJ-NP-RT-Z][0-9]{11}[0-9A-HJ-NP-RT-Z]",
        ),
    ] = None
    address: Annotated[
        str | None,
        BeforeValidator(_optional(_free_text)),
        Column("First line of the address, free text."),
    ] = None
    postcode: Annotated[
        str | None,
        BeforeValidator(_lenient(_postcode)),
        Column(
            "UK postcode, e.g. PO1 2AB.",
            pattern="(GIR ?0AA|[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2})",
        ),
    ] = None
    uprn: Annotated[
        str | None,
        BeforeValidator(_lenient(_uprn)),
        Column("Unique Property Reference Number: 1 to 12 digits.", pattern="[0-9]{1,12}"),
    ] = None
    ethnicity: Annotated[
        Ethnicity | None,
        BeforeValidator(_lenient(_choice(Ethnicity))),
        Column("Ethnic group, at the level of the five broad groups, or Not known."),
    ] = None


class FeedRecord(Identity):
    """One row of a feed: the identity columns and the feed's event columns.

    ``feed_type`` names the feed (and its file, ``<feed_type>.csv``). ``event_dates`` are the
    columns that date what happened; one before the person's date of birth is kept but warned
    about, since one of the two dates is wrong and the row cannot say which.
    """

    feed_type: ClassVar[str]
    event_dates: ClassVar[tuple[str, ...]]

    @model_validator(mode="after")
    def _events_after_birth(self, info: ValidationInfo) -> Self:
        for column in self.event_dates:
            happened = getattr(self, column)
            if happened is not None and happened < self.date_of_birth:
                _warn(info, column, "is before date_of_birth")
        return self


def _end_not_before_start(start: date, end: date | None) -> None:
    if end is not None and end < start:
        raise _rule("end_date", "is before start_date")


class SchoolAttendance(FeedRecord):
    """A pupil's attendance in one term (DfE school census sessions: two a day)."""

    feed_type = "school_attendance"
    event_dates = ()

    term: Annotated[
        str,
        BeforeValidator(_term),
        Column(
            'Academic term: Autumn, Spring or Summer and the academic year, e.g. "Autumn 2023/24".',
            pattern="(Autumn|Spring|Summer) [0-9]{4}/[0-9]{2}",
        ),
    ]
    sessions_possible: Annotated[
        int,
        BeforeValidator(_positive_count),
        Column("Sessions the pupil could have attended: a whole number, more than 0.", minimum=1),
    ]
    sessions_missed: Annotated[
        int,
        BeforeValidator(_count),
        Column("Sessions missed: a whole number from 0 to sessions_possible.", minimum=0),
    ]

    @model_validator(mode="after")
    def _missed_within_possible(self) -> Self:
        if self.sessions_missed > self.sessions_possible:
            raise _rule("sessions_missed", "is more than sessions_possible")
        return self


class Exclusions(FeedRecord):
    """A suspension (fixed-period exclusion) or permanent exclusion from school."""

    feed_type = "exclusions"
    event_dates = ("exclusion_date",)

    exclusion_date: Annotated[EventDate, Column("The first day of the exclusion.")]
    exclusion_type: Annotated[ExclusionType, _one_of(ExclusionType), Column("Its kind.")]
    days: Annotated[
        float,
        BeforeValidator(_positive_number),
        Column("School days excluded: a number more than 0 (0.5 for a half day).", minimum=0),
    ]


class PoliceIncidents(FeedRecord):
    """A police incident the person was involved in, and in what role."""

    feed_type = "police_incidents"
    event_dates = ("incident_date",)

    incident_date: Annotated[EventDate, Column("When the incident happened.")]
    incident_type: Annotated[IncidentType, _one_of(IncidentType), Column("What happened.")]
    role: Annotated[Role, _one_of(Role), Column("The person's part in it.")]


class YouthJustice(FeedRecord):
    """An outcome for a young person in the youth justice system."""

    feed_type = "youth_justice"
    event_dates = ("outcome_date",)

    outcome_date: Annotated[EventDate, Column("When the outcome was given.")]
    outcome: Annotated[Outcome, _one_of(Outcome), Column("The outcome.")]


class HealthAppointments(FeedRecord):
    """An appointment with a health service, and whether the person came."""

    feed_type = "health_appointments"
    event_dates = ("appointment_date",)

    appointment_date: Annotated[EventDate, Column("The appointment's date.")]
    service: Annotated[Service, _one_of(Service), Column("The service.")]
    attendance: Annotated[Attendance, _one_of(Attendance), Column("Whether the person came.")]


class SocialCare(FeedRecord):
    """An episode of children's social care, from a contact to being looked after."""

    feed_type = "social_care"
    event_dates = ()  # episodes about an unborn child (pre-birth assessments) start before birth

    episode_type: Annotated[EpisodeType, _one_of(EpisodeType), Column("The kind of episode.")]
    start_date: Annotated[EventDate, Column("When the episode started.")]
    end_date: Annotated[EndDate, Column("When it ended; blank while it is open.")] = None

    @model_validator(mode="after")
    def _ends_after_start(self) -> Self:
        _end_not_before_start(self.start_date, self.end_date)
        return self


class EarlyHelp(FeedRecord):
    """A period of early help support, led by one agency."""

    feed_type = "early_help"
    event_dates = ()  # support for an expectant family starts before the child's birth

    start_date: Annotated[EventDate, Column("When support started.")]
    end_date: Annotated[EndDate, Column("When it closed; blank while it is open.")] = None
    lead_agency: Annotated[Text, Column("The agency leading the support (free text).")]
    closure_reason: Annotated[
        ClosureReason | None,
        BeforeValidator(_optional(_choice(ClosureReason))),
        Column("Why it closed; blank while it is open."),
    ] = None

    @model_validator(mode="after")
    def _ends_after_start(self) -> Self:
        _end_not_before_start(self.start_date, self.end_date)
        return self


class Housing(FeedRecord):
    """A housing event: presenting as homeless, temporary accommodation, an eviction notice."""

    feed_type = "housing"
    event_dates = ("event_date",)

    event_date: Annotated[EventDate, Column("When it happened.")]
    event_type: Annotated[HousingEventType, _one_of(HousingEventType), Column("What happened.")]


class Worklessness(FeedRecord):
    """A period on an out-of-work benefit."""

    feed_type = "worklessness"
    event_dates = ("start_date",)

    start_date: Annotated[EventDate, Column("When the claim started.")]
    end_date: Annotated[EndDate, Column("When it ended; blank while it goes on.")] = None
    benefit: Annotated[Benefit, _one_of(Benefit), Column("The benefit.")]

    @model_validator(mode="after")
    def _ends_after_start(self) -> Self:
        _end_not_before_start(self.start_date, self.end_date)
        return self


FEEDS: dict[str, type[FeedRecord]] = {
    model.feed_type: model
    for model in (
        SchoolAttendance,
        Exclusions,
        PoliceIncidents,
        YouthJustice,
        HealthAppointments,
        SocialCare,
        EarlyHelp,
        Housing,
        Worklessness,
    )
}
"""Every feed's contract, by feed type, in the order of the feed specification."""


# Checking a row ------------------------------------------------------------------------------


def check_row(model: type[FeedRecord], row: Mapping[str, str]) -> RowCheck:
    """Check one row (column name to cell text) against a feed's contract.

    The record comes back with the row's warnings, or, if any error rejects the row, no record
    and every error found. Errors in single columns are all found; the rules that compare two
    columns (an end before its start) are checked only once every column is valid.
    """
    warnings: list[Finding] = []
    try:
        record = model.model_validate(row, context={_WARNINGS: warnings})
    except ValidationError as error:
        details = error.errors(include_url=False, include_input=False)
        return RowCheck(None, errors=tuple(_finding(detail) for detail in details))
    return RowCheck(record, warnings=tuple(warnings))


def _finding(detail: ErrorDetails) -> Finding:
    """A pydantic error as a finding whose reason never quotes the value."""
    context = detail.get("ctx") or {}
    location = detail["loc"]
    column = str(context.get("column") or (location[0] if location else "")) or None
    if detail["type"] == _RULE:
        return Finding(column, detail["msg"])
    if detail["type"] == "missing":
        return Finding(column, f"{column} is required")
    if detail["type"] == "extra_forbidden":
        return Finding(column, f"{column} is not a column of this feed")
    return Finding(column, f"{column} is not valid")
