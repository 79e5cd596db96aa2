"""Shared text utilities used by several stages (no stage imports another; all may import this)."""
