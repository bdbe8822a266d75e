"""The command line: ``hotline-desk`` starts the desk; its sub-commands make demo data,
screenshots, statistics and printed documents for scripts and checks."""
