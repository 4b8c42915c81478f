"""The data layer: tables, the engine, migrations, and query/command functions per area."""
