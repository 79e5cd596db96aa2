"""One exception tree for Storyline.

    StorylineError                  every error we raise on purpose
    ├── ConfigError                 a setting has a bad value
    ├── IngestError                 getting bytes failed for one input (the run goes on)
    │   ├── FetchError              network: refused, timeout, HTTP error, too many redirects
    │   ├── BlockedError            robots.txt, a private address, a scheme we do not fetch
    │   ├── TooLargeError           over the size cap
    │   └── InputFormatError        empty, binary, truncated gzip, malformed feed/OPML/JSONL/WARC
    ├── ExtractError                a page could not be read as text (decode) — rare; most
    │                               pages without an article are an *outcome*, not an error
    ├── StoreError                  the database is unreachable or its schema is too new
    ├── InvalidValueError           a value a user gave is malformed ("7x" for --since, a bad
    │   │                           e-mail, an empty comment); also a ValueError
    │   ├── AccountError            sign-up / sign-in refused
    │   ├── CommentError            a comment refused
    │   └── WatchError              a watchlist entry refused
    ├── NotFoundError               the article / story / entity asked for is not stored; also
    │                               a LookupError
    ├── ComponentError              a pipeline component is missing or broken (at start-up)
    └── SchedulerError              a subscription or digest setting is not valid

Every message names the input and, where there is one, says what to do. ``kind`` is a short
stable slug used to count outcomes by name in summaries and in the store.
"""

from __future__ import annotations


class StorylineError(Exception):
    kind = "error"

    def __init__(self, message: str, *, source: str | None = None, kind: str | None = None):
        super().__init__(message)
        self.source = source
        if kind:
            self.kind = kind

    def __str__(self) -> str:  # "input: message"
        msg = super().__str__()
        return f"{self.source}: {msg}" if self.source and self.source not in msg else msg


class ConfigError(StorylineError):
    kind = "config"


class IngestError(StorylineError):
    kind = "ingest"


class FetchError(IngestError):
    kind = "fetch"


class BlockedError(IngestError):
    kind = "blocked"


class TooLargeError(IngestError):
    kind = "too-large"


class InputFormatError(IngestError):
    kind = "bad-input"


class ExtractError(StorylineError):
    kind = "extract"


class StoreError(StorylineError):
    kind = "store"


class InvalidValueError(StorylineError, ValueError):
    kind = "invalid"


class AccountError(InvalidValueError):
    kind = "account"


class CommentError(InvalidValueError):
    kind = "comment"


class WatchError(InvalidValueError):
    kind = "watch"


class NotFoundError(StorylineError, LookupError):
    kind = "not-found"


class ComponentError(StorylineError):
    kind = "component"


class SchedulerError(StorylineError):
    kind = "scheduler"
