"""Questions to suggest on /ask, built from what the store holds: offices with a holder, the latest
significant events between two participants, and the top story."""

from __future__ import annotations

from collections import Counter

from storyline.queries.ranking import ranked_candidates

_EVENT_QUESTION = {
    "agreement": "What did {a} and {b} agree?",
    "meeting": "When did {a} and {b} meet?",
    "phone_call": "When did {a} and {b} talk by phone?",
    "summit": "When did {a} and {b} hold a summit?",
    "tariff": "What tariffs did {a} and {b} set?",
    "export_control": "What export controls involve {a} and {b}?",
    "sanction": "What sanctions involve {a} and {b}?",
    "visit": "When did {a} visit {b}?",
}


def suggested_questions(store, k: int = 5) -> list[str]:
    out: list[str] = []
    offices = Counter((r["organization"], r["office"]) for r in store.list_roles(limit=400)
                      if r.get("organization") and r.get("office") and not r.get("flagged"))
    for (org, office), _ in offices.most_common(2):
        out.append(f"Who is {org}{'’' if org.endswith('s') else '’s'} {office}?".replace("’", "'"))
    for ev in store.list_events(limit=80):
        names = [p["name"] for p in ev.get("participants") or []][:2]
        template = _EVENT_QUESTION.get(ev["type"])
        if template and len(names) == 2:
            out.append(template.format(a=names[0], b=names[1]))
        if len(set(out)) >= k - 1:
            break
    top = next((r for r in ranked_candidates(store) if not r.signals.flagged_only and r.signals.title), None)
    if top:
        out.append(f"What is the latest on “{top.signals.title}”?")
    return list(dict.fromkeys(out))[:k]
