"""``packguard baseline [PKG_DIR]``: record what each package publishes, to catch growth.

Writes ``.packguard-baseline.json`` beside each publishable package's
package.json (the package at PKG_DIR and its workspaces): the publish list
with each file's size and kind (``text``, ``binary``, ``source map``) and the
unpacked size. Commit it; ``check-npm-publish`` then fails when the unpacked
size grows past ``--max-growth`` or a file of a kind new to the package
appears (a first source map, a first binary). This is the only packguard
command that writes.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass

from hooks.check_npm_publish import BASELINE_NAME
from hooks.findings import BadInput

FORMAT_VERSION = 1


@dataclass(frozen=True)
class Baseline:
    unpacked_size: int
    sizes: dict[str, int]
    kinds: dict[str, str]


def read_baseline(pkg_dir: str) -> Baseline | None:
    """The committed baseline of a package folder; None when there is none."""
    path = os.path.join(pkg_dir, BASELINE_NAME)
    try:
        with open(path, 'rb') as f:
            raw = f.read()
    except FileNotFoundError:
        return None
    except OSError as e:
        raise BadInput(BASELINE_NAME, f'cannot read: {e.strerror or e}') from None
    try:
        data = json.loads(raw.decode('utf-8-sig'))
    except UnicodeDecodeError:
        raise BadInput(BASELINE_NAME, 'not valid UTF-8; run packguard baseline again') from None
    except json.JSONDecodeError as e:
        raise BadInput(
            BASELINE_NAME, f'invalid JSON ({e.msg}); run packguard baseline again',
            e.lineno, e.colno,
        ) from None
    if not isinstance(data, dict) or not isinstance(data.get('files'), list):
        raise BadInput(
            BASELINE_NAME, 'not a packguard baseline (no "files" list); '
            'run packguard baseline again',
        )
    sizes: dict[str, int] = {}
    kinds: dict[str, str] = {}
    for i, entry in enumerate(data['files']):
        if not (
                isinstance(entry, dict) and isinstance(entry.get('path'), str)
                and isinstance(entry.get('size'), int) and not isinstance(entry['size'], bool)
                and isinstance(entry.get('kind', 'text'), str)
        ):
            raise BadInput(
                BASELINE_NAME, f'"files"[{i}] needs a "path" string and a "size" number; '
                'run packguard baseline again',
            )
        sizes[entry['path']] = entry['size']
        kinds[entry['path']] = entry.get('kind', 'text')
    total = data.get('unpackedSize', sum(sizes.values()))
    if not isinstance(total, int) or isinstance(total, bool):
        raise BadInput(BASELINE_NAME, '"unpackedSize" must be a number')
    return Baseline(total, sizes, kinds)


def baseline_for(pkg_dir: str, publish_dir: str, prefix: str) -> tuple[dict[str, object], list[
        BadInput]]:
    """The baseline document of one package (not written)."""
    from hooks.check_npm_publish import inspect_folder
    from hooks.packlist import publish_list
    from hooks.packlist import read_manifest

    manifest = read_manifest(publish_dir)
    files = [f for f in publish_list(publish_dir) if f.path != BASELINE_NAME]
    entries = []
    errors = []
    for got in inspect_folder(publish_dir, files, prefix):
        if isinstance(got, BadInput):
            errors.append(got)
            continue
        entries.append({'path': got.file.path, 'size': got.file.size, 'kind': got.kind})
    doc: dict[str, object] = {
        'packguard': FORMAT_VERSION,
        'name': manifest.get('name'),
        'version': manifest.get('version'),
        'unpackedSize': sum(f.size for f in files),
        'files': entries,
    }
    return doc, errors


def write_baselines(pkg_dir: str) -> tuple[list[str], list[BadInput]]:
    """Write the baseline of every publishable package at ``pkg_dir``; the lines to print."""
    from hooks.packages import Skipped
    from hooks.packages import display_prefix
    from hooks.packages import find_packages
    from hooks.sourcemap import human_size
    from hooks.sourcemap import plural

    lines: list[str] = []
    packages, errors = find_packages([pkg_dir])
    for pkg in packages:
        if isinstance(pkg, Skipped):
            lines.append(f'{display_prefix(pkg.dir)}package.json: skipped, {pkg.name} {pkg.reason}')
            continue
        try:
            doc, errs = baseline_for(pkg.dir, pkg.publish_dir, display_prefix(pkg.publish_dir))
        except BadInput as e:
            errors.append(e)
            continue
        if errs:
            errors.extend(errs)
            continue
        target = os.path.join(pkg.dir, BASELINE_NAME)
        tmp = target + '.tmp'
        with open(tmp, 'w', encoding='utf-8') as f:
            json.dump(doc, f, indent=2, ensure_ascii=False)
            f.write('\n')
        os.replace(tmp, target)
        files = doc['files']
        assert isinstance(files, list)
        size = doc['unpackedSize']
        assert isinstance(size, int)
        lines.append(
            f'{display_prefix(pkg.dir)}{BASELINE_NAME}: wrote {plural(len(files), "file")}, '
            f'{human_size(size)} unpacked ({pkg.label})',
        )
    return lines, errors


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        'pkg_dir', nargs='?', default='.', metavar='PKG_DIR',
        help='package folder (default: current folder; workspaces included)',
    )


def run(args: argparse.Namespace) -> int:
    lines, errors = write_baselines(args.pkg_dir)
    for e in errors:
        print(e, file=sys.stderr)
    for line in lines:
        print(line)
    return 2 if errors else 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog='packguard baseline', description=__doc__)
    add_arguments(parser)
    return run(parser.parse_args(argv))


if __name__ == '__main__':
    raise SystemExit(main())
