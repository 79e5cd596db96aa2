"""Copy a whole store to another database (SQLite -> PostgreSQL when one machine is outgrown).

Every table of the schema is copied in foreign-key order, streamed in batches (memory does not grow
with the store), with its ids kept; PostgreSQL sequences are moved past the copied ids. Derived
indexes (SQLite FTS5, PostgreSQL GIN) are maintained by the destination's own triggers and indexes.
Afterwards each table's row count and a checksum of its rows (in key order, values normalised so that
both backends hash alike) are compared: a copy that differs anywhere is reported, never silent.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Table, func, insert, select, text

from storyline.errors import StoreError
from storyline.store.schema import metadata

Progress = Callable[[str, int], None]


@dataclass
class TableCopy:
    name: str
    rows: int
    source_checksum: str
    target_checksum: str = ""
    target_rows: int = 0

    @property
    def ok(self) -> bool:
        return self.rows == self.target_rows and self.source_checksum == self.target_checksum


@dataclass
class CopyReport:
    tables: list[TableCopy] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(t.ok for t in self.tables)

    @property
    def rows(self) -> int:
        return sum(t.rows for t in self.tables)


def _norm(value: Any) -> Any:
    if isinstance(value, datetime):
        value = value if value.tzinfo else value.replace(tzinfo=UTC)
        return value.astimezone(UTC).isoformat()
    if isinstance(value, (bytes, bytearray, memoryview)):
        return "sha256:" + hashlib.sha256(bytes(value)).hexdigest()
    if isinstance(value, float):
        return repr(value)
    return value


def _order(table: Table) -> list:
    return list(table.primary_key.columns) or list(table.columns)


def _batches(store, table: Table, size: int) -> Iterator[list[dict]]:
    with store.engine.connect() as conn:
        result = conn.execution_options(stream_results=True, yield_per=size).execute(
            select(table).order_by(*_order(table)))
        while rows := result.fetchmany(size):
            yield [dict(r._mapping) for r in rows]


def table_checksum(store, table: Table, size: int = 2000) -> tuple[int, str]:
    """(row count, sha256 of the rows in key order, values normalised)."""
    digest, count = hashlib.sha256(), 0
    for batch in _batches(store, table, size):
        for row in batch:
            digest.update(json.dumps({k: _norm(v) for k, v in row.items()}, sort_keys=True, default=str).encode())
            digest.update(b"\n")
            count += 1
    return count, digest.hexdigest()


def _is_empty(store) -> bool:
    with store.engine.connect() as conn:
        for table in metadata.sorted_tables:
            if conn.execute(select(func.count()).select_from(table)).scalar_one():
                return False
    return True


def _advance_sequences(store) -> None:
    if store.dialect != "postgresql":
        return
    with store.engine.begin() as conn:
        for table in metadata.sorted_tables:
            pk = list(table.primary_key.columns)
            if len(pk) != 1 or not pk[0].autoincrement or pk[0].type.python_type is not int:
                continue
            seq = conn.execute(text("SELECT pg_get_serial_sequence(:t, :c)"),
                               {"t": table.name, "c": pk[0].name}).scalar()
            if seq:
                conn.execute(text(f"SELECT setval('{seq}', COALESCE((SELECT MAX({pk[0].name}) FROM "
                                  f"{table.name}), 0) + 1, false)"))


def copy_store(source, target, *, batch: int = 2000, progress: Progress | None = None) -> CopyReport:
    """Copy every table of ``source`` into the empty ``target``; then verify counts and checksums."""
    progress = progress or (lambda *_: None)
    if not _is_empty(target):
        raise StoreError(f"{target.db}: the destination already holds data; copy only into an empty store",
                         source=target.db, kind="not-empty")
    report = CopyReport()
    for table in metadata.sorted_tables:
        copied = 0
        with target.engine.begin() as conn:
            if target.dialect == "sqlite":
                conn.exec_driver_sql("PRAGMA defer_foreign_keys = ON")
            for rows in _batches(source, table, batch):
                conn.execute(insert(table), rows)
                copied += len(rows)
                progress(table.name, len(rows))
        count, checksum = table_checksum(source, table, batch)
        report.tables.append(TableCopy(table.name, count, checksum))
        if count != copied:  # rows added to the source while copying
            raise StoreError(f"{source.db}: table {table.name} changed during the copy ({copied} copied, "
                             f"{count} now); stop writers and copy again", source=source.db, kind="changed")
    _advance_sequences(target)
    for entry in report.tables:
        table = metadata.tables[entry.name]
        entry.target_rows, entry.target_checksum = table_checksum(target, table, batch)
    return report


__all__ = ["CopyReport", "TableCopy", "copy_store", "table_checksum"]
