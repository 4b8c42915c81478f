"""care plans

A care plan becomes a series of versions: `number` counts them per client (the old `version`
column becomes the row's edit version, as on every row a form edits), a finalised version
records when, by whom and what changed, and a client has at most one draft and one active plan.
Problems, goals and interventions move into one table, `care_plan_item`, where each keeps a
`uid` across versions; the plan's other CCM elements get `care_plan_section`. New tables: copies
given to the client, goal progress notes, and interventions carried out. Plans, problems, goals
and interventions stored before are carried over; a plan's "shared with client" date becomes a
copy given.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-30 14:18:41.177740

"""
import uuid
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa
import sqlmodel  # noqa: F401

import carecli.data.types  # noqa: F401


# revision identifiers, used by Alembic.
revision: str = '0005'
down_revision: Union[str, Sequence[str], None] = '0004'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema. The old item tables go before `care_plan` is rebuilt: on SQLite,
    rebuilding a table drops it, and a drop cascades to the rows that point at it."""
    old = _old_rows()
    with op.batch_alter_table('intervention', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_intervention_goal_id'))

    op.drop_table('intervention')
    with op.batch_alter_table('goal', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_goal_problem_id'))

    op.drop_table('goal')
    with op.batch_alter_table('care_plan_problem', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_care_plan_problem_care_plan_id'))

    op.drop_table('care_plan_problem')
    with op.batch_alter_table('care_plan', schema=None) as batch_op:
        batch_op.add_column(sa.Column('number', sa.Integer(), nullable=False, server_default='1'))
        batch_op.add_column(sa.Column('updated_at', carecli.data.types.UTCDateTime(), nullable=True))
        batch_op.add_column(sa.Column('finalised_at', carecli.data.types.UTCDateTime(), nullable=True))
        batch_op.add_column(sa.Column('finalised_by', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=True))
        batch_op.add_column(sa.Column('change_note', sqlmodel.sql.sqltypes.AutoString(length=20000), nullable=True))
        batch_op.add_column(sa.Column('changes', sa.JSON(), nullable=True))
    _number_plans()
    with op.batch_alter_table('care_plan', schema=None) as batch_op:
        batch_op.alter_column('number', server_default=None)
        batch_op.alter_column('updated_at', existing_type=carecli.data.types.UTCDateTime(),
                              nullable=False)
        batch_op.alter_column('version', existing_type=sa.Integer(), server_default='1')
        batch_op.create_unique_constraint('uq_care_plan_client_number', ['client_id', 'number'])
        batch_op.drop_column('shared_with_client_on')
    op.create_table('goal_progress',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('client_id', sa.Integer(), nullable=False),
    sa.Column('goal_uid', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('noted_on', sa.Date(), nullable=False),
    sa.Column('achievement', sqlmodel.sql.sqltypes.AutoString(length=24), nullable=True),
    sa.Column('note', sqlmodel.sql.sqltypes.AutoString(length=20000), nullable=False),
    sa.Column('created_at', carecli.data.types.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['client_id'], ['client.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('goal_progress', schema=None) as batch_op:
        batch_op.create_index('ix_goal_progress_client_goal', ['client_id', 'goal_uid'], unique=False)
        batch_op.create_index(batch_op.f('ix_goal_progress_client_id'), ['client_id'], unique=False)

    op.create_table('intervention_done',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('client_id', sa.Integer(), nullable=False),
    sa.Column('intervention_uid', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('done_on', sa.Date(), nullable=False),
    sa.Column('note', sqlmodel.sql.sqltypes.AutoString(length=20000), nullable=True),
    sa.Column('created_at', carecli.data.types.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['client_id'], ['client.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('intervention_done', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_intervention_done_client_id'), ['client_id'], unique=False)
        batch_op.create_index('ix_intervention_done_client_uid', ['client_id', 'intervention_uid', 'done_on'], unique=False)

    op.create_table('care_plan_copy',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('care_plan_id', sa.Integer(), nullable=False),
    sa.Column('given_on', sa.Date(), nullable=False),
    sa.Column('method', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('given_to', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.Column('format', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=True),
    sa.Column('created_at', carecli.data.types.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['care_plan_id'], ['care_plan.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('care_plan_copy', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_care_plan_copy_care_plan_id'), ['care_plan_id'], unique=False)

    op.create_table('care_plan_item',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('care_plan_id', sa.Integer(), nullable=False),
    sa.Column('uid', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('parent_uid', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('text', sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=24), nullable=False),
    sa.Column('source', sqlmodel.sql.sqltypes.AutoString(length=80), nullable=True),
    sa.Column('client_words', sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=True),
    sa.Column('measure', sqlmodel.sql.sqltypes.AutoString(length=400), nullable=True),
    sa.Column('target', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
    sa.Column('target_on', sa.Date(), nullable=True),
    sa.Column('owner_kind', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=True),
    sa.Column('owner_name', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=True),
    sa.Column('frequency', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=True),
    sa.Column('due_on', sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(['care_plan_id'], ['care_plan.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('care_plan_id', 'uid')
    )
    with op.batch_alter_table('care_plan_item', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_care_plan_item_care_plan_id'), ['care_plan_id'], unique=False)

    op.create_table('care_plan_section',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('care_plan_id', sa.Integer(), nullable=False),
    sa.Column('key', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('body', sqlmodel.sql.sqltypes.AutoString(length=20000), nullable=False),
    sa.ForeignKeyConstraint(['care_plan_id'], ['care_plan.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('care_plan_id', 'key')
    )
    with op.batch_alter_table('care_plan_section', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_care_plan_section_care_plan_id'), ['care_plan_id'], unique=False)

    _carry_over(old)
    op.create_index('ix_care_plan_one_draft', 'care_plan', ['client_id'], unique=True,
                    sqlite_where=sa.text("status = 'draft'"),
                    postgresql_where=sa.text("status = 'draft'"))
    op.create_index('ix_care_plan_one_active', 'care_plan', ['client_id'], unique=True,
                    sqlite_where=sa.text("status = 'active'"),
                    postgresql_where=sa.text("status = 'active'"))


def _old_rows() -> dict[str, list]:
    """What the tables replaced here hold, read before they go."""
    conn = op.get_bind()

    def rows(sql: str) -> list:
        return conn.execute(sa.text(sql)).all()

    return {
        "problems": rows("SELECT id, care_plan_id, description, source FROM care_plan_problem"
                         " ORDER BY priority, id"),
        "goals": rows("SELECT id, problem_id, description, measure, target_on, status FROM goal"
                      " ORDER BY id"),
        "interventions": rows("SELECT id, goal_id, description, responsible, frequency, status"
                              " FROM intervention ORDER BY id"),
        "shared": rows("SELECT id, shared_with_client_on, created_at FROM care_plan"
                       " WHERE shared_with_client_on IS NOT NULL ORDER BY id"),
    }


def _number_plans() -> None:
    """Number each client's plans in the order they were made."""
    conn = op.get_bind()
    counts: dict[int, int] = {}
    for plan_id, client_id in conn.execute(sa.text(
            "SELECT id, client_id FROM care_plan ORDER BY client_id, id")).all():
        counts[client_id] = counts.get(client_id, 0) + 1
        conn.execute(sa.text("UPDATE care_plan SET number = :n, updated_at = created_at"
                             " WHERE id = :id"), dict(n=counts[client_id], id=plan_id))


def _carry_over(old: dict[str, list]) -> None:
    """Problems, goals and interventions stored before become items with a uid each; a plan's
    "shared with client" date becomes a copy given."""
    conn = op.get_bind()
    uids: dict[tuple[str, int], str] = {}

    def uid(kind: str, row_id: int) -> str:
        return uids.setdefault((kind, row_id), uuid.uuid4().hex)

    insert = sa.text(
        "INSERT INTO care_plan_item (care_plan_id, uid, kind, parent_uid, position, text, status,"
        " source, measure, target_on, owner_kind, owner_name)"
        " VALUES (:plan, :uid, :kind, :parent, :position, :text, :status, :source, :measure,"
        " :target_on, :owner_kind, :owner_name)")
    blank = dict(source=None, measure=None, target_on=None, owner_kind=None, owner_name=None)
    plan_of = {}
    for position, (pid, plan, text, source) in enumerate(old["problems"]):
        plan_of[pid] = plan
        conn.execute(insert, {**blank, **dict(
            plan=plan, uid=uid("p", pid), kind="problem", parent=None, position=position,
            text=text, status="active", source=None if source is None else source[:80])})
    goal_status = {"proposed": "proposed", "active": "active", "achieved": "completed",
                   "cancelled": "cancelled"}
    goal_plan = {}
    for position, (gid, pid, text, measure, target_on, status) in enumerate(old["goals"]):
        goal_plan[gid] = plan_of[pid]
        conn.execute(insert, {**blank, **dict(
            plan=plan_of[pid], uid=uid("g", gid), kind="goal", parent=uid("p", pid),
            position=position, text=text, status=goal_status.get(status, "active"),
            measure=measure, target_on=target_on)})
    for position, (iid, gid, text, responsible, frequency, status) in enumerate(
            old["interventions"]):
        described = text if not frequency else f"{text} ({frequency})"
        conn.execute(insert, {**blank, **dict(
            plan=goal_plan[gid], uid=uid("i", iid), kind="intervention", parent=uid("g", gid),
            position=position, text=described[:1000],
            status="completed" if status == "completed" else "in-progress",
            owner_kind="care_manager" if responsible is None else "care_team",
            owner_name=responsible)})
    for plan_id, shared_on, created_at in old["shared"]:
        conn.execute(sa.text(
            "INSERT INTO care_plan_copy (care_plan_id, given_on, method, given_to, created_at)"
            " VALUES (:id, :on, 'other', 'client', :at)"),
            dict(id=plan_id, on=shared_on, at=created_at))


def downgrade() -> None:
    """Downgrade schema: not supported (plan versions cannot be folded back into one plan)."""
    raise NotImplementedError("carecli does not downgrade past schema 0005")
