"""When a client is next due for follow-up, from their contacts (DOMAIN.md, "Follow-up
scheduling: the public API").

- The attempts that count are the unsuccessful ones strictly after the latest successful
  contact (by date and time). If there are any, a retry is due the next business day after the
  day of the latest of them; three or more in a row mean the client is unable to be reached.
- Otherwise the next check-in is the latest successful contact's day plus the cadence, or the
  enrolment day plus the cadence when there has been none. A due date past 9999-12-31 is
  9999-12-31.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from carecli.clinical.cadence import UNREACHABLE_AFTER
from carecli.clinical.dates import days_after
from carecli.clinical.transitions import business_days_after


@dataclass(frozen=True)
class FollowUp:
    due_on: date
    retry: bool
    """True when `due_on` is a retry after unsuccessful attempts."""
    failed_in_a_row: int
    """Unsuccessful attempts since the latest successful contact."""
    unable_to_reach: bool


def follow_up(contacts: Iterable[tuple[datetime, bool]], *, enrolled_on: date,
              cadence_days: int) -> FollowUp:
    """The next follow-up for `contacts`, `(occurred_at, successful)` pairs in any order."""
    if type(cadence_days) is not int or cadence_days < 1:
        raise ValueError(f"cadence_days: must be a whole number of at least 1, "
                         f"got {cadence_days!r}")
    if isinstance(enrolled_on, datetime) or not isinstance(enrolled_on, date):
        raise ValueError(f"enrolled_on: expected a date, got {enrolled_on!r}")
    seen = list(contacts)
    for at, successful in seen:
        if not isinstance(at, datetime) or type(successful) is not bool:
            raise ValueError(f"contacts: expected (datetime, bool) pairs, got {(at, successful)!r}")
    last_success = max((at for at, ok in seen if ok), default=None)
    failed = [at for at, ok in seen if not ok and (last_success is None or at > last_success)]
    if failed:
        return FollowUp(due_on=business_days_after(max(failed).date(), 1), retry=True,
                        failed_in_a_row=len(failed),
                        unable_to_reach=len(failed) >= UNREACHABLE_AFTER)
    start = last_success.date() if last_success is not None else enrolled_on
    return FollowUp(due_on=days_after(start, cadence_days), retry=False, failed_in_a_row=0,
                    unable_to_reach=False)
