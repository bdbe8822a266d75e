"""The navigation's other pages: 督办台, 回访, 统计, and the administrators' pages (users, audit
log, templates, office settings, work calendar, time limits)."""
