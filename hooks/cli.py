"""``packguard``: the command-line face of the hooks, for prepublishOnly and CI.

Each subcommand lives in its own module exposing ``add_arguments(parser)`` and
``run(args) -> int``; only the chosen one is imported, so ``packguard ls``
does not pay for the config analysers' parsers at start-up.
"""
from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Sequence

from hooks.arguments import Args
from hooks.arguments import help_formatter
from hooks.arguments import new_parser

COMMANDS: dict[str, tuple[str, str]] = {
    'ls': ('hooks.ls', 'list the files npm would publish (like npm pack --dry-run)'),
    'check': ('hooks.check_npm_publish', 'judge every file a package would publish'),
    'config': (
        'hooks.check_sourcemap_config',
        'find build configs that emit source maps in production',
    ),
    'baseline': ('hooks.baseline', 'record the publish list and sizes in .packguard-baseline.json'),
}


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = new_parser(
        prog='packguard', description='Stop npm packages from publishing what they must not.',
    )
    from hooks.arguments import add_version_option

    add_version_option(parser)
    sub = parser.add_subparsers(dest='command', required=True, metavar='COMMAND')
    chosen = argv[0] if argv and argv[0] in COMMANDS else None
    for name, (module, help_text) in COMMANDS.items():
        command_parser = sub.add_parser(name, help=help_text, description=help_text,
                                        formatter_class=help_formatter)
        if name == chosen:
            importlib.import_module(module).add_arguments(command_parser)
    args = parser.parse_args(argv, namespace=Args())
    try:
        status: int = importlib.import_module(COMMANDS[args.command][0]).run(args)
        sys.stdout.flush()
    except BrokenPipeError:
        # the reader went away (`packguard ls | head`): stop quietly, as cat does
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    return status


if __name__ == '__main__':
    raise SystemExit(main())
