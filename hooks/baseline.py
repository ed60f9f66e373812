"""``packguard baseline [PKG_DIR]``: record what each package publishes, to catch growth.

Writes ``.packguard-baseline.json`` beside each publishable package's
package.json (the package at PKG_DIR and its workspaces): the publish list
with each file's size and kind (``text``, ``binary``, ``source map``) and the
unpacked size. Commit it; ``check-npm-publish`` then fails when the unpacked
size grows past ``--max-growth`` or a file of a kind new to the package
appears (a first source map, binary, env or credential file), judged by the
same engine as ``packguard check --against`` a previous release. This is the
only packguard command that writes.
"""
from __future__ import annotations

import sys
from collections.abc import Sequence

from hooks.arguments import Args
from hooks.arguments import new_parser
from hooks.judge.baseline import write_baselines

TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        'pkg_dir', nargs='?', default='.', metavar='PKG_DIR',
        help='package folder (default: current folder; workspaces included)',
    )


def run(args: Args) -> int:
    lines, errors = write_baselines(args.pkg_dir)
    for e in errors:
        print(e, file=sys.stderr)
    for line in lines:
        print(line)
    return 2 if errors else 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = new_parser(prog='packguard baseline', description=__doc__)
    add_arguments(parser)
    return run(parser.parse_args(argv, namespace=Args()))


if __name__ == '__main__':
    raise SystemExit(main())
