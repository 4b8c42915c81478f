"""The demo's community resource directory: every category, some inactive, each with its
organisation, hours and eligibility; every row passes the directory form's own rules; the
first twelve keep their ids; referrals go only to active resources, never to a crisis line."""

from collections import Counter
from datetime import date
from pathlib import Path

from sqlalchemy import select

from carecli.config import resolve_database
from carecli.data.db import open_database
from carecli.data.inputs import validate
from carecli.data.models import CommunityResource, Referral
from carecli.data.resources import ResourceInput, list_resources, resource_values
from carecli.demo import build_demo
from carecli.demo import catalogue as cat
from carecli.domain.enums import ResourceCategory

DAY = date(2026, 11, 24)


def test_the_demo_directory_covers_every_category_with_the_details_kept(tmp_path: Path):
    db = open_database(resolve_database(str(tmp_path / "demo.db")))
    try:
        build_demo(db=db, clients=300, seed=3, today=DAY)
        resources = list_resources(db=db)
        with db.read() as session:
            referred = session.scalars(select(Referral.resource_id)).all()
            first = session.scalars(select(CommunityResource.name)
                                    .order_by(CommunityResource.id).limit(12)).all()
    finally:
        db.dispose()
    assert len(resources) >= 40
    by_category = Counter(r.category for r in resources)
    assert set(by_category) == {c.value for c in ResourceCategory}
    assert min(by_category.values()) >= 4
    inactive = {r.id for r in resources if not r.active}
    assert len(inactive) >= 3
    assert all(r.organisation and r.phone and r.description for r in resources)
    assert sum(bool(r.hours and r.eligibility) for r in resources) >= 38
    for resource in resources:
        validate(ResourceInput, resource_values(resource))
    assert first[:3] == ["Greater Valley Food Bank", "Meals on Wheels (Valley Senior Services)",
                         "Valley Metropolitan Housing Authority"]
    crisis = {r.id for r in resources if r.name in cat.CRISIS_LINES}
    assert referred and not set(referred) & (inactive | crisis)
    assert set(cat.REFERRAL_REASONS) == {c.value for c in ResourceCategory}
