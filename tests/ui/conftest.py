"""UI fixtures: an app on a seeded database at a fixed size and day."""

import pytest
from seed import seed_caseload  # noqa: E402  (tests/ui is on sys.path via rootdir conftest)

from carecli.app import CareApp
from carecli.config import resolve_database

SIZE = (140, 40)


@pytest.fixture
def seeded(db, today):
    return seed_caseload(db, today)


@pytest.fixture
def make_app(db, db_path, today):
    def build(**kwargs) -> CareApp:
        return CareApp(resolve_database(str(db_path)), today=today, db=db, **kwargs)

    return build
