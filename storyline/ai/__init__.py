"""AI features on top of store, search and stories: cited summaries, question answering and
briefings. Offline by default (extractive); an OpenAI-compatible endpoint is optional.

    summarize.py    article / story summaries, every sentence cited; participants.py, whatsnew.py
    ask.py          question -> answer with citations (qparse.py, answers.py, retrieve.py, llm.py)
    briefing.py     briefing data, HTML (inline CSS + SVG charts from charts.py) and PDF
"""

from storyline.ai.ask import ask
from storyline.ai.briefing import build_briefing, render_html, write_briefing
from storyline.ai.summarize import summarize_article, summarize_articles, summarize_story
from storyline.ai.whatsnew import whats_new

__all__ = [
           "ask",
           "build_briefing",
           "render_html",
           "summarize_article",
           "summarize_articles",
           "summarize_story",
           "whats_new",
           "write_briefing",
]
