"""Wires the stories stage to the store: duplicates and incremental story assignment.

The stories stage keeps its state in memory (:class:`StoryIndex`, :class:`NearDupIndex`). When a
pipeline starts, that state is rebuilt from the store, but only for articles inside the index's
time window of the newest article: older stories cannot take new articles anyway, so start-up
cost does not grow with the archive.

Per round: near-duplicates are marked; with the ``embeddings`` setting on, the round's title+lead
embeddings are computed in one call (and kept in ``story_vectors`` so a restart does not re-encode
them); each article is assigned; then the repairs run and are recorded as story changes:
``split_pass`` over the touched stories (articles that drifted apart from the rest: "split") and
``merge_pass`` across the time window (two stories that turned out to be one: "merge").
"""

from __future__ import annotations

import base64
import logging
import uuid
from datetime import datetime, timedelta

from storyline.config import Settings
from storyline.models import normalize_text
from storyline.store import Store
from storyline.stories import StoryDoc
from storyline.stories.cluster import ClusterParams, StoryIndex
from storyline.stories.crosslang import CrossLingual, doc_facts, learn_aliases
from storyline.stories.dedup import NearDupIndex, text_fingerprint
from storyline.stories.doc import story_docs
from storyline.stories.embed import MODEL_NAME, embed_docs, load_embedder, pack, unpack

log = logging.getLogger(__name__)
GENERATION = "stories.generation"  # changed by every assignment round: "someone else assigned since"


class StoryAssigner:
    """Assigns articles to stories; safe with other processes assigning into the same store.

    Story ids come from the database (the ``stories`` table's own sequence), and each round runs
    in one transaction (all its story writes land, or none) under ``store.story_lock()``: if
    another process assigned since this one last did (the ``stories.generation`` value changed),
    the in-memory index is rebuilt from the store first, so both see the same stories and the
    result is that of running the rounds one after another.
    """

    def __init__(self, store: Store, *, embeddings: bool | None = None, links: bool | None = None):
        self.store = store
        settings = Settings()
        self.embedder = load_embedder(settings.embeddings if embeddings is None else embeddings)
        self.links = settings.story_links if links is None else links
        with store.story_lock():
            self._reset()
            self._generation = store.get_value(GENERATION)

    def _reset(self) -> None:
        if self.embedder is not None:
            params = ClusterParams.with_embeddings()
        else:
            params = ClusterParams.learned() if self.links else ClusterParams()
        self.index = StoryIndex(params, new_id=self._new_story_id)
        self.dups = NearDupIndex()
        self.prints: dict[str, int] = {}
        self._remembered: dict[int, tuple[str, float | None]] = {}  # article -> (fingerprint, time)
        self._newest: datetime | None = None  # the newest article time seen: the window's anchor
        self.cross = CrossLingual()
        self._joined_across: set[int] = set()
        self._rebuild()

    def _new_story_id(self) -> int:
        return self.store.create_story("(untitled)")  # titled and dated by refresh_story at the round's end

    def _rebuild(self) -> None:
        newest = self.store.list_articles(limit=1)
        if not newest:
            return
        anchor = newest[0]["published"] or newest[0]["fetched_at"]
        since = anchor - timedelta(days=self.index.p.window_days) if anchor else None
        rows = [row for row in self.store.iter_articles(since=since) if row["story_id"] is not None]
        docs = story_docs(self.store, rows)
        if self.embedder is not None:
            self._load_embeddings(docs)
        for row, doc in zip(rows, docs, strict=True):
            self.index.add_existing(doc, row["story_id"])
            self.cross.observe(doc_facts(doc, self.store.article_event_facts(doc.article_id)), row["story_id"])
            self._remember(doc)
        log.info("story index rebuilt from %d stored articles", len(docs))

    def _load_embeddings(self, docs: list[StoryDoc]) -> None:
        """Stored embeddings for ``docs``; the missing ones are encoded in one batch and stored."""
        stored = {}
        wanted = {d.article_id for d in docs}
        for row in self.store.iter_story_vectors():
            data = row.data or {}
            if row.article_id in wanted and data.get("model") == MODEL_NAME and data.get("embedding"):
                stored[row.article_id] = unpack(base64.b64decode(data["embedding"]))
        for doc in docs:
            doc.embedding = stored.get(doc.article_id)
        self._embed([d for d in docs if d.embedding is None])

    def _embed(self, docs: list[StoryDoc]) -> None:
        embed_docs(self.embedder, docs)
        for doc in docs:
            if doc.embedding is not None:
                data = {"model": MODEL_NAME, "embedding": base64.b64encode(pack(doc.embedding)).decode("ascii")}
                self.store.save_story_vector(doc.article_id, data)

    def _remember(self, doc: StoryDoc) -> None:
        fingerprint = text_fingerprint(doc.body)
        self.prints.setdefault(fingerprint, doc.article_id)
        self.dups.add(doc.article_id, doc.body)
        when = doc.when
        self._remembered[doc.article_id] = (fingerprint, when.timestamp() if when else None)
        if when is not None and (self._newest is None or when > self._newest):
            self._newest = when

    def _prune(self) -> int:
        """Forget what left the time window of the newest article seen, as a restart would (it
        loads only that window): stories, their vectors and cross-language profiles, MinHash
        signatures and fingerprints. Memory then follows the window, not the length of the run."""
        if self._newest is None:
            return 0
        cutoff = self._newest - timedelta(days=self.index.p.window_days)
        before = set(self.index.stories)
        self.index.prune(cutoff)
        self.cross.forget(before - set(self.index.stories))
        limit = cutoff.timestamp()
        old = [aid for aid, (_, ts) in self._remembered.items() if ts is not None and ts < limit]
        for aid in old:
            fingerprint, _ = self._remembered.pop(aid)
            self.dups.remove(aid)
            if self.prints.get(fingerprint) == aid:
                del self.prints[fingerprint]
        return len(old)

    def _duplicate_of(self, doc: StoryDoc) -> int | None:
        """An earlier article with the same (or nearly the same) text, if any."""
        exact = self.prints.get(text_fingerprint(doc.body))
        if exact is not None and exact != doc.article_id:
            return exact
        if len(normalize_text(doc.body)) < 200:  # too short to call a near-duplicate
            return None
        hits = [k for k in self.dups.query(doc.body) if k != doc.article_id]
        return min(hits) if hits else None

    def _place(self, doc: StoryDoc) -> tuple[int, bool]:
        """The monolingual clusterer first; when it finds no story of the doc's own language, the
        cross-language signal (:mod:`storyline.stories.crosslang`) may join a story of another."""
        facts = doc_facts(doc, self.store.article_event_facts(doc.article_id))
        cross = self.cross.best(facts)
        if cross is not None:
            if self.index.placement(doc) is None:  # no story of its own language would take it
                self.index.add_existing(doc, cross[0])
                self.cross.observe(facts, cross[0])
                self._joined_across.add(cross[0])
                return cross[0], False
        sid, is_new = self.index.assign(doc)
        self.cross.observe(facts, sid)
        return sid, is_new

    def _learn_aliases(self, story_id: int) -> None:
        """People a Japanese report names only in its script become the English report's person."""
        people = self.store.story_people_roles(story_id)
        for src, dst, why in learn_aliases(people):
            arts = sorted({p["article_id"] for p in people if p["key"] == src})
            alias = next(p["name"] for p in people if p["key"] == src)
            if self.store.merge_person_into(src, dst, arts, alias.split(" (")[0]):
                log.info("story %d: %s is %s (%s)", story_id, src, dst, why)

    def assign(self, article_ids: list[int]) -> int:
        """Put each article in a story; returns how many new stories were started."""
        with self.store.story_lock():
            if self.store.get_value(GENERATION) != self._generation:
                log.info("stories changed in another process: rebuilding the story index")
                self._reset()
            try:
                with self.store.transaction():  # the round's story writes: all or none
                    new_stories = self._assign(article_ids)
                    generation = uuid.uuid4().hex
                    self.store.set_value(GENERATION, generation)
            except BaseException:
                self._generation = "(rolled back)"  # the index in memory is ahead of the store: rebuild
                raise
            self._generation = generation
            return new_stories

    def _assign(self, article_ids: list[int]) -> int:
        touched: set[int] = set()
        new_stories = 0
        docs = story_docs(self.store, self.store.get_articles(article_ids))
        if self.embedder is not None:
            self._embed(docs)  # one batch for the whole round
        for doc in docs:
            original = self._duplicate_of(doc)
            if original is not None:
                self.store.set_duplicate_of(doc.article_id, original)
            sid, is_new = self._place(doc)  # a new story's row (and id) comes from the store
            if is_new:
                new_stories += 1
            self.store.assign_story(doc.article_id, sid)
            self._remember(doc)
            touched.add(sid)
        # drifted apart: own story. Words only compare within a language, so a story holding more
        # than one (joined by the cross-language signal) is not judged by the split pass.
        one_language = sorted(s for s in touched if len(self.cross.stories.get(s, {})) <= 1)
        for _kind, src, new in self.index.split_pass(one_language):
            (aid,) = self.index.members(new)
            self.store.move_article(aid, src, new, "split")
            touched.add(new)
            new_stories += 1
        for kind, src, into in self.index.merge_pass():
            self.store.merge_stories(src, into, {"pass": kind})
            self.cross.merge(src, into)
            touched.discard(src)
            touched.add(into)
        for sid in touched & self._joined_across:
            self._learn_aliases(sid)
        self._joined_across -= touched
        for sid in touched:
            self.store.refresh_story(sid, title=self.index.title(sid))
        self._prune()
        return new_stories
