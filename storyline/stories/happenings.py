"""One event per happening: stored events that report the same happening, merged for display.

Articles and outlets describe one happening in different words: one says "met on Tuesday" (dated),
another "the talks" (undated), a third names one more participant; one sentence may even carry
two trigger words of neighbouring types. The store keeps every mention as it was read (one row
per type + participants + date, each with its source sentences); :func:`merge_rows` groups the
rows of one happening for timelines, entity and story pages, feeds and answers:

* same **family** of type (meeting, summit, negotiation and talks are one family), or the very
  same source sentence (one mention never counts as two events);
* **participants** that overlap after resolution: one set inside the other, or two shared;
* **compatible dates**: equal; or one undated and reported within ``REPORT_DAYS`` after the other's
  date (or up to ``PLAN_DAYS`` before it: a coming event announced); or both undated and reported
  within ``REPORT_DAYS`` of each other.

The merged row keeps every source sentence, counts independent outlets (a wire copy is its
wire), and lists in ``merged_from`` each stored event it absorbed with the reason, so a merge is
explainable and reversible (nothing stored changes).
"""

from __future__ import annotations

from datetime import date, datetime

REPORT_DAYS = 7
PLAN_DAYS = 60  # a plan is reported up to two months before it happens
_FAMILIES = {"summit": "meeting", "negotiation": "meeting", "talks": "meeting", "meeting": "meeting",
             "phone_call": "phone_call", "visit": "visit"}


def family(event_type: str) -> str:
    return _FAMILIES.get(event_type, event_type)


def _day(value) -> date | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _reported(row: dict) -> date | None:
    days = [d for d in (_day(s.get("published")) for s in row.get("sources", [])) if d]
    return min(days) if days else None


def _keys(row: dict) -> set[str]:
    return {p["key"] if isinstance(p, dict) else str(p) for p in row.get("participants", [])}


def _mentions(row: dict) -> set[tuple]:
    return {(s.get("article_id"), s.get("sentence")) for s in row.get("sources", [])}


def _dates_compatible(a: dict, b: dict) -> str | None:
    da, db = _day(a.get("date")), _day(b.get("date"))
    if da and db:
        return "same date" if da == db and len(str(a["date"])) == len(str(b["date"])) else None
    if da or db:
        dated, undated = (a, b) if da else (b, a)
        rep, when = _reported(undated), _day(dated.get("date"))
        if rep is None:
            return "undated, report time unknown"
        if rep and when and 0 <= (rep - when).days <= REPORT_DAYS:
            return f"undated report within {REPORT_DAYS} days after {dated['date']}"
        if rep and when and 0 < (when - rep).days <= PLAN_DAYS:
            return f"undated report of a coming event, {(when - rep).days} days before {dated['date']}"
        return None
    ra, rb = _reported(a), _reported(b)
    if ra and rb and abs((ra - rb).days) <= REPORT_DAYS:
        return f"both undated, reported within {REPORT_DAYS} days"
    return None


def why_same(a: dict, b: dict) -> str | None:
    """Why two stored events are one happening, or ``None`` when they are not."""
    if _mentions(a) & _mentions(b):
        return "the same source sentence"
    if family(a["type"]) != family(b["type"]):
        return None
    pa, pb = _keys(a), _keys(b)
    if not pa or not pb:
        return None
    shared = pa & pb
    if not (pa <= pb or pb <= pa or len(shared) >= 2):
        return None
    dates = _dates_compatible(a, b)
    return f"{family(a['type'])}; participants overlap ({len(shared)} shared); {dates}" if dates else None


def _rank(row: dict) -> tuple:
    return (row.get("date") is None, -len(row.get("sources", [])), -len(_keys(row)), row.get("id") or 0)


def independent_outlets(sources: list[dict]) -> int:
    originals = {s.get("wire") or s.get("outlet") or f"a{s.get('article_id')}" for s in sources
                 if s.get("duplicate_of") is None}
    return len(originals) or min(1, len(sources))


def merge_rows(rows: list[dict]) -> list[dict]:
    """``list_events`` rows grouped into one row per happening (see the module docstring), in the
    order of their best row; rows are copied, never changed."""
    groups: list[dict] = []
    for row in sorted(rows, key=_rank):
        for group in groups:
            reason = why_same(group, row)
            if reason:
                _absorb(group, row, reason)
                break
        else:
            groups.append(
                dict(
                    row,
                    sources=list(row.get("sources", [])),
                    participants=list(row.get("participants", [])),
                    merged_from=[],
                )
            )
    changed = True
    while changed:  # a group that grew may now meet another one
        changed = False
        pairs = [(i, j) for i in range(len(groups)) for j in range(i + 1, len(groups))]
        for i, j in pairs:
            reason = why_same(groups[i], groups[j])
            if reason:
                _absorb(groups[i], groups[j], reason)
                groups[i]["merged_from"] += groups[j]["merged_from"]
                del groups[j]
                changed = True
                break
    order = {id(r): i for i, r in enumerate(rows)}
    firsts = {}
    for g in groups:
        firsts[g["key"]] = min(
            [
                order.get(id(r), 0)
                for r in rows
                if r["key"] == g["key"] or r["key"] in {m["key"] for m in g["merged_from"]}
            ]
            or [0]
        )
    groups.sort(key=lambda g: firsts[g["key"]])
    for g in groups:
        g["independent_sources"] = independent_outlets(g["sources"])
    return groups


def _absorb(group: dict, row: dict, reason: str) -> None:
    seen = _mentions(group)
    group["sources"] += [s for s in row.get("sources", []) if (s.get("article_id"), s.get("sentence")) not in seen]
    have = _keys(group)
    group["participants"] += [
        p for p in row.get("participants", []) if (p["key"] if isinstance(p, dict) else p) not in have
    ]
    group["merged_from"].append(
        {"id": row.get("id"), "key": row["key"], "type": row["type"], "date": row.get("date"), "why": reason}
    )
