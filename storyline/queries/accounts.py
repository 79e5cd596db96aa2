"""Accounts: argon2 password hashes, username rules, the first user (or `storyline admin create`) as admin."""

from __future__ import annotations

import re

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from storyline.errors import AccountError

_HASHER = PasswordHasher()
USERNAME = re.compile(r"[A-Za-z0-9_.-]{3,40}")
MIN_PASSWORD = 8
# verifying against this keeps a login for an unknown user as slow as one for a known user
_DUMMY_HASH = _HASHER.hash("not-a-real-password")


def hash_password(password: str) -> str:
    return _HASHER.hash(password)


def register(store, username: str, password: str, *, is_admin: bool | None = None) -> int:
    username = username.strip()
    if not USERNAME.fullmatch(username):
        raise AccountError("Usernames are 3-40 letters, digits, '.', '_' or '-'.")
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"Passwords need at least {MIN_PASSWORD} characters.")
    if store.get_user_by_name(username):
        raise AccountError("That username is taken.")
    return store.create_user(username, hash_password(password), is_admin=is_admin)


def authenticate(store, username: str, password: str) -> dict | None:
    """The user when the password matches, else None (same work either way)."""
    user = store.get_user_by_name(username.strip()) if username else None
    try:
        _HASHER.verify(user["password_hash"] if user else _DUMMY_HASH, password)
    except (VerificationError, InvalidHashError):
        return None
    if user is None:
        return None
    if _HASHER.check_needs_rehash(user["password_hash"]):
        store.update_user(user["id"], password_hash=hash_password(password))
    return user
