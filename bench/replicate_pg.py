"""Grow a PostgreSQL bench store from ``base`` distinct synthetic articles to ``n`` by server-side copies.

Generating every article in Python (bench/synth.py) and streaming it with COPY costs ~1 ms of Python and
~1-1.5 ms of server time (mostly the stored ``search_vector``) per article, so 1M distinct articles took
about 3 hours on the shared machine. Here the first ``base`` articles are built that way and the rest are
``INSERT ... SELECT`` copies of them, made inside the server. Copy ``k`` (1, 2, ...) of base article ``i``
(and of its story, country mentions and hashtags):

- gets id ``i + k * base``, story id ``story + k * stories``, a new key, url and body hash;
- has its vocabulary rotated in title and body: each commodity and industry name of the synthetic
  vocabulary becomes the name ``k`` places further in its list (so "gallium" in copy 1 reads
  "germanium"), so copies are not byte-identical and a word's matches differ from copy to copy, while
  every word keeps about the same frequency in the store;
- is dated 1 minute to 14 days earlier than its original, the same shift for a whole story (a story's
  articles keep their spacing), so the store spans the base's dates (~11.5 years for a 100k base) with
  ``n / base`` times the articles per day, and the newest article stays near "now";
- has its ``search_vector`` computed by the server as for any insert (it is a STORED generated column).

Mention offsets (``start``/``end``) are copied as they are, so after a rotation that changes a name's
length they can be off by a few characters (only the AI evidence step reads them; the bench does not).
Foreign-key triggers are off for the copies (``session_replication_role = replica``, rows consistent by
construction) and ``verify`` checks every reference afterwards with anti-joins.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from sqlalchemy import create_engine, text
from synth import COMMODITIES, INDUSTRIES

VOCAB = [COMMODITIES, INDUSTRIES]  # 99.7% of the synthetic bodies name at least one of them
CHUNK = 25_000
SHIFT_MINUTES = 14 * 24 * 60


def rotate_sql(expr: str, k: int) -> str:
    """SQL that maps each vocabulary name in ``expr`` to the name ``k`` places on in its list, all at once
    (names first become placeholders, then targets, so a target is never replaced again)."""
    pairs = [(name, f"\x01{g}.{i}\x02", names[(i + k) % len(names)])
             for g, names in enumerate(VOCAB) for i, name in enumerate(names)]
    pairs = [p for p in pairs if p[0] != p[2]]
    for name, mark, _ in sorted(pairs, key=lambda p: -len(p[0])):  # longer names first
        expr = f"replace({expr}, '{name}', E'{mark.encode('unicode_escape').decode()}')"
    for _, mark, target in pairs:
        expr = f"replace({expr}, E'{mark.encode('unicode_escape').decode()}', '{target}')"
    return expr


def _columns(conn, table: str, skip: set[str]) -> list[str]:
    rows = conn.execute(text(
        "SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = :t "
        "AND is_generated = 'NEVER' ORDER BY ordinal_position"), {"t": table}).scalars()
    return [c for c in rows if c not in skip]


def _q(names: list[str]) -> str:
    return ", ".join(f'"{c}"' for c in names)


def replicate(url: str, base: int, n: int, log: Callable[[str], None] = print) -> dict:
    """Copies of articles 1..``base`` (ids must be 1..base, stories 1..S) until ``n`` articles are stored."""
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    t0 = time.perf_counter()
    with engine.connect() as conn:
        conn.execute(text("SET session_replication_role = replica"))
        conn.execute(text("SET synchronous_commit = off"))
        have = conn.execute(text("SELECT count(*), max(id) FROM articles")).one()
        assert tuple(have) == (base, base), f"expected articles 1..{base}, found {tuple(have)}"
        stories_n = conn.execute(text("SELECT max(id) FROM stories")).scalar()
        a_cols = _columns(conn, "articles", {"id", "key", "url", "title", "body", "body_hash", "published",
                                             "fetched_at", "first_seen", "updated_at", "story_id"})
        m_cols = _columns(conn, "mentions", {"id", "article_id"})
        t_cols = _columns(conn, "article_tags", {"article_id"})
        s_cols = _columns(conn, "stories", {"id", "title", "first_seen", "updated"})

        def shift(col: str, k: int) -> str:  # the same for every article of a story
            return f"make_interval(mins => 1 + (({col} * 7919 + {k} * 104729) % {SHIFT_MINUTES}))"

        copies = -(-n // base) - 1
        for k in range(1, copies + 1):
            top = min(base, n - k * base)  # the last copy may be partial
            off, s_off = k * base, k * stories_n
            conn.execute(text(
                f"INSERT INTO stories (id, title, first_seen, updated, {_q(s_cols)}) "
                f"SELECT id + {s_off}, {rotate_sql('title', k)}, first_seen - {shift('id', k)}, "
                f"updated - {shift('id', k)}, {_q(s_cols)} FROM stories WHERE id <= {stories_n}"))
            for lo in range(0, top, CHUNK):
                hi = min(top, lo + CHUNK)
                body = rotate_sql("body", k)
                sh = shift("story_id", k)
                conn.execute(text(
                    f"INSERT INTO articles (id, key, url, title, body, body_hash, published, fetched_at, "
                    f"first_seen, updated_at, story_id, {_q(a_cols)}) "
                    f"SELECT id + {off}, md5(key || '#{k}'), url || '-{k}', {rotate_sql('title', k)}, b, "
                    f"left(encode(sha256(convert_to(b, 'UTF8')), 'hex'), 40), published - {sh}, "
                    f"fetched_at - {sh}, first_seen - {sh}, updated_at - {sh}, story_id + {s_off}, {_q(a_cols)} "
                    f"FROM (SELECT *, {body} AS b FROM articles WHERE id > {lo} AND id <= {hi}) a"))
                conn.execute(text(
                    f"INSERT INTO mentions (article_id, {_q(m_cols)}) SELECT article_id + {off}, {_q(m_cols)} "
                    f"FROM mentions WHERE article_id > {lo} AND article_id <= {hi}"))
                conn.execute(text(
                    f"INSERT INTO article_tags (article_id, {_q(t_cols)}) SELECT article_id + {off}, "
                    f"{_q(t_cols)} FROM article_tags WHERE article_id > {lo} AND article_id <= {hi}"))
                done = off + hi
                rate = (done - base) / (time.perf_counter() - t0)
                log(f"  copy {k}: {done:,} articles ({rate:,.0f}/s)")
            # stories never reached by a partial last copy stay empty: remove them as a build would not make them
            conn.execute(text(
                f"DELETE FROM stories s WHERE s.id > {s_off} AND NOT EXISTS "
                "(SELECT 1 FROM articles a WHERE a.story_id = s.id)"))
    engine.dispose()
    return {"base": base, "copies": copies, "replicate_s": time.perf_counter() - t0}


CHECKS = {
    "articles.story_id": "SELECT count(*) FROM articles a WHERE a.story_id IS NOT NULL AND NOT EXISTS "
                         "(SELECT 1 FROM stories s WHERE s.id = a.story_id)",
    "mentions.article_id": "SELECT count(*) FROM mentions m WHERE NOT EXISTS "
                           "(SELECT 1 FROM articles a WHERE a.id = m.article_id)",
    "mentions.entity_id": "SELECT count(*) FROM mentions m WHERE NOT EXISTS "
                          "(SELECT 1 FROM entities e WHERE e.id = m.entity_id)",
    "article_tags.article_id": "SELECT count(*) FROM article_tags t WHERE NOT EXISTS "
                               "(SELECT 1 FROM articles a WHERE a.id = t.article_id)",
}


def verify(url: str) -> None:
    """Every reference the skipped foreign-key triggers would have checked resolves."""
    engine = create_engine(url)
    with engine.connect() as conn:
        conn.execute(text("SET work_mem = '256MB'"))
        bad = {name: conn.execute(text(sql)).scalar() for name, sql in CHECKS.items()}
    engine.dispose()
    assert not any(bad.values()), f"dangling references: {bad}"
