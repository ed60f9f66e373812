"""What a package published before, to compare with: the committed
``.packguard-baseline.json`` (reading it, and the document ``packguard baseline``
writes), or a previous release (``--against``: a tarball, ``name@version`` or
``published``, fetched through hooks.publish.registry). Both give a
:class:`Baseline`, which hooks.judge.sizes compares the same way."""
from __future__ import annotations

import json
import os

from hooks.findings import BadInput
from hooks.judge.rules import BASELINE_NAME

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any
    from typing import NamedTuple

    from hooks.findings import Severity
    from hooks.publish.registry import NpmConfig
else:
    from hooks.records import NamedTuple

FORMAT_VERSION = 1


class Baseline(NamedTuple):
    """A publish list to compare with: each file's size and kind (``text``,
    ``binary``, ``source map``). ``version`` is None for the committed baseline,
    the release's version (``name@version`` when another package) otherwise."""
    unpacked_size: int
    sizes: dict[str, int]
    kinds: dict[str, str]
    version: str | None = None

    @property
    def source(self) -> str:
        return 'the baseline' if self.version is None else self.version


def read_baseline(pkg_dir: str) -> Baseline | None:
    """The committed baseline of a package folder; None when there is none."""
    path = os.path.join(pkg_dir, BASELINE_NAME)
    from hooks.reading import check_depth
    from hooks.reading import read_bounded

    try:
        raw = read_bounded(path)
    except FileNotFoundError:
        return None
    except OSError as e:
        raise BadInput(BASELINE_NAME, f'cannot read: {e.strerror or e}') from None
    try:
        text = raw.decode('utf-8-sig')
        check_depth(text, BASELINE_NAME)
        data = json.loads(text)
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


# -- a previous release (--against) ---------------------------------------------------


class NotCompared(NamedTuple):
    """Why a package was not compared with a previous release (one line, no secret)."""
    message: str
    short: str          # for the summary line
    severity: Severity


def release_from_tarball(path: str, label: str | None = None) -> tuple[Baseline, dict[str, Any]]:
    """A packed release read as a Baseline (streamed: a file is a source map by its
    content, a binary by a NUL byte in its first 8000 bytes), and its package.json."""
    from hooks.judge.rules import BINARY_SNIFF
    from hooks.judge.sourcemap import read_sourcemap_stream
    from hooks.publish.tarball import read_tarball

    sizes: dict[str, int] = {}
    kinds: dict[str, str] = {}
    manifest: dict[str, Any] = {}
    for member in read_tarball(path):
        f = member.file
        sizes[f.path] = f.size
        head = member.stream.peek(BINARY_SNIFF)[:BINARY_SNIFF]  # type: ignore[attr-defined]
        if b'\0' in head:
            kinds[f.path] = 'binary'
            continue
        if f.path == 'package.json':
            try:
                loaded = json.loads(member.stream.read(16 * 1024 * 1024).decode('utf-8-sig'))
            except (ValueError, UnicodeDecodeError):
                loaded = None
            manifest = loaded if isinstance(loaded, dict) else {}
            kinds[f.path] = 'text'
            continue
        try:
            info = read_sourcemap_stream(member.stream, f.size, f'{path}/{f.path}')
        except BadInput:
            info = None  # a broken map in a past release: not this release's problem
        kinds[f.path] = 'text' if info is None else 'source map'
    version = manifest.get('version')
    if label is None:
        label = version if isinstance(version, str) and version else os.path.basename(path)
    return Baseline(sum(sizes.values()), sizes, kinds, label), manifest


class Against:
    """``--against SPEC`` for the packages of one run; each release is read once.

    SPEC is a tarball path, ``published`` (the highest version below the one
    checked, else the latest) or a registry spec (``name@version``,
    ``name@tag``). With several packages checked, a tarball or registry spec
    compares only the package of the same name.
    """

    def __init__(self, spec: str, *, single: bool) -> None:
        self.spec = spec
        self.single = single
        self._tarballs: dict[str, tuple[Baseline, dict[str, Any]]] = {}
        self._packuments: dict[tuple[str, str], dict[str, Any]] = {}

    def _is_tarball(self) -> bool:
        spec = self.spec
        if os.path.isfile(spec) or os.path.isdir(spec):
            return True
        if spec.startswith('@'):
            return False
        return '/' in spec or os.sep in spec or spec.endswith(('.tgz', '.tar.gz', '.tar'))

    def _tarball(self, path: str, label: str | None = None) -> tuple[Baseline, dict[str, Any]]:
        if path not in self._tarballs:
            self._tarballs[path] = release_from_tarball(path, label)
        return self._tarballs[path]

    def previous(
            self, name: str | None, version: str | None, manifest: dict[str, Any], start: str,
    ) -> Baseline | NotCompared:
        """The release to compare package ``name@version`` with, or why there is none.

        Raises BadInput for a SPEC that names nothing (no such tarball, no such
        version on the registry)."""
        from hooks.publish.registry import RegistryUnavailable

        try:
            if self.spec == 'published':
                return self._published(name, version, manifest, start)
            if self._is_tarball():
                before, old = self._tarball(self.spec)
                return self._same_package(before, old.get('name'), name)
            return self._registry_spec(name, manifest, start)
        except RegistryUnavailable as e:
            return NotCompared(
                f'not compared with {self._what()}: {e}; sizes and kinds were judged '
                f'without it (run where the registry is reachable: CI, prepublishOnly)',
                f'not compared with {self._what()}: {e}', 'warning',
            )

    def _what(self) -> str:
        return 'the published version' if self.spec == 'published' else self.spec

    def _same_package(
            self, before: Baseline, old_name: object, name: str | None,
    ) -> Baseline | NotCompared:
        if self.single or not isinstance(old_name, str) or old_name == name:
            if isinstance(old_name, str) and name and old_name != name:
                return Baseline(before.unpacked_size, before.sizes, before.kinds,
                                f'{old_name}@{before.version}')
            return before
        return NotCompared(
            f'not compared: --against {self.spec} is {old_name}, another package',
            'not compared (another package)', 'note',
        )

    def _packument(self, name: str, registry: str, config: NpmConfig) -> dict[str, Any]:
        from hooks.publish.registry import fetch_packument

        key = (registry, name)
        if key not in self._packuments:
            self._packuments[key] = fetch_packument(name, config, registry)
        return self._packuments[key]

    def _lookup(self, name: str, manifest: dict[str, Any] | None, config: NpmConfig,
                ) -> tuple[str, dict[str, Any]]:
        """(registry, packument): from the registry npm publishes to, else the one npm
        installs from (a publishConfig.registry may be a publish-only proxy such as
        wombat-dressing-room). Raises NotPublished when a registry answered that it has
        no such package, else RegistryUnavailable."""
        from hooks.publish.registry import NotPublished
        from hooks.publish.registry import RegistryUnavailable

        registries = [config.registry(name, manifest)]
        if config.registry(name) not in registries:
            registries.append(config.registry(name))
        missing: NotPublished | None = None
        unavailable: RegistryUnavailable | None = None
        for registry in registries:
            try:
                return registry, self._packument(name, registry, config)
            except NotPublished:
                missing = missing or NotPublished(registry)
            except RegistryUnavailable as e:
                unavailable = unavailable or e
        if missing is not None:
            raise missing
        assert unavailable is not None
        raise unavailable

    def _fetch(self, name: str, version: str, packument: dict[str, Any], config: NpmConfig,
               registry: str) -> Baseline:
        from hooks.publish.registry import dist_of
        from hooks.publish.registry import fetch_tarball

        path = fetch_tarball(name, version, dist_of(packument, version), config, registry)
        return self._tarball(path, version)[0]

    def _published(
            self, name: str | None, version: str | None, manifest: dict[str, Any], start: str,
    ) -> Baseline | NotCompared:
        from hooks.publish.registry import NotPublished
        from hooks.publish.registry import npm_config
        from hooks.publish.registry import offline_reason
        from hooks.publish.registry import previous_version
        from hooks.publish.registry import shown_url

        if not name:
            return NotCompared('not compared: package.json has no "name" to look up',
                               'not compared (no name)', 'note')
        offline = offline_reason()
        if offline is not None:
            return NotCompared(
                f'not compared with the published version: {offline}; sizes and kinds were '
                f'judged without it (packguard check --against published in CI or '
                f'prepublishOnly compares)',
                f'not compared with the published version: {offline}', 'note',
            )
        config = npm_config(start)
        registry = config.registry(name, manifest)
        try:
            registry, packument = self._lookup(name, manifest, config)
        except NotPublished as e:
            registry, packument = str(e), {}
        prev = previous_version(packument, version)
        if prev is None:
            where = shown_url(registry)
            return NotCompared(
                f'no previous version: {name} has no other version on {where}, so there is '
                f'nothing to compare with yet',
                'no previous version published', 'note',
            )
        return self._fetch(name, prev, packument, config, registry)

    def _registry_spec(
            self, name: str | None, manifest: dict[str, Any], start: str,
    ) -> Baseline | NotCompared:
        from hooks.publish.registry import NotPublished
        from hooks.publish.registry import npm_config
        from hooks.publish.registry import resolve
        from hooks.publish.registry import shown_url
        from hooks.publish.registry import split_spec

        try:
            wanted_name, wanted = split_spec(self.spec)
        except ValueError as e:
            raise BadInput('--against', str(e)) from None
        if not self.single and wanted_name != name:
            return NotCompared(
                f'not compared: --against {self.spec} is another package',
                'not compared (another package)', 'note',
            )
        config = npm_config(start)
        try:
            registry, packument = self._lookup(
                wanted_name, manifest if wanted_name == name else None, config)
        except NotPublished as e:
            raise BadInput(
                '--against', f'{self.spec}: {wanted_name} is not published on '
                f'{shown_url(str(e))}',
            ) from None
        version = resolve(packument, wanted)
        if version is None:
            raise BadInput(
                '--against', f'{self.spec}: {wanted_name} has no version or tag {wanted!r} '
                f'on {shown_url(registry)}',
            )
        before = self._fetch(wanted_name, version, packument, config, registry)
        if name and wanted_name != name:
            return Baseline(before.unpacked_size, before.sizes, before.kinds,
                            f'{wanted_name}@{version}')
        return before
