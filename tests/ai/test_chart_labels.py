"""Briefing charts: no label runs into another, measured on the drawn figure (text extents in
display space), with long names and many nodes or days."""

from __future__ import annotations

import itertools
from collections import Counter
from datetime import date, timedelta

from storyline.ai import charts

LONG = ["Ministry of Economy, Trade and Industry", "People's Republic of China", "European Commission",
        "Japan Coast Guard", "International Atomic Energy Agency", "Kishida Fumio", "Lee Jae-myung",
        "Taiwan Semiconductor Manufacturing Company", "United States Department of Commerce",
        "North Atlantic Treaty Organization", "Association of Southeast Asian Nations", "Xi Jinping",
        "Ministry of Foreign Affairs of Japan", "Democratic People's Republic of Korea", "Tokyo", "G7"]


def _boxes(fig, texts):
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    return [(t.get_text(), t.get_window_extent(renderer)) for t in texts if t.get_text().strip() and t.get_visible()]


def _marker_box(fig, ax, collection):
    """The display-space box of a one-point scatter marker (its area ``s`` is in points²)."""
    from matplotlib.transforms import Bbox

    (x, y), = ax.transData.transform(collection.get_offsets())
    r = (collection.get_sizes()[0] / 3.14159) ** 0.5 * fig.dpi / 72
    return Bbox([[x - r, y - r], [x + r, y + r]])


def _overlaps(boxes):
    return [(a, b) for (a, ba), (b, bb) in itertools.combinations(boxes, 2) if ba.overlaps(bb)]


def test_network_labels_do_not_overlap_each_other_or_nodes():
    for n in (2, 5, 8, 12, 16):
        nodes = [(name, 10 - i % 7) for i, name in enumerate(LONG[:n])]
        edges = Counter(
            {(a, b): 1 + i % 3 for i, (a, b) in enumerate(itertools.combinations([x for x, _ in nodes], 2))}
        )
        fig = charts.network_figure(nodes, edges)
        ax = fig.axes[0]
        labels = _boxes(fig, ax.texts)
        assert len(labels) == n
        assert _overlaps(labels) == [], f"{n} nodes"
        # no label sits on a node marker
        markers = [_marker_box(fig, ax, c) for c in ax.collections]
        assert not [name for name, box in labels for m in markers if box.overlaps(m)], f"{n} nodes"


def test_old_layout_would_have_failed_the_same_check():
    """The check can fail: labels centred just above nodes (the previous layout) collide."""
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(5.2, 5.2))
    import math

    for i, name in enumerate(LONG[:12]):
        x, y = math.cos(2 * math.pi * i / 12), math.sin(2 * math.pi * i / 12)
        ax.annotate(name, (x, y), xytext=(0, 11), textcoords="offset points", ha="center", fontsize=8)
    ax.set_xlim(-1.45, 1.45)
    ax.set_ylim(-1.3, 1.35)
    assert _overlaps(_boxes(fig, ax.texts))
    plt.close(fig)


def test_date_axis_and_legend_do_not_overlap():
    for span in (1, 7, 30, 90):
        days = [date(2026, 1, 1) + timedelta(days=i) for i in range(span + 1)]
        series = {name: Counter({d: (i + k) % 4 for k, d in enumerate(days)}) for i, name in enumerate(LONG[:6])}
        fig = charts.mentions_figure(series, days)
        ax = fig.axes[0]
        ticks = _boxes(fig, ax.get_xticklabels())
        assert 1 <= len(ticks) <= 9
        assert _overlaps(ticks) == [], f"{span} days"
        legend = _boxes(fig, ax.get_legend().get_texts())
        assert _overlaps(legend) == []
        plot_area = ax.get_window_extent(fig.canvas.get_renderer())
        assert not [t for t, box in legend if box.overlaps(plot_area)], f"{span} days: legend over the lines"


def test_bar_labels_do_not_overlap():
    fig = charts.top_entities_figure([(name, 20 - i) for i, name in enumerate(LONG)])
    assert _overlaps(_boxes(fig, fig.axes[0].get_yticklabels())) == []
    svg = charts.top_entities([(LONG[0], 3), (LONG[1], 2)])
    assert svg.lstrip().startswith("<svg") and "Ministry of Economy" in svg
