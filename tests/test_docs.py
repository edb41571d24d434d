"""Docs that cannot go stale: every CLI command is in the README, and so are the two commands."""

import pytest

from archive.cli import cli
from tests.conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("command", sorted(cli.commands))
def test_every_cli_command_is_documented_with_an_example(command):
    assert f"`archive {command}" in README
    assert f"archive {command}" in README.split("| example |", 1)[1]


def test_ci_runs_exactly_the_readme_test_command():
    ci = (REPO / ".ci" / "run").read_text()
    assert "make test" in README and "make demo" in README
    assert [line for line in ci.splitlines() if line and not line.startswith(("#", "set ", "cd "))] == [
        "make test"
    ]
