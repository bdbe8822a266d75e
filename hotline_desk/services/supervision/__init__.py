"""Deadlines and supervision (DESIGN.md §4–5): the clocks kept inside every transition,
extensions, urges and supervision orders, the 督办台 and the alert badge."""
