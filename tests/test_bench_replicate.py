"""bench/replicate_pg.py: the 1M bench store's server-side copies are distinct, consistent and dated like
their originals (PostgreSQL)."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

BENCH = Path(__file__).resolve().parents[1] / "bench"


@pytest.mark.postgres
def test_copies_shift_ids_rotate_words_and_keep_references(pg_url, monkeypatch):
    monkeypatch.syspath_prepend(str(BENCH))
    for name in ("bench_web", "replicate_pg", "synth"):
        sys.modules.pop(name, None)
    import bench_web
    import replicate_pg

    bench_web.build(pg_url, 60)
    out = replicate_pg.replicate(pg_url, 60, 150, log=lambda msg: None)
    assert out["copies"] == 2
    replicate_pg.verify(pg_url)
    engine = create_engine(pg_url)
    with engine.connect() as conn:
        ids = conn.execute(text("SELECT min(id), max(id), count(*), count(DISTINCT key) FROM articles")).one()
        assert tuple(ids) == (1, 150, 150, 150)
        stories = conn.execute(text("SELECT max(id) FROM stories WHERE id <= (SELECT max(story_id) FROM articles "
                                    "WHERE id <= 60)")).scalar()
        rows = conn.execute(text(
            "SELECT o.body, c.body, o.story_id, c.story_id, o.published - c.published, c.search_vector::text, "
            "(SELECT count(*) FROM mentions WHERE article_id = o.id), (SELECT count(*) FROM mentions "
            "WHERE article_id = c.id) FROM articles o JOIN articles c ON c.id = o.id + 60 WHERE o.id <= 60 "
            "ORDER BY o.id")).all()
        same_story_shift = conn.execute(text(
            "SELECT count(DISTINCT o.published - c.published) FROM articles o JOIN articles c ON c.id = o.id + 60 "
            "WHERE o.id <= 60 GROUP BY o.story_id ORDER BY 1 DESC LIMIT 1")).scalar()
        partial = conn.execute(text("SELECT count(*) FROM articles WHERE id > 120")).scalar()
    engine.dispose()
    assert partial == 30  # the last copy stops at 150
    rotated = {name: group[(i + 1) % len(group)] for group in replicate_pg.VOCAB for i, name in enumerate(group)}
    names = re.compile("|".join(re.escape(n) for n in sorted(rotated, key=len, reverse=True)))
    differ = 0
    for body, copy, story, copy_story, shift, vector, mentions, copy_mentions in rows:
        assert copy_story == story + stories
        assert 60 <= shift.total_seconds() <= 14 * 24 * 3600  # 1 minute to 14 days earlier
        assert mentions == copy_mentions
        differ += body != copy
        assert copy == names.sub(lambda m: rotated[m.group(0)], body)  # each name became the next in its list
        assert vector  # computed by the server for the copy's own text
    assert differ >= 0.9 * len(rows)
    assert same_story_shift == 1  # a story's articles move together
