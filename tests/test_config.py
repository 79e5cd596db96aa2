import pytest

from storyline.config import Settings
from storyline.errors import ConfigError


def test_env_over_toml_over_default(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "storyline.toml").write_text('per_host_delay = 2.5\nworkers = 3\n')
    monkeypatch.setenv("STORYLINE_WORKERS", "2")
    s = Settings()
    assert s.per_host_delay == 2.5 and s.workers == 2 and s.port == 8000
    assert Settings(workers=1).workers == 1


def test_bad_values_are_clear(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("STORYLINE_PORT", "eighty")
    with pytest.raises(ConfigError, match="port"):
        Settings()
    monkeypatch.delenv("STORYLINE_PORT")
    (tmp_path / "storyline.toml").write_text("nonsense = 1\n")
    with pytest.raises(ConfigError, match="unknown settings"):
        Settings()


def test_bool_and_hosts(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("STORYLINE_ALLOW_PRIVATE_ADDRESSES", "yes")
    monkeypatch.setenv("STORYLINE_ALLOWED_HOSTS", "127.0.0.1, Example.org")
    s = Settings()
    assert s.allow_private_addresses is True
    assert s.allowed_host_set == {"127.0.0.1", "example.org"}
