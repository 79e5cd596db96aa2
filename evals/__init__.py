"""Scorers that compare Storyline's output with gold data (the seeds gold in ``../shared/gold`` and
the evaluation sets in ``../shared/eval``). Dev-only: this package sits beside the runtime package
``storyline``, which never imports it; ``storyline eval ...`` is a thin CLI over it. Each module
scores one thing through the production entry points and returns plain dicts plus a
``format_*_report`` for people; e.g. :mod:`evals.seeds` scores the extraction of the five sample
pages."""
