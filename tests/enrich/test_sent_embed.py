"""MiniLM sentence vectors for the event typer: the switch, and (with the extra) unit vectors cached by text."""

from __future__ import annotations

import math

import pytest

from storyline.enrich import sent_embed


def test_the_embeddings_setting_switches_the_vectors(monkeypatch):
    monkeypatch.setenv("STORYLINE_EMBEDDINGS", "false")
    assert not sent_embed.available()
    monkeypatch.setenv("STORYLINE_EMBEDDINGS", "true")
    assert sent_embed.available() == sent_embed.installed()


def test_vectors_are_unit_length_and_cached_by_text():
    if not sent_embed.installed():
        pytest.skip("embeddings extra not installed (pip install -e '.[embeddings]'): NOT run")
    a, b, c = sent_embed.encode(["Troops clashed with rebels.", "Troops  clashed with\nrebels.", "Talks resumed."])
    assert len(a) == sent_embed.DIM and abs(math.sqrt(sum(x * x for x in a)) - 1) < 1e-4
    assert a == b and a != c  # whitespace runs fold to one key
    assert sent_embed.cached("Troops clashed with rebels.") and not sent_embed.cached("Never encoded here.")
