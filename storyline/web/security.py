"""Sessions, CSRF tokens and rate limits for the web app.

- Sessions: a cookie holding the user id, signed (itsdangerous) with ``settings.secret_key`` or, when
  that is empty, a random key made once and kept in the store, so every server worker process (and the
  next start) accepts the same cookies; HttpOnly, SameSite=Lax, Secure whenever the request came over https.
- CSRF: every visitor gets a random ``sl_csrf`` cookie; forms carry HMAC(key, cookie) as ``csrf_token``
  (or the ``X-CSRF-Token`` header for HTMX); every POST is refused without the matching token.
- Rate limits: token buckets kept in the store (one atomic UPDATE per try), per IP (logins,
  registrations), per account (logins) and per user (comments): the same limits across workers.
"""

from __future__ import annotations

import hashlib
import hmac

from fastapi import HTTPException, Request
from itsdangerous import BadSignature, URLSafeTimedSerializer

SESSION_COOKIE = "sl_session"
CSRF_COOKIE = "sl_csrf"
SESSION_AGE = 14 * 24 * 3600


class Keys:
    """The signing key and what is derived from it."""

    def __init__(self, secret: str):
        self.secret = secret
        self.sessions = URLSafeTimedSerializer(self.secret, salt="storyline-session")

    def csrf_token(self, seed: str) -> str:
        return hmac.new(self.secret.encode(), f"csrf|{seed}".encode(), hashlib.sha256).hexdigest()

    def session_value(self, user_id: int) -> str:
        return self.sessions.dumps({"uid": user_id})

    def session_user_id(self, value: str | None) -> int | None:
        if not value:
            return None
        try:
            data = self.sessions.loads(value, max_age=SESSION_AGE)
        except BadSignature:
            return None
        uid = data.get("uid") if isinstance(data, dict) else None
        return uid if isinstance(uid, int) else None


def cookie_args(request: Request) -> dict:
    return dict(httponly=True, samesite="lax", secure=request.url.scheme == "https", path="/")


def check_csrf(request: Request, token: str | None) -> None:
    """403 unless ``token`` is the HMAC of this visitor's CSRF cookie."""
    seed = request.cookies.get(CSRF_COOKIE)
    token = token or request.headers.get("x-csrf-token")
    keys: Keys = request.app.state.keys
    if not seed or not token or not hmac.compare_digest(keys.csrf_token(seed), token):
        raise HTTPException(
            403, "The form's security token is missing or out of date; reload the page and retry."
        )


class TokenBucket:
    """``capacity`` tokens per key, refilled at ``rate`` per second, kept in the store (shared by every
    server process); ``take`` False means slow down."""

    def __init__(self, store, name: str, capacity: float, rate: float):
        self.store, self.name, self.capacity, self.rate = store, name, capacity, rate

    def take(self, key: str, cost: float = 1.0) -> bool:
        return self.store.take_token(self.name, key, capacity=self.capacity, rate=self.rate, cost=cost)


class Limits:
    def __init__(self, store):
        self.login = TokenBucket(store, "login", 5, 5 / 60)  # 5 tries, then one every 12 s per IP
        # 10 tries, then one a minute per account, from anywhere
        self.login_account = TokenBucket(store, "login_account", 10, 10 / 600)
        self.register = TokenBucket(store, "register", 5, 5 / 600)
        self.post = TokenBucket(store, "post", 6, 6 / 60)  # comments/edits per user (and per IP)


def limit(bucket: TokenBucket, key: str) -> None:
    if not bucket.take(key):
        raise HTTPException(429, "Too many attempts; wait a minute and try again.")


def client_ip(request: Request) -> str:
    return request.client.host if request.client else "unknown"
