"""Backups of the desk's data at the engine level: copying, checking and restoring a database
and the files the desk keeps in its data directory. No policy here (who may, how many are kept,
the audit): that is ``services/backup``.

Layout of the backup directory (``<data dir>/backups/``, or any folder given to the command)::

    backups/
      hotline_desk_2026-12-05_093000_auto/        one folder per backup (a "generation")
        hotline_desk.db                           SQLite: a standalone copy (no -wal file)
        hotline_desk.dump                         PostgreSQL: pg_dump custom format (-Fc)
        manifest.json                             what was copied and what the checks found
        files/                                    the data directory's own content
          settings.json                           (and attachments/ and the like, once there)
      hotline_desk_2026-12-04_093012_auto/
      hotline_desk_2026-12-01_080000_before-upgrade/
      .backup.lock                                held while a backup is being written

A backup is written into ``<name>.partial/`` and renamed to ``<name>/`` only once its manifest
is written, so a folder without that suffix is complete; a cancelled or crashed backup leaves at
most a ``.partial`` folder, removed by the next backup.

``files/`` holds everything in the data directory except what the backup covers otherwise or
never needs: the database file itself (and its -wal/-shm), ``backups/``, ``logs/``,
``exports/`` (documents the desk can write again) and temporary files. A folder the desk adds
later (``attachments/``) is therefore included without a change here.
"""
