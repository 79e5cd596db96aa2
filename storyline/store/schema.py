"""Table definitions (SQLAlchemy Core). The migrations in ``migrations/versions`` create them;
this module is the current shape, used by queries. Change both together, append-only."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.types import TypeDecorator

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)


class UTCDateTime(TypeDecorator):
    """Timezone-aware datetimes stored as UTC on every backend (SQLite keeps no zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        if isinstance(value, str):
            value = datetime.fromisoformat(value)
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


def _now() -> datetime:
    return datetime.now(UTC)


sources = Table(
    "sources", metadata,
    Column("id", Integer, primary_key=True),
    Column("location", Text, nullable=False, unique=True),  # file path, URL, feed URL
    Column("kind", String(20), nullable=False),  # file, url, feed, opml, sitemap, jsonl, warc
    Column("etag", Text),
    Column("last_modified", Text),
    Column("last_fetched_at", UTCDateTime),
    Column("created_at", UTCDateTime, nullable=False, default=_now),
)

raw_pages = Table(
    "raw_pages", metadata,
    Column("id", Integer, primary_key=True),
    Column("source_id", ForeignKey("sources.id"), index=True),
    Column("source", Text, nullable=False),
    Column("url", Text),
    Column("location", Text, nullable=False),  # url or source: the identity of "this page"
    Column("fetched_at", UTCDateTime, nullable=False),
    Column("status", Integer),
    Column("content_type", Text),
    Column("encoding", String(40)),
    Column("kind", String(10), nullable=False),
    Column("content", LargeBinary, nullable=False),
    Column("content_hash", String(64), nullable=False),
    Column("size", Integer, nullable=False),
    Column("headers", JSON),
    Column("feed_entry", JSON),
    Column("outcome", String(40)),  # ok, no-article, empty, decode-error, extract-error
    Column("outcome_message", Text),
    Column("created_at", UTCDateTime, nullable=False, default=_now),
    # processing state: stored -> extracted -> enriched -> done (store/progress.py); a re-run or
    # `storyline resume` finishes every page not done. Rows older than the column read "done".
    Column("state", String(12), nullable=False, default="stored", server_default="done", index=True),
    UniqueConstraint("location", "content_hash", name="uq_raw_pages_location_hash"),
)

articles = Table(
    "articles", metadata,
    Column("id", Integer, primary_key=True),
    Column("key", String(40), nullable=False, unique=True),
    Column("raw_page_id", ForeignKey("raw_pages.id"), index=True),
    Column("url", Text),
    Column("source", Text, nullable=False),
    Column("position", Integer, nullable=False, default=0),
    Column("title", Text),
    Column("title_inferred", Boolean, nullable=False, default=False),
    Column("subtitle", Text),
    Column("outlet", Text, index=True),
    Column("wire", Text),
    Column("authors", JSON, nullable=False, default=list),
    Column("dateline", Text),
    Column("published", UTCDateTime, index=True),
    Column("published_offset", Integer),  # minutes east of UTC the page gave, to show it back
    Column("published_text", Text),
    Column("relative_age", Text),
    Column("fetched_at", UTCDateTime),
    Column("language", String(12), index=True),
    Column("photo_caption", Text),
    Column("body", Text, nullable=False),
    Column("body_hash", String(40), nullable=False, index=True),
    Column("search_title", Text),  # NFKC + kanji/kana bigrams for the full-text index (None: same as title)
    Column("search_body", Text),  # the same for the body (storyline.text.japanese.index_form)
    Column("categories", JSON, nullable=False, default=list),
    Column("tags", JSON, nullable=False, default=list),
    Column("quality_flags", JSON, nullable=False, default=list),
    Column("quality_evidence", JSON, nullable=False, default=dict),
    Column("hashtags", JSON, nullable=False, default=list),
    Column("keyphrases", JSON, nullable=False, default=list),
    Column("topics", JSON, nullable=False, default=list),
    Column("extra", JSON, nullable=False, default=dict),
    Column("version", Integer, nullable=False, default=1),
    Column("story_id", ForeignKey("stories.id"), index=True),
    Column("duplicate_of", ForeignKey("articles.id"), index=True),  # same text published earlier
    Column("enriched_at", UTCDateTime),
    Column("first_seen", UTCDateTime, nullable=False, default=_now),
    Column("updated_at", UTCDateTime, nullable=False, default=_now),
)
Index("ix_articles_sort", articles.c.published, articles.c.id)

article_versions = Table(
    "article_versions", metadata,
    Column("id", Integer, primary_key=True),
    Column("article_id", ForeignKey("articles.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("version", Integer, nullable=False),
    Column("raw_page_id", ForeignKey("raw_pages.id")),
    Column("title", Text),
    Column("body", Text, nullable=False),
    Column("body_hash", String(40), nullable=False),
    Column("created_at", UTCDateTime, nullable=False, default=_now),
    UniqueConstraint("article_id", "version", name="uq_article_versions_article_version"),
)

article_tags = Table(
    "article_tags", metadata,
    Column("article_id", ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("tag", String(120), primary_key=True),
    Column("rank", Integer, nullable=False, default=0),
    Index("ix_article_tags_tag", "tag"),
)

links = Table(
    "links", metadata,
    Column("id", Integer, primary_key=True),
    Column("raw_page_id", ForeignKey("raw_pages.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("position", Integer, nullable=False),
    Column("title", Text, nullable=False),
    Column("url", Text),
    Column("outlet", Text),
    Column("section", Text),
    UniqueConstraint("raw_page_id", "position", name="uq_links_page_position"),
)

problems = Table(
    "problems", metadata,
    Column("id", Integer, primary_key=True),
    Column("run_id", ForeignKey("runs.id"), index=True),
    Column("source", Text, nullable=False),
    Column("stage", String(20), nullable=False),  # ingest, extract, enrich, store
    Column("kind", String(40), nullable=False, index=True),
    Column("message", Text, nullable=False),
    Column("raw_page_id", ForeignKey("raw_pages.id")),
    Column("content", LargeBinary),  # raw bytes of an input that gave no page: nothing is lost
    Column("created_at", UTCDateTime, nullable=False, default=_now),
)

runs = Table(
    "runs", metadata,
    Column("id", Integer, primary_key=True),
    Column("command", Text, nullable=False),
    Column("started_at", UTCDateTime, nullable=False, default=_now),
    Column("finished_at", UTCDateTime),
    Column("summary", JSON),
)

entities = Table(
    "entities", metadata,
    Column("id", Integer, primary_key=True),
    Column("key", String(200), nullable=False, unique=True),
    Column("name", Text, nullable=False),
    Column("type", String(20), nullable=False, index=True),
    Column("attrs", JSON, nullable=False, default=dict),
)

entity_aliases = Table(
    "entity_aliases", metadata,
    Column("entity_id", ForeignKey("entities.id", ondelete="CASCADE"), primary_key=True),
    Column("alias", String(300), primary_key=True),
    Index("ix_entity_aliases_alias", "alias"),
)

mentions = Table(
    "mentions", metadata,
    Column("id", Integer, primary_key=True),
    Column("article_id", ForeignKey("articles.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("entity_id", ForeignKey("entities.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("text", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("sentence", Text, nullable=False),
    Column("label", String(40)),
    Column("metonym", Boolean, nullable=False, default=False),
)

roles = Table(
    "roles", metadata,
    Column("id", Integer, primary_key=True),
    Column("article_id", ForeignKey("articles.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("person_id", ForeignKey("entities.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("office", Text, nullable=False, index=True),
    Column("organization_id", ForeignKey("entities.id", ondelete="SET NULL"), index=True),
    Column("organization", Text),
    Column("as_of", UTCDateTime),
    Column("status", String(20), nullable=False, default="current"),
    Column("sentence", Text, nullable=False),
    Column("flagged", Boolean, nullable=False, default=False),  # from a quality-flagged article
)

events = Table(
    "events", metadata,
    Column("id", Integer, primary_key=True),
    Column("key", String(40), nullable=False, unique=True),
    Column("type", String(40), nullable=False, index=True),
    Column("plover", String(20)),
    Column("date", String(10), index=True),  # ISO date, or YYYY-MM for month precision
    Column("date_text", Text),
    Column("date_note", Text),
    Column("place", Text),
    Column("status", String(20), nullable=False, default="happened"),
    Column("attrs", JSON, nullable=False, default=dict),
    Column("first_seen", UTCDateTime, nullable=False, default=_now),
)

event_participants = Table(
    "event_participants", metadata,
    Column("event_id", ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    Column("entity_id", ForeignKey("entities.id", ondelete="CASCADE"), primary_key=True),
    Index("ix_event_participants_entity", "entity_id"),
)

event_sources = Table(
    "event_sources", metadata,
    Column("event_id", ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    Column("article_id", ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("sentence", Text, nullable=False),
    Column("date_text", Text),
    Column("status", String(20)),
    Column("flagged", Boolean, nullable=False, default=False),
    Index("ix_event_sources_article", "article_id"),
)

stories = Table(
    "stories", metadata,
    Column("id", Integer, primary_key=True),
    Column("title", Text, nullable=False),
    Column("first_seen", UTCDateTime),
    Column("updated", UTCDateTime, index=True),
    Column("article_count", Integer, nullable=False, default=0),
    Column("outlet_count", Integer, nullable=False, default=0),
    Column("attrs", JSON, nullable=False, default=dict),
    Column("created_at", UTCDateTime, nullable=False, default=_now),
)

story_changes = Table(
    "story_changes", metadata,
    Column("id", Integer, primary_key=True),
    Column("kind", String(20), nullable=False),  # merge, split
    Column("from_story", Integer),
    Column("into_story", Integer),
    Column("detail", JSON),
    Column("at", UTCDateTime, nullable=False, default=_now),
)

story_vectors = Table(  # what the incremental story index needs to be rebuilt without re-parsing
    "story_vectors", metadata,
    Column("article_id", ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("data", JSON, nullable=False),
)

kv = Table(
    "kv", metadata,
    Column("key", String(200), primary_key=True),
    Column("value", JSON),
)

# -- social (migration 0003): accounts, comments, watchlists, reads
users = Table(
    "users", metadata,
    Column("id", Integer, primary_key=True),
    Column("username", String(40), nullable=False, unique=True),
    Column("password_hash", Text, nullable=False),
    Column("is_admin", Boolean, nullable=False, default=False),
    Column("feed_token", String(64), nullable=False, unique=True),  # secret in the personal feed URL
    Column("created_at", UTCDateTime, nullable=False, default=_now),
)

comments = Table(
    "comments", metadata,
    Column("id", Integer, primary_key=True),
    Column("target_type", String(10), nullable=False),  # article, story
    Column("target_id", Integer, nullable=False),
    Column("user_id", ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("body", Text, nullable=False),  # plain text as typed; escaped when shown
    Column("status", String(10), nullable=False, default="visible"),  # visible, pending, hidden, deleted
    Column("spam_score", Float, nullable=False, default=0.0),
    Column("spam_reasons", JSON, nullable=False, default=list),
    Column("created_at", UTCDateTime, nullable=False, default=_now),
    Column("edited_at", UTCDateTime),
    Index("ix_comments_target", "target_type", "target_id"),
)

watchlists = Table(
    "watchlists", metadata,
    Column("id", Integer, primary_key=True),
    Column("user_id", ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("name", String(100), nullable=False),
    Column("webhook_url", Text),
    Column("created_at", UTCDateTime, nullable=False, default=_now),
    Column("digest", String(10), nullable=False, default="instant"),  # instant, hourly, daily
    Column("last_delivered_at", UTCDateTime),
)

watch_rules = Table(
    "watch_rules", metadata,
    Column("id", Integer, primary_key=True),
    Column("watchlist_id", ForeignKey("watchlists.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("kind", String(10), nullable=False),  # tag, entity, search
    Column("value", Text, nullable=False),  # tag name, entity id, or search query
    Column("label", Text, nullable=False),
    Column("last_article_id", Integer, nullable=False, default=0),  # articles above this are new
    Column("created_at", UTCDateTime, nullable=False, default=_now),
)

watch_matches = Table(
    "watch_matches", metadata,
    Column("id", Integer, primary_key=True),
    Column("rule_id", ForeignKey("watch_rules.id", ondelete="CASCADE"), nullable=False),
    Column("watchlist_id", ForeignKey("watchlists.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("article_id", ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("matched_at", UTCDateTime, nullable=False, default=_now),
    Column("delivered_at", UTCDateTime),
    UniqueConstraint("rule_id", "article_id", name="uq_watch_matches_rule_article"),
)

reads = Table(
    "reads", metadata,
    Column("id", Integer, primary_key=True),
    Column("article_id", ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("user_id", Integer),
    Column("at", UTCDateTime, nullable=False, default=_now),
    Index("ix_reads_at_article", "at", "article_id"),
)
Index("ix_mentions_entity_article", mentions.c.entity_id, mentions.c.article_id)
Index("ix_article_tags_tag_article", article_tags.c.tag, article_tags.c.article_id)

# --- subscriptions and the scheduler that polls them (migration 0018)

subscriptions = Table(
    "subscriptions", metadata,
    Column("id", Integer, primary_key=True),
    Column("url", Text, nullable=False, unique=True),  # a feed, sitemap or page URL polled on its own interval
    Column("title", Text),
    Column("interval_s", Integer, nullable=False, default=1800),
    Column("paused", Boolean, nullable=False, default=False),
    Column("created_at", UTCDateTime, nullable=False, default=_now),
    Column("next_check_at", UTCDateTime, nullable=False, index=True),
    Column("last_checked_at", UTCDateTime),
    Column("last_success_at", UTCDateTime),
    Column("last_status", String(20)),  # ok, not-modified, error
    Column("last_error", Text),
    Column("consecutive_errors", Integer, nullable=False, default=0),
    Column("last_new_articles", Integer, nullable=False, default=0),
    Column("total_new_articles", Integer, nullable=False, default=0),
    Column("checks", Integer, nullable=False, default=0),
    Column("lease_owner", String(80)),  # the scheduler process polling it now
    Column("lease_until", UTCDateTime),
)

scheduler_state = Table(
    "scheduler_state", metadata,
    Column("owner", String(80), primary_key=True),  # one row per scheduler process
    Column("pid", Integer),
    Column("hostname", Text),
    Column("started_at", UTCDateTime, nullable=False, default=_now),
    Column("heartbeat_at", UTCDateTime, nullable=False, default=_now),
    Column("state", String(20), nullable=False),  # idle, polling, stopped
    Column("poll_s", Float, nullable=False),
    Column("last_batch", JSON, nullable=False, default=dict),
)

# --- per-user article marks: read, starred, saved for later (migration 0017)
article_marks = Table(
    "article_marks", metadata,
    Column("user_id", ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
    Column("article_id", ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("read_at", UTCDateTime),
    Column("starred_at", UTCDateTime),
    Column("saved_at", UTCDateTime),
    Index("ix_article_marks_user_starred", "user_id", "starred_at"),
    Index("ix_article_marks_user_saved", "user_id", "saved_at"),
)

# --- what several server processes share (migration 0019)

app_secrets = Table(
    "app_secrets", metadata,
    Column("name", String(40), primary_key=True),  # e.g. "session": the key signing cookies and CSRF tokens
    Column("value", Text, nullable=False),
    Column("created_at", UTCDateTime, nullable=False, default=_now),
)

rate_buckets = Table(
    "rate_buckets", metadata,
    Column("bucket", String(40), primary_key=True),  # login, login_account, register, post
    Column("key", String(200), primary_key=True),  # an address, an account, a user
    Column("tokens", Float, nullable=False),
    Column("updated_at", Float, nullable=False),  # seconds since the epoch
)
