"""Persistence: SQLAlchemy models, engine setup, unit of work, queries, migrations. No Qt."""
