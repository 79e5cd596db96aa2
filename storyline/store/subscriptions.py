"""Subscriptions (sources polled on their own interval) and the scheduler's heartbeat rows.

A scheduler process claims a due subscription with a lease: one conditional UPDATE that succeeds
only while nobody else holds an unexpired lease, so two processes never poll one source at once
(on SQLite and PostgreSQL alike). The lease ends when the check is recorded, or by itself when a
process dies mid-check.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import delete, func, insert, or_, select, update

from storyline.errors import SchedulerError
from storyline.store.schema import scheduler_state, sources, subscriptions, watchlists


def _now() -> datetime:
    return datetime.now(UTC)


def _row(row) -> dict:
    return dict(row._mapping)


class SubscriptionsMixin:
    engine: Any

    # -- subscriptions
    def add_subscription(self, url: str, *, title: str | None = None, interval_s: int = 1800,
                         now: datetime | None = None) -> tuple[int, bool]:
        """Subscribe to ``url`` (due at once); returns (id, created). An existing one keeps its state."""
        with self.begin() as conn:
            found = conn.execute(select(subscriptions.c.id).where(subscriptions.c.url == url)).scalar()
            if found is not None:
                return found, False
            new_id = conn.execute(insert(subscriptions).values(
                url=url, title=title, interval_s=int(interval_s), paused=False, created_at=now or _now(),
                next_check_at=now or _now(), consecutive_errors=0, last_new_articles=0,
                total_new_articles=0, checks=0,
            )).inserted_primary_key[0]
        return new_id, True

    def list_subscriptions(self) -> list[dict]:
        """Every subscription with its conditional-GET state (kept in ``sources``)."""
        query = (
            select(subscriptions, sources.c.etag, sources.c.last_modified)
            .select_from(subscriptions.outerjoin(sources, sources.c.location == subscriptions.c.url))
            .order_by(subscriptions.c.id)
        )
        with self.connect() as conn:
            return [_row(r) for r in conn.execute(query)]

    def get_subscription(self, ref: int | str) -> dict | None:
        cond = subscriptions.c.id == ref if isinstance(ref, int) else subscriptions.c.url == ref
        with self.connect() as conn:
            row = conn.execute(select(subscriptions).where(cond)).first()
        return _row(row) if row else None

    def update_subscription(self, sub_id: int, **values: Any) -> bool:
        allowed = {"paused", "interval_s", "title", "next_check_at"}
        unknown = set(values) - allowed
        if unknown:
            raise SchedulerError(f"not a subscription setting: {', '.join(sorted(unknown))}", kind="bad-setting")
        with self.begin() as conn:
            return conn.execute(update(subscriptions).where(subscriptions.c.id == sub_id).values(**values)).rowcount > 0

    def remove_subscription(self, sub_id: int) -> bool:
        with self.begin() as conn:
            return conn.execute(delete(subscriptions).where(subscriptions.c.id == sub_id)).rowcount > 0

    def _due(self, now: datetime):
        return (
            subscriptions.c.paused.is_(False),
            subscriptions.c.next_check_at <= now,
            or_(subscriptions.c.lease_until.is_(None), subscriptions.c.lease_until < now),
        )

    def claim_due_subscriptions(self, owner: str, *, limit: int, lease_s: float,
                                now: datetime | None = None) -> list[dict]:
        """Lease up to ``limit`` due subscriptions for ``owner``, most overdue first."""
        now = now or _now()
        until = now + timedelta(seconds=lease_s)
        with self.connect() as conn:
            candidates = conn.execute(
                select(subscriptions.c.id).where(*self._due(now))
                .order_by(subscriptions.c.next_check_at, subscriptions.c.id).limit(limit * 2)
            ).scalars().all()
        claimed = []
        for sub_id in candidates:
            if len(claimed) >= limit:
                break
            with self.begin() as conn:
                won = conn.execute(
                    update(subscriptions).where(subscriptions.c.id == sub_id, *self._due(now))
                    .values(lease_owner=owner, lease_until=until)
                ).rowcount
                if won:
                    claimed.append(_row(conn.execute(select(subscriptions).where(subscriptions.c.id == sub_id)).one()))
        return claimed

    def finish_subscription_check(self, sub_id: int, owner: str, *, status: str, error: str | None,
                                  new_articles: int, next_check_at: datetime, errors_in_a_row: int,
                                  title: str | None = None, now: datetime | None = None) -> bool:
        """Record one check and release the lease; False when the lease was lost meanwhile."""
        now = now or _now()
        values: dict[str, Any] = {
            "last_checked_at": now, "last_status": status, "last_error": error,
            "consecutive_errors": errors_in_a_row, "last_new_articles": new_articles,
            "total_new_articles": subscriptions.c.total_new_articles + new_articles,
            "checks": subscriptions.c.checks + 1, "next_check_at": next_check_at,
            "lease_owner": None, "lease_until": None,
        }
        if status != "error":
            values["last_success_at"] = now
        with self.begin() as conn:
            if title:
                conn.execute(update(subscriptions).where(subscriptions.c.id == sub_id, subscriptions.c.title.is_(None))
                             .values(title=title))
            return conn.execute(
                update(subscriptions).where(subscriptions.c.id == sub_id, subscriptions.c.lease_owner == owner)
                .values(**values)
            ).rowcount > 0

    def count_due_subscriptions(self, now: datetime | None = None) -> int:
        now = now or _now()
        with self.connect() as conn:
            return conn.execute(select(func.count()).select_from(subscriptions).where(*self._due(now))).scalar_one()

    def next_subscription_due(self) -> datetime | None:
        with self.connect() as conn:
            return conn.execute(
                select(func.min(subscriptions.c.next_check_at)).where(subscriptions.c.paused.is_(False))
            ).scalar()

    # -- scheduler heartbeat
    def save_scheduler_state(self, owner: str, *, state: str, poll_s: float, pid: int | None = None,
                             hostname: str | None = None, last_batch: dict | None = None) -> None:
        now = _now()
        with self.begin() as conn:
            values: dict[str, Any] = {"state": state, "poll_s": poll_s, "heartbeat_at": now}
            if last_batch is not None:
                values["last_batch"] = last_batch
            if conn.execute(update(scheduler_state).where(scheduler_state.c.owner == owner).values(**values)).rowcount:
                return
            conn.execute(insert(scheduler_state).values(
                owner=owner, pid=pid, hostname=hostname, started_at=now, last_batch=last_batch or {}, **values))

    def list_scheduler_states(self) -> list[dict]:
        with self.connect() as conn:
            rows = conn.execute(select(scheduler_state).order_by(scheduler_state.c.heartbeat_at.desc()))
            return [_row(r) for r in rows]

    def forget_stopped_schedulers(self, older_than: datetime) -> int:
        with self.begin() as conn:
            return conn.execute(delete(scheduler_state).where(
                scheduler_state.c.state == "stopped", scheduler_state.c.heartbeat_at < older_than)).rowcount

    # -- watchlist digests
    def set_watchlist_digest(self, watchlist_id: int, digest: str) -> bool:
        if digest not in ("instant", "hourly", "daily"):
            raise SchedulerError(f"digest must be instant, hourly or daily, not {digest!r}", source=digest,
                                 kind="bad-digest")
        with self.begin() as conn:
            return conn.execute(
                update(watchlists).where(watchlists.c.id == watchlist_id).values(digest=digest)).rowcount > 0

    def mark_watchlist_delivered(self, watchlist_id: int, when: datetime | None = None) -> None:
        with self.begin() as conn:
            conn.execute(update(watchlists).where(watchlists.c.id == watchlist_id)
                         .values(last_delivered_at=when or _now()))
