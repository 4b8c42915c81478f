"""The demo caseload: deterministic, refuses to mix with real data, and looks like a caseload."""

import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from carecli.assessment.sections import INTAKE_STEPS, STATIC_SECTIONS, medication_items
from carecli.assessment.wizard import SHARED_WITH_PHQ2, Wizard
from carecli.clinical import instrument, score
from carecli.clinical.instruments import INSTRUMENTS
from carecli.config import resolve_database
from carecli.data.assessments import find_draft, score_history
from carecli.data.caseload import load_caseload
from carecli.data.clients import client_values
from carecli.data.db import Database, open_database
from carecli.data.entries import ENTRY_KINDS, entry_values
from carecli.data.errors import CareDataError
from carecli.data.inputs import ClientCreate, validate
from carecli.data.models import (
    Assessment,
    AssessmentAnswer,
    AssessmentScore,
    AuditLog,
    CheckIn,
    Client,
    CommunityResource,
    Condition,
    Consent,
    ContactLog,
    HospitalStay,
    Medication,
    Referral,
)
from carecli.demo import DemoSummary, build_demo
from carecli.demo import catalogue as cat
from carecli.domain import enums

ICD10 = re.compile(r"^[A-TV-Z][0-9][0-9A-Z](\.[0-9A-Z]{1,4})?$")
DAY = date(2026, 3, 18)
"""A Wednesday in mid-month, so this month already has minutes to count."""


@contextmanager
def fresh_db(tmp_path: Path, name: str = "t.db") -> Iterator[Database]:
    db = open_database(resolve_database(str(tmp_path / name)))
    try:
        yield db
    finally:
        db.dispose()


def _count(db: Database, model) -> int:
    with db.read() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def _snapshot(db: Database) -> list[tuple]:
    """What a care manager would see first: names and coded conditions, in id order."""
    with db.read() as session:
        names = session.execute(
            select(Client.id, Client.given_name, Client.family_name, Client.date_of_birth)
            .order_by(Client.id)
        ).all()
        conditions = session.execute(
            select(Condition.client_id, Condition.name, Condition.icd10_code).order_by(Condition.id)
        ).all()
        contacts = session.execute(
            select(ContactLog.client_id, ContactLog.occurred_at, ContactLog.minutes)
            .order_by(ContactLog.id)
        ).all()
    return [tuple(r) for r in (*names, *conditions, *contacts)]


def test_same_seed_and_day_give_the_same_caseload(tmp_path: Path) -> None:
    with fresh_db(tmp_path, "a.db") as a, fresh_db(tmp_path, "b.db") as b:
        build_demo(db=a, clients=40, seed=7, today=DAY)
        build_demo(db=b, clients=40, seed=7, today=DAY)
        assert _snapshot(a) == _snapshot(b)
    with fresh_db(tmp_path, "c.db") as c, fresh_db(tmp_path, "d.db") as d:
        build_demo(db=c, clients=40, seed=7, today=DAY)
        build_demo(db=d, clients=40, seed=8, today=DAY)
        assert _snapshot(c) != _snapshot(d)


def test_refuses_a_database_with_clients_unless_forced(tmp_path: Path) -> None:
    with fresh_db(tmp_path) as db:
        build_demo(db=db, clients=12, seed=1, today=DAY)
        with pytest.raises(CareDataError, match=r"already has 12 clients; use --force"):
            build_demo(db=db, clients=30, seed=2, today=DAY)
        assert _count(db, Client) == 12

        summary = build_demo(db=db, clients=30, seed=2, today=DAY, force=True)

        assert summary.clients == 30
        assert _count(db, Client) == 30
        assert _count(db, CommunityResource) == len(cat.RESOURCES)
        assert _count(db, AuditLog) == 1
        with db.read() as session:
            assert session.scalar(select(AuditLog.summary)) == "demo caseload: 30 clients"
            assert session.scalar(select(func.min(Client.id))) == 1


def test_refusal_names_a_single_client_in_the_singular(tmp_path: Path) -> None:
    with fresh_db(tmp_path) as db:
        build_demo(db=db, clients=1, today=DAY)
        with pytest.raises(CareDataError, match=r"already has 1 client;"):
            build_demo(db=db, clients=1, today=DAY)


def test_every_client_is_eligible_for_ccm_and_most_consented(tmp_path: Path) -> None:
    with fresh_db(tmp_path) as db:
        summary = build_demo(db=db, clients=120, seed=3, today=DAY)
        with db.read() as session:
            codes = session.execute(select(Condition.client_id, Condition.icd10_code)).all()
            consented = set(
                session.scalars(
                    select(Consent.client_id).where(
                        Consent.kind == "care_management", Consent.revoked_on.is_(None)
                    )
                )
            )
            contacts = session.scalar(select(func.count()).select_from(ContactLog))
    assert isinstance(summary, DemoSummary)
    assert summary.clients == 120 and summary.contacts == contacts
    per_client = Counter(client_id for client_id, _ in codes)
    assert len(per_client) == 120
    assert all(2 <= n <= 5 for n in per_client.values())
    assert all(code and ICD10.match(code) for _, code in codes)
    assert 0.85 * 120 <= len(consented) < 120


def test_the_caseload_shows_overdue_work_discharges_and_unreachable_clients(
    tmp_path: Path,
) -> None:
    with fresh_db(tmp_path) as db:
        build_demo(db=db, clients=200, seed=1, today=DAY)
        rows = load_caseload(db=db, today=DAY)
    flags = Counter(flag for row in rows for flag in row.flags)
    assert 2 <= flags["recent_discharge"] <= 3
    assert 2 <= flags["unreachable"] <= 3
    assert flags["no_consent"] >= 1
    active = [row for row in rows if row.status == "active"]
    overdue = sum(row.overdue(DAY) for row in active) / len(active)
    assert 0.12 <= overdue <= 0.3
    assert any(row.next_due == DAY for row in active)
    assert any(row.next_due and row.next_due > DAY for row in active)
    assert any(row.minutes_this_month >= 20 for row in active)
    assert any(0 < row.minutes_this_month < 20 for row in active)
    statuses = Counter(row.status for row in rows)
    assert statuses["active"] > 0.8 * len(rows) and statuses["on_hold"] and statuses["discharged"]
    tiers = Counter(row.risk_tier for row in rows)
    assert tiers["moderate"] > tiers["low"] > 0 and tiers["high"] > 0


def test_open_follow_ups_are_tasks_set_by_hand_for_active_clients(tmp_path: Path) -> None:
    """The next check-in by cadence is worked out, not stored: what is open is a few tasks,
    one of them the client in hospital's "confirm the discharge date"."""
    with fresh_db(tmp_path) as db:
        build_demo(db=db, clients=80, seed=4, today=DAY)
        with db.read() as session:
            open_rows = session.exec(
                select(CheckIn.client_id, CheckIn.kind, CheckIn.reason)
                .where(CheckIn.status == "open")
            ).all()
            active = set(session.scalars(select(Client.id).where(Client.status == "active")))
            in_hospital = session.scalar(
                select(func.count()).where(HospitalStay.discharged_on.is_(None))
            )
    assert {client_id for client_id, _kind, _reason in open_rows} <= active
    assert {kind for _client_id, kind, _reason in open_rows} == {"task"}
    assert 2 <= len(open_rows) < len(active) / 3
    assert sum("confirm the discharge date" in reason for *_, reason in open_rows) == 1
    assert in_hospital == 1


def test_coded_values_come_from_the_enums(tmp_path: Path) -> None:
    columns = {
        Client.status: enums.ClientStatus, Client.risk_tier: enums.RiskTier,
        Client.sex: enums.Sex, Consent.kind: enums.ConsentKind,
        Consent.method: enums.ConsentMethod, Condition.status: enums.ConditionStatus,
        ContactLog.mode: enums.ContactMode, ContactLog.outcome: enums.ContactOutcome,
        CheckIn.status: enums.CheckInStatus, HospitalStay.kind: enums.StayKind,
        Referral.status: enums.ReferralStatus,
    }
    with fresh_db(tmp_path) as db:
        build_demo(db=db, clients=150, seed=5, today=DAY)
        with db.read() as session:
            for column, enum in columns.items():
                used = set(session.scalars(select(column).distinct()))
                assert used <= {e.value for e in enum}, column


def test_rows_pass_the_apps_own_input_validation(tmp_path: Path) -> None:
    """Whatever a user could open and save again must validate: lengths, phones, emails, codes."""
    with fresh_db(tmp_path) as db:
        build_demo(db=db, clients=150, seed=6, today=date.today())
        with db.read() as session:
            for client in session.scalars(select(Client)):
                validate(ClientCreate, client_values(client))
            for kind, spec in ENTRY_KINDS.items():
                for row in session.scalars(select(spec.table)):
                    validate(spec.input, entry_values(kind, row))


def test_a_moderate_build_keeps_every_foreign_key(tmp_path: Path) -> None:
    with fresh_db(tmp_path) as db:
        summary = build_demo(db=db, clients=500, seed=9, today=DAY)
        assert _count(db, Client) == 500
        assert summary.contacts > 500 * 4
        with db.read() as session:
            connection = session.connection()
            assert connection.exec_driver_sql("PRAGMA foreign_key_check").all() == []
            assert connection.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"


@pytest.mark.parametrize("clients", [0, 1, 5, 19])
def test_tiny_caseloads_build(tmp_path: Path, clients: int) -> None:
    with fresh_db(tmp_path) as db:
        summary = build_demo(db=db, clients=clients, today=DAY)
        assert summary.clients == clients == _count(db, Client)
        assert len(load_caseload(db=db, today=DAY)) == clients


def test_today_defaults_to_the_real_date(tmp_path: Path) -> None:
    with fresh_db(tmp_path) as db:
        build_demo(db=db, clients=10)
        with db.read() as session:
            assert session.scalar(select(func.max(Client.enrolled_on))) < date.today()


def test_negative_client_count_is_refused(tmp_path: Path) -> None:
    with fresh_db(tmp_path) as db, pytest.raises(ValueError):
        build_demo(db=db, clients=-1)


def test_catalogue_codes_look_like_icd10_cm() -> None:
    codes = [c.icd10 for c in cat.CONDITIONS]
    codes += [code for _, code, _ in cat.HYPERTENSIVE_COMBINATIONS]
    codes.append(cat.DIABETES_WITH_CKD[1])
    assert all(ICD10.match(code) for code in codes)
    assert len({c.key for c in cat.CONDITIONS}) == len(cat.CONDITIONS)
    assert all(key in cat.MEDS for c in cat.CONDITIONS for regimen in c.regimens for key in regimen)


# Assessments ----------------------------------------------------------------------------------

ASSESSED = 200
SAFETY_FLAGS = {"suicidal_ideation", "physical_harm"}


@pytest.fixture(scope="module")
def assessed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    """One 200-client caseload, built once for the read-only assessment tests below."""
    path = tmp_path_factory.mktemp("assessed") / "t.db"
    db = open_database(resolve_database(str(path)))
    build_demo(db=db, clients=ASSESSED, seed=11, today=DAY)
    try:
        yield db
    finally:
        db.dispose()


def _stored(db: Database) -> tuple[dict[int, Any], dict[int, dict], dict[int, list]]:
    """Assessments by id, their answers as {section: {item: value}}, and their score rows."""
    with db.read() as session:
        assessments = {a.id: a for a in session.scalars(select(Assessment))}
        answers: dict[int, dict] = defaultdict(dict)
        for a in session.scalars(select(AssessmentAnswer)):
            answers[a.assessment_id].setdefault(a.instrument_id, {})[a.item_id] = a.value
        scores: dict[int, list] = defaultdict(list)
        for s in session.scalars(select(AssessmentScore).order_by(AssessmentScore.id)):
            scores[s.assessment_id].append(s)
        session.expunge_all()
    return assessments, answers, scores


def _medications(db: Database) -> dict[int, dict[int, Any]]:
    with db.read() as session:
        found: dict[int, dict[int, Any]] = defaultdict(dict)
        for med in session.scalars(select(Medication)):
            found[med.client_id][med.id] = med
        session.expunge_all()
    return found


def _section_answers(a, answers: dict, section: str) -> dict:
    """A section's answers as the wizard scores them (an intake's PHQ-9 takes "1" and "2" from
    the PHQ-2)."""
    given = dict(answers[section])
    if section == "phq9" and a.steps == ["intake"]:
        given.update({k: answers["phq2"][k] for k in SHARED_WITH_PHQ2})
    return given


def test_stored_scores_are_recomputed_from_the_stored_answers(assessed: Database) -> None:
    assessments, answers, scores = _stored(assessed)
    completed = [a for a in assessments.values() if a.status == "completed"]
    assert completed
    for a in completed:
        asked = [s for s in answers[a.id] if s in INSTRUMENTS]
        assert [s.instrument_id for s in scores[a.id]] == asked, a.id
        for row in scores[a.id]:
            given = _section_answers(a, answers[a.id], row.instrument_id)
            expected = score(row.instrument_id, given)
            assert row.instrument_version == instrument(row.instrument_id).version
            assert (row.total, row.band, row.positive) == (
                expected.total, expected.band, expected.positive
            ), (a.id, row.instrument_id)
            assert row.flags == sorted(expected.flags)
            assert row.domains == list(expected.domains)
    drafts = [a for a in assessments.values() if a.status == "draft"]
    assert drafts and all(not scores[a.id] for a in drafts)


def test_answers_are_stored_as_the_wizard_stores_them(assessed: Database) -> None:
    """Every answer passes its item's own check, a completed intake answers every question the
    wizard asks (PHQ-9 only after a positive PHQ-2, without items 1 and 2), and med_<id> items
    are the client's own medicines."""
    assessments, answers, scores = _stored(assessed)
    medications = _medications(assessed)
    safety_notes = 0
    for aid, by_section in answers.items():
        a = assessments[aid]
        mine = medications[a.client_id]
        asked = [(int(i.removeprefix("med_")), mine[int(i.removeprefix("med_"))].name)
                 for i in by_section.get("medications", {}) if i.startswith("med_")]
        for section, items in by_section.items():
            for item_id, value in items.items():
                if section == "safety":
                    assert item_id in SAFETY_FLAGS and value.strip()
                    safety_notes += 1
                    continue
                if section in INSTRUMENTS:
                    item = instrument(section).item(item_id)
                elif section == "medications":
                    item = next(i for i in medication_items(asked) if i.id == item_id)
                else:
                    item = next(i for i in STATIC_SECTIONS[section] if i.id == item_id)
                item.check(value)
        if a.status == "completed" and a.kind == "intake":
            _assert_a_complete_intake(by_section, asked)
        elif a.status == "completed":
            assert a.kind == "reassessment"
            assert [s for s in by_section if s != "safety"] == a.steps
    assert safety_notes >= 2


def _assert_a_complete_intake(by_section: dict, medications: list[tuple[int, str]]) -> None:
    wizard = Wizard(INTAKE_STEPS, medications=medications, answers=by_section)
    keys = set()
    for question in wizard.questions():
        keys.add(question.key)
        if question.item.required or question.item.kind == "multi":
            assert wizard.value(question) is not None, question.key
    stored = {(s, i) for s, items in by_section.items() for i in items if s != "safety"}
    assert stored <= keys
    phq2 = sum(by_section["phq2"].values())
    assert ("phq9" in by_section) == (phq2 >= 3)
    assert not set(by_section.get("phq9", {})) & set(SHARED_WITH_PHQ2)
    assert all(s in by_section for step in INTAKE_STEPS for s in step.sections if s != "phq9")


def test_safety_notes_go_with_safety_flags(assessed: Database) -> None:
    assessments, answers, scores = _stored(assessed)
    for aid, rows in scores.items():
        raised = {f for row in rows for f in row.flags}
        assert raised == set(answers[aid].get("safety", {})), aid


def test_every_safety_answer_is_kept_as_a_finding_with_its_note(assessed: Database) -> None:
    """As the wizard keeps them: a finding per safety answer, drafts included, so the caseload
    and the record show them whatever the assessment's status."""
    from carecli.clinical import safety_triggers
    from carecli.data.models import SafetyFinding

    assessments, answers, _ = _stored(assessed)
    with assessed.read() as session:
        kept = {(f.assessment_id, f.flag): f for f in session.scalars(select(SafetyFinding))}
    expected = {(aid, t.flag) for aid, given in answers.items() for t in safety_triggers(given)}
    assert set(kept) == expected and expected
    for (aid, flag), finding in kept.items():
        assert finding.action_note == answers[aid].get("safety", {}).get(flag)
        assert finding.client_id == assessments[aid].client_id


def test_assessments_are_dated_like_real_work(assessed: Database) -> None:
    """Completed on a weekday in the daytime (local clock), before today: the intake close to
    enrolment, re-assessments after it and before the client left the programme."""
    assessments, _answers, _scores = _stored(assessed)
    with assessed.read() as session:
        clients = {c.id: c for c in session.scalars(select(Client))}
        session.expunge_all()
    intakes: dict[int, Any] = {}
    for a in sorted(assessments.values(), key=lambda a: a.id):
        assert a.started_at.tzinfo is not None
        client = clients[a.client_id]
        if a.status == "draft":
            assert a.completed_at is None and a.current_step.isdigit()
            continue
        local = a.completed_at.astimezone()
        assert local.weekday() < 5 and 9 <= local.hour < 17, a.id
        assert a.started_at < a.completed_at and local.date() < DAY
        if client.status != "active":
            assert local.date() < client.status_changed_on
        if a.kind == "intake":
            assert a.steps == ["intake"] and a.client_id not in intakes
            assert timedelta(0) <= local.date() - client.enrolled_on <= timedelta(days=14)
            intakes[a.client_id] = a
        else:
            assert intakes[a.client_id].completed_at < a.completed_at


def test_most_clients_are_assessed_and_some_reassessed_with_change(assessed: Database) -> None:
    assessments, answers, scores = _stored(assessed)
    completed = [a for a in assessments.values() if a.status == "completed"]
    with_intake = {a.client_id for a in completed if a.kind == "intake"}
    reassessed = {a.client_id for a in completed if a.kind == "reassessment"}
    assert 0.78 * ASSESSED <= len(with_intake) <= 0.92 * ASSESSED
    assert 0.2 * len(with_intake) <= len(reassessed) <= 0.5 * len(with_intake)
    assert reassessed <= with_intake
    per_client = Counter(a.client_id for a in completed if a.kind == "reassessment")
    assert set(per_client.values()) <= {1, 2, 3} and max(per_client.values()) >= 2
    hrsn = [row for a in completed if a.kind == "intake" for row in scores[a.id]
            if row.instrument_id == "ahc_hrsn"]
    assert 0.1 <= sum(row.positive for row in hrsn) / len(hrsn) <= 0.3
    changed = 0
    for client_id in reassessed:
        history = score_history(db=assessed, client_id=client_id)
        changed += any(len({r.score.total for r in results}) > 1 for results in history.values())
    assert changed >= 0.3 * len(reassessed)


def test_score_history_of_a_reassessed_client_is_in_date_order(assessed: Database) -> None:
    assessments, _answers, _scores = _stored(assessed)
    per_client = Counter(a.client_id for a in assessments.values()
                         if a.kind == "reassessment" and a.status == "completed")
    client_id = max(per_client, key=per_client.__getitem__)
    history = score_history(db=assessed, client_id=client_id)
    followed = [i for i, results in history.items() if len(results) >= per_client[client_id]]
    assert followed
    for results in history.values():
        days = [r.on for r in results]
        assert days == sorted(days) and days[-1] < DAY


def test_the_caseload_shows_open_safety_flags_and_positive_screens(assessed: Database) -> None:
    rows = load_caseload(db=assessed, today=DAY)
    flags = Counter(flag for row in rows for flag in row.flags)
    assert flags["suicidal_ideation"] == 1
    assert flags["physical_harm"] == 1
    assert 0 < flags["positive_screen"] < ASSESSED
    flagged = [row for row in rows if SAFETY_FLAGS & set(row.flags)]
    assert all(row.status == "active" for row in flagged)


def test_one_or_two_assessments_are_in_progress(assessed: Database) -> None:
    drafts = [d for client_id in range(1, ASSESSED + 1)
              if (d := find_draft(db=assessed, client_id=client_id)) is not None]
    assert 1 <= len(drafts) <= 2
    for draft in drafts:
        assert draft.position > 0 and draft.current_step == str(draft.position)
        assert 1 <= sum(len(items) for items in draft.answers.values()) <= draft.position
    assert {d.kind for d in drafts} == {"intake", "reassessment"}


@pytest.mark.parametrize(("clients", "suicidal", "harm"), [(19, 0, 0), (25, 1, 0), (40, 1, 1)])
def test_safety_flags_by_caseload_size(
    tmp_path: Path, clients: int, suicidal: int, harm: int
) -> None:
    with fresh_db(tmp_path) as db:
        build_demo(db=db, clients=clients, seed=3, today=DAY)
        flags = Counter(f for row in load_caseload(db=db, today=DAY) for f in row.flags)
        drafts = sum(find_draft(db=db, client_id=i) is not None for i in range(1, clients + 1))
    assert (flags["suicidal_ideation"], flags["physical_harm"]) == (suicidal, harm)
    assert drafts == (1 if clients < 40 else 2)


def test_same_seed_and_day_give_the_same_assessments(tmp_path: Path) -> None:
    def rows(db: Database) -> list[tuple]:
        with db.read() as session:
            found = session.execute(select(
                Assessment.id, Assessment.client_id, Assessment.kind, Assessment.status,
                Assessment.started_at, Assessment.completed_at, Assessment.steps,
                Assessment.current_step,
            ).order_by(Assessment.id)).all()
            found += session.execute(select(
                AssessmentAnswer.assessment_id, AssessmentAnswer.instrument_id,
                AssessmentAnswer.item_id, AssessmentAnswer.value,
            ).order_by(AssessmentAnswer.id)).all()
            found += session.execute(select(
                AssessmentScore.assessment_id, AssessmentScore.instrument_id,
                AssessmentScore.total, AssessmentScore.flags, AssessmentScore.domains,
            ).order_by(AssessmentScore.id)).all()
            found += session.execute(select(Medication.id, Medication.last_reconciled_on)).all()
        return [tuple(r) for r in found]

    with fresh_db(tmp_path, "a.db") as a, fresh_db(tmp_path, "b.db") as b:
        build_demo(db=a, clients=40, seed=7, today=DAY)
        build_demo(db=b, clients=40, seed=7, today=DAY)
        assert rows(a) == rows(b)


def test_a_reconciling_intake_marks_the_medicines_reconciled(assessed: Database) -> None:
    assessments, answers, _scores = _stored(assessed)
    medications = _medications(assessed)
    checked = 0
    for aid, by_section in answers.items():
        a = assessments[aid]
        if a.kind != "intake" or a.status != "completed":
            continue
        if by_section["medications"]["reconciled"]:
            day = a.completed_at.astimezone().date()
            for item_id in by_section["medications"]:
                if item_id.startswith("med_"):
                    med = medications[a.client_id][int(item_id.removeprefix("med_"))]
                    assert med.last_reconciled_on >= day
                    checked += 1
    assert checked
