"""The docs can't drift: generated references match the code; every setting is documented."""

from pathlib import Path

from storyline.config import SETTINGS
from storyline.docgen import settings_markdown

REPO = Path(__file__).resolve().parents[1]


def test_settings_doc_is_current():
    doc = (REPO / "docs" / "settings.md").read_text(encoding="utf-8")
    assert doc == settings_markdown(), "docs/settings.md is stale: run python -m storyline.docgen"
    for s in SETTINGS:
        assert f"`STORYLINE_{s.name.upper()}`" in doc and s.help


def test_readme_opens_with_the_two_commands():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    blocks = readme.split("```")
    commands = [b.strip().splitlines() for b in blocks[1:4:2]]
    assert "storyline run" in commands[0][-1]
    assert "pytest" in commands[1][-1]
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert commands[1][-1].split("&&")[-1].strip().split()[0].split("/")[-1] in ci


def test_cli_reference_is_current():
    from storyline.docgen import cli_markdown

    doc = (REPO / "docs" / "cli.md").read_text(encoding="utf-8")
    assert doc == cli_markdown(), "docs/cli.md is stale: run python -m storyline.docgen"
