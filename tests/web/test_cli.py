"""`storyline admin create` and `storyline watch`."""

from __future__ import annotations

from typer.testing import CliRunner

from storyline.cli import app
from tests.web.corpus import add


def test_admin_create_and_promote(tmp_path):
    from storyline.store import open_store

    db = str(tmp_path / "cli.db")
    runner = CliRunner()
    result = runner.invoke(app, ["admin", "create", "root", "--db", db, "--password", "long password"])
    assert result.exit_code == 0, result.output
    store = open_store(db)
    store.create_user("second", "x", is_admin=False)
    assert store.get_user_by_name("root")["is_admin"] is True
    assert (
        runner.invoke(app, ["admin", "create", "second", "--db", db, "--password", "ignored1"]).exit_code == 0
    )
    assert store.get_user_by_name("second")["is_admin"] is True
    bad = runner.invoke(app, ["admin", "create", "x", "--db", db, "--password", "short"])
    assert bad.exit_code == 1


def test_watch_command_matches_new_articles(tmp_path):
    from storyline.queries.watch import follow
    from storyline.store import open_store

    db = str(tmp_path / "w.db")
    store = open_store(db)
    uid = store.create_user("u", "x")
    follow(store, uid, "tag", "Energy")
    add(store, "Energy deal", "An energy deal.", outlet="X", hours_ago=1, tags=["Energy"])
    result = CliRunner().invoke(app, ["watch", "--db", db])
    assert result.exit_code == 0 and "1 new matches" in result.output
    assert store.list_matches(user_id=uid)[0]["rule_label"] == "#Energy"
