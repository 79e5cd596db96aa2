"""Is the store usable? Writability, integrity checks, and one readable line for a database failure.

``HealthMixin`` (part of :class:`Store`):

- ``check_writable()`` raises :class:`StoreError` before a command that writes starts, when the
  store is read-only (a read-only file or mount, ``mode=ro``, a PostgreSQL hot standby or a
  read-only transaction default), by trying a no-op write and rolling it back — instead of
  failing at the first INSERT with a traceback.
- ``integrity_problems(quick=False)``: SQLite ``PRAGMA integrity_check`` (or ``quick_check``),
  PostgreSQL: every table read through once (quick: each table's first row). An empty list means healthy.

``store_failure(exc, db)`` turns any database exception into one line saying what is wrong and
what to do (used by the CLI's top level, so no command prints a SQLAlchemy traceback).
"""

from __future__ import annotations

from sqlalchemy import inspect, text
from sqlalchemy.exc import SQLAlchemyError

from storyline.errors import StoreError

_HINTS = (
    ("readonly", "the store is read-only; use a writable copy or fix its permissions"),
    ("read-only", "the store is read-only; use a writable copy or fix its permissions"),
    ("not a database", "the file is not a SQLite database (or its header is damaged); restore a backup"),
    ("malformed", "the database file is damaged; run `storyline check`, then restore a backup"),
    ("disk i/o", "the disk failed while reading or writing the store"),
    ("unable to open", "the database file cannot be opened (missing folder or no permission)"),
    ("database is locked", "another process holds a write lock on the store; retry when it finishes"),
    ("no space", "the disk is full"),
    ("could not connect", "PostgreSQL is not reachable at that address"),
    ("connection refused", "PostgreSQL is not reachable at that address"),
)


def store_failure(exc: BaseException, db: str = "") -> str:
    """One line: which store, what went wrong, what to do."""
    orig = getattr(exc, "orig", None) or exc
    detail = str(orig).strip().splitlines()[0] if str(orig).strip() else type(orig).__name__
    low = detail.lower()
    hint = next((h for key, h in _HINTS if key in low), None)
    where = f"store {db}: " if db else "store: "
    return where + (f"{hint} ({detail})" if hint else detail)


class HealthMixin:
    engine: object
    db: str

    def check_writable(self) -> None:
        """Raise StoreError (one line) unless the store takes a write (tried, then rolled back)."""
        try:
            with self.connect() as conn:
                trans = conn.begin()
                try:  # a no-op write on the one-row version table: refused by a read-only store
                    conn.execute(text("UPDATE alembic_version SET version_num = version_num"))
                finally:
                    trans.rollback()
        except SQLAlchemyError as exc:
            raise StoreError(store_failure(exc, self.db), source=self.db) from exc

    def integrity_problems(self, *, quick: bool = False) -> list[str]:
        """What an integrity check finds wrong (empty: healthy). Raises StoreError if it cannot run."""
        try:
            if self.engine.dialect.name == "sqlite":
                pragma = "quick_check" if quick else "integrity_check"
                with self.connect() as conn:
                    rows = [r[0] for r in conn.exec_driver_sql(f"PRAGMA {pragma}")]
                return [] if rows == ["ok"] else rows
            problems = []
            with self.connect() as conn:
                for table in inspect(conn).get_table_names():
                    try:  # quick: the first row of each table; full: every row read through
                        sql = f'SELECT 1 FROM "{table}" LIMIT 1' if quick else f'SELECT count(*) FROM "{table}"'
                        conn.execute(text(sql))
                    except SQLAlchemyError as exc:
                        problems.append(f"table {table}: {store_failure(exc)}")
                        conn.rollback()
            return problems
        except SQLAlchemyError as exc:
            raise StoreError(store_failure(exc, self.db), source=self.db) from exc
