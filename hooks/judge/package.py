"""Judging a package folder or a packed tarball: its publish list, each file once, the judges."""
from __future__ import annotations

import io
import os
from collections.abc import Sequence

from hooks.findings import BadInput
from hooks.findings import Finding
from hooks.judge.files import judge_file
from hooks.judge.inspect import PARALLEL_MIN_SIZE
from hooks.judge.inspect import Done
from hooks.judge.inspect import Inspected
from hooks.judge.inspect import Workers
from hooks.judge.inspect import inspect
from hooks.judge.inspect import inspect_bytes
from hooks.judge.inspect import inspect_folder
from hooks.judge.inspect import seekable_copy
from hooks.judge.policy import judge_policy
from hooks.judge.rules import BASELINE_NAME
from hooks.judge.rules import BINARY_SNIFF
from hooks.judge.rules import IN_MEMORY
from hooks.judge.rules import RULE_PACKER
from hooks.judge.rules import RULE_SKIPPED
from hooks.judge.rules import Context
from hooks.judge.rules import Options
from hooks.judge.rules import package_options
from hooks.judge.sizes import Totals
from hooks.judge.sizes import judge_sizes
from hooks.judge.sizes import totals_of

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import IO
    from typing import Any

    from hooks.judge.baseline import Against
    from hooks.judge.baseline import Baseline
    from hooks.judge.baseline import NotCompared
    from hooks.publish.packages import Package
    from hooks.publish.packages import Skipped

# -- packages and tarballs ---------------------------------------------------------


class SizeRun:
    """What a run shares across packages: the --against resolver (each previous
    release read once) and each package's totals for the summary line."""

    def __init__(self, against: str | None, *, single: bool = True) -> None:
        self.against: Against | None = None
        if against:
            from hooks.judge.baseline import Against

            self.against = Against(against, single=single)
        self.totals: list[Totals] = []
        self._failed = False

    def previous(
            self, manifest: dict[str, Any], start: str, errors: list[BadInput],
    ) -> Baseline | NotCompared | None:
        """The release to compare with (hooks.judge.baseline.Baseline), why there is
        none (NotCompared), or None without --against; a bad SPEC is said once."""
        if self.against is None or self._failed:
            return None
        name, version = manifest.get('name'), manifest.get('version')
        try:
            return self.against.previous(
                name if isinstance(name, str) else None,
                version if isinstance(version, str) else None, manifest, start,
            )
        except BadInput as e:
            self._failed = True
            errors.append(e)
            return None


def _finish(
        ctx: Context, items: list[Inspected], baseline: Baseline | None,
        previous: Baseline | NotCompared | None = None, run: SizeRun | None = None,
) -> list[Finding]:
    ctx.published = frozenset(i.file.path for i in items)
    out: list[Finding] = []
    for item in items:
        out.extend(judge_file(ctx, item))
    out.extend(judge_sizes(ctx, items, baseline, previous))
    if run is not None:
        run.totals.append(totals_of(ctx, items, previous))
    return out


def check_package(
        pkg: Package, options: Options, run: SizeRun | None = None,
) -> tuple[list[Finding], list[BadInput]]:
    """Findings for one hooks.publish.packages.Package folder."""
    from hooks.publish.packages import display_prefix
    from hooks.publish.packer import choose
    from hooks.publish.packer import publish_list_explained

    prefix = display_prefix(pkg.publish_dir)
    errors: list[BadInput] = []
    try:
        manifest = pkg.manifest
        if pkg.publish_dir != pkg.dir:
            from hooks.publish.npm import read_manifest

            manifest = read_manifest(pkg.publish_dir)
        opts = package_options(manifest, options)
        choice = choose(pkg.publish_dir, opts.packer, manifest)
        files, only = publish_list_explained(pkg.publish_dir, choice.packer)
    except BadInput as e:
        return [], [e.under(prefix)]
    label = _label(manifest, pkg.name)
    ctx = Context(label, manifest, prefix, opts)
    packer_notes = _packer_notes(ctx, choice.note, only)
    from hooks.publish.packer import not_installed_notes

    for message in not_installed_notes(pkg.publish_dir) + not_installed_notes(pkg.dir):
        packer_notes.append(ctx.finding(
            'package.json',
            f'{message.removeprefix("pnpm refuses to pack: ")}: nothing is installed here, so '
            f'the list is judged with the version as written (pnpm install resolves it '
            f'before a real pack)', RULE_PACKER, 'note'))
    baseline = None
    if os.path.lexists(os.path.join(pkg.dir, BASELINE_NAME)):   # (else read_baseline says None)
        from hooks.judge.baseline import read_baseline

        try:
            baseline = read_baseline(pkg.dir)
        except BadInput as e:
            errors.append(e.under(display_prefix(pkg.dir)))
    items: list[Inspected] = []
    for got in inspect_folder(pkg.publish_dir, files, prefix):
        if isinstance(got, BadInput):
            errors.append(got)
        else:
            items.append(got)
    previous = run.previous(manifest, pkg.dir, errors) if run is not None else None
    findings = packer_notes + _finish(ctx, items, baseline, previous, run)
    try:
        findings = judge_policy(ctx, pkg.publish_dir, items, packer=choice.packer,
                                built_folder=pkg.publish_dir != pkg.dir) + findings
    except BadInput as e:
        errors.append(e.under(prefix))
    return findings, errors


def _example_package(pkg_dir: str, top: str) -> bool:
    """A package in an example, fixture, playground or test folder of the repository
    (vite's playground apps, redux-toolkit's examples): never published in practice."""
    from hooks.judge.rules import in_fixture_folder
    from hooks.judge.rules import in_test_folder

    here = os.path.abspath(pkg_dir)
    rel = os.path.relpath(here, top).replace(os.sep, '/')
    cwd = os.getcwd()
    if rel.startswith('..') or cwd == here or cwd.startswith(here + os.sep):
        return False   # outside the repository, or the package the user stands in
    return in_fixture_folder(rel + '/x') or in_test_folder(rel + '/x')


def _as_example(f: Finding) -> Finding:
    """An example package's error is a warning that says how to mark it."""
    if f.severity != 'error':
        return f
    return f._replace(severity='warning', message=(
        f'{f.message} (in an example or test folder, so rarely published; if it never is, '
        'say so with "private": true)'))


def _packer_notes(ctx: Context, note: str | None, only: list[tuple[str, str]]) -> list[Finding]:
    """Notes on how the publish list was chosen: an unmodelled packer, or
    npm 11 and npm 12 shipping different files (both are judged)."""
    out = []
    if note:
        out.append(ctx.finding('package.json', note, RULE_PACKER, 'note'))
    if only:
        listed = ', '.join(f'{p} ({who} only)' for p, who in only[:3])
        more = f' and {len(only) - 3} more' if len(only) > 3 else ''
        out.append(ctx.finding(
            'package.json',
            f'npm 11 and npm 12 would publish different files ({listed}{more}); nothing says '
            'which npm publishes this package, so both lists are judged; set packageManager '
            '(e.g. "npm@12.2.3") or "packguard": {"packer": "npm@12"} to judge one',
            RULE_PACKER, 'note',
        ))
    return out


def _label(manifest: dict[str, Any], fallback: str) -> str:
    name = manifest.get('name')
    name = name if isinstance(name, str) and name else fallback
    version = manifest.get('version')
    return f'{name}@{version}' if isinstance(version, str) and version else name


class _Chained(io.RawIOBase):
    """``head`` then the rest of ``stream``: a sniffed stream, read on."""

    def __init__(self, head: bytes, stream: IO[bytes]) -> None:
        self._head = head
        self._stream = stream

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        if self._head:
            n = len(self._head) if size < 0 else min(size, len(self._head))
            out, self._head = self._head[:n], self._head[n:]
            return out
        return self._stream.read(size)


def _large_member(member: Any, shown: str) -> Inspected | None:
    """A large tarball member judged without a copy when its first bytes say
    what it is (binary, or a JSON object that turns out to be a source map);
    None when it needs the full, rewindable read."""
    from typing import cast  # (only here: typing costs start-up)

    from hooks.judge.sourcemap import read_sourcemap_stream

    f = member.file
    head = member.stream.read(BINARY_SNIFF)
    if b'\0' in head:  # searched for tokens all the same (hooks.judge.inspect.inspect)
        from hooks.judge.secrets import scan_secrets
        from hooks.reading import BINARY_SCAN
        from hooks.reading import Limited
        from hooks.reading import as_utf8

        rest = cast('IO[bytes]', _Chained(head, member.stream))
        text = as_utf8(rest, head)
        unscanned = 0
        if text is None:
            text, unscanned = cast('IO[bytes]', Limited(rest, BINARY_SCAN)), f.size - BINARY_SCAN
        return Inspected(f, binary=True, secrets=scan_secrets(text, shown),
                         unscanned=max(0, unscanned))
    if head.lstrip(b'\xef\xbb\xbf \t\r\n)]}\'')[:1] != b'{':
        return None
    from hooks.judge.embedded import Spool

    # copied to a temporary file as it is read, for a worker to scan its embedded
    # sources (hooks.judge.embedded) while this process reads on
    chained = Spool(cast('IO[bytes]', _Chained(head, member.stream)))
    try:
        info = read_sourcemap_stream(cast('IO[bytes]', chained), f.size, shown)
    except BaseException:
        chained.discard()
        raise
    if info is None or not info.embedded:
        chained.discard()
        return None if info is None else Inspected(f, sourcemap=info)
    return Inspected(f, sourcemap=info, spooled=chained.keep())


def embedded_of_spooled(item: Inspected) -> Inspected:
    """``item`` with the secrets of its map's embedded sources, read from the
    temporary copy :func:`_large_member` made (then removed)."""
    from hooks.judge.embedded import scan_embedded

    assert item.spooled is not None
    try:
        with open(item.spooled, 'rb') as f:
            item.embedded = scan_embedded(f)
    finally:
        os.unlink(item.spooled)
        item.spooled = None
    return item


def check_tarball(
        path: str, options: Options, run: SizeRun | None = None,
) -> tuple[list[Finding], list[BadInput]]:
    """Findings for an already packed tarball, streamed member by member.

    Files up to 16 MiB are read into memory; a larger one is judged from its
    stream when it is binary or a source map (the 60 MB map of 2.1.88 costs
    one streamed parse), else read again into a temporary file.
    """
    from hooks.publish.tarball import read_tarball

    shown = path.rstrip('/') + '/'
    errors: list[BadInput] = []
    items: list[Inspected] = []
    again: set[str] = set()
    manifest: dict[str, Any] = {}
    workers = Workers()
    pending: list[Any] = []
    try:
        for member in read_tarball(path):
            f = member.file
            if f.size > IN_MEMORY and f.path != 'package.json':
                try:
                    large = _large_member(member, shown + f.path)
                except BadInput as e:
                    errors.append(e)
                    continue
                if large is None:
                    again.add(f.path)
                elif large.spooled is not None:
                    pending.append(workers.submit(embedded_of_spooled, large))
                else:
                    pending.append(Done(large))
                continue
            if f.path == 'package.json':  # read whole, bounded: never skipped for its size
                from hooks.reading import loads
                from hooks.reading import stream_bounded
                try:
                    data = stream_bounded(member.stream, f'{shown}package.json', f.size)
                    loaded = loads(data.decode('utf-8-sig'), f'{shown}package.json')
                except BadInput as e:
                    errors.append(e)
                    continue
                except (ValueError, UnicodeDecodeError) as e:
                    errors.append(BadInput(f'{shown}package.json', f'invalid JSON: {e}'))
                else:
                    if isinstance(loaded, dict):
                        manifest = loaded
                    else:
                        errors.append(BadInput(f'{shown}package.json', 'must be a JSON object'))
            else:
                data = member.stream.read()
            if not data:  # nothing to read in an empty file (a tar of a million of them)
                pending.append(Done(Inspected(f)))
            elif f.size >= PARALLEL_MIN_SIZE and b'\0' not in data[:BINARY_SNIFF]:
                pending.append(workers.submit(inspect_bytes, data, f, shown + f.path))
            else:
                pending.append(Done(inspect_bytes(data, f, shown + f.path)))
        for p in pending:
            got = p.result()
            if isinstance(got, BadInput):
                errors.append(got)
            else:
                items.append(got)
        if again:
            for member in read_tarball(path):
                if member.file.path in again:
                    with seekable_copy(member.stream, member.file.size) as stream:
                        try:
                            items.append(inspect(stream, member.file, shown + member.file.path))
                        except BadInput as e:
                            errors.append(e)
    except BadInput as e:
        errors.append(e)
        return [], errors
    finally:
        workers.close()
    try:
        opts = package_options(manifest, options)
    except BadInput as e:
        errors.append(e.under(shown))
        opts = options
    ctx = Context(_label(manifest, os.path.basename(path)), manifest, shown, opts)
    previous = run.previous(manifest, '.', errors) if run is not None else None
    return _finish(ctx, items, None, previous, run), errors


def check(
        paths: Sequence[str] = (),
        *,
        tarballs: Sequence[str] = (),
        options: Options = Options(),
        root: str = '.',
        totals: list[Totals] | None = None,
) -> tuple[list[Finding], list[BadInput]]:
    """The worker: findings for the packages (or tarballs) and the bad input met;
    each package's file count and size is added to ``totals`` when given.

    ``paths`` are package folders, or files (as pre-commit passes the staged
    files): then only the packages those files can affect are judged. With no
    paths, every package of the repository that holds ``root`` (the root
    package and its workspaces), wherever ``root`` is in it.
    """
    from hooks.publish.packages import Skipped
    from hooks.publish.packages import affected
    from hooks.publish.packages import affected_packages
    from hooks.publish.packages import display_prefix
    from hooks.publish.packages import find_packages
    from hooks.publish.packages import repository_root

    findings: list[Finding] = []
    errors: list[BadInput] = []
    run = SizeRun(options.against, single=len(tarballs) == 1 and not paths)
    for t in tarballs:
        f, e = check_tarball(t, options, run)
        findings.extend(f)
        errors.extend(e)
    if tarballs and not paths:
        if totals is not None:
            totals.extend(run.totals)
        return findings, errors
    from hooks.publish.packer import one_run

    with one_run():   # a monorepo's shared inputs are read once, the search's too
        folders = [p for p in paths if not os.path.isfile(p)]
        staged = [p for p in paths if os.path.isfile(p)]
        packages: list[Package | Skipped] = []
        if folders or not staged:
            packages, errs = find_packages(folders or None, root=repository_root(root))
            errors.extend(errs)
        if staged:
            top = repository_root(root)
            quick = affected_packages(staged, top)
            if quick is None:
                every, errs = find_packages(None, root=top)
                hit = affected(every, staged)
            else:
                hit, errs = quick
            errors.extend(errs)
            seen = {os.path.realpath(p.dir) for p in packages}
            packages += [p for p in hit if os.path.realpath(p.dir) not in seen]
        if run.against is not None:
            run.against.single = len(tarballs) + sum(
                not isinstance(p, Skipped) for p in packages) == 1
        top = os.path.abspath(repository_root(root))

        def judge(pkg: Package) -> tuple[list[Finding], list[BadInput], list[Totals]]:
            before = len(run.totals)
            f, e = check_package(pkg, options, run)
            if not folders and _example_package(pkg.dir, top):   # found, not named
                f = [_as_example(x) for x in f]
            added = run.totals[before:]
            del run.totals[before:]
            return f, e, added

        judging = [p for p in packages if not isinstance(p, Skipped)]
        if run.against is None:   # the packages of a monorepo, on every CPU
            from hooks.fanout import fan_out

            judged = iter(fan_out(judging, judge))
        else:   # (each previous release is fetched once, by this process)
            judged = iter([judge(pkg) for pkg in judging])
        for pkg in packages:
            if isinstance(pkg, Skipped):
                findings.append(Finding(
                    display_prefix(pkg.dir) + 'package.json',
                    f'{pkg.name} not checked: it {pkg.reason}',
                    RULE_SKIPPED, 'note', package=pkg.name,
                ))
                continue
            f, e, added = next(judged)
            findings.extend(f)
            errors.extend(e)
            run.totals.extend(added)
    if totals is not None:
        totals.extend(run.totals)
    return findings, errors


# -- command line ---------------------------------------------------------------------
