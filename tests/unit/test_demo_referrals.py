"""The demo's referrals: every status, each change dated and allowed by the rules, an outcome
for the closed ones, a follow-up a week after the latest change for the open ones (some gone
quiet, so in the queue), the need a `ResourceCategory`; the same seed gives the same rows."""

from collections import Counter
from datetime import timedelta

from sqlalchemy import select
from test_demo import DAY, fresh_db

from carecli.clinical.referrals import CLOSED, check_transition
from carecli.data.models import Referral, ReferralEvent
from carecli.demo import build_demo
from carecli.domain.enums import ReferralOutcome, ReferralStatus, ResourceCategory


def _referrals(tmp_path, name: str) -> list[tuple]:
    with fresh_db(tmp_path, name) as db:
        build_demo(db=db, clients=300, seed=3, today=DAY)
        with db.read() as session:
            events = Counter()
            history: dict[int, list] = {}
            for e in session.scalars(select(ReferralEvent).order_by(ReferralEvent.id)):
                history.setdefault(e.referral_id, []).append(
                    (e.changed_on, e.from_status, e.to_status, e.note))
                events[e.referral_id] += 1
            return [(r.id, r.client_id, r.need, r.status, r.made_on, r.last_update_on,
                     r.follow_up_on, r.outcome, r.outcome_note, tuple(history[r.id]))
                    for r in session.scalars(select(Referral).order_by(Referral.id))]


def test_demo_referrals_follow_the_rules_with_their_history(tmp_path) -> None:
    rows = _referrals(tmp_path, "a.db")
    assert rows == _referrals(tmp_path, "b.db")  # deterministic
    statuses = Counter(r[3] for r in rows)
    assert set(statuses) == set(ReferralStatus), statuses
    quiet = 0
    for (_id, _client, need, status, made, updated, follow, outcome, note, history) in rows:
        assert need in set(ResourceCategory)
        assert history[0][:3] == (made, None, "draft")
        assert [h[2] for h in history][-1] == status and history[-1][0] == updated <= DAY
        for (day, before, after, said), earlier in zip(history[1:], history, strict=False):
            assert day >= earlier[0]
            check_transition(before, after, outcome=outcome or "other", note=said)
        if status in CLOSED:
            assert outcome in set(ReferralOutcome) and follow is None
            assert history[-1][3].startswith("Outcome: ")
        else:
            assert outcome is None and note is None and follow == updated + timedelta(days=7)
            quiet += follow <= DAY
    assert quiet >= 3
