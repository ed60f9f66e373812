"""``packguard ls``: the files a packer would publish, like ``npm pack --dry-run``.

The packer is chosen as hooks.publish.packer says (``--packer`` to set it);
npm with no known version lists what npm 11 and npm 12 together would ship.

Text output mirrors npm's "Tarball Contents"; ``--json`` mirrors the array
``npm pack --dry-run --json`` prints (``id``, ``name``, ``version``,
``files``, ``entryCount``, ``unpackedSize``, ``bundled``) so the two diff
directly.  Omitted because they need the gzip bytes npm would write:
``size``, ``shasum``, ``integrity``, ``filename``; ``files`` entries carry
``path`` and ``size`` but not ``mode``.
"""
from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Sequence
from json.encoder import encode_basestring

from hooks.arguments import Args
from hooks.arguments import new_parser
from hooks.publish.npm import PackedFile

TYPE_CHECKING = False
if TYPE_CHECKING:  # `typing` would cost start-up time
    import argparse
    from typing import Any


def format_bytes(n: int, space: bool = True) -> str:
    """npm's lib/utils/format-bytes.js."""
    sp = ' ' if space else ''
    if n < 1000:
        return f'{n}{sp}B'
    if n < 999950:
        return f'{n / 1000:.1f}{sp}kB'
    if n < 999950000:
        return f'{n / 1000000:.1f}{sp}MB'
    return f'{n / 1000000000:.1f}{sp}GB'


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument('pkg_dir', nargs='?', default='.', metavar='PKG_DIR',
                        help='package folder (default: current folder)')
    parser.add_argument('--json', action='store_true',
                        help='print a JSON array shaped like `npm pack --dry-run --json`')
    parser.add_argument('--tarball', metavar='FILE.tgz',
                        help='list an existing tarball instead (streamed, not unpacked)')
    from hooks.publish.packer import add_packer_argument

    add_packer_argument(parser)


def _bundled(files: Sequence[PackedFile]) -> list[str]:
    seen: dict[str, None] = {}
    for f in files:
        if f.path.startswith('node_modules/'):
            m = re.match(r'node_modules/((?:@[^/]+/)?[^/]+)/', f.path)
            if m:
                seen[m.group(1)] = None
    return list(seen)


def shown(path: str) -> str:
    """A path as text: names that are not UTF-8 get U+FFFD, as node's readdir gives them."""
    try:
        path.encode('utf-8')
    except UnicodeEncodeError:
        return path.encode('utf-8', 'surrogateescape').decode('utf-8', 'replace')
    return path


def shown_paths(files: Sequence[PackedFile]) -> list[str]:
    paths = [f.path for f in files]
    try:
        '\n'.join(paths).encode('utf-8')
    except UnicodeEncodeError:
        return [shown(p) for p in paths]
    return paths


def as_npm_json(manifest: dict[str, Any], files: Sequence[PackedFile]) -> list[dict[str, Any]]:
    name = manifest.get('name')
    version = manifest.get('version')
    return [{
        'id': manifest.get('_id') or f'{name}@{version}',
        'name': name,
        'version': version,
        'unpackedSize': sum(f.size for f in files),
        'files': [
            {'path': p, 'size': f.size} for p, f in zip(shown_paths(files), files, strict=True)
        ],
        'entryCount': len(files),
        'bundled': _bundled(files),
    }]


def dump_npm_json(manifest: dict[str, Any], files: Sequence[PackedFile]) -> str:
    """``json.dumps(as_npm_json(...), indent=2, ensure_ascii=False)``, with the
    long ``files`` list written directly rather than by the pure-Python
    indenting encoder."""
    pkg = as_npm_json(manifest, [])[0]
    pkg['unpackedSize'] = sum(f.size for f in files)
    pkg['entryCount'] = len(files)
    pkg['bundled'] = _bundled(files)
    fields = []
    for key, value in pkg.items():
        if key == 'files':
            paths = map(encode_basestring, shown_paths(files))
            items = ',\n'.join([
                f'      {{\n        "path": {p},\n        "size": {f.size}\n      }}'
                for p, f in zip(paths, files, strict=True)
            ])
            text = f'[\n{items}\n    ]' if files else '[]'
        else:
            text = json.dumps(value, indent=2, ensure_ascii=False).replace('\n', '\n    ')
        fields.append(f'    {encode_basestring(key)}: {text}')
    return '[\n  {\n' + ',\n'.join(fields) + '\n  }\n]'


def as_text(manifest: dict[str, Any], files: Sequence[PackedFile], how: str = '') -> str:
    from hooks.findings import escape_controls

    # one file a line, whatever the names hold (a newline, an escape sequence)
    lines = [
        escape_controls(f'package: {manifest.get("name")}@{manifest.get("version")}{how}'),
        'Tarball Contents',
    ]
    lines += [
        f'{format_bytes(f.size, False)} {escape_controls(shown(f.path))}' for f in files
        if not f.path.startswith('node_modules/')
    ]
    bundled = _bundled(files)
    if bundled:
        lines.append('Bundled Dependencies')
        lines += [escape_controls(b) for b in bundled]
    lines.append('Tarball Details')
    lines.append(f'unpacked size: {format_bytes(sum(f.size for f in files))}')
    lines.append(f'total files: {len(files)}')
    return '\n'.join(lines)


def list_package(args: Args) -> tuple[dict[str, Any], list[PackedFile], str]:
    """The manifest, the files, and how they were listed (for the text header)."""
    if args.tarball:
        from hooks.publish.tarball import read_manifest_from_tarball
        from hooks.publish.tarball import tarball_files

        files = tarball_files(args.tarball)
        return read_manifest_from_tarball(args.tarball), files, ' (from the tarball)'
    from hooks.publish.npm import read_manifest
    from hooks.publish.npm import tarball_entries
    from hooks.publish.packer import choose
    from hooks.publish.packer import model
    from hooks.publish.packer import publish_list_explained

    choice = choose(args.pkg_dir, getattr(args, 'packer', None))
    if choice.packer.startswith('npm'):
        manifest = read_manifest(args.pkg_dir)
        if not manifest.get('name') or not manifest.get('version'):
            from hooks.findings import BadInput

            raise BadInput(
                'package.json',
                'Invalid package, must have name and version (npm pack refuses it)',
            )
        files, only = publish_list_explained(args.pkg_dir, choice.packer)
        files = tarball_entries(files)   # node-tar's path rules
    else:
        # the packer's own model says what it refuses, in its own words
        files, only = publish_list_explained(args.pkg_dir, choice.packer)
        manifest = _lenient_manifest(args.pkg_dir)
    how = f' (as {model(choice.packer)} would pack it; packer: {choice.why})'
    if choice.note:
        how += f'\nnote: {choice.note}'
    if only:
        shown_only = ', '.join(f'{shown(p)} ({who} only)' for p, who in only[:5])
        more = f' and {len(only) - 5} more' if len(only) > 5 else ''
        how += f'\nnote: npm 11 and npm 12 differ on {len(only)} file(s): {shown_only}{more}'
    return manifest, files, how


def _lenient_manifest(pkg_dir: str) -> dict[str, Any]:
    """package.json for the header, as far as it reads (its packer accepted it)."""
    from hooks.reading import loads
    from hooks.reading import read_text

    try:
        data = loads(read_text(os.path.join(pkg_dir, 'package.json')), 'package.json')
    except Exception:  # noqa: BLE001 (the packer's model read it; the header is best effort)
        return {}
    return data if isinstance(data, dict) else {}


def run(args: Args) -> int:
    try:
        manifest, files, how = list_package(args)
    except Exception as e:
        from hooks.findings import BadInput

        if not isinstance(e, BadInput):
            raise
        if not args.tarball and e.path != os.fspath(args.pkg_dir):
            from hooks.publish.packages import display_prefix

            e = e.under(display_prefix(args.pkg_dir))
        print(e, file=sys.stderr)
        return 2
    if args.json:
        out = dump_npm_json(manifest, files)
    else:
        out = as_text(manifest, files, how)
    sys.stdout.write(out + '\n')
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = new_parser(prog='packguard ls', description=__doc__)
    add_arguments(parser)
    return run(parser.parse_args(argv, namespace=Args()))


if __name__ == '__main__':
    raise SystemExit(main())
