"""Japanese outlets and wire credits: the outlet a Japanese site name stands for, and the wire
datelines of Japanese agency copy.

``canonical_outlet("読売新聞オンライン") == "読売新聞"``, ``"NHKニュース" -> "NHK"``, ``"日本経済新聞 電子版"
-> "日本経済新聞"``, ``"時事ドットコム" -> "時事通信"``; English editions keep their own site name but
:func:`outlet_group` ties them to the same organisation (``"The Japan News" -> "読売新聞"``).
``split_ja_wire("【北京共同】中国商務省は…（共同）")`` -> ``("北京", "Kyodo", "中国商務省は…")``.
Data: ``storyline/data/ja_outlets.json``.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

from storyline.text.japanese import nfkc

_DATA = Path(__file__).resolve().parents[1] / "data" / "ja_outlets.json"


@lru_cache(maxsize=1)
def _data() -> tuple[dict[str, dict], dict[str, str], re.Pattern]:
    data = json.loads(_DATA.read_text(encoding="utf-8"))
    by_site = {}
    for rec in data["outlets"]:
        for site in [rec["name"], *rec["sites"]]:
            by_site[_fold(site)] = rec
    wires = data["wires"]
    alt = "|".join(re.escape(w) for w in sorted(wires, key=len, reverse=True))
    return by_site, wires, re.compile(rf"^\s*【(?P<place>[^】＝=\s]{{1,12}}?)(?P<wire>{alt})】\s*")


def _fold(name: str) -> str:
    return re.sub(r"\s+", " ", nfkc(name)).strip().lower()


def outlet_record(name: str | None) -> dict | None:
    if not name:
        return None
    return _data()[0].get(_fold(name))


def canonical_outlet(name: str | None) -> str | None:
    """The outlet's usual name for a Japanese-language site name; English editions and unknown
    names come back as given."""
    rec = outlet_record(name)
    if rec is None or not re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", name or "") and _fold(name) != _fold(rec["name"]):
        return name
    return rec["name"]


def outlet_group(name: str | None) -> str | None:
    """The organisation behind a site name in either language (``"Nikkei Asia" -> "日本経済新聞"``)."""
    rec = outlet_record(name)
    return rec["name"] if rec else None


def split_ja_wire(body: str) -> tuple[str | None, str | None, str]:
    """``(place, wire, body)`` for a Japanese agency dateline ``【北京共同】`` / ``【ワシントン時事】``,
    stripped with the matching ``（共同）`` sign-off; ``(None, None, body)`` when there is none."""
    _, wires, pattern = _data()
    m = pattern.match(body or "")
    if not m:
        return None, None, body
    wire = m.group("wire")
    rest = body[m.end():]
    rest = re.sub(rf"\s*[（(]{re.escape(wire)}[）)]\s*$", "", rest)
    return m.group("place"), wires[wire], rest
