"""Who may receive a copy of a care plan: a family contact on the record who is not cleared to
receive health information is a privacy question the care manager answers before a copy given
to them is recorded."""

from sqlalchemy import select
from sqlalchemy.orm import Session

from carecli.data.models import PersonalContact
from carecli.plain import one_line


def not_cleared(session: Session, client_id: int, name: str) -> bool:
    """True when `name` is one of the client's family contacts and none of the contacts of
    that name is cleared to receive health information (names compare as one line, ignoring
    case; a name not on the record is the care manager's own to judge)."""
    wanted = one_line(name).casefold()
    cleared = [c.may_receive_health_info for c in session.scalars(
        select(PersonalContact).where(PersonalContact.client_id == client_id))
        if one_line(c.name).casefold() == wanted]
    return bool(cleared) and not any(cleared)
