"""``check-npm-publish`` / ``packguard check``: judge every file a package would publish.

For each publishable package (hooks.publish.packages: the root, its workspaces, never
private ones) the publish list comes from hooks.publish.npm (npm 11's rules, no
``npm pack``, no scripts run), or from an already packed tarball with
``--tarball``. Every file in it is read once, streamed, and judged:

1. source maps, recognised by content whatever their name (hooks.judge.sourcemap),
   with their size, sources, embedded sources and how many of those the
   package does not otherwise publish: an error, or a warning when the
   package is open source (OSI license and a repository); a map without
   embedded sources is a warning;
2. inline ``data:`` source maps in published JS/CSS, judged the same; a
   ``sourceMappingURL`` naming a map that is not published is a note;
3. env files, credential files, private keys and tokens (hooks.judge.secrets):
   errors, warnings under test or fixture folders and for a secret in the text
   of prose documentation (Markdown, reST, AsciiDoc); a secret's value is never
   printed;
4. size: ``--max-file-size`` (by default 25 MB, hooks.judge.rules),
   ``--max-unpacked-size``, and, against the committed ``.packguard-baseline.json``
   (hooks.baseline) or a previous release (``--against``: a tarball,
   ``name@version`` or ``published``, fetched by hooks.publish.registry), growth
   past ``--max-growth`` and a first file of a new kind (a first source map,
   binary, env or credential file), judged by one engine (hooks.judge.sizes);
5. the ``files`` / ``.npmignore`` policy;
6. files that ``.gitignore`` keeps out but that ship because a ``.npmignore``
   in the same folder replaces it.

The package.json ``"packguard"`` key carries the same settings as the
options (``allow``, ``maxFileSize``, ``maxUnpackedSize``, ``maxGrowth``).
"""
from __future__ import annotations

from collections.abc import Sequence

from hooks.arguments import OUTPUT_DEFAULTS
from hooks.arguments import parse_args
from hooks.findings import report_for
from hooks.judge.package import check
from hooks.judge.rules import BASELINE_NAME
from hooks.judge.rules import DEFAULT_MAX_GROWTH
from hooks.judge.rules import Options
from hooks.judge.rules import parse_growth
from hooks.judge.rules import parse_size
from hooks.judge.rules import percent
from hooks.judge.sizes import Totals
from hooks.judge.sizes import size_summary

TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse

    from hooks.arguments import Args


def _size_arg(text: str) -> int:
    import argparse

    try:
        return parse_size(text)
    except ValueError as e:
        raise argparse.ArgumentTypeError(str(e)) from None


def _growth_arg(text: str) -> float:
    import argparse

    try:
        return parse_growth(text)
    except ValueError as e:
        raise argparse.ArgumentTypeError(str(e)) from None


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        'paths', nargs='*', metavar='PATH',
        help='package folders (default: every package of the repository: the root and its '
             'workspaces)',
    )
    parser.add_argument(
        '--tarball', action='append', default=[], metavar='FILE.tgz',
        help='judge an already packed tarball instead (streamed; repeatable)',
    )
    parser.add_argument(
        '--allow', action='append', default=[], metavar='GLOB',
        help='gitignore-style pattern of published files that are fine (repeatable)',
    )
    parser.add_argument(
        '--max-file-size', type=_size_arg, metavar='SIZE',
        help='fail on any published file larger than SIZE (e.g. "5 MB")',
    )
    parser.add_argument(
        '--max-unpacked-size', type=_size_arg, metavar='SIZE',
        help='fail when the package unpacks to more than SIZE (e.g. "20 MB")',
    )
    parser.add_argument(
        '--max-growth', type=_growth_arg, metavar='PERCENT',
        help=f'fail when the unpacked size grows past the committed {BASELINE_NAME} (or the '
             f'--against release) by more than PERCENT (default: {percent(DEFAULT_MAX_GROWTH)}%)',
    )
    parser.add_argument(
        '--against', metavar='SPEC',
        help='compare with a previous release: a tarball, name@version, or "published" (the '
             'highest published version below the one checked, else the latest); fetched from '
             'the registry npm would use (.npmrc), never on pre-commit.ci',
    )
    from hooks.arguments import add_output_options
    from hooks.publish.packer import add_packer_argument

    add_packer_argument(parser)
    add_output_options(parser)


# what add_arguments leaves when only paths are given (tests/arguments_test.py)
DEFAULTS: dict[str, object] = {
    'tarball': [], 'allow': [], 'max_file_size': None, 'max_unpacked_size': None,
    'max_growth': None, 'against': None, 'packer': None, **OUTPUT_DEFAULTS,
}


def run(args: Args) -> int:
    options = Options(
        allow=tuple(args.allow),
        max_file_size=args.max_file_size,
        max_unpacked_size=args.max_unpacked_size,
        max_growth=DEFAULT_MAX_GROWTH if args.max_growth is None else args.max_growth,
        growth_given=args.max_growth is not None,
        against=args.against,
        packer=args.packer,
    )
    totals: list[Totals] = []
    findings, errors = check(args.paths, tarballs=args.tarball, options=options, totals=totals)
    return report_for(args, findings, errors, sizes=size_summary(totals))


def parser() -> argparse.ArgumentParser:
    from hooks.arguments import new_parser

    out = new_parser(
        prog='check-npm-publish',
        description='Judge every file each npm package in the repository would publish.',
    )
    add_arguments(out)
    return out


def main(argv: Sequence[str] | None = None) -> int:
    return run(parse_args(argv, parser, paths='paths', defaults=DEFAULTS))


if __name__ == '__main__':
    raise SystemExit(main())
