"""Hostile input: every promise holds, whatever the input.

Each case builds a tree in ``tmp_path`` and runs one command in a subprocess
with a timeout and an address-space cap; then it asserts the promises of the
README: the run ends (within ``TIMEOUT`` seconds), its peak memory stays under
``MAX_RSS_MB`` (``ru_maxrss`` of the child and the workers it waited for), it
exits 0, 1 or 2 with the expected verdict, prints no traceback, never prints
the secret value it was given, and keeps one finding per line (a forged line
planted in a file name never starts a line, no raw control character
reaches the terminal).

The table covers the classes of issue #11; the hypothesis strategies below it
throw generated malformed JSON, odd trees, special files, deep and wide
inputs and tar bombs at the same checks. The slowest cases (hundreds of
megabytes, sparse files) carry the ``slow_hostile`` marker, so CI can run
them as a step of their own (``pytest -m slow_hostile``).
"""
from __future__ import annotations

import io
import json
import os
import re
import resource
import subprocess
import sys
import tarfile
import time
from collections.abc import Callable
from collections.abc import Iterator
from dataclasses import dataclass
from dataclasses import field
from pathlib import Path

import pytest
from hypothesis import HealthCheck
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st

TIMEOUT = 20.0
MAX_RSS_MB = 400
ADDRESS_SPACE = 3 << 30  # a runaway fails fast instead of swapping (VmHWM is the bar)
REPO = Path(__file__).resolve().parent.parent

# A token of a known format (python-dotenv may read it as a key, a map may
# carry it in a query): it must never be printed.
SECRET = 'ghp_' + 'Zq8Rt2Lm5Xv9Bc3Nw7Hk1Jd6Fp4Sg0Ty8Ua2'
NPM_SECRET = 'npm_' + 'Kd93hFq0Lz7Pw2Xm5Rt8Vb1Nc4Gj6Hs9Ya3E'
FORGED = 'fake.js:1: ok'
MAP = '{"version":3,"mappings":"","sources":["x"],"sourcesContent":["y"]}'
ALL_FORMATS = ('text', 'json', 'sarif', 'github')

COMMANDS = {
    'check': ('hooks.cli', 'check'),
    'ls': ('hooks.cli', 'ls'),
    'config': ('hooks.cli', 'config'),
    'baseline': ('hooks.cli', 'baseline'),
    'forbid-sourcemaps': ('hooks.forbid_sourcemaps',),
    'forbid-env-files': ('hooks.forbid_env_files',),
}


@dataclass
class Run:
    code: int | None
    out: str
    err: str
    seconds: float
    rss_mb: float


@dataclass
class Case:
    argv: list[str]
    codes: tuple[int, ...] = (0, 1, 2)
    secret: str | None = None
    expect: str | None = None  # a regex the output (stdout + stderr) must match
    formats: tuple[str, ...] = ('text',)  # secrets and names: every format
    env: dict[str, str] = field(default_factory=dict)


MEASURED: list[tuple[str, float, float]] = []


def _limit() -> None:  # pragma: no cover (runs in the child)
    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE, ADDRESS_SPACE))


def _hwm_mb(pid: int) -> float:
    """The peak resident size of a live process (VmHWM: of its own memory since its exec,
    unlike ru_maxrss, which a child inherits from the parent it was forked from)."""
    try:
        with open(f'/proc/{pid}/status', encoding='ascii') as f:
            for line in f:
                if line.startswith('VmHWM:'):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def _descendants(pid: int) -> list[int]:
    """The worker processes a run forked (children of ``pid``, one level)."""
    out = []
    for name in os.listdir('/proc'):
        if name.isdigit():
            try:
                with open(f'/proc/{name}/stat', encoding='ascii', errors='replace') as f:
                    if int(f.read().rsplit(')', 1)[1].split()[1]) == pid:
                        out.append(int(name))
            except (OSError, ValueError, IndexError):
                continue
    return out


def _kill_group(pid: int) -> None:
    import signal

    try:
        os.killpg(pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def run_guarded(argv: list[str], cwd: Path, env: dict[str, str] | None = None) -> Run:
    """``argv[0]`` (a key of COMMANDS) run in a subprocess: exit, output, time, peak RSS.

    The peak is polled from /proc every 10 ms (its workers every 100 ms);
    RLIMIT_AS stops a runaway before it swaps.
    """
    module, *sub = COMMANDS[argv[0]]
    out_path, err_path = cwd.parent / f'.{cwd.name}.out', cwd.parent / f'.{cwd.name}.err'
    peak = 0.0
    with open(out_path, 'wb') as out, open(err_path, 'wb') as err:
        start = time.monotonic()
        proc = subprocess.Popen(
            [sys.executable, '-m', module, *sub, *argv[1:]],
            cwd=cwd, stdout=out, stderr=err, stdin=subprocess.DEVNULL,
            preexec_fn=_limit,  # noqa: PLW1509 (the test process starts no threads)
            env={**os.environ, 'PYTHONPATH': str(REPO), **(env or {})},
            start_new_session=True,   # its forked workers go with it on a timeout
        )
        code: int | None = None
        polls = 0
        while True:
            peak = max(peak, _hwm_mb(proc.pid))
            if polls % 10 == 0 and os.path.isdir('/proc'):
                for child in _descendants(proc.pid):
                    peak = max(peak, _hwm_mb(child))
            polls += 1
            pid, status, _ = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                code = os.waitstatus_to_exitcode(status)
                break
            if time.monotonic() - start > TIMEOUT:
                _kill_group(proc.pid)
                os.wait4(proc.pid, 0)
                break
            time.sleep(0.01)
        _kill_group(proc.pid)   # a worker left behind must not outlive the case
        proc.returncode = code if code is not None else -9
        seconds = time.monotonic() - start
    text = out_path.read_bytes().decode('utf-8', 'replace')
    etext = err_path.read_bytes().decode('utf-8', 'replace')
    return Run(code, text, etext, seconds, peak)


_CONTROL = re.compile(r'[\x00-\x08\x0b-\x1f\x7f\x9b]')


def assert_promises(case: Case, run: Run, fmt: str, name: str) -> None:
    MEASURED.append((name, run.seconds, run.rss_mb))
    both = run.out + run.err
    assert run.code is not None, f'still running after {TIMEOUT} s:\n{both[-2000:]}'
    assert run.rss_mb < MAX_RSS_MB, f'{run.rss_mb:.0f} MB peak'
    assert 'Traceback' not in both, both[-3000:]
    assert run.code in case.codes, f'exit {run.code}, wanted {case.codes}:\n{both[-3000:]}'
    for secret in (SECRET, NPM_SECRET, case.secret):
        if secret:
            assert secret not in both, both
    assert not _CONTROL.search(both), repr(_CONTROL.search(both))
    for line in both.splitlines():
        assert not line.lstrip().startswith(FORGED), both
    if fmt == 'json' and case.argv[0] not in ('ls', 'baseline') and run.out.strip():
        json.loads(run.out)  # one document, whatever the names held
    if case.expect is not None and fmt == 'text':
        assert re.search(case.expect, both), both


def check_case(build: Callable[[Path], Case], tmp_path: Path, name: str) -> None:
    root = tmp_path / 'repo'
    root.mkdir()
    case = build(root)
    for fmt in case.formats:
        argv = list(case.argv)
        if fmt != 'text' and argv[0] not in ('ls', 'baseline'):
            argv += ['--format', fmt]
        if fmt != 'text' and argv[0] == 'ls':
            argv += ['--json']
        assert_promises(case, run_guarded(argv, root, case.env), fmt, f'{name}[{fmt}]')


# -- builders -------------------------------------------------------------------


def pkg(root: Path, manifest: object | None = None, **files: str | bytes) -> Path:
    """A package folder: ``package.json`` (a dict dumped, or raw text) and files."""
    if manifest is None:
        manifest = {'name': 'x', 'version': '1.0.0'}
    text = manifest if isinstance(manifest, (str, bytes)) else json.dumps(manifest)
    write(root / 'package.json', text)
    for name, content in files.items():
        write(root / name, content)
    return root


def write(path: Path, content: str | bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        content = content.encode()
    path.write_bytes(content)


def fifo(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists() or path.is_symlink():
        path.unlink()
    os.mkfifo(path)


def deep_json(depth: int, inner: str = '1') -> str:
    return '{"a":' * depth + inner + '}' * depth


def sparse(path: Path, size: int, head: bytes = b'', tail: bytes = b'') -> None:
    """A file of ``size`` bytes: ``head``, a hole of NULs, ``tail`` (no disk used)."""
    with open(path, 'wb') as f:
        f.write(head)
        f.truncate(size - len(tail))
        f.seek(size - len(tail))
        f.write(tail)


def tar_bytes(members: list[tuple[str, bytes]], fmt: int = tarfile.PAX_FORMAT) -> bytes:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode='w:gz', format=fmt) as tf:
        for name, data in members:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tf.addfile(info, io.BytesIO(data))
    return buf.getvalue()


def _header(name: bytes, size: int, typeflag: bytes) -> bytes:
    """A raw ustar header (``size`` may be anything, even larger than what follows)."""
    h = bytearray(512)
    h[0:len(name)] = name
    h[100:108] = b'0000644\0'
    h[108:116] = h[116:124] = b'0000000\0'
    digits = b'%o' % size
    if len(digits) <= 11:
        h[124:136] = digits.rjust(11, b'0') + b'\0'
    else:  # base-256 for what octal cannot hold
        h[124:136] = b'\x80' + size.to_bytes(11, 'big')
    h[136:148] = b'00000000000\0'
    h[156:157] = typeflag
    h[257:265] = b'ustar\x0000'
    h[148:156] = b' ' * 8
    h[148:156] = b'%06o\0 ' % sum(h)
    return bytes(h)


def gz(data: bytes) -> bytes:
    import gzip

    return gzip.compress(data, 1)


def tarball(root: Path, data: bytes) -> Case:
    write(root / 'p.tgz', data)
    return Case(['check', '--tarball', 'p.tgz'])


# -- the table of classes ------------------------------------------------------------


def _fifo_case(relpath: str, argv: list[str]) -> Callable[[Path], Case]:
    def build(root: Path) -> Case:
        pkg(root, {'name': 'x', 'version': '1.0.0', 'files': ['a.js']}, **{'a.js': 'x\n'})
        fifo(root / relpath)
        return Case(argv, codes=(1, 2), expect=r'not a regular file|FIFO|named pipe')
    return build


def _fifo_nested_npmignore(root: Path) -> Case:
    pkg(root, **{'lib/a.js': 'x\n'})
    fifo(root / 'lib/.npmignore')
    return Case(['check'], codes=(2,), expect=r'lib/\.npmignore: .*not a regular file')


def _devzero_case(relpath: str, argv: list[str]) -> Callable[[Path], Case]:
    def build(root: Path) -> Case:
        pkg(root, {'name': 'x', 'version': '1.0.0'}, **{'a.js': 'x\n'})
        target = root / relpath
        if target.exists():
            target.unlink()
        target.symlink_to('/dev/zero')
        return Case(argv, codes=(1, 2), expect=r'device|not a regular file')
    return build


def _deep(where: str) -> Callable[[Path], Case]:
    depth = 100_000

    def build(root: Path) -> Case:
        if where == 'package.json':
            write(root / 'package.json', deep_json(depth))
            return Case(['check'], codes=(2,), expect=r'package\.json:1:\d+: .*deeper than')
        if where == 'package.json/ls':
            write(root / 'package.json', '[' * depth + ']' * depth)
            return Case(['ls'], codes=(2,), expect=r'deeper than')
        if where == 'lerna.json':
            pkg(root)
            write(root / 'lerna.json', deep_json(depth))
            return Case(['check'], codes=(2,), expect=r'lerna\.json:1:\d+: .*deeper than')
        if where == 'baseline':
            pkg(root, **{'a.js': 'x\n'})
            write(root / '.packguard-baseline.json', deep_json(depth))
            return Case(['check'], codes=(1, 2), expect=r'deeper than')
        if where == 'tsconfig':
            pkg(root, {'name': 'x', 'version': '1.0.0', 'scripts': {'build': 'tsc'}})
            write(root / 'tsconfig.json', deep_json(depth))
            return Case(['config'], codes=(0, 1, 2), expect=r'deeper than')
        if where == 'map':
            pkg(root, **{'a.js.map': '{"version":3,"mappings":"","x":' + '[' * depth})
            return Case(['check'], codes=(1, 2))
        if where == 'map/forbid':
            text = '{"version":3,"mappings":"","x":' + '[' * depth + ']' * depth + '}'
            write(root / 'a.js.map', text)
            return Case(['forbid-sourcemaps', 'a.js.map'], codes=(1, 2))
        if where == 'index-map':
            inner = '{"version":3,"mappings":"","sources":["a.ts"],"sourcesContent":["x"]}'
            text = '{"version":3,"sections":[{"map":' * 20_000 + inner + ']}' * 20_000
            write(root / 'deep.js.map', text)
            return Case(['forbid-sourcemaps', 'deep.js.map'], codes=(1, 2))
        if where == 'tarball':
            return tarball(root, tar_bytes([('package/package.json', deep_json(depth).encode())]))
        raise AssertionError(where)
    return build


_PG = '{"name":"x","version":"1.0.0","packguard":'


def _manifest(
        manifest: str, argv: list[str] | None = None,
        codes: tuple[int, ...] = (0, 1, 2), expect: str | None = None,
) -> Callable[[Path], Case]:
    def build(root: Path) -> Case:
        pkg(root, manifest, **{'a.js': 'x\n'})
        return Case(argv or ['check'], codes=codes, expect=expect)
    return build


def _deep_folders(argv: list[str]) -> Callable[[Path], Case]:
    def build(root: Path) -> Case:
        pkg(root)
        d = root
        for _ in range(600):
            d = d / 'd'
        # os.makedirs would hit PATH_MAX; go down by chdir-relative mkdir
        fd = os.open(root, os.O_RDONLY)
        try:
            for _ in range(600):
                try:
                    os.mkdir('d', dir_fd=fd)
                except FileExistsError:
                    pass
                nfd = os.open('d', os.O_RDONLY, dir_fd=fd)
                os.close(fd)
                fd = nfd
            with open(os.open('a.js', os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=fd), 'w') as f:
                f.write('x\n')
        finally:
            os.close(fd)
        return Case(argv, codes=(0, 1, 2))
    return build


def _xssi(argv_of: Callable[[Path], list[str]]) -> Callable[[Path], Case]:
    def build(root: Path) -> Case:
        pkg(root)
        write(root / 'big.js.map', b")]}'" + b'x' * 10_000_000)
        return Case(argv_of(root), codes=(0, 1))
    return build


def _tar_long_header(kind: bytes, claimed: int) -> Callable[[Path], Case]:
    def build(root: Path) -> Case:
        data = _header(b'././@LongLink' if kind == b'L' else b'pax', claimed, kind) + b'\0' * 4096
        return tarball(root, gz(data))
    return build


def _tar_huge_member(root: Path) -> Case:
    data = _header(b'package/big.js', 10 ** 13, b'0') + b'x' * 4096
    return tarball(root, gz(data))


def _tar_sparse_member(root: Path) -> Case:
    """A GNU sparse member whose data size says 10 TB (tarfile seeks past it)."""
    one = _header(b'package/package.json', 0, b'0') + b'\0' * 512
    data = _header(b'package/package.json', 10 ** 13, b'S') + b'\0' * 512 + one * 4
    return tarball(root, gz(data))


def _tar_many_empty(root: Path) -> Case:
    one = _header(b'package/e', 0, b'0')
    return tarball(root, gz(one * 1_000_000))


def _tar_big_manifest(root: Path) -> Case:
    manifest = json.dumps({'name': 'x', 'version': '1.0.0', 'license': 'MIT',
                           'pad': 'x' * (17 << 20)}).encode()
    return tarball(root, tar_bytes([('package/package.json', manifest),
                                    ('package/a.js.map', MAP.encode())]))


def _one_line(unit: str, times: int, argv: list[str]) -> Callable[[Path], Case]:
    """A package whose a.js is one line of ``unit`` repeated (10 MB or so)."""
    def build(root: Path) -> Case:
        pkg(root, **{'a.js': unit * times})
        return Case(argv, codes=(0, 1))
    return build


def _sparse_blob(root: Path) -> Case:
    pkg(root)
    sparse(root / 'blob.bin', 1_000_000_000, tail=f'\ntoken={SECRET}\n'.encode())
    return Case(['check', '-v'], codes=(0, 1), expect=r'blob\.bin: note: binary of 1\.0 GB')


def _huge_env_template(root: Path) -> Case:
    sparse(root / '.env.example', 1_000_000_000, head=b'A=1\n',
           tail=f'\nB={SECRET}\n'.encode())
    return Case(['forbid-env-files', '.env.example'], codes=(1,), expect=r'too large to judge')


def _js_config(text: str, expect: str | None = None, codes: tuple[int, ...] = (0, 1, 2),
               name: str = 'webpack.config.js',
               scripts: dict[str, str] | None = None) -> Callable[[Path], Case]:
    def build(root: Path) -> Case:
        pkg(root, {'name': 'x', 'version': '1.0.0', 'private': True,
                   'scripts': scripts or {'build': 'webpack'}})
        write(root / name, text)
        return Case(['config'], codes=codes, expect=expect)
    return build


_DOUBLING = (
    "let a = [1];\n" + "a = a.concat(a);\n" * 40 +
    "module.exports = { mode: 'production', devtool: 'source-map', entry: a };\n"
)


def _tsconfig_fanout(root: Path) -> Case:
    pkg(root, {'name': 'x', 'version': '1.0.0', 'scripts': {'build': 'tsc'}})
    for i in range(30):
        nxt = [f'./t{i + 1}.json'] * 30 if i < 29 else []
        write(root / f't{i}.json', json.dumps({'extends': nxt, 'compilerOptions': {}}))
    write(root / 'tsconfig.json', json.dumps({'extends': ['./t0.json'] * 30,
                                               'compilerOptions': {'sourceMap': True}}))
    return Case(['config'], codes=(0, 1, 2))


def _scripts_calling(root: Path) -> Case:
    scripts = {f's{i}': ' && '.join([f'npm run s{i + 1}'] * 6) for i in range(40)}
    scripts['s40'] = 'webpack --devtool source-map'
    scripts['build'] = 'npm run s0'
    pkg(root, {'name': 'x', 'version': '1.0.0', 'private': True, 'scripts': scripts})
    return Case(['config'], codes=(0, 1, 2))


def _rimraf(root: Path) -> Case:
    pkg(root, {'name': 'x', 'version': '1.0.0', 'private': True,
               'scripts': {'build': 'webpack && rimraf ' + '**/' * 1500 + '*.map'}})
    write(root / 'webpack.config.js', "module.exports = {devtool: 'source-map'};\n")
    return Case(['config'], codes=(0, 1, 2))


def _quotes_script(root: Path) -> Case:
    pkg(root, {'name': 'x', 'version': '1.0.0', 'private': True,
               'scripts': {'build': 'webpack ' + '"\'`' * 1_000_000}})
    return Case(['config'], codes=(0, 1, 2))


def _deep_glob(root: Path) -> Case:
    pkg(root, {'name': 'x', 'version': '1.0.0', 'files': ['/'.join(['**'] * 300) + '/*.js',
                                                           '{a,{b,{c,' * 200 + 'd' + '}}}' * 200],
               'workspaces': ['/'.join(['*'] * 200)]})
    for i in range(30):
        write(root / ('a/' * i + 'x.js'), 'x\n')
    return Case(['check'], codes=(0, 1, 2))


def _big_map_content(root: Path) -> Case:
    path = root / 'big.js.map'
    size = 200_000_000
    head = b'{"version":3,"mappings":"","sources":["a.ts"],"sourcesContent":["'
    with open(path, 'wb') as f:
        f.write(head)
        chunk = b'abcdefghij' * 100_000
        left = size - len(head) - 3
        while left > 0:
            f.write(chunk[:left])
            left -= len(chunk)
        f.write(b'"]}')
    return Case(['forbid-sourcemaps', 'big.js.map'], codes=(1,), formats=('text',),
                expect=r'big\.js\.map: source map with 1 source, with embedded')


def _big_inline_map(root: Path) -> Case:
    """A 200 MB inline map (150 MB of JSON in base64), written in pieces."""
    import base64

    head = b'{"version":3,"mappings":"","sources":["a.ts"],"sourcesContent":["'
    piece = b'q' * (3 << 20)
    with open(root / 'app.js', 'wb') as f:
        f.write(b'x();\n//# sourceMappingURL=data:application/json;base64,')
        f.write(base64.b64encode(head + b'q' * (3 - len(head) % 3)))  # ends on a 3-byte step
        f.writelines(base64.b64encode(piece) for _ in range(50))
        f.write(base64.b64encode(b'"]}'))
        f.write(b'\n')
    return Case(['forbid-sourcemaps', '--inline', 'app.js'], codes=(1,), formats=('text',),
                expect=r'app\.js:2: inline source map with 1 source')


def _big_manifest(root: Path) -> Case:
    with open(root / 'package.json', 'wb') as f:
        f.write(b'{"name":"x","version":"1.0.0","pad":"')
        f.write(b'y' * 100_000_000)
        f.write(b'"}')
    write(root / 'a.js', 'x\n')
    return Case(['check'], codes=(1, 2), formats=('text',), expect=r'too large')


def _env(text: str, name: str = '.env.example') -> Callable[[Path], Case]:
    def build(root: Path) -> Case:
        write(root / name, text)
        return Case(['forbid-env-files', name], codes=(1,), formats=ALL_FORMATS)
    return build


def _map_query(root: Path) -> Case:
    pkg(root, **{
        'a.js': f'x();\n//# sourceMappingURL=a.js.map?token={SECRET}&k=hunter2hunter2\n',
        'b.js': f'x();\n//# sourceMappingURL=https://cdn.example/b.js.map?token={SECRET}\n',
    })
    return Case(['check', '-v'], codes=(0, 1), formats=('text', 'json', 'sarif'),
                secret='hunter2hunter2', expect=r'a\.js:2: note: .*query not shown')


def _config_env(env_text: str, script: str, config: str | None = None,
                extra: list[str] | None = None) -> Callable[[Path], Case]:
    def build(root: Path) -> Case:
        pkg(root, {'name': 'x', 'version': '1.0.0', 'private': True, 'scripts': {'build': script}})
        write(root / '.env', env_text)
        write(root / '.env.production', env_text)
        write(root / '.env-cmdrc', json.dumps({'production': {'GENERATE_SOURCEMAP': SECRET}}))
        if config:
            write(root / 'webpack.config.js', config)
            write(root / 'vite.config.js', config)
        return Case(['config', *(extra or [])], codes=(0, 1, 2), formats=('text', 'json', 'sarif'))
    return build


def _nul_secret(root: Path) -> Case:
    pkg(root, **{'a.bin': b'\0\0\0' + f'\ntoken={SECRET}\n'.encode()})
    return Case(['check'], codes=(1,), expect=r'a\.bin')


def _utf16_secret(root: Path) -> Case:
    pkg(root, **{'notes.txt': f'token = {SECRET}\n'.encode('utf-16')})
    return Case(['check'], codes=(1,), expect=r'notes\.txt:1')


def _dup_version(root: Path) -> Case:
    write(root / 'a.js.map', '{"version":2,' + MAP[len('{"version":3,'):-1] + ',"version":3}')
    return Case(['forbid-sourcemaps', 'a.js.map'], codes=(1,), expect=r'source map')


def _cut_version(root: Path) -> Case:
    write(root / 'a.js.map', '{"mappings":"AAAA","sources":["a.ts"],"sourcesContent":["x"],"vers')
    return Case(['forbid-sourcemaps', 'a.js.map'], codes=(1, 2), expect=r'a\.js\.map')


def _unreadable(root: Path) -> Case:
    pkg(root, **{'lib/a.js': 'x\n', 'secret/b.js': 'x\n'})
    os.chmod(root / 'secret', 0)
    return Case(['check'], codes=(1, 2), expect=r'secret.*(cannot read|permission)')


def _names(name: str) -> Callable[[Path], Case]:
    def build(root: Path) -> Case:
        pkg(root, **{name: f'token={SECRET}\n', 'a.js.map': MAP})
        write(root / (name + '.map'), MAP)
        return Case(['check'], codes=(1, 2), formats=('text', 'json', 'sarif', 'github'))
    return build


def _forbid_names(name: str) -> Callable[[Path], Case]:
    def build(root: Path) -> Case:
        write(root / name, '{"version":3,"mappings":"","sources":["x"],"sourcesContent":["y"]}')
        write(root / ('.env' + name), 'A=1\n')
        return Case(['forbid-sourcemaps', name], codes=(1,), formats=('text', 'json', 'github'))
    return build


def _fifo_staged(hook: str, name: str) -> Callable[[Path], Case]:
    def build(root: Path) -> Case:
        fifo(root / name)
        return Case([hook, name], codes=(2,), expect=r'not a regular file')
    return build


def _fifo_tarball(root: Path) -> Case:
    fifo(root / 'p.tgz')
    return Case(['check', '--tarball', 'p.tgz'], codes=(2,), expect=r'not a regular file')


def _fifo_ls_tarball(root: Path) -> Case:
    fifo(root / 'p.tgz')
    return Case(['ls', '--tarball', 'p.tgz'], codes=(2,), expect=r'not a regular file')


CASES = [
    # (a) special files: FIFOs and devices as any input
    pytest.param(_fifo_case('.npmignore', ['check']), id='fifo-npmignore'),
    pytest.param(_fifo_case('.gitignore', ['check']), id='fifo-gitignore'),
    pytest.param(_fifo_case('package.json', ['check']), id='fifo-package-json'),
    pytest.param(_fifo_case('package.json', ['ls']), id='fifo-package-json-ls'),
    pytest.param(_fifo_case('package.json', ['config']), id='fifo-package-json-config'),
    pytest.param(_fifo_case('.packguard-baseline.json', ['check']), id='fifo-baseline'),
    pytest.param(_fifo_case('lerna.json', ['check']), id='fifo-lerna'),
    pytest.param(_fifo_case('tsconfig.json', ['config']), id='fifo-tsconfig'),
    pytest.param(_fifo_case('webpack.config.js', ['config']), id='fifo-webpack-config'),
    pytest.param(_fifo_case('.env.production', ['config']), id='fifo-env-config'),
    pytest.param(_fifo_tarball, id='fifo-tarball'),
    pytest.param(_fifo_ls_tarball, id='fifo-tarball-ls'),
    pytest.param(_fifo_case('.npmrc', ['check']), id='fifo-npmrc'),
    pytest.param(_fifo_case('.npm-extension.cjs', ['check']), id='fifo-npm-extension'),
    pytest.param(_fifo_nested_npmignore, id='fifo-nested-npmignore'),
    pytest.param(_fifo_staged('forbid-sourcemaps', 'a.js.map'), id='fifo-staged-map'),
    pytest.param(_fifo_staged('forbid-env-files', '.env.example'), id='fifo-staged-env'),
    pytest.param(_devzero_case('.npmignore', ['check']), id='devzero-npmignore'),
    pytest.param(_devzero_case('package.json', ['check']), id='devzero-package-json'),
    pytest.param(_devzero_case('package.json', ['config']), id='devzero-package-json-config'),
    # (a) deep JSON everywhere JSON is read
    pytest.param(_deep('package.json'), id='deep-package-json'),
    pytest.param(_deep('package.json/ls'), id='deep-package-json-ls'),
    pytest.param(_deep('lerna.json'), id='deep-lerna'),
    pytest.param(_deep('baseline'), id='deep-baseline'),
    pytest.param(_deep('tsconfig'), id='deep-tsconfig'),
    pytest.param(_deep('map'), id='deep-map'),
    pytest.param(_deep('map/forbid'), id='deep-map-forbid'),
    pytest.param(_deep('index-map'), id='deep-index-map'),
    pytest.param(_deep('tarball'), id='deep-tarball-manifest'),
    # (a) wrong types and numbers
    pytest.param(_manifest('{"name":"x","version":"1.0.0","files":true}', codes=(2,),
                           expect=r'"files" must be an array'), id='files-true'),
    pytest.param(_manifest('{"name":"x","files":true}', ['ls'], codes=(2,)), id='files-true-ls'),
    pytest.param(_manifest(_PG + '{"maxFileSize":1e400}}', codes=(2,),
                           expect=r'not a size'), id='size-1e400'),
    pytest.param(_manifest(_PG + '{"maxGrowth":' + '9' * 5000 + '}}',
                           codes=(2,), expect=r'package\.json'), id='growth-huge-int'),
    pytest.param(_manifest(_PG + '{"maxGrowth":' + '9' * 400 + '}}',
                           codes=(2,), expect=r'not a percentage'), id='growth-400-digits'),
    pytest.param(_manifest(_PG + '{"maxFileSize":"' + '9' * 400 + ' GB"}}',
                           codes=(2,), expect=r'not a size'), id='size-400-digit-string'),
    pytest.param(_manifest(_PG + '{"maxFileSize":' + '9' * 5000 + '}}',
                           codes=(2,)), id='size-huge-int'),
    pytest.param(_manifest(_PG + '{"allow":[' + '1,' * 10 + '2]}}',
                           codes=(2,)), id='allow-numbers'),
    pytest.param(_manifest('{"name":' + '9' * 5000 + ',"version":{"a":1},"license":[1]}',
                           codes=(0, 1, 2)), id='name-huge-int'),
    pytest.param(_manifest('{"name":"x","scripts":{"build":' + '9' * 5000 + '}}',
                           ['config'], codes=(0, 1, 2)), id='script-huge-int'),
    pytest.param(_manifest('{"name":"x","workspaces":' + '9' * 5000 + '}', codes=(0, 1, 2)),
                 id='workspaces-huge-int'),
    pytest.param(_manifest('{"name":"x","version":"1","files":1e400}', codes=(2,)),
                 id='files-1e400'),
    # (b) deep folders
    pytest.param(_deep_folders(['check']), id='deep-folders-check'),
    pytest.param(_deep_folders(['ls']), id='deep-folders-ls'),
    pytest.param(_deep_folders(['config']), id='deep-folders-config'),
    pytest.param(_unreadable, id='unreadable-folder'),
    # (c) linear scans and tar bombs
    pytest.param(_xssi(lambda r: ['check']), id='xssi-10mb-check'),
    pytest.param(_xssi(lambda r: ['forbid-sourcemaps', 'big.js.map']), id='xssi-10mb-forbid'),
    pytest.param(_tar_long_header(b'L', 8 << 30), id='tar-gnu-longname-8gb'),
    pytest.param(_tar_long_header(b'x', 8 << 30), id='tar-pax-8gb'),
    pytest.param(_tar_long_header(b'x', 300 << 20), id='tar-pax-300mb'),
    pytest.param(_tar_huge_member, id='tar-member-1e13'),
    pytest.param(_tar_sparse_member, id='tar-sparse-member-1e13'),
    pytest.param(_tar_many_empty, id='tar-million-empty', marks=pytest.mark.slow_hostile),
    pytest.param(_one_line('//# sourceMappingURL=data:application/json;base64,', 200_000,
                           ['forbid-sourcemaps', '--inline', 'a.js']), id='line-of-data-urls'),
    pytest.param(_one_line('//# sourceMappingURL=x.map ', 400_000, ['check']),
                 id='line-of-map-urls'),
    pytest.param(_one_line('ghp_', 2_500_000, ['check']), id='line-of-token-prefixes',
                 marks=pytest.mark.slow_hostile),
    pytest.param(_one_line('-----BEGIN RSA PRIVATE KEY-----', 300_000, ['check']),
                 id='line-of-key-headers', marks=pytest.mark.slow_hostile),
    pytest.param(_sparse_blob, id='blob-1gb-sparse'),
    pytest.param(_huge_env_template, id='env-template-1gb-sparse'),
    pytest.param(_tar_big_manifest, id='tar-manifest-17mb'),
    # (d) bounded evaluation in the config analysers
    pytest.param(_js_config(_DOUBLING, expect=r'webpack\.config\.js.*source-map', codes=(1,)),
                 id='js-doubling-literal-devtool'),
    pytest.param(_js_config('const a = ' + '[' * 50_000 + ']' * 50_000 + ";\nmodule.exports = "
                            "{devtool: 'source-map'};\n", codes=(1, 2)), id='js-deep-array'),
    pytest.param(_js_config('const s = "' + '\\"' * 1_500_000 + '";\nmodule.exports = '
                            "{devtool: 'source-map'};\n", codes=(1, 2)), id='js-quotes-mb'),
    pytest.param(_js_config('function f(n){return f(n+1)+f(n+2)}\nmodule.exports = '
                            "{devtool: f(0) ? 'eval' : 'source-map'};\n", codes=(0, 1, 2)),
                 id='js-recursion'),
    pytest.param(_tsconfig_fanout, id='tsconfig-extends-fanout'),
    pytest.param(_scripts_calling, id='scripts-call-each-other'),
    pytest.param(_rimraf, id='rimraf-1500-globstars'),
    pytest.param(_quotes_script, id='script-of-quotes'),
    pytest.param(_deep_glob, id='deep-globs'),
    # (e) memory
    pytest.param(_big_map_content, id='map-200mb-one-string', marks=pytest.mark.slow_hostile),
    pytest.param(_big_inline_map, id='inline-map-200mb', marks=pytest.mark.slow_hostile),
    pytest.param(_big_manifest, id='package-json-100mb', marks=pytest.mark.slow_hostile),
    # (f) secrets never printed
    pytest.param(_env(f'{SECRET}\n'), id='env-bare-token'),
    pytest.param(_env(f'export {SECRET}\n'), id='env-export-token'),
    pytest.param(_env(f'[{SECRET}]\n'), id='env-section-token'),
    pytest.param(_env(f'{NPM_SECRET}=1\n'), id='env-token-as-key'),
    pytest.param(_env(f'A="{SECRET}\n{SECRET}"\n'), id='env-multiline-value'),
    pytest.param(_map_query, id='map-url-query-token'),
    pytest.param(_config_env(f'GENERATE_SOURCEMAP={SECRET}\n', 'react-scripts build'),
                 id='config-generate-sourcemap-token'),
    pytest.param(_config_env(f'SENTRY_AUTH_TOKEN={SECRET}\n', 'vite build',
                             'export default {build: {sourcemap: process.env.SENTRY_AUTH_TOKEN}};'),
                 id='config-env-sourcemap-token'),
    pytest.param(_config_env(f'GENERATE_SOURCEMAP={SECRET}\n',
                             'env-cmd -e production react-scripts build', extra=['--explain']),
                 id='config-explain-env-cmd'),
    pytest.param(_config_env(f'DEVTOOL={SECRET}\n', 'webpack',
                             'module.exports = {devtool: process.env.DEVTOOL};',
                             extra=['--explain']),
                 id='config-explain-devtool-env'),
    # (g) nothing skipped silently
    pytest.param(_nul_secret, id='nul-then-secret'),
    pytest.param(_utf16_secret, id='utf16-secret'),
    pytest.param(_dup_version, id='map-duplicate-version'),
    pytest.param(_cut_version, id='map-version-cut-off'),
    # (h) names stay on one line
    pytest.param(_names(f'b\n{FORGED}.env'), id='name-newline'),
    pytest.param(_names('b\r\x1b[31mred\x1b[0m\x07.env'), id='name-escapes'),
    pytest.param(_names('b\u2028\x85c.env'), id='name-unicode-breaks'),
    pytest.param(_forbid_names(f'm\n{FORGED}.map'), id='forbid-name-newline'),
]


@pytest.mark.parametrize('build', CASES)
def test_hostile_case(
        build: Callable[[Path], Case], tmp_path: Path, request: pytest.FixtureRequest,
) -> None:
    if os.geteuid() == 0 and request.node.callspec.id == 'unreadable-folder':
        pytest.skip('root reads every folder')
    check_case(build, tmp_path, request.node.callspec.id)


# -- generated hostile input (hypothesis) ----------------------------------------------------
#
# Run in-process (a subprocess per example would cost the CI budget): a check
# must return 0, 1 or 2 without raising, print one finding per line with no
# raw control character, and never print the planted secret.

_NAME_CHARS = st.characters(
    codec='utf-8', exclude_characters='/\0',
    exclude_categories=('Cs',),
)
_NAMES = st.one_of(
    st.text(_NAME_CHARS, min_size=1, max_size=12),
    st.sampled_from([
        'a.js', 'a.js.map', '.env', '.npmrc', 'id_rsa', 'x\n' + FORGED, 'b\r\x1b[2Jc.js',
        SECRET + '.js', 'b\u2028c.map', '\x9b31m.js', 'c\x07.env', '..', '-rf', '*',
    ]),
).filter(lambda n: n not in ('.', '..'))
_JSON = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False),
              st.text(max_size=20)),
    lambda inner: st.one_of(st.lists(inner, max_size=4),
                            st.dictionaries(st.text(max_size=8), inner, max_size=4)),
    max_leaves=20,
)
_MANIFEST_KEYS = ('files', 'main', 'bin', 'browser', 'workspaces', 'packguard', 'scripts',
                  'bundleDependencies', 'publishConfig', 'directories', 'license', 'private')


@st.composite
def _malformed_json(draw: st.DrawFn) -> bytes:
    """A manifest-like object with odd values, then maybe cut, spliced or nested deep."""
    obj = {'name': 'x', 'version': '1.0.0'}
    for key in draw(st.lists(st.sampled_from(_MANIFEST_KEYS), max_size=4, unique=True)):
        obj[key] = draw(_JSON)
    text = json.dumps(obj).encode()
    how = draw(st.sampled_from(('whole', 'cut', 'splice', 'deep', 'number', 'bom')))
    if how == 'cut':
        text = text[:draw(st.integers(0, len(text)))]
    elif how == 'splice':
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(st.binary(min_size=1, max_size=8)) + text[at:]
    elif how == 'deep':
        depth = draw(st.integers(400, 3000))
        text = text[:-1] + b',"d":' + b'[' * depth + b']' * depth + b'}'
    elif how == 'number':
        text = text[:-1] + b',"packguard":{"maxFileSize":' + b'9' * draw(
            st.integers(300, 5000)) + b'}}'
    elif how == 'bom':
        text = b'\xef\xbb\xbf' + text
    return text


def _in_process(argv: list[str], cwd: Path) -> tuple[int, str]:
    import contextlib

    from hooks import cli

    out, err = io.StringIO(), io.StringIO()
    old = os.getcwd()
    os.chdir(cwd)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = cli.main(argv)
            except SystemExit as e:  # argparse
                code = int(e.code or 0)
    finally:
        os.chdir(old)
    return code, out.getvalue() + err.getvalue()


def _assert_clean(code: int, text: str, *, listing: bool = False) -> None:
    """The promises; ``listing`` (packguard ls) names every file, as npm pack does,
    even one named like a token."""
    assert code in (0, 1, 2), text
    assert listing or SECRET not in text, text
    assert not _CONTROL.search(text), repr(text)
    for line in text.splitlines():
        assert not line.lstrip().startswith(FORGED), text


_GENERATED = settings(
    max_examples=12, deadline=None, derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@settings(_GENERATED, max_examples=30)
@given(data=_malformed_json(), where=st.sampled_from(
    ('package.json', 'lerna.json', '.packguard-baseline.json', 'tsconfig.json')))
def test_generated_malformed_json(
        tmp_path_factory: pytest.TempPathFactory, data: bytes, where: str,
) -> None:
    root = tmp_path_factory.mktemp('json')
    pkg(root, **{'a.js': 'x\n', 'tsconfig.json': '{}'})
    write(root / where, data)
    for argv in (['check', '.'], ['ls', '.'], ['config', '.']):
        _assert_clean(*_in_process(argv, root), listing=argv[0] == 'ls')


@_GENERATED
@given(tree=st.lists(st.tuples(st.lists(_NAMES, min_size=1, max_size=4),
                               st.sampled_from(('text', 'secret', 'map', 'fifo', 'null',
                                                'zero', 'loop', 'folder')),
                               ), min_size=1, max_size=6))
def test_generated_odd_trees(
        tmp_path_factory: pytest.TempPathFactory, tree: list[tuple[list[str], str]],
) -> None:
    root = tmp_path_factory.mktemp('tree')
    pkg(root)
    for parts, kind in tree:
        path = root.joinpath(*parts)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            if path.exists() or path.is_symlink():
                continue
            if kind == 'text':
                path.write_text('x\n')
            elif kind == 'secret':
                path.write_text(f'token = {SECRET}\n')
            elif kind == 'map':
                path.write_text(MAP)
            elif kind == 'fifo':
                os.mkfifo(path)
            elif kind in ('null', 'zero'):
                path.symlink_to(f'/dev/{kind}')
            elif kind == 'loop':
                path.symlink_to(path.name)
            else:
                path.mkdir()
        except OSError:
            continue  # a name the file system refuses (too long, not a folder)
    for argv in (['check', '.'], ['check', '.', '--format', 'json'], ['ls', '.'],
                 ['config', '.']):
        _assert_clean(*_in_process(argv, root), listing=argv[0] == 'ls')
    names = [str(p.relative_to(root)) for p in root.rglob('*') if not p.is_dir()]
    for hook in ('hooks.forbid_sourcemaps', 'hooks.forbid_env_files'):
        import contextlib
        import importlib

        main = importlib.import_module(hook).main
        out = io.StringIO()
        old = os.getcwd()
        os.chdir(root)
        try:
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
                code = main(['--format', 'github', '--', *names])
        finally:
            os.chdir(old)
        _assert_clean(code, out.getvalue())


_TAR_TYPES = (b'0', b'5', b'2', b'L', b'K', b'x', b'g', b'S', b'7', b'\0', b'Z')


@st.composite
def _tar_bomb(draw: st.DrawFn) -> bytes:
    """Raw tar headers with odd types and sizes that need not match what follows."""
    out = b''
    for _ in range(draw(st.integers(1, 6))):
        name = b'package/' + draw(st.sampled_from(
            [b'package.json', b'a.js', b'a.js.map', b'x' * 200, b'../../etc', b'\xff\xfe']))
        size = draw(st.one_of(st.integers(0, 2048), st.sampled_from([10 ** 13, 8 << 30,
                                                                      (1 << 20) + 1])))
        out += _header(name[:100], size, draw(st.sampled_from(_TAR_TYPES)))
        out += draw(st.sampled_from([b'', b'{"version":3,"mappings":""}', b'\0' * 512,
                                     b'{' * 600, SECRET.encode()])).ljust(512, b'\0')
    if draw(st.booleans()):
        out += b'\0' * 1024
    return gz(out) if draw(st.booleans()) else gz(out)[:draw(st.integers(10, 200))]


@settings(_GENERATED, max_examples=50)
@given(data=_tar_bomb())
def test_generated_tar_bombs(tmp_path_factory: pytest.TempPathFactory, data: bytes) -> None:
    root = tmp_path_factory.mktemp('tar')
    write(root / 'p.tgz', data)
    for argv in (['check', '--tarball', 'p.tgz'], ['ls', '--tarball', 'p.tgz']):
        _assert_clean(*_in_process(argv, root), listing=argv[0] == 'ls')


@pytest.fixture(scope='module', autouse=True)
def _report_measures(request: pytest.FixtureRequest) -> Iterator[None]:
    """The worst time and peak memory of the subprocess runs, printed after the module."""
    yield
    if MEASURED:
        slow = max(MEASURED, key=lambda m: m[1])
        big = max(MEASURED, key=lambda m: m[2])
        reporter = request.config.pluginmanager.get_plugin('terminalreporter')
        if reporter is not None:
            reporter.write_line(
                f'hostile: {len(MEASURED)} runs; slowest {slow[0]} {slow[1]:.1f} s; '
                f'largest {big[0]} {big[2]:.0f} MB',
            )
