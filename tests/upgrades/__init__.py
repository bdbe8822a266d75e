"""Upgrading databases made by earlier releases: fixture databases written at each schema
revision as that release's desk left them, upgraded to head on SQLite and PostgreSQL."""
