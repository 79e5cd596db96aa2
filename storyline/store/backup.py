"""A consistent copy of a live SQLite store (the online backup API); PostgreSQL is backed up with pg_dump."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from storyline.errors import StoreError

PG_DUMP_HELP = (
    "PostgreSQL stores are backed up with the server's own tools, e.g.\n"
    "  pg_dump --format=custom --file=storyline.dump '{url}'\n"
    "and restored into an empty database with\n"
    "  pg_restore --dbname='<new database URL>' storyline.dump\n"
    "(or export the articles with their facts: storyline export --with-facts -o articles.jsonl)."
)


class BackupMixin:
    engine: Any
    db: str

    def backup_to(self, dest: str | Path, *, pages_per_step: int = 1024) -> int:
        """Copy the SQLite store to ``dest`` while it stays in use; returns the copy's size in bytes.

        The copy is checked (``PRAGMA integrity_check``) before it is kept.
        """
        if self.engine.dialect.name != "sqlite":
            raise StoreError(PG_DUMP_HELP.format(url=self.engine.url.render_as_string(hide_password=True)),
                             source=self.db, kind="use-pg-dump")
        dest = Path(dest)
        if dest.exists():
            raise StoreError(f"{dest} exists; give a new file name", source=str(dest))
        raw = self.engine.raw_connection()
        try:
            target = sqlite3.connect(str(dest))
            try:
                raw.driver_connection.backup(target, pages=pages_per_step)
                rows = [r[0] for r in target.execute("PRAGMA integrity_check")]
            finally:
                target.close()
        except sqlite3.Error as exc:
            dest.unlink(missing_ok=True)
            raise StoreError(f"backup to {dest} failed: {exc}", source=self.db) from exc
        finally:
            raw.close()
        if rows != ["ok"]:
            dest.unlink(missing_ok=True)
            raise StoreError(f"backup to {dest} failed its integrity check: {rows[:3]}", source=self.db)
        return dest.stat().st_size
