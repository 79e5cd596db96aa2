"""Watchlists: follow hashtags, entities and saved searches; match new articles; deliver webhooks.

Each rule keeps a high-water mark (the highest article id it has seen), so matching after an ingest
only looks at new articles, and each match says which rule found it. A watchlist with a webhook URL
gets one JSON POST per delivery round listing its undelivered matches. Webhook URLs are checked
like fetched URLs (``ingest.netguard``): http/https only, and no private, loopback, link-local,
6to4/Teredo/NAT64-wrapped or metadata address, both when saved and when delivered; delivery goes
through ``ingest.guarded`` (the address is checked and pinned at connection time, one deadline
for the whole POST, no redirects followed).
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

import httpx

from storyline.config import Settings
from storyline.errors import (
    BlockedError,
    FetchError,
    WatchError,  # re-exported: callers catch it from here
)
from storyline.ingest.guarded import deadline, guarded_client
from storyline.ingest.netguard import Resolver, check_url, resolve_host
from storyline.queries.articles import card
from storyline.queries.search import SearchParams, search_page

log = logging.getLogger(__name__)
KINDS = ("tag", "entity", "search")


def check_webhook_url(
    url: str | None, settings: Settings | None = None, resolver: Resolver = resolve_host
) -> str | None:
    """An http(s) URL whose host resolves to public addresses only, or None for 'no webhook'.

    ``allow_private_addresses``/``allowed_hosts`` lift the address rule as they do for fetching.
    """
    url = (url or "").strip()
    if not url:
        return None
    try:
        parts = urlsplit(url)
        ok = parts.scheme in ("http", "https") and parts.hostname and len(url) <= 2000
    except ValueError:  # e.g. "Invalid IPv6 URL"
        ok = False
    if not ok:
        raise WatchError("Webhook URLs must be http:// or https:// addresses.")
    try:
        check_url(url, settings or Settings(), resolver)
    except BlockedError as exc:
        raise WatchError("Webhook URLs may not point to private, local or metadata addresses.") from exc
    except FetchError as exc:
        raise WatchError(f"The webhook host does not resolve ({exc}).") from exc
    return url


def default_watchlist(store, user_id: int) -> int:
    lists = store.list_watchlists(user_id)
    return lists[0]["id"] if lists else store.create_watchlist(user_id, "My watchlist")


def follow(
    store, user_id: int, kind: str, value: str, label: str | None = None, watchlist_id: int | None = None
) -> int:
    if kind not in KINDS:
        raise WatchError(f"Can follow {', '.join(KINDS)}; not {kind!r}.")
    value = value.strip().lstrip("#") if kind == "tag" else value.strip()
    if not value:
        raise WatchError("Nothing to follow.")
    if kind == "entity":
        ent = store.get_entity(int(value)) if value.isdigit() else None
        if ent is None:
            raise WatchError("No such entity.")
        label = label or ent["name"]
    wid = watchlist_id or default_watchlist(store, user_id)
    wl = store.get_watchlist(wid)
    if wl is None or wl["user_id"] != user_id:
        raise WatchError("No such watchlist.")
    label = label or ("#" + value if kind == "tag" else value)
    return store.add_rule(wid, kind, value, label[:200])


def unfollow(store, user_id: int, rule_id: int) -> None:
    rule = store.get_rule(rule_id)
    if rule is None or rule["user_id"] != user_id:
        raise WatchError("No such rule.")
    store.delete_rule(rule_id)


def _new_ids(store, rule: dict) -> list[int]:
    after = rule["last_article_id"]
    if rule["kind"] == "tag":
        return store.tag_article_ids(rule["value"], after_id=after)
    if rule["kind"] == "entity":
        return store.entity_article_ids(int(rule["value"]), after_id=after) if rule["value"].isdigit() else []
    params = saved_search_params(rule["value"])
    params.limit = 100
    hits = search_page(store, params, facets=False)["results"].items
    return [h["id"] for h in hits if h["id"] > after]


def saved_search_params(value: str) -> SearchParams:
    """A saved search is stored as its query string ("q=...&outlet=...")."""
    from urllib.parse import parse_qs

    if "=" not in value:
        return SearchParams(q=value)
    qs = {k: v[0] for k, v in parse_qs(value).items()}
    entity = qs.get("entity")
    return SearchParams(
        q=qs.get("q", ""),
        outlet=qs.get("outlet"),
        tag=qs.get("tag"),
        entity=int(entity) if entity and entity.isdigit() else None,
        event_type=qs.get("event_type"),
        since=qs.get("since"),
        until=qs.get("until"),
    )


def match_watchlists(store) -> int:
    """Find new matches for every rule; returns how many were recorded."""
    top = store.max_article_id()
    found = 0
    for rule in store.all_rules():
        if rule["last_article_id"] >= top:
            continue
        found += store.add_matches(rule, _new_ids(store, rule), top)
    return found


def _payload(watchlist: dict, matches: list[dict], base_url: str) -> dict:
    return {
        "watchlist": {"id": watchlist["id"], "name": watchlist["name"]},
        "sent_at": datetime.now(UTC).isoformat(),
        "matches": [
            {
                "rule": {"kind": m["rule_kind"], "value": m["rule_value"], "label": m["rule_label"]},
                "article": {
                    **{k: v for k, v in card(m).items() if k in ("id", "title", "outlet", "url")},
                    "published": m["published"].isoformat() if m.get("published") else None,
                    "link": f"{base_url.rstrip('/')}/articles/{m['id']}",
                },
            }
            for m in matches
        ],
    }


DIGEST_PERIODS = {"instant": timedelta(0), "hourly": timedelta(hours=1), "daily": timedelta(days=1)}


def digest_due(watchlist: dict, now: datetime) -> bool:
    """An instant watchlist is always due; a digest once its period has passed since the last delivery
    (its matches wait, undelivered, and go out together)."""
    period = DIGEST_PERIODS.get(watchlist.get("digest") or "instant", timedelta(0))
    last = watchlist.get("last_delivered_at")
    return not period or last is None or now - last >= period


def deliver_webhooks(
    store,
    *,
    client: httpx.Client | None = None,
    base_url: str = "http://127.0.0.1:8000",
    timeout: float = 10.0,
    settings: Settings | None = None,
    resolver: Resolver = resolve_host,
) -> list[dict]:
    """POST each watchlist's undelivered matches to its webhook; returns one record per attempt."""
    settings = settings or Settings()
    own = client is None
    client = client or guarded_client(settings, resolver, timeout=timeout)
    results = []
    try:
        for wl in store.webhook_watchlists():
            if not digest_due(wl, datetime.now(UTC)):
                continue
            matches = store.list_matches(watchlist_id=wl["id"], undelivered=True, limit=200)
            if not matches:
                continue
            try:
                url = check_webhook_url(wl["webhook_url"], settings, resolver)
                with deadline(timeout):
                    resp = client.post(url, json=_payload(wl, matches, base_url), follow_redirects=False)
                ok = 200 <= resp.status_code < 300
                status = resp.status_code
            except (httpx.HTTPError, WatchError, BlockedError) as exc:
                ok, status = False, str(exc)
            if ok:
                store.mark_delivered([m["match_id"] for m in matches])
                store.mark_watchlist_delivered(wl["id"])
            else:
                log.warning("webhook for watchlist %s failed: %s", wl["id"], status)
            results.append({"watchlist_id": wl["id"], "matches": len(matches), "ok": ok, "status": status})
    finally:
        if own:
            client.close()
    return results


def run_watch_round(
    store,
    *,
    client: httpx.Client | None = None,
    base_url: str = "http://127.0.0.1:8000",
    settings: Settings | None = None,
) -> dict:
    """Match then deliver: what runs after an ingest (CLI `storyline watch`, the server's background task)."""
    found = match_watchlists(store)
    deliveries = deliver_webhooks(store, client=client, base_url=base_url, settings=settings)
    return {"matched": found, "deliveries": deliveries}
