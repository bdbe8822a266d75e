"""The concurrency suite: two desks in separate processes racing on one case, every
conflicting pair of the lifecycle table, on SQLite and PostgreSQL."""
