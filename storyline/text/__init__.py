"""Shared text utilities (tokens, counting, sentences) used by every stage."""
