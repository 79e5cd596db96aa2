"""What several server processes must agree on: the secret that signs sessions and CSRF tokens, and
rate-limit token buckets. Kept in the store, so any number of workers (and restarts) share them."""

from __future__ import annotations

import secrets
import time
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import and_, case, delete, insert, literal, select, update
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from storyline.errors import StoreError
from storyline.store.schema import app_secrets, rate_buckets


class SharedStateMixin:
    engine: Any

    def shared_secret(self, name: str) -> str:
        """The secret called ``name``, made (once, by whichever process comes first) when missing."""
        with self.connect() as conn:
            found = conn.execute(select(app_secrets.c.value).where(app_secrets.c.name == name)).scalar()
        if found:
            return found
        try:
            with self.begin() as conn:
                conn.execute(insert(app_secrets).values(name=name, value=secrets.token_urlsafe(32),
                                                        created_at=datetime.now(UTC)))
        except IntegrityError:  # another process made it first: use theirs
            pass
        except SQLAlchemyError as exc:  # e.g. a read-only store
            raise StoreError(f"cannot keep the {name} secret in the store ({exc.__class__.__name__})",
                             source=getattr(self, "db", None), kind="read-only") from exc
        with self.connect() as conn:
            return conn.execute(select(app_secrets.c.value).where(app_secrets.c.name == name)).scalar_one()

    def take_token(self, bucket: str, key: str, *, capacity: float, rate: float, cost: float = 1.0,
                   now: float | None = None) -> bool:
        """A token bucket in the store: ``capacity`` tokens per (bucket, key), refilled at ``rate`` per
        second. True (and one token spent) when there was one; one atomic UPDATE either way."""
        now = time.time() if now is None else now
        key = key[:200]
        refilled = rate_buckets.c.tokens + (literal(now) - rate_buckets.c.updated_at) * rate
        level = case((refilled > capacity, literal(capacity)), else_=refilled)
        where = and_(rate_buckets.c.bucket == bucket, rate_buckets.c.key == key)
        for _ in range(2):
            with self.begin() as conn:
                spent = conn.execute(update(rate_buckets).where(where, level >= cost)
                                     .values(tokens=level - cost, updated_at=now)).rowcount
                if spent:
                    return True
                if conn.execute(select(rate_buckets.c.key).where(where)).first() is not None:
                    return False  # the bucket exists and is empty
            try:
                with self.begin() as conn:
                    conn.execute(insert(rate_buckets).values(bucket=bucket, key=key, tokens=capacity - cost,
                                                             updated_at=now))
                return capacity >= cost
            except IntegrityError:  # made meanwhile by another process: spend from it
                continue
        return False

    def forget_idle_buckets(self, older_than_s: float = 86400) -> int:
        with self.begin() as conn:
            return conn.execute(delete(rate_buckets).where(rate_buckets.c.updated_at < time.time() - older_than_s)
                                ).rowcount
