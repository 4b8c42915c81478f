"""The community resource directory as plain objects: a `Resource`, and the rules for finding
one by typed words and category (pure: no database, no Textual)."""

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from carecli.domain.caseload import fold, search_key
from carecli.domain.enums import ResourceCategory, ResourceStatus, label

CATEGORIES: tuple[str, ...] = tuple(c.value for c in ResourceCategory)
"""The categories in the order the filter key cycles through them."""


@dataclass(frozen=True)
class Resource:
    """One resource of the local directory, typed by hand or imported (`hsds_id` set)."""

    id: int
    name: str
    organisation: str | None
    category: str
    """`ResourceCategory`."""
    status: str
    """`ResourceStatus`: an inactive resource is kept (referrals point at it), not offered."""
    phone: str | None
    address: str | None
    hours: str | None
    eligibility: str | None
    website: str | None
    email: str | None
    description: str | None
    note: str | None
    hsds_id: str | None
    version: int
    search_text: str = field(default="", compare=False, repr=False)
    """Folded name, organisation, description and category words, matched by `find`."""

    def __post_init__(self) -> None:
        if not self.search_text:
            text = search_key(self.name, self.organisation, self.description,
                              category_label(self.category))
            object.__setattr__(self, "search_text", text)

    @property
    def active(self) -> bool:
        return self.status != ResourceStatus.INACTIVE

    @property
    def imported(self) -> bool:
        return self.hsds_id is not None


_HOST = re.compile(r"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,63}$", re.IGNORECASE)
"""A host name with a dot and a top-level domain of letters ("foodbank.org")."""


def web_address(text: str) -> str:
    """`text` as an http(s) address with a host: "foodbank.org/hours" becomes
    "https://foodbank.org/hours"; anything else is a `ValueError` saying why."""
    address = text.strip()
    if not re.match(r"^[a-z][a-z0-9+.-]*://", address, re.IGNORECASE):
        if re.match(r"^[a-z][a-z0-9+.-]*:(?!\d)", address, re.IGNORECASE):
            raise ValueError("is not a web address (it must start with http:// or https://)")
        address = "https://" + address
    if any(ch.isspace() for ch in address):
        raise ValueError("is not a web address (no spaces)")
    try:
        parts = urlsplit(address)
        host = parts.hostname or ""
        parts.port  # noqa: B018  (a port that is not a number is refused here)
    except ValueError:
        raise ValueError("is not a web address") from None
    if parts.scheme.lower() not in ("http", "https"):
        raise ValueError("is not a web address (it must start with http:// or https://)")
    if not _HOST.match(host):
        raise ValueError("is not a web address (it needs a site name such as foodbank.org)")
    return address


def category_label(category: str | None) -> str:
    """`mental_health` -> `Mental health`."""
    return label(category)


def find(resources: Iterable[Resource], text: str = "", category: str | None = None,
         include_inactive: bool = False) -> tuple[Resource, ...]:
    """The resources whose name, organisation, description or category contain every word of
    `text` (case and accents aside), of `category` when given; active ones first, then by
    name. Inactive ones only when `include_inactive`."""
    words = fold(text).split()
    shown = [r for r in resources
             if (include_inactive or r.active)
             and (category is None or r.category == category)
             and all(word in r.search_text for word in words)]
    return tuple(sorted(shown, key=order))


def order(resource: Resource) -> tuple:
    """Active first, then by name (case and accents aside), then by id."""
    return (not resource.active, fold(resource.name), resource.id)


def next_category(current: str | None) -> str | None:
    """The category filter's next step: every category in turn, then none (all)."""
    cycle: tuple[str | None, ...] = (None, *CATEGORIES)
    return cycle[(cycle.index(current) + 1) % len(cycle)]
