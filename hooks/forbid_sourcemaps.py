"""``forbid-sourcemaps``: refuse staged source maps, recognised by content.

A file is a source map when it is a JSON object with ``"version": 3`` and
``"mappings"`` or ``"sections"``, whatever it is called (``x.js.map``,
``x.json``, no extension); a ``.map`` file that is not one (a linker map)
passes. With ``--inline``, JS and CSS files that carry an inline
``sourceMappingURL=data:`` map anywhere in the file fail too.
"""
from __future__ import annotations

import os
from collections.abc import Sequence

from hooks.arguments import OUTPUT_DEFAULTS
from hooks.arguments import parse_args
from hooks.findings import BadInput
from hooks.findings import Finding
from hooks.findings import report_for
from hooks.judge.embedded import EmbeddedHit
from hooks.judge.embedded import scan_embedded
from hooks.judge.embedded import secret_message
from hooks.judge.embedded import shown_source
from hooks.judge.sourcemap import describe
from hooks.judge.sourcemap import inline_maps
from hooks.judge.sourcemap import is_script_or_style
from hooks.judge.sourcemap import read_sourcemap
from hooks.reading import open_regular

TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse

RULE_FILE = 'sourcemap-file'
RULE_INLINE = 'sourcemap-inline'
RULE_SECRET = 'secret'


def _secrets(filename: str, hits: Sequence[EmbeddedHit], *, line: int | None,
             inline: bool) -> list[Finding]:
    """An error per secret in a map's embedded sources, at the original file and line."""
    out = []
    for hit in hits:
        source = shown_source(hit.source, filename)
        out.append(Finding(
            filename, secret_message(hit.kind, source, inline=inline), RULE_SECRET,
            line=line, source=source, source_line=hit.line,
        ))
    return out


def _judge(filename: str, *, inline: bool, allowed: bool = False) -> list[Finding]:
    """Findings for one file; an ``allowed`` map may be committed, secrets in it may not."""
    info = read_sourcemap(filename)
    if info is not None:
        from hooks.judge.rules import in_fixture_folder

        fixture = in_fixture_folder(filename.replace(os.sep, '/'))
        out = [] if allowed else [Finding(
            filename,
            f'source map with {describe(info)}'
            + ('; it sits in a fixture or example folder, so it is likely a fixture: '
               'say so with --allow (e.g. "**/fixtures/**")' if fixture else
               '; do not commit build output, or add it to .gitignore'),
            RULE_FILE, 'warning' if fixture else 'error',
        )]
        if info.embedded:
            try:
                with open_regular(filename) as f:
                    out += _secrets(filename, scan_embedded(f), line=None, inline=False)
            except OSError as e:
                raise BadInput(filename, f'cannot read: {e.strerror or e}') from None
        return out
    if not (inline and is_script_or_style(filename)):
        return []
    out = []
    try:
        with open_regular(filename) as f:
            for m in inline_maps(f):
                if m.info is None:
                    continue  # a data: URL that is no map is not one
                if not allowed:
                    out.append(Finding(
                        filename,
                        f'inline source map with {describe(m.info)}; '
                        f'turn off inline source maps in the build, '
                        f'or do not commit build output',
                        RULE_INLINE,
                        line=m.line,
                    ))
                out += _secrets(filename, m.secrets, line=m.line, inline=True)
    except OSError as e:
        raise BadInput(filename, f'cannot read: {e.strerror or e}') from None
    return out


def find_sourcemaps(
        filenames: Sequence[str],
        *,
        inline: bool = False,
        allow: Sequence[str] = (),
) -> tuple[list[Finding], list[BadInput]]:
    """Findings for the source maps among ``filenames``, and unreadable files."""
    findings: list[Finding] = []
    errors: list[BadInput] = []
    spec = None
    if allow:
        import pathspec

        spec = pathspec.GitIgnoreSpec.from_lines(allow)
    for filename in filenames:
        allowed = spec is not None and bool(spec.match_file(filename))
        try:
            findings.extend(_judge(filename, inline=inline, allowed=allowed))
        except BadInput as e:
            errors.append(e)
    return findings, errors


def parser() -> argparse.ArgumentParser:
    from hooks.arguments import add_output_options
    from hooks.arguments import new_parser

    out = new_parser(
        prog='forbid-sourcemaps',
        description='Refuse staged source maps (recognised by content, whatever their name).',
    )
    out.add_argument('filenames', nargs='*', help='files to check')
    out.add_argument(
        '--inline', action='store_true',
        help='also refuse JS/CSS files that carry an inline data: source map',
    )
    out.add_argument(
        '--allow', action='append', default=[], metavar='GLOB',
        help='gitignore-style pattern of files that may be source maps (repeatable)',
    )
    add_output_options(out)
    return out


# what parser() leaves when only file names are given (tests/arguments_test.py)
DEFAULTS: dict[str, object] = {'inline': False, 'allow': [], **OUTPUT_DEFAULTS}


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv, parser, paths='filenames', defaults=DEFAULTS)
    findings, errors = find_sourcemaps(args.filenames, inline=args.inline, allow=args.allow)
    return report_for(args, findings, errors)


if __name__ == '__main__':
    raise SystemExit(main())
