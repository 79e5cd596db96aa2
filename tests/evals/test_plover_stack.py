"""The stacked PLOVER classifier's design matrix: lexicon one-hots beside the embedding, and the inner CV."""

from __future__ import annotations

import numpy as np

from evals.plover_stack import design, lexicon_columns, lexicon_vector


def test_lexicon_hits_become_counted_columns():
    cols = lexicon_columns()
    v = lexicon_vector(["rule=FIGHT", "lex=FIGHT", "lex=FIGHT", "w=army", "gov=ASSAULT"], cols)
    assert v[cols.index("rule=FIGHT")] == 1 and v[cols.index("lex=FIGHT")] == 2 and v[cols.index("gov=ASSAULT")] == 1
    assert v.sum() == 4  # word features are not lexicon columns


def test_design_scales_the_lexicon_and_keeps_the_embedding():
    lex = np.array([[1.0, 0.0]])
    emb = np.array([[0.6, 0.8, 0.0]])
    assert design(lex, emb, 2.0).tolist() == [[2.0, 0.0, 0.6, 0.8, 0.0]]
