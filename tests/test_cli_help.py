"""`archbench --help` is cheap and every subcommand documents itself (#21 item 6)."""

from __future__ import annotations

import argparse
import subprocess
import sys

import pytest

from archbench import __version__
from archbench.cli import COMMANDS, build_parser, main


def _subparser(name: str) -> argparse.ArgumentParser:
    parser = build_parser(name)
    [group] = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    chosen: argparse.ArgumentParser = group.choices[name]
    return chosen


def _options_without_help(parser: argparse.ArgumentParser) -> list[str]:
    return [
        "/".join(action.option_strings) or action.dest
        for action in parser._actions
        if not isinstance(action, argparse._HelpAction)
        and (not action.help or action.help == argparse.SUPPRESS)
    ]


@pytest.mark.parametrize("name", [command.name for command in COMMANDS])
def test_every_option_of_every_subcommand_has_help(name: str) -> None:
    parser = _subparser(name)
    assert _options_without_help(parser) == []
    assert parser.description, f"{name} has no description"
    assert parser.epilog and f"archbench {name}" in parser.epilog, f"{name} has no example"


@pytest.mark.parametrize("name", [command.name for command in COMMANDS])
def test_every_example_parses(name: str) -> None:
    """An example that argparse rejects would teach the wrong command line."""
    [command] = [c for c in COMMANDS if c.name == name]
    for example in command.examples:
        words = example.split()[1:]
        parsed = build_parser(name).parse_args(words)
        assert parsed.command == name


def test_the_listing_gives_every_subcommand_a_one_line_summary(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["--help"])
    assert stopped.value.code == 0
    listing = capsys.readouterr().out
    for command in COMMANDS:
        assert command.name in listing
        assert command.summary.split()[0] in listing


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--version"])
    assert capsys.readouterr().out.strip() == f"archbench {__version__}"


def test_help_imports_no_subcommand_and_not_inspect() -> None:
    """In a fresh interpreter: this process has long imported inspect for other tests."""
    probe = (
        "import sys\n"
        "from archbench.cli import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "loaded = [m for m in sys.modules if m.split('.')[0] in ('inspect_ai', 'matplotlib')"
        " or m.startswith(('archbench.commands.', 'archbench.compare'))]\n"
        "print('LOADED', sorted(loaded))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert "LOADED []" in done.stdout
