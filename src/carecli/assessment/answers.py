"""Checking a set of assessment answers at the boundary, before any of it is stored: every
section and item must be one the wizard asks, and every answer one it could have given.

Drafts are partial, so nothing is required here; a complete result is checked again by the
instrument when it is scored.
"""

from collections.abc import Mapping
from typing import Any

from carecli.assessment.sections import STATIC_SECTIONS, medication_items
from carecli.clinical import SAFETY_FLAGS
from carecli.clinical.instruments import INSTRUMENTS
from carecli.clinical.instruments.model import TEXT_MAX, Item

SAFETY_SECTION = "safety"
"""Where the wizard keeps the note of the action taken for each safety flag."""
KNOWN_SECTIONS = frozenset(INSTRUMENTS) | set(STATIC_SECTIONS) | {"medications", SAFETY_SECTION}
MAX_SECTIONS = 50
MAX_POSITION = 1000


def check_answers(answers: Any) -> dict[str, dict[str, Any]]:
    """`answers` as plain dicts, or ValueError naming the first section or item that is wrong."""
    if not isinstance(answers, Mapping) or len(answers) > MAX_SECTIONS:
        raise ValueError("answers: expected a mapping of section to answers")
    checked: dict[str, dict[str, Any]] = {}
    for section, items in answers.items():
        if not isinstance(items, Mapping):
            raise ValueError(f"section {section!r}: expected a mapping of item to answer")
        if section not in KNOWN_SECTIONS:
            raise ValueError(f"section {section!r}: not a section of an assessment")
        checked[section] = {
            item_id: _checked(section, item_id, value)
            for item_id, value in items.items() if value is not None
        }
    return checked


def check_position(position: Any) -> int:
    if type(position) is not int or not 0 <= position <= MAX_POSITION:
        raise ValueError(f"position: {position!r} is not a question number")
    return position


def _checked(section: str, item_id: Any, value: Any) -> Any:
    if not isinstance(item_id, str):
        raise ValueError(f"section {section!r}: item {item_id!r} is not an item id")
    if section == SAFETY_SECTION:
        if item_id not in SAFETY_FLAGS:
            raise ValueError(f"safety: {item_id!r} is not a safety flag")
        if not isinstance(value, str) or not value.strip() or len(value) > TEXT_MAX:
            raise ValueError(f"safety {item_id!r}: the note must be words, "
                             f"at most {TEXT_MAX} characters")
        return value
    _item(section, item_id).check(value)
    return value


def _item(section: str, item_id: str) -> Item:
    if section in INSTRUMENTS:
        return INSTRUMENTS[section].item(item_id)
    if section == "medications":
        if item_id.startswith("med_") and item_id[4:].isdigit():
            return medication_items([(int(item_id[4:]), "")])[0]
        items = medication_items([])
    else:
        items = STATIC_SECTIONS[section]
    for item in items:
        if item.id == item_id:
            return item
    raise ValueError(f"item {item_id!r}: not an item of {section}")
