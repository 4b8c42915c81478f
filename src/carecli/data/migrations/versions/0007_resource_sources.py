"""resource sources: an imported resource knows its directory and what the import wrote

A community resource imported from an Open Referral HSDS directory gets `hsds_source`, the
directory's name, and is unique by (source, HSDS id) instead of by the bare id: two
directories that both number their services from 1 no longer overwrite each other. It also
gets `hsds_imported`, the values the latest import wrote, so a re-import can tell the care
manager's own edits from the directory's. Resources imported before keep a NULL source (the
next import of a directory listing their id claims them) and NULL imported values.

The downgrade puts back the unique bare id: where two directories share an id, the resource
imported first keeps it and the others lose it (kept, as if typed by hand).

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-30 20:50:00.000000

"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel  # noqa: F401
from alembic import op

# revision identifiers, used by Alembic.
revision: str = '0007'
down_revision: str | Sequence[str] | None = '0006'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Upgrade schema."""
    with op.batch_alter_table('community_resource', schema=None) as batch_op:
        batch_op.add_column(sa.Column('hsds_source', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True))
        batch_op.add_column(sa.Column('hsds_imported', sa.JSON(), nullable=True))
        batch_op.drop_constraint('uq_community_resource_hsds_id', type_='unique')
        batch_op.create_unique_constraint('uq_community_resource_hsds_source_id', ['hsds_source', 'hsds_id'])


def downgrade() -> None:
    """Downgrade schema (an HSDS id shared by two directories stays with the first resource)."""
    op.execute(sa.text(
        "UPDATE community_resource SET hsds_id = NULL WHERE hsds_id IS NOT NULL AND EXISTS ("
        "SELECT 1 FROM community_resource o WHERE o.hsds_id = community_resource.hsds_id "
        "AND o.id < community_resource.id)"))
    with op.batch_alter_table('community_resource', schema=None) as batch_op:
        batch_op.drop_constraint('uq_community_resource_hsds_source_id', type_='unique')
        batch_op.create_unique_constraint('uq_community_resource_hsds_id', ['hsds_id'])
        batch_op.drop_column('hsds_imported')
        batch_op.drop_column('hsds_source')
