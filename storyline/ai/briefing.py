"""Daily briefings: top stories with cited summaries, new events, role changes, trending topics
and charts, for a time window (optionally one hashtag, one entity or one watchlist).

:func:`build_briefing` gathers the data (quality-flagged articles are left out everywhere),
:func:`render_html` makes one self-contained page (inline CSS, charts as inline SVG),
:func:`write_briefing` writes the HTML and a PDF printed by headless Chromium when it is there
(else the reason there is no PDF).
"""

from __future__ import annotations

import shutil
import subprocess
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from itertools import combinations
from pathlib import Path

from storyline.ai.summarize import Summary, human_date, summarize_articles
from storyline.ai.text import is_clean
from storyline.errors import InvalidValueError
from storyline.queries.ranking import rank_stories
from storyline.search import search_articles
from storyline.stories.happenings import merge_rows
from storyline.stories.trends import trending
from storyline.text import times

TEMPLATES = Path(__file__).with_name("templates")
CHROMIUM = "/usr/bin/chromium"
CHROME_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--no-first-run"]


@dataclass
class Briefing:
    since: datetime
    now: datetime
    filters: dict
    article_count: int = 0
    stories: list[dict] = field(default_factory=list)  # story_id, title, summary, sources, outlets
    events: list[dict] = field(default_factory=list)
    role_changes: list[dict] = field(default_factory=list)
    trending: list[dict] = field(default_factory=list)
    charts: dict[str, str] = field(default_factory=dict)  # name -> inline SVG

    @property
    def title(self) -> str:
        scope = ", ".join(f"{k} {v}" for k, v in self.filters.items() if v)
        return f"Storyline briefing — {human_date(self.now.date().isoformat())}" + (f" ({scope})" if scope else "")


def _utc(d: datetime | None) -> datetime | None:
    return d if d is None or d.tzinfo else d.replace(tzinfo=UTC)


def window_articles(store, since: datetime, now: datetime, *, tag=None, entity=None, watchlist=None) -> list[dict]:
    """Clean articles of the window, narrowed by hashtag, entity (id or name) and watchlist rules."""
    rows = [r for r in store.list_articles(since=since, until=now, tag=tag, limit=5000) if is_clean(r)]
    if entity:
        ent = (
            store.get_entity(int(entity))
            if str(entity).isdigit()
            else (store.find_entities(str(entity), 1) or [None])[0]
        )
        keep = set(store.entity_article_ids(ent["id"], limit=100000)) if ent else set()
        rows = [r for r in rows if r["id"] in keep]
    if watchlist is not None:
        rules = [r for r in store.all_rules() if r["watchlist_id"] == int(watchlist)]
        keep: set[int] = set()
        for rule in rules:
            if rule["kind"] == "tag":
                keep |= set(store.tag_article_ids(rule["value"], limit=100000))
            elif rule["kind"] == "entity":
                keep |= set(store.entity_article_ids(int(rule["value"]), limit=100000))
            else:
                keep |= {
                    h["id"]
                    for h in search_articles(
                        store, rule["value"], since=since, until=now, limit=1000, facets=False
                    ).hits
                }
        rows = [r for r in rows if r["id"] in keep]
    return rows


def _when(row: dict) -> datetime | None:
    return _utc(row.get("published") or row.get("fetched_at"))


def top_stories(store, rows: list[dict], k: int = 5, sentences: int = 4, now: datetime | None = None) -> list[dict]:
    """The window's stories in the order of the trusted top-stories ranking (``queries.ranking``),
    each with its reason line; articles outside any story follow, newest first."""
    by_story: dict[int, list[dict]] = {}
    for r in rows:
        by_story.setdefault(r["story_id"] or -r["id"], []).append(r)
    ranking = rank_stories(store, store.stories_by_ids([sid for sid in by_story if sid > 0]), now=now)
    reasons = {r.story_id: r.reason for r in ranking if not r.signals.flagged_only}
    loose = sorted(
        (sid for sid in by_story if sid < 0),
        key=lambda sid: -max(_when(a).timestamp() if _when(a) else 0 for a in by_story[sid]),
    )
    ranked = [(sid, by_story[sid]) for sid in [r.story_id for r in ranking if r.story_id in reasons] + loose]
    out = []
    for sid, arts in ranked[:k]:
        story = store.get_story(sid) if sid > 0 else None
        members = [a for a in (story["articles"] if story else arts) if is_clean(a)]
        summary: Summary = summarize_articles(
            store,
            members,
            max_sentences=sentences,
            title=_story_title(story, members),
            story_id=sid if sid > 0 else None,
        )
        out.append(
            {
                "story_id": sid if sid > 0 else None,
                "title": summary.title,
                "summary": summary,
                "sources": [
                    {
                        "article_id": a["id"],
                        "title": a["title"],
                        "outlet": a["outlet"] or "outlet unknown",
                        "published": a["published"],
                    }
                    for a in arts
                ],
                "outlets": len({a["outlet"] or a["id"] for a in arts}),
                "reason": reasons.get(sid),
            }
        )
    return out


def _story_title(story: dict | None, members: list[dict]) -> str | None:
    """The story's title, unless it is only an outlet's name: then its first article's headline."""
    outlets = {(a["outlet"] or "").lower() for a in members}
    if story and story["title"] and story["title"].lower() not in outlets:
        return story["title"]
    titles = [a["title"] for a in members if a["title"] and a["title"].lower() not in outlets]
    return titles[0] if titles else (story or {}).get("title")


def new_events(store, ids: list[int], now: datetime, limit: int = 12) -> list[dict]:
    """Dated events reported in the window: what happened (latest first), then what is coming up."""
    events = [e for e in store.list_events(article_ids=ids, limit=2000) if e.get("date") and e["sources"]]
    today = now.date().isoformat()
    past = sorted((e for e in events if e["date"] <= today), key=lambda e: (e["date"], len(e["sources"])), reverse=True)
    ahead = sorted((e for e in events if e["date"] > today), key=lambda e: e["date"])
    # one row per happening: merged over the best candidates (merging is quadratic in rows)
    past = merge_rows(past[: limit * 4])[:limit]
    ahead = merge_rows(ahead[: limit * 4])
    events = past + ahead[: max(3, limit - len(past))]
    return [
        {
            "date": e["date"],
            "when": human_date(e["date"]),
            "type": e["type"].replace("_", " "),
            "upcoming": e["date"] > today,
            "participants": [p["name"] for p in e["participants"]],
            "place": e.get("place"),
            "citations": [
                {"article_id": s["article_id"], "sentence": s["sentence"], "outlet": s["outlet"]}
                for s in e["sources"][:3]
            ],
        }
        for e in events
    ]


def role_changes(store, ids: set[int], limit: int = 12) -> list[dict]:
    """Roles stated in the window that are news: new/incoming/former, or an office that differs
    from the person's previous record."""
    roles = store.list_roles(limit=100000)
    last: dict[str, dict] = {}
    out = []
    for r in roles:  # ordered by as_of
        prev = last.get(r["person_key"])
        if r["article_id"] in ids:
            changed = r["status"] in {"new", "incoming", "former"} or (
                prev is not None and (prev["office"], prev["organization"]) != (r["office"], r["organization"])
            )
            if changed:
                out.append(
                    {
                        "person": r["person"],
                        "office": r["office"],
                        "organization": r["organization"],
                        "status": r["status"],
                        "previous": f"{prev['office']} ({prev['organization']})" if prev else None,
                        "article_id": r["article_id"],
                        "sentence": r["sentence"],
                    }
                )
        last[r["person_key"]] = r
    return out[-limit:][::-1]


def trending_topics(store, since: datetime, now: datetime, ids: set[int], k: int = 10) -> list[dict]:
    obs = store.tag_observations(since - timedelta(days=28))
    items = trending(obs, window_start=since, window_end=now + timedelta(seconds=1), min_count=2, k=k)
    if items:
        return [{"tag": t.item, "articles": t.count, "baseline": t.baseline, "score": round(t.score, 2)} for t in items]
    counts = Counter(tag for tag, when in obs if since <= _utc(when) <= now)
    return [{"tag": t, "articles": c, "baseline": None, "score": None} for t, c in counts.most_common(k)]


def _days(since: datetime, now: datetime) -> list[date]:
    n = (now.date() - since.date()).days
    return [since.date() + timedelta(days=i) for i in range(min(n, 60) + 1)]


def build_charts(store, rows: list[dict], since: datetime, now: datetime) -> dict[str, str]:
    from storyline.ai import charts  # matplotlib is loaded only when charts are drawn

    keys_of = store.entity_keys_of([r["id"] for r in rows])
    counts = Counter(k for ks in keys_of.values() for k in ks)
    names = store.entity_names([k for k, _ in counts.most_common(12)])
    top = [(names[k]["name"], c) for k, c in counts.most_common(12) if k in names][:10]
    out = {}
    if svg := charts.top_entities(top):
        out["Top entities"] = svg
    when = {r["id"]: _when(r) for r in rows}
    series = {}
    for k, _ in counts.most_common(5):
        if k in names:
            series[names[k]["name"]] = Counter(when[a].date() for a, ks in keys_of.items() if k in ks and when[a])
    if svg := charts.mentions_over_time(series, _days(since, now)):
        out["Mentions over time"] = svg
    net_keys = [k for k, _ in counts.most_common(10) if k in names]
    edges = Counter()
    for ks in keys_of.values():
        for a, b in combinations(sorted(k for k in ks if k in net_keys), 2):
            edges[(names[a]["name"], names[b]["name"])] += 1
    edges = Counter(dict(edges.most_common(15)))  # a readable network: the strongest pairs only
    if svg := charts.entity_network([(names[k]["name"], counts[k]) for k in net_keys], edges):
        out["Entity network"] = svg
    return out


def build_briefing(
    store,
    *,
    since: datetime,
    now: datetime | None = None,
    tag: str | None = None,
    entity: str | None = None,
    watchlist: int | None = None,
    with_charts: bool = True,
) -> Briefing:
    now = _utc(now) or datetime.now(UTC)
    since = _utc(since)
    rows = window_articles(store, since, now, tag=tag, entity=entity, watchlist=watchlist)
    ids = [r["id"] for r in rows]
    b = Briefing(since, now, {"tag": tag, "entity": entity, "watchlist": watchlist}, len(rows))
    if not rows:
        return b
    b.stories = top_stories(store, rows, now=now)
    b.events = new_events(store, ids, now)
    b.role_changes = role_changes(store, set(ids))
    b.trending = trending_topics(store, since, now, set(ids))
    if with_charts:
        b.charts = build_charts(store, rows, since, now)
    return b


def render_html(b: Briefing, controls: dict | None = None) -> str:
    """The briefing as one self-contained page; ``controls`` (web only) adds the window, filter and
    earlier/later navigation form at the top."""
    from jinja2 import Environment, FileSystemLoader, select_autoescape
    from markupsafe import Markup

    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=select_autoescape(["html"]))
    env.filters["day"] = lambda d: human_date(d.date().isoformat()) if d else "date unknown"
    charts_html = {name: Markup(svg) for name, svg in b.charts.items()}
    return env.get_template("briefing.html").render(b=b, charts=charts_html, controls=controls)


def print_pdf(html_path: Path, pdf_path: Path, chromium: str | None = None, timeout: float = 120) -> str | None:
    """Print the page to PDF with headless Chromium. Returns None on success, else why not."""
    chromium = chromium or CHROMIUM
    exe = chromium if Path(chromium).exists() else shutil.which("chromium")
    if not exe:
        return f"no PDF: Chromium not found at {chromium} (install it: apt-get install -y chromium)"
    cmd = [exe, *CHROME_FLAGS, "--no-pdf-header-footer", f"--print-to-pdf={pdf_path}", html_path.resolve().as_uri()]
    try:
        subprocess.run(cmd, capture_output=True, timeout=timeout, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"no PDF: Chromium failed ({exc.__class__.__name__}: {exc})"
    if not pdf_path.exists() or pdf_path.stat().st_size == 0:
        return "no PDF: Chromium ran but wrote no file"
    return None


def write_briefing(b: Briefing, output: Path, *, pdf: bool = True) -> dict:
    """Write ``briefing-YYYY-MM-DD.html`` (+ ``.pdf``) into ``output``; returns paths and notes."""
    output.mkdir(parents=True, exist_ok=True)
    stem = f"briefing-{b.now.date().isoformat()}"
    html_path = output / f"{stem}.html"
    html_path.write_text(render_html(b), encoding="utf-8")
    result = {"html": str(html_path), "pdf": None, "note": None}
    if pdf:
        pdf_path = output / f"{stem}.pdf"
        result["note"] = print_pdf(html_path, pdf_path)
        if result["note"] is None:
            result["pdf"] = str(pdf_path)
    return result


def parse_since(value: str, now: datetime) -> datetime:
    """'24h', '7d', '2w', '30m' back from ``now``; or a date / ISO time (UTC if no zone). Bad input
    raises :class:`storyline.errors.InvalidValueError` (see :mod:`storyline.text.times`)."""
    when = times.parse_when(value, now)
    if when is None:
        raise InvalidValueError("an empty window; use 24h, 7d or a date (2025-07-30)")
    return when
