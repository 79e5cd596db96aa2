"""Top stories an analyst can trust: one ranking for the front page, the /stories river's default
order, briefings and the top-stories feeds, with a short reason line on every story.

Signals that hold across corpora (parameters and their rationale: ``storyline/data/ranking.json``):

* **independent sources** after collapsing copies: an exact or near copy (``duplicate_of``) and a
  wire story re-published by several outlets are one source with several *carriers*; the parts of
  one page are one source (unless the page credits each part to a different named outlet, as a
  digest page does); sources that name no outlet count half;
* **recency** by publication time; the fetch time stands in only when no publication time can be
  trusted (none, or later than the fetch), and that is marked and discounted;
* **significance** of the events the story's unflagged articles cite (agreements, sanctions, export
  controls, tariffs, summits above meetings and visits, above statements);
* **spread across languages**;
* **penalties**: quality-flagged articles count for nothing and flagged-only stories never lead;
  stories whose only sources are unnamed, or made of one page's parts, are discounted.

Diversity in the top N: no two slots for the same happening, and a cap of slots per lead outlet.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from pathlib import Path

from storyline.queries.common import TTLCache, as_utc

PARAMS_PATH = Path(__file__).resolve().parents[1] / "data" / "ranking.json"
CANDIDATES = 300  # most recently updated stories the ranking looks at
_CACHE = TTLCache(seconds=60)
_WORD = re.compile(r"[^\W_]{3,}", re.UNICODE)
_TITLE_STOP = frozenset(
    [
        "the",
        "and",
        "for",
        "with",
        "from",
        "after",
        "over",
        "into",
        "that",
        "this",
        "its",
        "their",
        "says",
        "said",
        "will",
        "new",
    ]
)


@lru_cache(maxsize=4)
def load_params(path: str | None = None) -> dict:
    return json.loads(Path(path or PARAMS_PATH).read_text(encoding="utf-8"))


@dataclass
class StorySignals:
    story_id: int
    title: str = ""
    named: int = 0  # independent sources that name an outlet or wire
    unnamed: int = 0  # independent sources that name none
    carriers: int = 0  # distinct named outlets publishing it, copies included
    sources: list[str] = field(default_factory=list)  # independent sources, largest first
    languages: list[str] = field(default_factory=list)
    newest: datetime | None = None
    time_basis: str = "none"  # published | fetched | none
    tier: str = "minor"
    points: float = 0.0  # significance in outlet units
    event: str | None = None  # the most significant event type cited
    event_keys: frozenset = frozenset()  # dated non-statement events cited
    articles: int = 0
    flagged: int = 0
    flagged_only: bool = False
    page_parts_only: bool = False


@dataclass
class Ranked:
    story_id: int
    score: float
    reason: str
    signals: StorySignals
    position: int = 0
    as_of: datetime | None = None  # the 'now' ages in the reason line are counted from

    def as_dict(self) -> dict:
        sig = asdict(self.signals)
        sig.pop("event_keys")
        sig.pop("title")
        sig["newest"] = self.signals.newest.isoformat() if self.signals.newest else None
        return {
            "position": self.position,
            "score": round(self.score, 4),
            "reason": self.reason,
            "signals": sig,
            "as_of": self.as_of.isoformat() if self.as_of else None,
        }


# ------------------------------------------------------------------------------------------ signals


def _norm(name: str | None) -> str | None:
    name = " ".join((name or "").split())
    return name or None


def _trusted_time(row: dict, skew: timedelta) -> datetime | None:
    published, fetched = as_utc(row.get("published")), as_utc(row.get("fetched_at"))
    if published is None or (fetched is not None and published > fetched + skew):
        return None  # no date, or one later than the fetch: it cannot be the publication time
    return published


def _independent_sources(rows: list[dict]) -> list[list[dict]]:
    """Groups of articles that are one source: copies join their original, articles of one wire or
    outlet join, and the parts of one page join unless each part names a different outlet."""
    ids = {r["id"] for r in rows}
    parent = {r["id"]: r["id"] for r in rows}

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def name_of(i: int) -> str | None:
        return names[find(i)]

    names: dict[int, str | None] = {}
    for r in rows:
        names[r["id"]] = (_norm(r.get("wire")) or _norm(r.get("outlet")) or "").casefold() or None

    def union(a: int, b: int) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[rb] = ra
            names[ra] = names[ra] or names[rb]

    for r in rows:  # a copy is its original's source
        if r.get("duplicate_of") in ids:
            union(r["duplicate_of"], r["id"])
    by_name: dict[str, int] = {}
    for r in rows:
        if (n := name_of(r["id"])) is not None:
            if n in by_name:
                union(by_name[n], r["id"])
            by_name.setdefault(n, r["id"])
    by_page: dict[int, list[int]] = {}
    for r in rows:
        if r.get("raw_page_id") is not None:
            by_page.setdefault(r["raw_page_id"], []).append(r["id"])
    for members in by_page.values():
        for other in members[1:]:
            a, b = name_of(members[0]), name_of(other)
            if a is None or b is None or a == b:  # a digest crediting two outlets keeps them apart
                union(members[0], other)
    groups: dict[int, list[dict]] = {}
    for r in rows:
        groups.setdefault(find(r["id"]), []).append(r)
    return sorted(groups.values(), key=lambda g: (-len(g), min(x["id"] for x in g)))


def _significance(rows: list[dict], params: dict) -> tuple[str, float, str | None, frozenset]:
    sig = params["significance"]
    tier_of = {t: (name, spec["points"]) for name, spec in sig["tiers"].items() for t in spec["types"]}
    counts = Counter(ev[0] for r in rows for ev in r.get("events") or [])

    def tier(etype: str) -> tuple[str, float]:
        return tier_of.get(etype, ("minor", float(sig["default_points"])))

    if not counts:
        return "minor", float(sig["default_points"]), None, frozenset()
    event = max(sorted(counts), key=lambda t: (tier(t)[1], counts[t]))
    name, weight = tier(event)
    # dated events only: an undated one ("Japan has committed...") is keyed by type and participants
    # alone and recurs across unrelated stories
    keys = frozenset(ev[1] for r in rows for ev in r.get("events") or [] if tier(ev[0])[0] != "minor" and ev[2])
    return name, float(weight), event, keys


def story_signals(story_id: int, rows: list[dict], title: str = "", params: dict | None = None) -> StorySignals:
    """The ranking signals of one story from its articles (see ``RankingMixin.story_rank_rows``)."""
    params = params or load_params()
    clean = [r for r in rows if not (r.get("quality_flags") or [])]
    flagged_only = bool(rows) and not clean
    use = clean or rows
    groups = _independent_sources(use)
    named = [g for g in groups if any(_norm(r.get("wire")) or _norm(r.get("outlet")) for r in g)]
    skew = timedelta(hours=params["recency"]["max_future_skew_hours"])
    trusted = [t for r in use if (t := _trusted_time(r, skew))]
    fetched = [t for r in use if (t := as_utc(r.get("fetched_at")))]
    newest, basis = (
        (max(trusted), "published") if trusted else ((max(fetched), "fetched") if fetched else (None, "none"))
    )
    tier, points, event, keys = _significance(use, params)
    pages = {r.get("raw_page_id") for r in use}
    return StorySignals(
        story_id=story_id,
        title=title or "",
        named=len(named),
        unnamed=len(groups) - len(named),
        carriers=len({_norm(r.get("outlet")).casefold() for r in use if _norm(r.get("outlet"))}),
        sources=[_source_label(g) for g in groups],
        languages=sorted({(r.get("language") or "").split("-")[0] for r in use if r.get("language")}),
        newest=newest,
        time_basis=basis,
        tier=tier,
        points=points,
        event=event,
        event_keys=keys,
        articles=len(rows),
        flagged=len(rows) - len(clean),
        flagged_only=flagged_only,
        page_parts_only=len(use) > 1 and len(pages) == 1 and None not in pages,
    )


def _source_label(group: list[dict]) -> str:
    """The source's name: its wire when one is credited, else its outlet."""
    for key in ("wire", "outlet"):
        for r in group:
            if name := _norm(r.get(key)):
                return name
    return "outlet unknown"


# ------------------------------------------------------------------------------------------ score


def reach_units(sig: StorySignals, params: dict | None = None) -> float:
    """Named outlets + unnamed sources (capped) + significance points + language spread, in outlet units."""
    p = params or load_params()
    r, lang = p["reach"], p["languages"]
    unnamed = min(r["unknown_outlets_max"], r["unknown_outlet_weight"] * sig.unnamed)
    extra_langs = min(max(0, len(sig.languages) - 1), lang["max_extra_languages"])
    return sig.named + unnamed + sig.points + lang["points_per_extra_language"] * extra_langs


def score(sig: StorySignals, now: datetime, params: dict | None = None) -> float:
    p = params or load_params()
    units = reach_units(sig, p)
    rec = p["recency"]
    hours = max(0.0, (now - sig.newest).total_seconds() / 3600) if sig.newest else 10 * rec["half_life_hours"]
    value = units ** p["reach"]["exponent"] * math.pow(0.5, hours / rec["half_life_hours"])
    pen = p["penalties"]
    if sig.time_basis != "published":
        value *= rec["fetch_time_penalty"]
    if sig.named == 0:
        value *= pen["unknown_outlets_only"]
    if sig.page_parts_only:
        value *= pen["page_parts_only"]
    if sig.flagged_only:
        value *= pen["flagged_only"]
    return value


def _age(now: datetime, when: datetime | None) -> str:
    if when is None:
        return "undated"
    minutes = max(0, int((now - when).total_seconds() // 60))
    if minutes < 60:
        return f"{minutes} min"
    if minutes < 48 * 60:
        return f"{minutes // 60} h"
    return f"{minutes // 1440} d"


def reason_line(sig: StorySignals, now: datetime) -> str:
    """'6 outlets, 8 carriers in 2 languages · export control · 3 h' - each part one signal."""
    if sig.named:
        reach = f"{sig.named} outlet{'s' if sig.named != 1 else ''}"
        if sig.unnamed:
            reach += f" + {sig.unnamed} unnamed"
    else:
        reach = "outlet unknown" if sig.unnamed <= 1 else f"{sig.unnamed} unnamed sources"
    if sig.carriers > max(sig.named, 1):
        reach += f", {sig.carriers} carriers"
    if len(sig.languages) > 1:
        reach += f" in {len(sig.languages)} languages"
    parts = [reach]
    if sig.event:
        parts.append(sig.event.replace("_", " "))
    age = _age(now, sig.newest)
    parts.append(f"{age} (fetch time)" if sig.time_basis == "fetched" else age)
    if sig.page_parts_only:
        parts.append("one page's parts")
    if sig.flagged_only:
        parts.append("quality-flagged only")
    return " · ".join(parts)


# ------------------------------------------------------------------------------------------ order


def _title_words(title: str) -> frozenset:
    return frozenset(w for w in _WORD.findall(title.casefold()) if w not in _TITLE_STOP)


def same_happening(a: StorySignals, b: StorySignals, params: dict | None = None) -> bool:
    """Two stories about one happening: most of their non-statement events are the same events,
    or their titles share most of their content words."""
    div = (params or load_params())["diversity"]
    if _jaccard(a.event_keys, b.event_keys) >= div["same_happening_event_jaccard"]:
        return True
    return _jaccard(_title_words(a.title), _title_words(b.title)) >= div["same_happening_title_jaccard"]


def _jaccard(a: frozenset, b: frozenset) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def reference_now(
    signals: list[StorySignals], params: dict | None = None, real_now: datetime | None = None
) -> datetime:
    """The present, or the newest story time when the corpus is older (an archive ranks as on its day)."""
    real_now = real_now or datetime.now(UTC)
    days = (params or load_params())["recency"]["stale_corpus_days"]
    latest = max((s.newest for s in signals if s.newest and not s.flagged_only), default=None)
    if latest is None or latest > real_now:
        return real_now
    return latest if real_now - latest > timedelta(days=days) else real_now


def rank(signals: list[StorySignals], now: datetime | None = None, params: dict | None = None) -> list[Ranked]:
    """Every story in ranked order: score order, then diversity in the top N (same happening and
    outlet cap set aside behind it), flagged-only stories after every other story."""
    params = params or load_params()
    now = now or reference_now(signals, params)
    scored = sorted(
        (Ranked(s.story_id, score(s, now, params), reason_line(s, now), s, as_of=now) for s in signals),
        key=lambda r: (-r.score, -r.story_id),
    )
    div = params["diversity"]
    top: list[Ranked] = []
    rest: list[Ranked] = []
    leads: Counter = Counter()
    for r in (x for x in scored if not x.signals.flagged_only):
        lead = r.signals.sources[0].casefold() if r.signals.named else None
        if (
            len(top) >= div["top_n"]
            or any(same_happening(r.signals, t.signals, params) for t in top)
            or (lead is not None and leads[lead] >= div["per_outlet_cap"])
        ):
            rest.append(r)
        else:
            top.append(r)
            if lead is not None:
                leads[lead] += 1
    rest.sort(key=lambda r: (-r.score, -r.story_id))
    out = top + rest + [x for x in scored if x.signals.flagged_only]
    for i, r in enumerate(out, 1):
        r.position = i
    return out


def rank_stories(store, stories: list[dict], now: datetime | None = None) -> list[Ranked]:
    """Rank story rows (``id``, ``title``) from what the store holds about their articles."""
    rows = store.story_rank_rows([s["id"] for s in stories])
    params = load_params()
    sigs = [
        story_signals(s["id"], rows.get(s["id"], []), s.get("title") or "", params)
        for s in stories
        if rows.get(s["id"])
    ]
    return rank(sigs, now, params)


def ranked_candidates(store, limit: int = CANDIDATES) -> list[Ranked]:
    """The ranking of the ``limit`` most recently updated stories (cached until the store's data version changes)."""
    version = store.data_version()
    return _CACHE.get(
        (store.db, id(store), "ranked", limit), version, lambda: rank_stories(store, store.list_stories(limit=limit))
    )
