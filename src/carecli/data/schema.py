"""The schema revisions this carecli knows, oldest first, and our SQLite file marker.

Kept apart from the migrations so that startup can check a file without importing Alembic.
A test checks `HEAD` against Alembic's own head.
"""

REVISIONS = ("0001", "0002", "0003", "0004", "0005", "0006", "0007")
HEAD = REVISIONS[-1]

APPLICATION_ID = 0x43415245
"""`PRAGMA application_id` of every carecli SQLite file ("CARE")."""
