"""Outlets with counts, subscriptions with their fetch state, and the status page (runs, problems by
kind, the scheduler's health)."""

from __future__ import annotations

from datetime import UTC, datetime

STALL_GRACE_S = 90.0  # a round may spend this long fetching before its next heartbeat


def sources_page(store) -> dict:
    subs = store.list_subscriptions()
    return {"outlets": store.outlets(), "total_articles": store.count_articles(), "subscriptions": subs,
            "subscriptions_in_error": sum(1 for s in subs if s["consecutive_errors"])}


def scheduler_health(store, now: datetime | None = None) -> dict:
    """Every scheduler process seen, each ``running``, ``stalled`` (no heartbeat within two ticks and a
    fetch's grace) or ``stopped``; the number of subscriptions due now; those in error."""
    now = now or datetime.now(UTC)
    schedulers = []
    for row in store.list_scheduler_states():
        age = (now - row["heartbeat_at"]).total_seconds()
        if row["state"] == "stopped":
            health = "stopped"
        elif age > 2 * row["poll_s"] + STALL_GRACE_S:
            health = "stalled"
        else:
            health = "running"
        schedulers.append({**row, "heartbeat_age_s": round(age, 1), "health": health})
    subs = store.list_subscriptions()
    return {
        "schedulers": schedulers,
        "running": sum(1 for s in schedulers if s["health"] == "running"),
        "stalled": sum(1 for s in schedulers if s["health"] == "stalled"),
        "queue": store.count_due_subscriptions(now),
        "subscriptions": len(subs),
        "paused": sum(1 for s in subs if s["paused"]),
        "in_error": [s for s in subs if s["consecutive_errors"]],
    }


def status_page(store) -> dict:
    return {
        "runs": store.list_runs(limit=20),
        "problems_by_kind": sorted(store.count_problems_by_kind().items(), key=lambda kv: -kv[1]),
        "problems": store.list_problems(limit=30),
        "articles": store.count_articles(),
        "stories": store.count_stories(),
        "scheduler": scheduler_health(store),
    }
