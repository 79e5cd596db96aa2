"""Storyline: news intelligence for foreign-policy and economic-security news."""

__version__ = "0.1.0"
