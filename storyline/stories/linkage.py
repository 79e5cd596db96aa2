"""Average linkage by the learned article-to-article link (:mod:`storyline.stories.pairmodel`), as
a mixin of :class:`storyline.stories.cluster.StoryIndex` (used when ``ClusterParams.link`` is set).

An article's score for a story is the mean link probability with the story's newest members; the
merge pass agglomerates changed stories with their time-window neighbours by the mean link
probability over pairs of members. Each article keeps its packed TF-IDF vector (``doc_vecs``) and
its :class:`~storyline.stories.pairmodel.PairCues` (years, names, figures: ``doc_cues``).
"""

from __future__ import annotations

from collections.abc import Iterable

from storyline.stories.actors import share_actor
from storyline.stories.pairmodel import PairCues, pair_features
from storyline.stories.vectors import SparseVec, dot, feature

_NO_CUES = PairCues()


class AverageLinkage:
    """Link scoring and the average-link merge pass; mixed into ``StoryIndex``."""

    def _link(self, vec: SparseVec, cues: PairCues, members: Iterable[int]) -> float:
        """Mean link probability of a vector (with ``cues``) with the given member articles."""
        model, probs = self.p.link, []
        for aid in members:
            cos = dot(vec, SparseVec.unpack(self.doc_vecs[aid]))
            probs.append(model.probability(pair_features(cos, cues, self.doc_cues.get(aid, _NO_CUES))))
        return sum(probs) / len(probs) if probs else 0.0

    def _shares_actor(self, cues: PairCues, sid: int) -> bool:
        """Whether the story's newest members and an article (its ``cues``) name a lead actor in
        common (:func:`storyline.stories.actors.share_actor`; true when either names none)."""
        members = self.stories[sid].members[-self.p.link_members :]
        return share_actor(cues.actors, cues.actor_runs,
                           ((c.actors, c.actor_runs) for c in map(self.doc_cues.get, members) if c is not None))

    def link_rows(self, vec: SparseVec, cues: PairCues) -> list[tuple[int, tuple[float, ...]]]:
        """(article id, pair features) of ``vec`` (with ``cues``) with every article held: the
        pairs the link model is trained on (``evals.clusters_learn``)."""
        return [(aid, pair_features(dot(vec, SparseVec.unpack(packed)), cues, self.doc_cues.get(aid, _NO_CUES)))
                for aid, packed in self.doc_vecs.items()]

    def _story_link(self, a, b) -> float:
        """Average linkage of two stories: mean link probability over pairs of their newest members."""
        mine = a.members[-self.p.merge_members :]
        probs = [self._link(SparseVec.unpack(self.doc_vecs[aid]), self.doc_cues.get(aid, _NO_CUES),
                            b.members[-self.p.merge_members :]) for aid in mine]
        return sum(probs) / len(probs) if probs else 0.0

    def _merge_average_link(self) -> list[tuple[str, int, int]]:
        """Average-link agglomeration of the changed stories with their time-window neighbours:
        a changed story merges with the candidate of highest average linkage (mean link probability
        over member pairs), decayed by the time gap, while that reaches the link model's
        ``merge_threshold``; a merged story is checked again. Candidates whose mean member cosine
        (sum-of-unit-vector centroids: their dot over the product of sizes) could not reach it even
        with every other cue agreeing are skipped without comparing members (bounds the cost)."""
        changes: list[tuple[str, int, int]] = []
        model = self.p.link
        queue = sorted(self._dirty)
        while queue:
            story = self.stories.get(sid := queue.pop(0))
            if story is None or not story.size:
                continue
            keys = {feature("@" + k) for k in set(story.entities) | set(story.events)}
            best, best_sim = None, model.merge_threshold
            for other in self._candidates(story.centroid.normalized(), keys, story.last, exclude=sid):
                o = self.stories[other]
                decay = self._gap_decay(story, o)
                mean_cos = dot(story.centroid, o.centroid) / max(1, story.size * o.size)
                if not o.size or model.best_case(mean_cos + 0.1) * decay < best_sim:
                    continue
                sim = self._story_link(story, o) * decay
                if sim >= best_sim:
                    best, best_sim = other, sim
            if best is not None:
                o = self.stories[best]
                into, src = (best, sid) if (o.size, -best) >= (story.size, -sid) else (sid, best)
                self._merge(src, into)
                changes.append(("merge", src, into))
                queue.append(into)
        self._dirty.clear()
        return changes
