"""Handling statistics (DESIGN.md §6): the KPI counts in SQL, the tables and the monthly
report, the cases behind a figure, frozen months."""
