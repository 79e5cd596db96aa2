"""Scorers that compare our output with gold data (the seeds gold in ``../shared/gold`` and the
evaluation sets in ``../shared/eval``). Each module scores one thing and returns plain dicts
plus a ``format_*_report`` for people; e.g. :mod:`storyline.evals.seeds` scores the
extraction of the five sample pages."""
