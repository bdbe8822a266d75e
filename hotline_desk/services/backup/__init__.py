"""Backup and restore as the office uses them: who may (the 系统管理员, the desk itself for the
daily backup, the command line), how many generations are kept (office setting
``backup_keep``), when the daily backup is due, the audit row of every backup and restore, and
the restore's check-then-swap. The mechanics are ``store/backup``."""
