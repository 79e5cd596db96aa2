"""Commands: web_cmds."""

from storyline.cli.app import app, eval_app, console, DbOption, open_store  # noqa: F401
