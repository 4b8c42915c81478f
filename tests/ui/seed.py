"""A small, hand-made caseload for the UI tests (the demo is tested on its own)."""

from datetime import UTC, date, datetime, timedelta

from carecli.data.clients import change_status, create_client
from carecli.data.entries import add_entry
from carecli.data.models import ContactLog, HospitalStay

CLIENTS = (
    # given, family, risk, dob, phone, conditions
    ("Margaret", "Okafor", "high", "1941-03-02", "(555) 201-3344",
     ("Heart failure", "Type 2 diabetes")),
    ("José", "Núñez", "moderate", "1950-07-19", "555-880-1212", ("COPD", "Hypertension")),
    ("Ann", "[@click=app.quit]Smith[/]", "low", "1962-11-30", "555 404 0000", ("Asthma",)),
    ("Walter", "Brooks", "high", "1938-01-15", "555-777-9090",
     ("Dementia", "Hypertension", "CKD stage 3")),
    ("Li", "Wei", "moderate", "1955-05-05", "555-123-4567", ("Depression", "Obesity")),
    ("Ruth", "Abernathy", "low", "1947-09-09", "555-222-3333", ("Osteoarthritis",)),
)


def seed_caseload(db, today: date) -> dict[str, int]:
    """Six clients with conditions, consent for most, contacts, one on hold, one discharge."""
    ids: dict[str, int] = {}
    for given, family, risk, dob, phone, conditions in CLIENTS:
        client_id = create_client(db=db, values={
            "given_name": given, "family_name": family, "risk_tier": risk,
            "date_of_birth": dob, "phone": phone, "enrolled_on": today - timedelta(days=200),
        })
        ids[given] = client_id
        for name in conditions:
            add_entry(db=db, kind="condition", client_id=client_id, values={"name": name})
        if given != "Li":
            add_entry(db=db, kind="consent", client_id=client_id, values={
                "given_on": today - timedelta(days=200), "method": "verbal",
                "witnessed_by": "Dana Reyes RN",
            })
    noon = datetime.combine(today, datetime.min.time(), tzinfo=UTC) + timedelta(hours=12)
    with db.write() as session:
        session.add(ContactLog(client_id=ids["Margaret"], occurred_at=noon - timedelta(days=2),
                               mode="phone", outcome="reached", successful=True, minutes=25,
                               note="Weight stable."))
        session.add(ContactLog(client_id=ids["José"], occurred_at=noon - timedelta(days=20),
                               mode="phone", outcome="reached", successful=True, minutes=12))
        for days in (3, 2, 1):
            session.add(ContactLog(client_id=ids["Walter"], occurred_at=noon - timedelta(days=days),
                                   mode="phone", outcome="no_answer", minutes=2))
        session.add(HospitalStay(client_id=ids["Walter"], facility="St. Mary's Medical Center",
                                 admitted_on=today - timedelta(days=9),
                                 discharged_on=today - timedelta(days=4), reason="Fall"))
    change_status(db=db, client_id=ids["Ruth"],
                  values={"to_status": "on_hold", "reason": "Visiting family abroad"})
    return ids
