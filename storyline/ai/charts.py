"""Briefing charts drawn with matplotlib and returned as inline SVG text (no files, no scripts).

- mentions over time: articles per day naming each of the top entities;
- top entities: horizontal bars of articles per entity;
- entity network: entities as nodes on a circle, an edge per pair named in the same articles
  (width = how many).
"""

from __future__ import annotations

import io
import math
import re
from collections import Counter
from datetime import date

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt

plt.rcParams.update({"font.size": 9, "svg.fonttype": "none", "axes.spines.top": False,
                     "axes.spines.right": False})
PALETTE = ["#1f4e79", "#c0504d", "#4f8a3c", "#8064a2", "#d08a1c", "#2c8c99", "#7f7f7f", "#b5446e"]


def _svg(fig) -> str:
    buf = io.StringIO()
    fig.savefig(buf, format="svg", bbox_inches="tight")
    plt.close(fig)
    text = buf.getvalue()
    text = re.sub(r"^<\?xml[^>]*>\s*", "", text)
    return re.sub(r"<!DOCTYPE[^>]*>\s*", "", text)


def mentions_over_time(series: dict[str, Counter], days: list[date]) -> str | None:
    """``series``: entity name -> Counter(day -> articles)."""
    if not series or not days:
        return None
    fig, ax = plt.subplots(figsize=(6.4, 2.6))
    for i, (name, counts) in enumerate(series.items()):
        ax.plot(days, [counts.get(d, 0) for d in days], marker="o", ms=3, lw=1.6,
                color=PALETTE[i % len(PALETTE)], label=name)
    ax.set_ylabel("articles")
    ax.yaxis.get_major_locator().set_params(integer=True)
    ax.legend(fontsize=7, frameon=False, ncol=2, loc="upper left")
    fig.autofmt_xdate()
    return _svg(fig)


def top_entities(counts: list[tuple[str, int]]) -> str | None:
    if not counts:
        return None
    names = [n for n, _ in counts][::-1]
    values = [c for _, c in counts][::-1]
    fig, ax = plt.subplots(figsize=(6.4, 0.3 * len(counts) + 0.6))
    ax.barh(names, values, color=PALETTE[0])
    ax.set_xlabel("articles")
    ax.xaxis.get_major_locator().set_params(integer=True)
    return _svg(fig)


def entity_network(nodes: list[tuple[str, int]], edges: Counter) -> str | None:
    """``nodes``: (name, articles); ``edges``: Counter((name_a, name_b) -> shared articles)."""
    if len(nodes) < 2:
        return None
    pos = {n: (math.cos(2 * math.pi * i / len(nodes)), math.sin(2 * math.pi * i / len(nodes)))
           for i, (n, _) in enumerate(nodes)}
    fig, ax = plt.subplots(figsize=(5.2, 5.2))
    top = max(edges.values()) if edges else 1
    for (a, b), w in edges.items():
        if a in pos and b in pos:
            ax.plot([pos[a][0], pos[b][0]], [pos[a][1], pos[b][1]], color="#9aa7b4",
                    lw=0.6 + 3.0 * w / top, alpha=0.8, zorder=1)
    biggest = max(c for _, c in nodes) or 1
    for i, (n, c) in enumerate(nodes):
        x, y = pos[n]
        ax.scatter([x], [y], s=80 + 420 * c / biggest, color=PALETTE[i % len(PALETTE)], zorder=2)
        ax.annotate(n, (x, y), xytext=(0, 11), textcoords="offset points", ha="center", fontsize=8, zorder=3)
    ax.set_xlim(-1.45, 1.45)
    ax.set_ylim(-1.3, 1.35)
    ax.axis("off")
    return _svg(fig)
