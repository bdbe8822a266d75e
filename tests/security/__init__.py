"""Security tests that try the attack."""
