"""Alembic environment: runs on the connection handed in by `carecli.data.migrate`."""

from alembic import context
from sqlmodel import SQLModel

import carecli.data.models  # noqa: F401  (registers every table on the metadata)

target_metadata = SQLModel.metadata
connection = context.config.attributes.get("connection")

if connection is None:  # `alembic revision --autogenerate` run by a developer
    from carecli.data.db import make_engine

    url = context.config.get_main_option("sqlalchemy.url") or "sqlite://"
    with make_engine(url).connect() as conn:
        context.configure(
            connection=conn, target_metadata=target_metadata, render_as_batch=True,
            compare_type=True,
        )
        with context.begin_transaction():
            context.run_migrations()
else:
    context.configure(
        connection=connection, target_metadata=target_metadata, render_as_batch=True,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()
