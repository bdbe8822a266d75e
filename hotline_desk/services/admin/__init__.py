"""What the administrators keep: accounts and logins, office-wide settings, the working-day
calendar and the time limits, and opening a desk (engines, migrations, seed)."""
