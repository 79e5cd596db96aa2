"""The API tests use the web tests' corpus and app fixtures."""

from tests.web.conftest import app, client, ids, store  # noqa: F401
