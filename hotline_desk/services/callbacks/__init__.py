"""Closing the loop with the citizen (DESIGN.md §2–3): callback attempts, closing, screening
and reopening, the desk's callback queue."""
