"""Users: registration, sign-in lookups, profile updates."""

from __future__ import annotations

import secrets
from typing import Any

from sqlalchemy import func, insert, select, update

from storyline.store.rows import now as _now
from storyline.store.schema import users


class AccountsMixin:
    engine: Any

    def create_user(self, username: str, password_hash: str, *, is_admin: bool | None = None) -> int:
        """New account; ``is_admin=None`` makes the first account the admin."""
        with self.begin() as conn:
            if is_admin is None:
                is_admin = conn.execute(select(func.count()).select_from(users)).scalar() == 0
            return conn.execute(
                insert(users).values(
                    username=username,
                    password_hash=password_hash,
                    is_admin=is_admin,
                    feed_token=secrets.token_urlsafe(24),
                    created_at=_now(),
                )
            ).inserted_primary_key[0]

    def _user_where(self, cond) -> dict | None:
        with self.connect() as conn:
            row = conn.execute(select(users).where(cond)).first()
        return dict(row._mapping) if row else None

    def get_user(self, user_id: int) -> dict | None:
        return self._user_where(users.c.id == user_id)

    def get_user_by_name(self, username: str) -> dict | None:
        return self._user_where(func.lower(users.c.username) == username.lower())

    def get_user_by_feed_token(self, token: str) -> dict | None:
        return self._user_where(users.c.feed_token == token) if token else None

    def update_user(self, user_id: int, **values) -> None:
        with self.begin() as conn:
            conn.execute(update(users).where(users.c.id == user_id).values(**values))
