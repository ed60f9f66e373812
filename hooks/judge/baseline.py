"""The committed ``.packguard-baseline.json``: reading it, and the document
``packguard baseline`` writes (the publish list with sizes and kinds)."""
from __future__ import annotations

import json
import os
from dataclasses import dataclass

from hooks.findings import BadInput
from hooks.judge.rules import BASELINE_NAME

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
    from hooks.judge.inspect import inspect_folder
    from hooks.publish.npm import publish_list
    from hooks.publish.npm import read_manifest

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
    from hooks.judge.sourcemap import human_size
    from hooks.judge.sourcemap import plural
    from hooks.publish.packages import Skipped
    from hooks.publish.packages import display_prefix
    from hooks.publish.packages import find_packages

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
