"""Text utilities every stage shares, written once:

    sentences   split_spans / sentences: the one sentence splitter (Ask, summaries, source
                comparison, timelines and the evals all cite the same offsets)
    tokens      words, content_words, STOPWORDS, stems, stable_hash
    times       MONTHS, parse_duration ("24h", "7d") and parse_when (that or an ISO date), which
                fail the same way everywhere (:class:`storyline.errors.InvalidValueError`)

This package imports nothing of ours but ``storyline.models`` and ``storyline.errors``, so any
stage may use it.
"""
