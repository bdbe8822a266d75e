"""Use cases: one function per thing a user does, each its own transaction, returning DTOs."""
