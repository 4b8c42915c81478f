"""row versions and the database generation

Every row a form edits gets a `version` (1 for the rows already there), and the database gets
`carecli_meta`, one row holding a random generation token.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-30

"""
import secrets
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
import sqlmodel  # noqa: F401

import carecli.data.types  # noqa: F401


# revision identifiers, used by Alembic.
revision: str = '0003'
down_revision: Union[str, Sequence[str], None] = '0002'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

VERSIONED = (
    'client', 'consent', 'condition', 'medication', 'care_team_member', 'personal_contact',
)


def upgrade() -> None:
    """Upgrade schema."""
    for table in VERSIONED:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(
                sa.Column('version', sa.Integer(), server_default='1', nullable=False)
            )
    meta = op.create_table('carecli_meta',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('generation', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.bulk_insert(meta, [{'id': 1, 'generation': secrets.token_hex(16)}])


def downgrade() -> None:
    """Downgrade schema."""
    op.drop_table('carecli_meta')
    for table in reversed(VERSIONED):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column('version')
