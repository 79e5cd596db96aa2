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
import textwrap
from collections import Counter
from datetime import date

import matplotlib

matplotlib.use("Agg")
import matplotlib.dates as mdates
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


def _short(name: str, width: int = 26) -> str:
    """A label cut to ``width`` characters (with an ellipsis) so long entity names cannot run into
    their neighbours; the full name stays in the SVG as the element's title."""
    return name if len(name) <= width else name[: width - 1].rstrip() + "…"


def _wrapped(name: str, width: int = 16) -> str:
    return "\n".join(textwrap.wrap(_short(name, 2 * width), width)) or name


def mentions_over_time(series: dict[str, Counter], days: list[date]) -> str | None:
    """``series``: entity name -> Counter(day -> articles)."""
    fig = mentions_figure(series, days)
    return _svg(fig) if fig is not None else None


def mentions_figure(series: dict[str, Counter], days: list[date]):
    """Lines per entity; the legend sits below the axes (never over the lines) and the date axis
    keeps at most eight short labels, so neither overlaps however long the window."""
    if not series or not days:
        return None
    fig, ax = plt.subplots(figsize=(6.4, 2.9))
    for i, (name, counts) in enumerate(series.items()):
        ax.plot(days, [counts.get(d, 0) for d in days], marker="o", ms=3, lw=1.6,
                color=PALETTE[i % len(PALETTE)], label=_short(name))
    ax.set_ylabel("articles")
    ax.yaxis.get_major_locator().set_params(integer=True)
    locator = mdates.AutoDateLocator(minticks=2, maxticks=8)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%b %d"))
    ax.tick_params(axis="x", labelsize=7)
    ax.legend(fontsize=7, frameon=False, ncol=min(3, len(series)), loc="upper center",
              bbox_to_anchor=(0.5, -0.16))
    return fig


def top_entities(counts: list[tuple[str, int]]) -> str | None:
    fig = top_entities_figure(counts)
    return _svg(fig) if fig is not None else None


def top_entities_figure(counts: list[tuple[str, int]]):
    """Horizontal bars, one row per entity (rows 0.3 in apart, labels cut to one line)."""
    if not counts:
        return None
    names = [_short(n, 30) for n, _ in counts][::-1]
    values = [c for _, c in counts][::-1]
    fig, ax = plt.subplots(figsize=(6.4, 0.3 * len(counts) + 0.6))
    ax.barh(range(len(names)), values, color=PALETTE[0])
    ax.set_yticks(range(len(names)), names, fontsize=8)
    ax.set_xlabel("articles")
    ax.xaxis.get_major_locator().set_params(integer=True)
    return fig


def entity_network(nodes: list[tuple[str, int]], edges: Counter) -> str | None:
    """``nodes``: (name, articles); ``edges``: Counter((name_a, name_b) -> shared articles)."""
    fig = network_figure(nodes, edges)
    return _svg(fig) if fig is not None else None


def network_figure(nodes: list[tuple[str, int]], edges: Counter):
    """Entities on a circle, each label placed radially outside its node and aligned away from
    the centre (left half right-aligned, right half left-aligned), wrapped to short lines: labels
    never sit on edges, nodes or each other for up to 16 nodes."""
    if len(nodes) < 2:
        return None
    nodes = nodes[:16]
    angle = {n: math.pi / 2 - 2 * math.pi * i / len(nodes) for i, (n, _) in enumerate(nodes)}
    pos = {n: (math.cos(a), math.sin(a)) for n, a in angle.items()}
    fig, ax = plt.subplots(figsize=(6.4, 6.4))
    top = max(edges.values()) if edges else 1
    for (a, b), w in edges.items():
        if a in pos and b in pos:
            ax.plot([pos[a][0], pos[b][0]], [pos[a][1], pos[b][1]], color="#9aa7b4",
                    lw=0.6 + 3.0 * w / top, alpha=0.8, zorder=1)
    biggest = max(c for _, c in nodes) or 1
    for i, (n, c) in enumerate(nodes):
        x, y = pos[n]
        ax.scatter([x], [y], s=60 + 300 * c / biggest, color=PALETTE[i % len(PALETTE)], zorder=2)
        dx, dy = math.cos(angle[n]), math.sin(angle[n])
        ha = "center" if abs(dx) < 0.3 else ("left" if dx > 0 else "right")
        va = "center" if abs(dy) < 0.3 else ("bottom" if dy > 0 else "top")
        ax.annotate(_wrapped(n), (x, y), xytext=(16 * dx, 16 * dy), textcoords="offset points",
                    ha=ha, va=va, fontsize=7.5, zorder=3, linespacing=1.0)
    ax.set_xlim(-1.9, 1.9)
    ax.set_ylim(-1.6, 1.6)
    ax.set_aspect("equal")
    ax.axis("off")
    return fig
