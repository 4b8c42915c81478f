"""Hospital, emergency, observation and facility stays: record and edit them, mark the TCM steps
done (medication reconciliation, face-to-face visit), and confirm the LACE answers of a stay.

Every edit names the `version` of the stay it was read at and is refused (`ChangedElsewhere`)
when another window changed it since. Each write leaves an audit row with ids, dates and codes
only. The TCM work itself is never stored: `domain.transitions.tcm_status` works it out from the
stay, the client's other stays and their contacts.

One client's stays never overlap (a stay may begin the day another ends: a transfer); an
emergency visit is not asked its TCM complexity and scores no LACE (`domain.transitions`)."""

from datetime import date, timedelta
from typing import Annotated, Any

from pydantic import Field as Constraint
from sqlalchemy import select

from carecli.clinical.people import recently_discharged
from carecli.clinical.suggestions import StayLace
from carecli.data.audit import record_change
from carecli.data.db import Database
from carecli.data.errors import InvalidInput, NotFound
from carecli.data.inputs import InputModel, entry_input, parse_date, validate
from carecli.data.models import Client, Condition, ContactLog, HospitalStay
from carecli.data.versions import check_version
from carecli.domain.enums import StayKind, TcmComplexity
from carecli.domain.transitions import (
    NO_LACE_WORDS,
    NO_TCM_WORDS,
    STAY_FIELDS,
    ClientStays,
    ContactFact,
    LaceDraft,
    Stay,
    StayView,
    tcm_status,
    with_client_or_caregiver,
)

StayInput = entry_input("StayInput", STAY_FIELDS)
ED_LOOKBACK_DAYS = 182
"""LACE "E" counts emergency visits in the 6 months (182 days) before the admission."""
CHARLSON_MAX = 29
"""The highest Charlson index there is (every condition, each at its most severe)."""
STEPS = {"med_rec": "med_rec_on", "visit": "visit_on"}
"""The TCM steps marked done by hand, and the column each one's day goes to."""


class LaceInput(InputModel):
    acute_admission: bool
    charlson: Annotated[int, Constraint(ge=0, le=CHARLSON_MAX)]
    ed_visits_6mo: Annotated[int, Constraint(ge=0, le=99)]


def as_stay(row: HospitalStay) -> Stay:
    return Stay(**{name: getattr(row, name) for name in Stay.__dataclass_fields__})


def stays_of(*, db: Database, client_id: int, today: date) -> ClientStays:
    """The client's stays, latest admission first, each with its TCM work as of `today`."""
    with db.read() as session:
        client = session.get(Client, client_id)
        if client is None:
            raise NotFound(f"Client {client_id} no longer exists.")
        name = f"{client.given_name} {client.family_name}"
        rows = session.scalars(select(HospitalStay).where(HospitalStay.client_id == client_id)
                               .order_by(HospitalStay.admitted_on.desc(),
                                         HospitalStay.id.desc())).all()
        stays = [as_stay(r) for r in rows]
        contacts = contacts_of(session, client_id) if any(s.starts_tcm for s in stays) else []
    return ClientStays(client_id, name, today,
                       tuple(StayView(s, tcm_status(s, contacts, today, stays)) for s in stays))


def contacts_of(session: Any, client_id: int) -> list[ContactFact]:
    """The client's contacts with them or a caregiver (not with the care team or someone else
    about them: `with_client_or_caregiver`), in local time."""
    rows = session.execute(select(ContactLog.occurred_at, ContactLog.outcome,
                                  ContactLog.successful, ContactLog.mode,
                                  ContactLog.with_whom_kind)
                           .where(ContactLog.client_id == client_id,
                                  ContactLog.successful.is_not(None))).all()
    return [ContactFact(at.astimezone(), outcome, bool(ok))
            for at, outcome, ok, mode, kind in rows if with_client_or_caregiver(mode, kind)]


def get_stay(*, db: Database, stay_id: int) -> Stay:
    with db.read() as session:
        return as_stay(_get(session, stay_id))


def stay_values(stay: Stay) -> dict[str, Any]:
    """A stay's form values."""
    return {name: getattr(stay, name) for name in StayInput.model_fields}


def add_stay(*, db: Database, client_id: int, values: dict[str, Any]) -> int:
    data = validate(StayInput, values)
    with db.write() as session:
        client = session.get(Client, client_id)
        if client is None:
            raise NotFound(f"Client {client_id} no longer exists.")
        _after_birth(client, data.admitted_on)
        _check_stay(session, client_id, data)
        row = HospitalStay(client_id=client_id, **data.model_dump())
        session.add(row)
        session.flush()
        record_change(session, action="create", entity="hospital_stay", entity_id=row.id,
                      client_id=client_id, summary=_dates(row))
        return row.id


def update_stay(*, db: Database, stay_id: int, version: int, values: dict[str, Any]) -> None:
    data = validate(StayInput, values)
    with db.write() as session:
        row = _get(session, stay_id)
        check_version(row, version, "this hospital stay")
        _after_birth(session.get(Client, row.client_id), data.admitted_on)
        _check_stay(session, row.client_id, data, stay_id)
        for key, value in data.model_dump().items():
            setattr(row, key, value)
        _check_steps_after_discharge(row)
        _rescore(row)  # the length may have changed, the discharge come back
        record_change(session, action="update", entity="hospital_stay", entity_id=stay_id,
                      client_id=row.client_id, summary=_dates(row))


def mark_step(*, db: Database, stay_id: int, version: int, step: str, done_on: Any,
              today: date) -> None:
    """Mark a TCM step (`med_rec` or `visit`) done on `done_on` (blank: not done after all)."""
    column = STEPS[step]
    try:
        day = parse_date(done_on)
    except ValueError as exc:
        raise InvalidInput({"done_on": str(exc)}) from None
    with db.write() as session:
        row = _get(session, stay_id)
        check_version(row, version, "this hospital stay")
        if not as_stay(row).starts_tcm:
            raise InvalidInput({"form": NO_TCM_WORDS})
        if day is not None and day > today:
            raise InvalidInput({"done_on": "is in the future"})
        if day is not None and day < row.discharged_on:
            raise InvalidInput({"done_on": f"is before the discharge {row.discharged_on}"})
        setattr(row, column, day)
        record_change(session, action="update", entity="hospital_stay", entity_id=stay_id,
                      client_id=row.client_id, summary=f"{column}={day or ''}")


def lace_draft(*, db: Database, stay_id: int) -> LaceDraft:
    """What the LACE form of a stay offers: the answers confirmed before, else suggested ones
    (the Charlson index of the client's active conditions, the emergency visits in the six
    months before the admission), with the conditions that counted."""
    from carecli.clinical.charlson import charlson

    with db.read() as session:
        row = _get(session, stay_id)
        stay = as_stay(row)
        _check_lace(stay)
        codes = session.scalars(select(Condition.icd10_code).where(
            Condition.client_id == stay.client_id, Condition.status == "active")).all()
        since = stay.admitted_on - timedelta(days=ED_LOOKBACK_DAYS)
        ed_visits = len(session.scalars(select(HospitalStay.id).where(
            HospitalStay.client_id == stay.client_id, HospitalStay.kind == "emergency",
            HospitalStay.id != stay.id, HospitalStay.admitted_on >= since,
            HospitalStay.admitted_on < stay.admitted_on)).all())
    found = charlson(codes)
    return LaceDraft(stay, found, ed_visits)


def save_lace(*, db: Database, stay_id: int, version: int, values: dict[str, Any]) -> int:
    """Score LACE from the stay's length and the confirmed answers; store both. Returns the
    total."""
    data = validate(LaceInput, values)
    with db.write() as session:
        row = _get(session, stay_id)
        check_version(row, version, "this hospital stay")
        _check_lace(as_stay(row))
        for key, value in data.model_dump().items():
            setattr(row, key, value)
        _rescore(row)
        record_change(session, action="update", entity="hospital_stay", entity_id=stay_id,
                      client_id=row.client_id, summary=f"lace={row.lace_total} {row.lace_band}")
        return row.lace_total


def latest_lace(session: Any, client_id: int, today: date) -> StayLace | None:
    """The LACE of the client's latest discharge (not an emergency visit: it has none), when
    it was scored and fell within the last 30 days, the TCM period (`recently_discharged`):
    only that one feeds the suggested risk tier (DOMAIN.md is silent; an older score no
    longer says much about the risk now)."""
    row = session.execute(select(HospitalStay.lace_total, HospitalStay.lace_band,
                                 HospitalStay.discharged_on)
                          .where(HospitalStay.client_id == client_id,
                                 HospitalStay.kind != StayKind.EMERGENCY,
                                 HospitalStay.discharged_on.is_not(None),
                                 HospitalStay.discharged_on <= today)
                          .order_by(HospitalStay.discharged_on.desc(), HospitalStay.id.desc())
                          .limit(1)).first()
    if row is None or row[0] is None or not recently_discharged(row[2], today):
        return None
    return StayLace(int(row[0]), str(row[1]), row[2])


def _rescore(row: HospitalStay) -> None:
    """LACE from the stay's length and its confirmed answers, which are kept when it cannot be
    scored (no discharge, an emergency visit) and scored again when it can."""
    from carecli.clinical import score

    if row.discharged_on is None or row.kind == StayKind.EMERGENCY or None in (
            row.acute_admission, row.charlson, row.ed_visits_6mo):
        row.lace_total = row.lace_band = None
        return
    result = score("lace", {"length_of_stay_days": (row.discharged_on - row.admitted_on).days,
                            "acute_admission": row.acute_admission, "charlson": row.charlson,
                            "ed_visits_6mo": row.ed_visits_6mo})
    row.lace_total, row.lace_band = result.total, result.band


def _get(session: Any, stay_id: int) -> HospitalStay:
    row = session.get(HospitalStay, stay_id)
    if row is None:
        raise NotFound("That hospital stay no longer exists.")
    return row


def _after_birth(client: Client | None, admitted_on: date) -> None:
    if client is None:
        raise NotFound("That client no longer exists.")
    if client.date_of_birth is not None and admitted_on < client.date_of_birth:
        raise InvalidInput({"admitted_on": f"is before the client's birth {client.date_of_birth}"})


def _check_stay(session: Any, client_id: int, data: Any, stay_id: int | None = None) -> None:
    """An emergency visit is not asked its TCM complexity, and a stay may not overlap another
    of the client's (`stay_id`: the one being edited). A stay may begin the day another ends
    (a transfer), and two emergency visits may fall on one day."""
    if data.kind == StayKind.EMERGENCY and data.complexity != TcmComplexity.MODERATE:
        raise InvalidInput({"complexity": "is not asked for an emergency visit: it starts no "
                                          "transitional care"})
    query = select(HospitalStay.facility, HospitalStay.admitted_on,
                   HospitalStay.discharged_on).where(HospitalStay.client_id == client_id)
    if stay_id is not None:
        query = query.where(HospitalStay.id != stay_id)
    ends = data.discharged_on or date.max
    for facility, admitted_on, discharged_on in session.execute(query).all():
        if admitted_on < ends and data.admitted_on < (discharged_on or date.max):
            until = (f"to {discharged_on}" if discharged_on is not None
                     else "(not discharged yet)")
            raise InvalidInput({"admitted_on": f"overlaps the stay at {facility} from "
                                               f"{admitted_on} {until}: one client's stays "
                                               "cannot overlap"})


def _check_lace(stay: Stay) -> None:
    if stay.emergency:
        raise InvalidInput({"form": NO_LACE_WORDS})
    if stay.discharged_on is None:
        raise InvalidInput({"form": "LACE needs the discharge day: record it first."})


def _check_steps_after_discharge(row: HospitalStay) -> None:
    """An edited discharge day may not fall after a TCM step already marked done."""
    for column in STEPS.values():
        done = getattr(row, column)
        if done is None:
            continue
        if row.discharged_on is None:
            raise InvalidInput({"discharged_on": f"is needed: a TCM step was marked done {done}"})
        if done < row.discharged_on:
            raise InvalidInput({"discharged_on": f"is after the day a TCM step was marked done "
                                                 f"({done})"})


def _dates(row: HospitalStay) -> str:
    return f"{row.kind} {row.admitted_on}..{row.discharged_on or ''}"

