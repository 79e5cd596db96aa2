"""Text utilities every stage shares, written once:

    sentences   split_spans / sentences: the one sentence splitter (Ask, summaries, source
                comparison, timelines and the evals all cite the same offsets)
    tokens      words, content_words, STOPWORDS, stems, stable_hash
    counting    word_count: length in words, unspaced Japanese/Chinese at two characters a word
    times       MONTHS, parse_duration ("24h", "7d") and parse_when (that or an ISO date), which
                fail the same way everywhere (:class:`storyline.errors.InvalidValueError`)
    counting    word_count: Japanese/Chinese at two characters a word
    japanese    NFKC folding, script detection, the kanji/kana bigram form of the full-text index
    ja_dates    2025年7月30日, 7月30日午後, 令和7年, 30日 resolved against a publication time
    ja_outlets  Japanese site names -> outlets (読売新聞オンライン -> 読売新聞), 【北京共同】 datelines

This package imports nothing of ours but ``storyline.models`` and ``storyline.errors``, so any
stage may use it.
"""
