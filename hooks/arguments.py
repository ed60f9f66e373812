"""Command-line arguments: one argparse set-up for every hook and command, and
the common commit-time case without it.

pre-commit runs a hook with the staged files as its only arguments. Then
argparse has nothing to decide: every argument is a path and every option
keeps its default. Importing argparse (and gettext and locale, which it
takes along) and building a parser cost a commit-time run 4 ms, a tenth of
what it may take; :func:`parse_args` skips them when no argument starts with
``-``, and each hook's defaults are checked against its parser's
(tests/arguments_test.py). Anything else (an option, ``--``, a name that
starts with ``-``) goes through argparse.
"""
from __future__ import annotations

import os
import sys
from collections.abc import Callable
from collections.abc import Mapping
from collections.abc import Sequence
from types import SimpleNamespace

TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse

# the options add_output_options adds, with their defaults
OUTPUT_DEFAULTS: Mapping[str, object] = {
    'format': 'text', 'strict': False, 'verbose': False, 'version': None,
}


class Args(SimpleNamespace):
    """Parsed arguments: filled in by argparse, or the defaults and the paths."""


def parse_args(
        argv: Sequence[str] | None, build: Callable[[], argparse.ArgumentParser], *,
        paths: str, defaults: Mapping[str, object],
) -> Args:
    """``build().parse_args(argv)``; when every argument is a plain path, the
    ``defaults`` with the arguments as ``paths``, without argparse."""
    given = sys.argv[1:] if argv is None else list(argv)
    if not any(a.startswith('-') for a in given):
        plain = {k: list(v) if isinstance(v, list) else v for k, v in defaults.items()}
        return Args(**plain, **{paths: given})
    return build().parse_args(given, namespace=Args())


def help_formatter(prog: str) -> argparse.HelpFormatter:
    """argparse's help formatter, as wide as shutil.get_terminal_size says
    ($COLUMNS, else the terminal, else 80 columns), without importing shutil
    (and with it bz2 and lzma, 3 ms) at every start: argparse makes one
    formatter per add_argument, even when no help is printed."""
    import argparse

    try:
        columns = int(os.environ.get('COLUMNS', '0'))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns \
                if sys.__stdout__ is not None else 0
        except (ValueError, OSError):
            columns = 0
    return argparse.HelpFormatter(prog, width=(columns or 80) - 2)


def new_parser(prog: str, description: str | None) -> argparse.ArgumentParser:
    """An argument parser for a hook or a command, with :func:`help_formatter`."""
    import argparse

    return argparse.ArgumentParser(prog=prog, description=description,
                                   formatter_class=help_formatter)


def add_output_options(parser: argparse.ArgumentParser) -> None:
    """The options every check shares: output format, strictness, verbosity."""
    from hooks.findings import FORMATS

    parser.add_argument(
        '--format', choices=FORMATS, default=OUTPUT_DEFAULTS['format'],
        help='output format (default: %(default)s)',
    )
    parser.add_argument(
        '--strict', action='store_true',
        help='warnings fail the run too',
    )
    parser.add_argument(
        '-v', '--verbose', action='store_true',
        help='also print notes',
    )
    add_version_option(parser)


def add_version_option(parser: argparse.ArgumentParser) -> None:
    """``--version``: the installed packguard's version, looked up only when asked."""
    import argparse

    class Version(argparse.Action):
        def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: object) -> None:
            super().__init__(option_strings, dest, nargs=0, help='print the version and exit')

        def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace,
                     values: object, option_string: str | None = None) -> None:
            from importlib.metadata import PackageNotFoundError
            from importlib.metadata import version

            try:
                text = version('packguard')
            except PackageNotFoundError:  # pragma: no cover (run from a source tree)
                text = 'unknown (not installed)'
            print(f'{parser.prog.split()[0]} {text}')
            parser.exit()

    parser.add_argument('--version', action=Version)
