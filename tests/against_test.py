"""``packguard check --against SPEC``: a release compared with the one before it."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from hooks.check_npm_publish import main
from tests.conftest import write_tree
from tests.fake_registry import FakeRegistry
from tests.fake_registry import fake_registry_fixture  # noqa: F401 (a fixture)
from tests.fake_registry import make_tarball
from tests.registry import fetch_tarball

MAP = json.dumps({'version': 3, 'sources': ['../src/a.ts'], 'sourcesContent': ['a'],
                  'mappings': 'AAAA'})


def run(capsys, *argv: str) -> tuple[int, list[str], str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out.splitlines(), err


def tarball(tmp_path: Path, name: str, files: dict[str, str | bytes]) -> str:
    path = tmp_path / name
    path.write_bytes(make_tarball(files))
    return str(path)


def manifest(version: str, **kw: object) -> str:
    return json.dumps({'name': 'pkg', 'version': version, 'license': 'MIT',
                       'repository': 'github:acme/pkg', **kw})


def test_growth_first_kinds_and_new_large_file(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr('hooks.judge.sizes.NEW_FILE_SIZE', 5000)
    monkeypatch.setattr('hooks.judge.sizes.GROWTH_FLOOR', 1000)
    closed = {'license': 'UNLICENSED', 'repository': None}
    old = tarball(tmp_path, 'old.tgz', {
        'package.json': manifest('1.0.0', **closed), 'index.js': 'x' * 4000,
        'gone.js': 'y' * 100,
    })
    new = tarball(tmp_path, 'new.tgz', {
        'package.json': manifest('1.1.0', **closed), 'index.js': 'x' * 4100,
        'index.js.map': MAP, 'data.bin': b'\0' * 300, '.env.production': 'A=1\n',
        'big.js': 'z' * 6000,
    })
    status, lines, err = run(capsys, '--tarball', new, '--against', old, '-v')
    at = f'{new}/'
    assert lines[-7:] == [
        (f'{at}package.json: pkg@1.1.0 grew 4.2 kB -> 10.6 kB (+153%) since 1.0.0, past '
        f'--max-growth 25%; the largest new file is big.js (6.0 kB); find what was added '
        f'(packguard ls) and leave it out, or raise --max-growth if it is meant'),
        (f'{at}index.js.map: first source map in pkg@1.1.0: 1.0.0 published none (3 files, '
        f'4.2 kB), so this is a new kind of file to publish; leave it out, or --allow it if it '
        f'is meant'),
        (f'{at}data.bin: first binary in pkg@1.1.0: 1.0.0 published none (3 files, 4.2 kB), so '
        f'this is a new kind of file to publish; leave it out, or --allow it if it is meant'),
        (f'{at}.env.production: first env file in pkg@1.1.0: 1.0.0 published none (3 files, '
        f'4.2 kB), so this is a new kind of file to publish; leave it out, or --allow it if it '
        f'is meant'),
        (f'{at}big.js: new 6.0 kB file in pkg@1.1.0, not in 1.0.0; a release seldom adds a file '
        f'over 5.0 kB; leave it out of the package, or --allow it if it is meant'),
        (f'{at}package.json: note: pkg@1.1.0 against 1.0.0: 3 -> 6 files, 4.2 kB -> 10.6 kB '
        f'(+153%); new: big.js (6.0 kB), data.bin (300 B), index.js.map (87 B) and 1 more; '
        f'gone: gone.js (100 B); grown: index.js (+100 B)'),
        'packguard: 7 errors, 1 note (6 files, 10.6 kB unpacked, +153% since 1.0.0)',
    ]
    assert (status, err) == (1, '')


def test_same_shape_passes_and_says_so(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr('hooks.judge.sizes.GROWTH_FLOOR', 10)
    old = tarball(tmp_path, 'old.tgz', {'package.json': manifest('1.0.0'), 'a.js': 'x' * 900})
    new = tarball(tmp_path, 'new.tgz', {'package.json': manifest('1.0.1'), 'a.js': 'x' * 1000})
    assert run(capsys, '--tarball', new, '--against', old) == (
        0, ['packguard: no errors (2 files, 1.1 kB unpacked, +10% since 1.0.0)'], '')
    assert run(capsys, '--tarball', new, '--against', old, '--max-growth', '5%')[0] == 1


def test_folder_against_a_tarball_of_another_name(tmp_path, capsys, monkeypatch):
    """A renamed package is compared all the same, and the finding names the old one."""
    old = tarball(tmp_path, 'old.tgz', {
        'package.json': json.dumps({'name': 'old-name', 'version': '3.0.0'}), 'a.js': 'x'})
    write_tree(tmp_path / 'pkg', {
        'package.json': manifest('1.0.0', files=['a.js', 'a.js.map']),
        'a.js': 'x', 'a.js.map': MAP,
    })
    monkeypatch.chdir(tmp_path / 'pkg')
    status, lines, _ = run(capsys, '--against', old, '--max-growth', '10000%', '--allow', 'x')
    assert lines[-2] == (
        'a.js.map: warning: first source map in pkg@1.0.0: old-name@3.0.0 published none (2 '
        'files, 41 B), so this is a new kind of file to publish; leave it out, or --allow it if '
        'it is meant')  # a warning, as the map itself is: the package is open source
    assert lines[-1].endswith(', +400% since old-name@3.0.0)')
    assert status == 0


def test_allowed_files_are_not_a_new_kind(tmp_path, capsys):
    old = tarball(tmp_path, 'old.tgz', {'package.json': manifest('1.0.0'), 'a.js': 'x' * 1000})
    new = tarball(tmp_path, 'new.tgz', {'package.json': manifest('1.1.0'), 'a.js': 'x' * 1000,
                                        'a.js.map': MAP})
    assert run(capsys, '--tarball', new, '--against', old, '--allow', '*.map')[0] == 0


@pytest.mark.parametrize(
    ('spec', 'message'),
    [
        pytest.param('missing.tgz', 'missing.tgz: no such tarball', id='no-tarball'),
        pytest.param('pkg@', '--against: \'pkg@\' is not a tarball, "published" or name@version',
                     id='bad-spec'),
    ],
)
def test_bad_spec_is_bad_input(tmp_path, capsys, monkeypatch, spec, message):
    monkeypatch.chdir(tmp_path)
    new = tarball(tmp_path, 'new.tgz', {'package.json': manifest('1.0.0')})
    status, _, err = run(capsys, '--tarball', new, '--against', spec)
    assert (status, err) == (2, message + '\n')


# -- the registry: published, name@version --------------------------------------------


def test_published_is_the_highest_version_below(fake_registry: FakeRegistry, tmp_path, capsys,
                                                monkeypatch):
    monkeypatch.setattr('hooks.judge.sizes.GROWTH_FLOOR', 10)
    fake_registry.publish('pkg', {
        '1.0.0': {'a.js': 'x' * 100},
        '1.2.0': {'a.js': 'x' * 1000},
        '2.0.0': {'a.js': 'x' * 9000},
    })
    new = tarball(tmp_path, 'new.tgz', {'package.json': manifest('1.3.0'), 'a.js': 'x' * 1100})
    status, lines, err = run(capsys, '--tarball', new, '--against', 'published')
    assert (status, lines, err) == (
        0, ['packguard: no errors (2 files, 1.2 kB unpacked, +15% since 1.2.0)'], '')
    status, lines, _ = run(capsys, '--tarball', new, '--against', 'pkg@1.0.0')
    assert status == 1
    assert lines[0].endswith(
        'package.json: pkg@1.3.0 grew 135 B -> 1.2 kB (+779%) since 1.0.0, past --max-growth '
        '25%; find what was added (packguard ls) and leave it out, or raise --max-growth if it '
        'is meant')
    assert run(capsys, '--tarball', new, '--against', 'pkg@latest')[1][-1].endswith(
        '-87% since 2.0.0)')
    assert run(capsys, '--tarball', new, '--against', 'pkg@9.9.9')[2] == (
        f"--against: pkg@9.9.9: pkg has no version or tag '9.9.9' on {fake_registry.url}\n")


def test_published_when_nothing_is_published(fake_registry: FakeRegistry, tmp_path, capsys):
    new = tarball(tmp_path, 'new.tgz', {'package.json': manifest('1.0.0'), 'a.js': 'x'})
    status, lines, err = run(capsys, '--tarball', new, '--against', 'published', '-v')
    assert lines == [
        (f'{new}/package.json: note: no previous version: pkg has no other version on '
        f'{fake_registry.url}, so there is nothing to compare with yet'),
        'packguard: 1 note (2 files, 87 B unpacked, no previous version published)',
    ]
    assert (status, err) == (0, '')


def test_no_network_on_pre_commit_ci(fake_registry: FakeRegistry, tmp_path, capsys,
                                     monkeypatch):
    """Never a silent pass: the summary says what was not compared (a note, so --strict
    runs still pass there), and nothing is asked of the network."""
    monkeypatch.setenv('PRE_COMMIT_CI', 'true')
    new = tarball(tmp_path, 'new.tgz', {'package.json': manifest('1.0.0'), 'a.js': 'x'})
    assert run(capsys, '--tarball', new, '--against', 'published', '--strict') == (0, [
        ('packguard: no errors (2 files, 87 B unpacked, not compared with the published '
        'version: pre-commit.ci runs hooks without network)'),
    ], '')
    assert fake_registry.requests == []


def test_unreachable_registry_is_a_warning(fake_registry: FakeRegistry, tmp_path, capsys):
    fake_registry.close()
    new = tarball(tmp_path, 'new.tgz', {'package.json': manifest('1.0.0'), 'a.js': 'x'})
    status, lines, err = run(capsys, '--tarball', new, '--against', 'published')
    assert lines == [
        (f'{new}/package.json: warning: not compared with the published version: cannot reach '
        f'{fake_registry.url}pkg (connection refused); sizes and kinds were judged without it '
        f'(run where the registry is reachable: CI, prepublishOnly)'),
        ('packguard: 1 warning (2 files, 87 B unpacked, not compared with the published '
        f'version: cannot reach {fake_registry.url}pkg (connection refused))'),
    ]
    assert (status, err) == (0, '')


def test_monorepo_compares_each_package_with_its_own(fake_registry: FakeRegistry, tmp_path,
                                                     capsys, monkeypatch):
    fake_registry.publish('a', {'1.0.0': {'a.js': 'x' * 1000}})
    fake_registry.publish('@acme/b', {'1.0.0': {'b.js': 'x' * 100}})
    write_tree(tmp_path, {
        'package.json': json.dumps({'private': True, 'workspaces': ['packages/*']}),
        'packages/a/package.json': json.dumps({'name': 'a', 'version': '1.1.0', 'files': ['*.js']}),
        'packages/a/a.js': 'x' * 1000,
        'packages/b/package.json': json.dumps(
            {'name': '@acme/b', 'version': '1.1.0', 'files': ['*.js']}),
        'packages/b/b.js': 'x' * 5000,
    })
    monkeypatch.chdir(tmp_path)
    status, lines, _ = run(capsys, '--against', 'published')
    assert lines == [
        ('packages/b/package.json: warning: @acme/b@1.1.0 grew 139 B -> 5.1 kB (+3,539%) since '
         '1.0.0, past --max-growth 25%; find what was added (packguard ls) and leave it out, or '
         'raise --max-growth if it is meant'),
        'packguard: 1 warning (2 packages, 4 files, 6.1 kB unpacked)',
    ]  # a warning: under 100 kB added (hooks.judge.sizes.GROWTH_FLOOR)
    assert status == 0
    assert {p for p, _ in fake_registry.requests} >= {'/a', '/@acme%2fb'}


def test_publish_only_registry_falls_back_to_the_install_registry(
        fake_registry: FakeRegistry, tmp_path, capsys):
    """zone.js publishes through wombat-dressing-room (a publish-only proxy): the
    previous version is read from the registry npm installs from."""
    fake_registry.publish('pkg', {'1.0.0': {'a.js': 'x' * 100}})
    new = tarball(tmp_path, 'new.tgz', {
        'package.json': manifest('1.1.0', publishConfig={'registry': 'http://127.0.0.1:9/'}),
        'a.js': 'x' * 100,
    })
    status, lines, _ = run(capsys, '--tarball', new, '--against', 'published',
                           '--max-growth', '100%')
    assert (status, lines) == (0, [('packguard: no errors (2 files, 240 B unpacked, +78% '
                                   'since 1.0.0)')])


# -- the bars: real claude-code releases -------------------------------------------------

CLAUDE = '@anthropic-ai/claude-code'


@pytest.fixture(scope='module')
def claude() -> dict[str, str]:
    """The real tarballs, fetched once into the cache with npm pack (never committed)."""
    return {v: str(fetch_tarball(f'{CLAUDE}@{v}')) for v in ('2.1.86', '2.1.87', '2.1.88',
                                                              '2.1.89')}


def _claude_2_1_88_lines(tgz: str) -> list[str]:
    return [
        (f'{tgz}/package.json: @anthropic-ai/claude-code@2.1.88 grew 46.6 MB -> 102.8 MB (+120%) '
        f'since 2.1.87, past --max-growth 25%; the largest new file is cli.js.map (59.8 MB); '
        f'find what was added (packguard ls) and leave it out, or raise --max-growth if it is '
        f'meant'),
        (f'{tgz}/cli.js.map: first source map in @anthropic-ai/claude-code@2.1.88: 2.1.87 '
        f'published none (19 files, 46.6 MB), so this is a new kind of file to publish; leave '
        f'it out, or --allow it if it is meant'),
        'packguard: 4 errors (20 files, 102.8 MB unpacked, +120% since 2.1.87)',
    ]


def test_claude_code_2_1_88_against_2_1_87_tarball(claude, capsys):
    """The bar: exit 1 with findings besides the map error, naming 2.1.87."""
    status, lines, err = run(capsys, '--tarball', claude['2.1.88'], '--against',
                             claude['2.1.87'])
    assert lines[-3:] == _claude_2_1_88_lines(claude['2.1.88'])
    assert (status, err) == (1, '')


def test_claude_code_2_1_88_against_2_1_87_from_the_registry(claude, capsys):
    """The same, 2.1.87 fetched from the real registry by the streaming client."""
    status, lines, err = run(capsys, '--tarball', claude['2.1.88'], '--against',
                             f'{CLAUDE}@2.1.87')
    assert lines[-3:] == _claude_2_1_88_lines(claude['2.1.88'])
    assert (status, err) == (1, '')


@pytest.mark.parametrize(
    ('new', 'old', 'summary'),
    [
        pytest.param('2.1.89', '2.1.88', '(19 files, 43.0 MB unpacked, -58% since 2.1.88)',
                     id='2.1.89-drops-the-map'),
        pytest.param('2.1.87', '2.1.86', '(19 files, 46.6 MB unpacked, +0% since 2.1.86)',
                     id='2.1.87-a-normal-release'),
    ],
)
def test_claude_code_normal_releases_pass(claude, capsys, new, old, summary):
    assert run(capsys, '--tarball', claude[new], '--against', claude[old]) == (
        0, [f'packguard: no errors {summary}'], '')


# -- the README's prepublishOnly recipe, through a real npm publish --dry-run ---------------

RECIPE = (
    'd=$(mktemp -d) && npm pack --dry-run=false --silent --pack-destination "$d" >/dev/null '
    '&& packguard check --against published --tarball "$d"/*.tgz'
)


def test_readme_recipe_is_the_one_tested():
    readme = (Path(__file__).parent.parent / 'README.md').read_text(encoding='utf-8')
    assert json.dumps({'prepublishOnly': RECIPE})[1:-1] in readme


@pytest.mark.parametrize(
    ('files', 'status', 'last'),
    [
        pytest.param({}, 0, 'packguard: no errors (2 files, {size} unpacked, no previous '
                            'version published)', id='clean'),
        pytest.param({'index.js.map': MAP}, 1, 'packguard: 1 error (3 files, {size} unpacked, '
                                               'no previous version published)',
                     id='leaky-stops-the-publish'),
    ],
)
def test_prepublish_only_recipe_through_npm_publish_dry_run(
        fake_registry: FakeRegistry, tmp_path, files, status, last):
    """Oracle: the real npm 11 runs the recipe as prepublishOnly; nothing is uploaded."""
    pkg = tmp_path / 'pkg'
    write_tree(pkg, {
        'package.json': json.dumps({
            'name': 'packguard-recipe-test', 'version': '1.0.0', 'license': 'UNLICENSED',
            'files': ['index.js', 'index.js.map'], 'scripts': {'prepublishOnly': RECIPE},
        }),
        'index.js': 'module.exports = 1;\n',
        **files,
    })
    env = {**os.environ, 'NPM_CONFIG_UPDATE_NOTIFIER': 'false',
           'PATH': os.path.dirname(sys.executable) + os.pathsep + os.environ['PATH']}
    proc = subprocess.run(('npm', 'publish', '--dry-run', '--fetch-retries=0'), cwd=pkg,
                          env=env, capture_output=True, text=True, check=False)
    lines = [line for line in proc.stdout.splitlines() if line.startswith('packguard: ')]
    size = (pkg / 'package.json').stat().st_size + 20 + sum(len(v) for v in files.values())
    assert lines == [last.format(size=f'{size} B')]
    assert (proc.returncode != 0) == bool(status), proc.stderr
    assert ('+ packguard-recipe-test@1.0.0' in proc.stdout) == (status == 0)


def test_a_tarball_spec_in_a_monorepo_compares_only_its_package(tmp_path, capsys, monkeypatch):
    old = tarball(tmp_path, 'a-1.0.0.tgz', {
        'package.json': json.dumps({'name': 'a', 'version': '1.0.0'}), 'a.js': 'x'})
    write_tree(tmp_path / 'repo', {
        'package.json': json.dumps({'private': True, 'workspaces': ['packages/*']}),
        'packages/a/package.json': json.dumps({'name': 'a', 'version': '1.1.0', 'files': ['*.js']}),
        'packages/a/a.js': 'x',
        'packages/b/package.json': json.dumps({'name': 'b', 'version': '1.0.0', 'files': ['*.js']}),
        'packages/b/b.js': 'x',
    })
    monkeypatch.chdir(tmp_path / 'repo')
    status, lines, _ = run(capsys, '--against', old, '-v')
    assert [line for line in lines if 'previous-release' in line or 'compared' in line
            or 'against' in line] == [
        ('packages/a/package.json: note: a@1.1.0 against 1.0.0: 2 -> 2 files, 34 B -> 53 B '
        '(+56%); new: none; gone: none; grown: package.json (+19 B)'),
        f'packages/b/package.json: note: not compared: --against {old} is a, another package',
    ]
    assert status == 0
