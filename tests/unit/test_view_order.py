"""`view` keeps the last sorted order and only filters on a keystroke: the result must be
exactly what sorting the filtered rows gives, for every column, direction and filter."""

from datetime import date

import pytest

from carecli.data.caseload import load_caseload
from carecli.demo import build_demo
from carecli.domain.caseload import SORT_COLUMNS, CaseloadFilter, sort_key, view

TODAY = date(2026, 11, 24)
FILTERS = [CaseloadFilter(), CaseloadFilter(text="a"), CaseloadFilter(text="ma r"),
           CaseloadFilter(status=None), CaseloadFilter(status="on_hold", risk_tier="high"),
           CaseloadFilter(overdue_only=True), CaseloadFilter(text="unreachable")]


@pytest.fixture(scope="module")
def rows(tmp_path_factory):
    from carecli.config import resolve_database
    from carecli.data.db import open_database

    db = open_database(resolve_database(str(tmp_path_factory.mktemp("v") / "v.db")))
    build_demo(db=db, clients=150, seed=5, today=TODAY)
    try:
        yield tuple(load_caseload(db=db, today=TODAY))
    finally:
        db.dispose()


@pytest.mark.parametrize("sort_by", SORT_COLUMNS)
@pytest.mark.parametrize("descending", [False, True])
def test_filtering_the_kept_order_is_sorting_the_filtered_rows(rows, sort_by, descending):
    for filt in FILTERS:  # one after another, as keystrokes reuse the kept order
        expected = sorted(filt.select(list(rows), TODAY), key=sort_key(sort_by, TODAY),
                          reverse=descending)
        assert view(rows, filt=filt, sort_by=sort_by, descending=descending,
                    today=TODAY) == expected


def test_new_rows_are_sorted_afresh(rows):
    first = view(rows, filt=CaseloadFilter(), sort_by="name", descending=False, today=TODAY)
    fewer = rows[:40]
    again = view(fewer, filt=CaseloadFilter(), sort_by="name", descending=False, today=TODAY)
    assert len(again) < len(first) and set(again) <= set(fewer)
