"""The yarn model (hooks.publish.yarn) against the real yarn 4.18.1 (the oracle).

The oracle is ``@yarnpkg/cli-dist`` 4.18.1 run with node 24 (fetched by
tests/packers.py); sizes are read from real packed tarballs.  Three layers:
- recorded cases: tests/packlist_cases/yarn.json holds each tree, its
  package.json and the files and sizes yarn packed (or the words it refused
  with); checked against the model always, and live against yarn in one run:
  the cases become workspaces of one yarn project packed by
  ``yarn workspaces foreach pack`` (yarn's rules for a workspace are those of
  a lone package; cases about the project root itself run alone);
- hypothesis: random trees (ignore files at any depth, ``files``, main/bin,
  negations, globs, case, dotfiles, symlinks), batched the same way;
- real folders: packages from the registry, unpacked, packed by yarn.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import tarfile
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck
from hypothesis import Phase
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st

from hooks.findings import BadInput
from hooks.publish import micromatch
from hooks.publish.yarn import packed_manifest
from hooks.publish.yarn import publish_list
from tests.packers import PackerRefused
from tests.packers import _fetch
from tests.packers import _refuse_risky
from tests.packers import command
from tests.packers import environment
from tests.packers import real_list
from tests.packlist_test import build

CASES: dict[str, dict[str, object]] = json.loads(
    (Path(__file__).parent / 'packlist_cases' / 'yarn.json').read_text(encoding='utf-8'))


def listing(pkg_dir: Path) -> list[tuple[str, int]]:
    return [(f.path, f.size) for f in publish_list(pkg_dir)]


def yarn_batch(root: Path, cases: list[dict[str, object]]) -> list[list[tuple[str, int]]]:
    """Pack every case with the real yarn in one run: each is workspace ``w/N`` of a
    project at ``root`` (``yarn install`` then ``yarn workspaces foreach pack``)."""
    root.mkdir(parents=True)
    (root / 'package.json').write_text(json.dumps(
        {'name': 'batch-root', 'private': True, 'workspaces': ['w/*']}))
    (root / 'yarn.lock').write_text('')
    dirs = []
    for i, case in enumerate(cases):
        pkg = dict(case['package'])  # type: ignore[call-overload]
        pkg['name'] = f'p{i}'
        if 'copy' in case:   # a real package folder
            shutil.copytree(str(case['copy']), root / 'w' / str(i), symlinks=True)
        d = build(root / 'w' / str(i), {'tree': case.get('tree', {}), 'package': pkg})
        _refuse_risky(d)
        dirs.append(d)
    out = root.parent / f'{root.name}-out'
    out.mkdir()
    with tempfile.TemporaryDirectory() as home:
        env = environment(home)
        env.pop('YARN_ENABLE_GLOBAL_CACHE', None)
        argv = command('yarn')
        for args in (['install', '--no-immutable', '--mode=skip-build'],
                     ['workspaces', 'foreach', '--all', '--no-private', 'pack', '--out',
                      str(out / '%s.tgz')]):
            proc = subprocess.run([*argv, *args], cwd=root, env=env, capture_output=True,
                                  text=True, timeout=600, check=False)
            if proc.returncode != 0:
                raise PackerRefused(proc.stdout + proc.stderr)
    lists = []
    for i in range(len(cases)):
        with tarfile.open(out / f'p{i}.tgz') as tar:
            lists.append([(m.name.partition('/')[2], m.size) for m in tar
                          if m.isfile() or m.issym()])
    return lists


def _without_manifest_size(files: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """The batch renames each package (name: pN), so package.json's size differs."""
    return [(p, -1 if p == 'package.json' else s) for p, s in files]


@pytest.mark.parametrize('name', [pytest.param(n, id=n) for n in CASES])
def test_case_matches_recorded_yarn_list(name, tmp_path):
    """The list (order and sizes, the rewritten package.json's too) that yarn 4.18.1
    packed, recorded in yarn.json, equals the model's; a refusal is bad input."""
    case = CASES[name]
    said = _recorded_case_holds(case, tmp_path)
    if said is not None:
        assert 'yarn refuses to pack' in said
        assert str(case['refused']) in said


def _recorded_case_holds(case: dict[str, object], tmp_path: Path) -> str | None:
    """The model lists what the recorded case says yarn packed; for a case yarn
    refused, the model refuses too and what it says is returned."""
    d = build(tmp_path / 'p', case)
    if 'refused' in case:
        with pytest.raises(BadInput) as e:
            publish_list(d)
        return e.value.message
    assert listing(d) == [tuple(x) for x in case['expected']]  # type: ignore[attr-defined]
    return None


def test_cases_match_live_yarn(tmp_path):
    """Every recorded case still is what the real yarn 4.18.1 packs (oracle): the
    workspace cases in one batch, the project-root and refusal cases alone."""
    batch = [n for n in CASES if not CASES[n].get('alone') and 'refused' not in CASES[n]]
    got = yarn_batch(tmp_path / 'b', [CASES[n] for n in batch])
    for name, files in zip(batch, got, strict=True):
        expected = [tuple(x) for x in CASES[name]['expected']]  # type: ignore[attr-defined]
        assert (name, _without_manifest_size(files)) == \
            (name, _without_manifest_size(expected))
    for name, case in CASES.items():
        if name in batch:
            continue
        d = build(tmp_path / name, case)
        if 'refused' in case:
            with pytest.raises(PackerRefused) as e:
                real_list('yarn', d)
            said = str(e.value)
            # a crash prints yarn.js's huge minified source line first, and node
            # sometimes exits before the message after it is written
            assert str(case['refused']) in said or 'Error' not in said.split('yarn.js:')[-1]
        else:
            assert (name, real_list('yarn', d)) == \
                (name, [tuple(x) for x in case['expected']])  # type: ignore[attr-defined]


# -- below an ignored folder --------------------------------------------------
# The walk lists a subtree below a folder an ignore list rejects without matching it
# (yarn appends **/* there) unless a step before that **/* can let a path in; these
# cases, recorded from the real yarn 4.18.1, pin every rule that shortcut relies on.

IGNORED_FOLDERS: dict[str, dict[str, object]] = json.loads(
    (Path(__file__).parent / 'packlist_cases' / 'yarn_ignored_folders.json').read_text(
        encoding='utf-8'))


@pytest.mark.parametrize('name', [pytest.param(n, id=n) for n in IGNORED_FOLDERS])
def test_ignored_folder_case_matches_recorded_yarn_list(name, tmp_path):
    """What yarn 4.18.1 packed below ignored folders (yarn_ignored_folders.json)."""
    said = _recorded_case_holds(IGNORED_FOLDERS[name], tmp_path)
    if said is not None:
        assert 'cannot read it' in said


def test_ignored_folder_cases_match_live_yarn(tmp_path):
    """The recorded ignored-folder cases still are what the real yarn 4.18.1 packs (in
    one batch), or how it fails (alone)."""
    names = [n for n in IGNORED_FOLDERS if 'refused' not in IGNORED_FOLDERS[n]]
    got = yarn_batch(tmp_path / 'b', [IGNORED_FOLDERS[n] for n in names])
    for name, files in zip(names, got, strict=True):
        expected = [tuple(x) for x in IGNORED_FOLDERS[name]['expected']]  # type: ignore[attr-defined]
        assert (name, _without_manifest_size(files)) == \
            (name, _without_manifest_size(expected))
    for name, case in IGNORED_FOLDERS.items():
        if 'refused' in case:
            with pytest.raises(PackerRefused) as r:
                real_list('yarn', build(tmp_path / name, case))
            assert str(case['refused']) in str(r.value)


@pytest.mark.parametrize('folder', ['test', 'test/deep'])
def test_name_not_utf8_below_ignored_folder_refused_as_live_yarn(tmp_path, folder):
    """Below an ignored folder, yarn still lstats every entry: a name that is not UTF-8
    stops the real yarn 4.18.1 (oracle) with ENOENT, and the model too."""
    d = build(tmp_path / 'p', {'tree': {'.npmignore': 'test\n', 'test/deep/a.js': 'a',
                                        'index.js': 'i'}, 'package': {'name': 'p'}})
    (d / folder / os.fsdecode(b'\xff.js')).write_text('x')
    with pytest.raises(BadInput) as e:
        publish_list(d)
    assert 'ENOENT' in e.value.message
    assert e.value.path == f'{folder}/\ufffd.js'
    with pytest.raises(PackerRefused) as r:
        real_list('yarn', d)
    assert 'ENOENT' in str(r.value)


DEEP_DIRS = ['', 'test/', 'test/fixtures/', 'test/fixtures/lib/', 'test/a/b/', 'src/lib/',
             'Test/', 'lib/', 'lib/test/', 'x\ny/', 'test/x\ny/']
DEEP_NAMES = ['a.js', 'keep.js', 'README.md', 'package.json', 'LICENSE', '.env', 'lib', 'b.md',
              'fixtures', 'index.js', '\nz.js', 'node_modules']
DEEP_PATTERNS = ['test', 'test/', '!keep.js', '!test/fixtures/keep.js', '!fixtures', '*.md',
                 '!*.md', 'lib', '!lib', 'fixtures', '!test/**', 'src', '!', '**/b.md',
                 '!Test/A/b', '!/test/a/**']


@st.composite
def deep_trees(draw: st.DrawFn) -> dict[str, object]:
    tree: dict[str, object] = {}
    for _ in range(draw(st.integers(1, 12))):
        tree[draw(st.sampled_from(DEEP_DIRS)) + draw(st.sampled_from(DEEP_NAMES))] = 'x'
    for _ in range(draw(st.integers(0, 3))):
        folder = draw(st.sampled_from(DEEP_DIRS))
        lines = draw(st.lists(st.sampled_from(DEEP_PATTERNS), max_size=3))
        tree[folder + draw(st.sampled_from(['.npmignore', '.gitignore']))] = '\n'.join(lines)
    paths = [p for p in tree if not any(q.startswith(p + '/') for q in tree)]
    pkg: dict[str, object] = {'name': 'p'}
    if draw(st.booleans()):
        pkg['files'] = draw(st.lists(st.sampled_from([*DEEP_PATTERNS[:12], 'test/**/a.js']),
                                     max_size=3))
    if draw(st.booleans()):
        pkg['main'] = draw(st.sampled_from(['test/a.js', 'test/fixtures/lib/index.js']))
    return {'tree': {p: tree[p] for p in paths}, 'package': pkg}


def _outcome(d: Path) -> object:
    try:
        return listing(d)
    except BadInput as e:
        return e.message


@settings(max_examples=150, deadline=None, derandomize=True,
          suppress_health_check=list(HealthCheck))
@given(deep_trees())
def test_ignored_subtrees_listed_unmatched_change_no_answer(case):
    """Listing a subtree below an ignored folder without matching it gives the list
    (or refusal) that matching every path there gives; the rules it relies on are
    checked against the real yarn above."""
    from unittest import mock

    from hooks.publish import yarn
    with tempfile.TemporaryDirectory() as tmp:
        d = build(Path(tmp) / 'p', case)
        fast = _outcome(d)
        with mock.patch.object(yarn, '_rescuers', lambda folder, lists: None):
            slow = _outcome(d)
    assert fast == slow


def test_yarnrc_settings_move_yarn_paths(tmp_path):
    """.yarnrc.yml's cacheFolder (with enableGlobalCache: false), installStatePath and
    yarnPath are left out instead of the defaults; observed with the real yarn 4.18.1
    (``yarn pack --dry-run``; tests/packers.py will not run yarn on a tree with a
    .yarnrc.yml, which may load plugins)."""
    tree = {p: 'x' for p in ('.yarn/cache/a.zip', '.yarn/releases/yarn-4.cjs',
                             'mycache/b.zip', 'state/s.gz', '.yarn/install-state.gz',
                             '.yarn/unplugged/u', 'index.js', '.pnp.cjs')}
    tree['yarn.lock'] = ''
    tree['.yarnrc.yml'] = ('enableGlobalCache: false\ncacheFolder: "./mycache"\n'
                           'installStatePath: ./state/s.gz\nyarnPath: .yarn/releases/yarn-4.cjs\n')
    d = build(tmp_path / 'p', {'tree': tree, 'package': {'name': 'p', 'version': '1.0.0'}})
    assert [p for p, _ in listing(d)] == [
        '.yarn/cache/a.zip', '.yarn/install-state.gz', 'index.js', 'package.json']


def test_name_not_utf8_refused_as_live_yarn(tmp_path):
    """node reads a file name that is not UTF-8 with U+FFFD and its lstat fails: the
    real yarn 4.18.1 (oracle) stops with ENOENT, and so does the model."""
    d = build(tmp_path / 'p', {'tree': {'ok.js': 'y'}, 'package': {'name': 'p'}})
    (d / os.fsdecode(b'\xff.js')).write_text('x')
    with pytest.raises(BadInput) as e:
        publish_list(d)
    assert 'ENOENT' in e.value.message
    with pytest.raises(PackerRefused) as r:
        real_list('yarn', d)
    assert 'ENOENT' in str(r.value)


def test_a_run_reads_a_project_once_and_the_next_run_afresh(tmp_path):
    """Inside one run (packer.one_run) the packages of a project share what was read of
    it (manifests, workspaces, yarn paths, catalogs); the next run sees the edits."""
    from hooks.publish.packer import one_run

    root = build(tmp_path / 'r', {'tree': {'yarn.lock': '', 'a/index.js': 'a',
                                           'b/index.js': 'b'},
                                  'package': {'name': 'r', 'private': True,
                                              'workspaces': ['a', 'b']}})
    (root / 'a' / 'package.json').write_text('{"name": "a", "version": "1.0.0"}')
    (root / 'b' / 'package.json').write_text(
        '{"name": "b", "dependencies": {"a": "workspace:^"}}')
    with one_run():
        first = listing(root / 'b')
        (root / 'a' / 'package.json').write_text('{"name": "a", "version": "10.0.0"}')
        (root / 'b' / 'index.js').write_text('bb')
        again = listing(root / 'b')
    with one_run():
        after = listing(root / 'b')
    size = dict(first)['package.json']
    assert again == [('index.js', 2), ('package.json', size)]   # files walked, manifests kept
    assert after == [('index.js', 2), ('package.json', size + 1)]   # "^10.0.0"


@pytest.mark.parametrize('lazy', [pytest.param(8, id='names looked up'),
                                  pytest.param(0, id='every manifest parsed')])
def test_workspace_names_and_nested_lists_spelled_with_escapes(tmp_path, monkeypatch, lazy):
    """A workspace: range resolves to the workspace of that name however its JSON spells
    it, and a nested "workspaces" list counts however it is spelled: looked up lazily
    (a commit-time run) or from every manifest (a run over every package) alike."""
    from hooks.publish import yarn
    from hooks.publish.packer import one_run

    monkeypatch.setattr(yarn._Names, 'LAZY', lazy)
    root = build(tmp_path / 'r', {'tree': {'yarn.lock': '', 'b/index.js': 'b'},
                                  'package': {'name': 'r', 'private': True,
                                              'workspaces': ['a', 'b', 'group']}})
    (root / 'a').mkdir()
    (root / 'a' / 'package.json').write_text('{"name": "@s/\\u0061", "version": "2.0.0"}')
    (root / 'group' / 'inner' / 'c').mkdir(parents=True)
    (root / 'group' / 'package.json').write_text(
        '{"name": "group", "private": true, "work\\u0073paces": ["inner/*"]}')
    (root / 'group' / 'inner' / 'c' / 'package.json').write_text(
        '{"name": "c", "version": "3.0.0"}')
    manifest = {'name': 'b', 'version': '1.0.0',
                'dependencies': {'@s/a': 'workspace:^', 'c': 'workspace:*'}}
    (root / 'b' / 'package.json').write_text(json.dumps(manifest))
    with one_run():
        got = listing(root / 'b')
    resolved = {**manifest, 'dependencies': {'@s/a': '^2.0.0', 'c': '3.0.0'}}
    assert got == [('index.js', 1), ('package.json', len(packed_manifest(resolved).encode()))]


def test_linked_package_folder_is_followed(tmp_path):
    """yarn runs in the real folder a link names (process.cwd())."""
    d = build(tmp_path / 'p', {'tree': {'a.js': 'a'}, 'package': {'name': 'p'}})
    (tmp_path / 'link').symlink_to(d)
    assert listing(tmp_path / 'link') == listing(d)


# -- micromatch ----------------------------------------------------------------

@pytest.mark.parametrize(('path', 'pattern', 'basename', 'expected'), [
    pytest.param('/lib/a.js', '/lib/*.js', False, True, id='star'),
    pytest.param('/lib/sub/a.js', '/lib/*.js', False, False, id='star-one-segment'),
    pytest.param('/lib/sub/a.js', '/lib/**/*.js', False, True, id='globstar'),
    pytest.param('/lib/a.js', '/lib/**/*.js', False, True, id='globstar-zero'),
    pytest.param('/lib/a.JS', '/LIB/*.js', False, True, id='nocase'),
    pytest.param('/x/.env', '.env', True, True, id='basename-dot'),
    pytest.param('/x/a.js', '*.{js,ts}', True, True, id='brace'),
    pytest.param('/x/a3', 'a{1..3}', True, True, id='brace-range'),
    pytest.param('/[a]', '/[a]', False, True, id='literal-equal-first'),
    pytest.param('/a', '/[a]', False, True, id='bracket'),
    pytest.param('/ab', '/a!(b)', False, False, id='extglob-negate'),
    pytest.param('/ac', '/a!(b)', False, True, id='extglob-negate-other'),
    pytest.param('/a', '!/a', False, False, id='leading-negation'),
    pytest.param('/a.js', '/a.\\js', False, True, id='identity-escape'),
    pytest.param('/a.js', '/a.j\\s', False, False, id='regex-class-escape'),
    pytest.param('/a\nb', '/a?b', False, True, id='qmark-newline'),
    pytest.param('/a.js\n', '/a.js', False, False, id='dollar-is-end'),
    pytest.param('/😀.js', '/?.js', False, False, id='utf16-units'),
    pytest.param('/\u0131', '/[A-Z]', False, False, id='nocase-dotless-i-not-ascii'),
    pytest.param('/k', '/\u212a', False, False, id='nocase-kelvin-not-k'),
    pytest.param('/\u212a', '/[a-z]', False, False, id='nocase-kelvin-not-in-range'),
    pytest.param('/ß', '/ẞ', False, False, id='nocase-sharp-s-apart'),
    pytest.param('/ω', '/Ω', False, True, id='nocase-omega'),
    pytest.param('/é', '/É', False, True, id='nocase-e-acute'),
])
def test_micromatch_is_match(path, pattern, basename, expected):
    """micromatch 4.0.8 isMatch({dot, nocase}) results, checked with the real library."""
    assert micromatch.is_match(path, [pattern], basename=basename) is expected


_GLOBS = ['lib', 'LIB', '.git', '.#*', 'a*', 'foo.*', '*.js', '[ab].js', 'a\\*', '\\#h',
          '.DS_Store', 'node_modules', '/lib', '/lib/*.js', '/a/b', '/[a]', 'é.js', 'x?',
          '!(*.min).js', 'readme*', '\u212a.js', '*']
_NAMES = ['lib', 'Lib', 'LIB', '.git', '.#x', '.#', 'a', 'abc', 'foo.', 'foo.js', 'x.js', 'a.js',
          'a*', '#h', '.ds_store', 'node_modules', '[a]', 'a/b', 'é.js', 'É.JS', 'xy', 'K.js',
          'k.js', 'readme.md', 'x.min.js', '', 'a b']


@settings(max_examples=400, deadline=None, derandomize=True)
@given(st.lists(st.sampled_from(_GLOBS), min_size=1, max_size=4, unique=True),
       st.sampled_from(['/', '/x/', '/lib/', '/a/']), st.sampled_from(_NAMES), st.booleans())
def test_micromatch_shortcuts_agree_with_is_match(globs, folder, name, basename):
    """any_matcher's ASCII shortcuts (plain-string globs as a set) and name_sets (basename
    globs as lower-cased names and prefixes) answer as is_match, glob by glob."""
    path = (folder + name).rstrip('/') or '/'
    expected = micromatch.is_match(path, globs, basename=basename)
    assert micromatch.any_matcher(tuple(globs), basename=basename)(path) is expected
    told = micromatch.name_sets(tuple(globs))
    if basename and told is not None and path.isascii() and '/' in path:
        low = path.rsplit('/', 1)[1].lower()
        assert (low in told[0] or low.startswith(told[1])) is expected


def test_micromatch_empty_pattern_raises():
    with pytest.raises(ValueError):
        micromatch.is_match('/a', ['a', ''])


def test_packed_manifest_is_json_stringify():
    """JSON.stringify(data, null, 2): index keys first, JS numbers, no final newline;
    publishConfig's fields copied (plugin-pack and plugin-typescript hooks)."""
    data = json.loads('{"name": "p", "b": 1.0, "10": 1e21, "2": 1e-7, '
                      '"publishConfig": {"main": "dist/x.js", "types": "", "bin": "b.js"}}')
    assert packed_manifest(data) == (
        '{\n  "2": 1e-7,\n  "10": 1e+21,\n  "name": "p",\n  "b": 1,\n'
        '  "publishConfig": {\n    "main": "dist/x.js",\n    "types": "",\n'
        '    "bin": "b.js"\n  },\n  "main": "dist/x.js",\n  "bin": "b.js"\n}')


_JSON_KEYS = st.sampled_from(['a', 'name', '0', '10', '1a', '', 'é', '\ud800', 'x\ny'])
_JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-2 ** 60, 2 ** 60) | st.floats(allow_nan=False)
    | st.text(st.characters(codec=None, blacklist_categories=[]), max_size=6),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_JSON_KEYS, inner, max_size=4),
    max_leaves=12)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.dictionaries(_JSON_KEYS, _JSON, max_size=5))
def test_packed_manifest_size_is_its_stringify_size(data):
    """The size publish_list gives package.json (Python's compact JSON plus the added
    whitespace when that is the same text) is the size of packed_manifest's text."""
    from hooks.publish.yarn import packed_manifest_size

    assert packed_manifest_size(data) == \
        len(packed_manifest(data).encode('utf-8', 'surrogatepass'))


# -- random trees, live --------------------------------------------------------

NAMES = ['a.js', 'b.js', 'A.JS', 'index.js', 'README.md', 'readme', 'LICENSE', 'licence.txt',
         '.env', '.DS_Store', 'c.map', 'd.ts', 'CHANGELOG.md', 'changelog', '.npmrc',
         'package-lock.json', '.#x', 'x.orig', 'test.js', 'Makefile', 'e.JSON', '.github',
         'node_modules', '.git', 'dist', '\u0131.js', '\u212a.js', 'ß.md', 'É.js', 'a b.js',
         '[x].js', '#h', '!b', 'yarn.lock', '.yarnrc.yml', 'package.tgz']
DIRS = ['', '', 'lib/', 'src/', 'lib/sub/', 'dist/', 'test/', '.hidden/', 'Lib/', 'docs/x/']
PATTERNS = ['*.js', '*.map', '/lib', 'lib/', 'lib', 'src', '!*.js', '!lib/a.js', '**/*.ts',
            'dist/**', '*.md', '.*', 'test', '/test/', '!test/b.js', '*', 'sub', '!sub',
            '**/sub/*', 'LIB', '*.{js,ts}', '[ab].js', 'a.js', '!readme', 'CHANGELOG.md',
            '# c', '', ' lib/a.js ', './lib/*.js', '../x', 'lib/**/', 'index.js', '!.env',
            '[[:upper:]]*', '!(*.min).js', 'é.js', '\\#h', '\\[x\\].js', '*.{1..3}', '\u00a0*.md']


@st.composite
def trees(draw: st.DrawFn) -> dict[str, object]:
    tree: dict[str, object] = {}
    for _ in range(draw(st.integers(1, 9))):
        tree[draw(st.sampled_from(DIRS)) + draw(st.sampled_from(NAMES))] = \
            'x' * draw(st.integers(0, 3))
    for _ in range(draw(st.integers(0, 2))):
        folder = draw(st.sampled_from(DIRS))
        name = draw(st.sampled_from(['.npmignore', '.gitignore']))
        lines = draw(st.lists(st.sampled_from(PATTERNS), max_size=4))
        tree[folder + name] = '\n'.join(lines) + '\n'
    if draw(st.booleans()):
        tree[draw(st.sampled_from(['link.js', 'lib/link', 'dlink']))] = \
            {'symlink': draw(st.sampled_from(['a.js', 'lib', 'missing']))}
    # a file and a folder of one name cannot both exist; a workspace's own yarn.lock
    # or .yarnrc.yml would make it a project (recorded cases cover the root)
    tree.pop('yarn.lock', None)
    tree.pop('.yarnrc.yml', None)
    paths = [p for p in tree if not any(q.startswith(p + '/') for q in tree)]
    tree = {p: tree[p] for p in paths}
    pkg: dict[str, object] = {'version': '1.0.0'}
    if draw(st.booleans()):
        pkg['files'] = draw(st.lists(st.sampled_from(PATTERNS[:27]), max_size=4))
    if draw(st.booleans()):
        pkg['main'] = draw(st.sampled_from(['a.js', './lib/a.js', 'index', 'lib/sub/d.ts']))
    if draw(st.booleans()):
        pkg['bin'] = {'t': draw(st.sampled_from(['test.js', 'lib/b.js', './dist/a.js']))}
    return {'tree': tree, 'package': pkg}


def _refused_by_model(case: dict[str, object], tmp: Path) -> bool:
    try:
        publish_list(build(tmp, case))
    except BadInput:
        return True
    return False


@settings(max_examples=1, deadline=None, derandomize=True, phases=[Phase.generate],
          suppress_health_check=list(HealthCheck))
@given(st.lists(trees(), min_size=120, max_size=120))
def test_random_trees_match_live_yarn(cases):
    """120 random trees per run, packed by the real yarn 4.18.1 in one batch (oracle)."""
    with tempfile.TemporaryDirectory() as tmp:
        ok = [c for i, c in enumerate(cases) if not _refused_by_model(c, Path(tmp) / str(i))]
        theirs = yarn_batch(Path(tmp) / 'b', ok)
        for i, (case, files) in enumerate(zip(ok, theirs, strict=True)):
            mine = listing(Path(tmp) / 'b' / 'w' / str(i))
            assert (case, _without_manifest_size(mine)) == (case, _without_manifest_size(files))


# -- real folders --------------------------------------------------------------

REAL = ['micromatch@4.0.8', 'picomatch@2.3.1', 'is-number@7.0.0', 'chalk@5.3.0',
        'semver@7.6.3', 'commander@12.1.0']


def test_real_packages_match_live_yarn(tmp_path):
    """Registry packages (fetched once into the tools cache, scripts and dependencies
    stripped) packed by the real yarn 4.18.1 in one batch (oracle)."""
    cases = []
    for spec in REAL:
        pkg_dir = _fetch(spec)
        data = json.loads((pkg_dir / 'package.json').read_text('utf-8'))
        for key in ('scripts', 'dependencies', 'devDependencies', 'peerDependencies',
                    'optionalDependencies', 'bundleDependencies', 'bundledDependencies'):
            data.pop(key, None)   # no script runs, no dependency to resolve offline
        cases.append({'copy': pkg_dir, 'package': data})
    theirs = yarn_batch(tmp_path / 'b', cases)
    for i, (spec, files) in enumerate(zip(REAL, theirs, strict=True)):
        mine = listing(tmp_path / 'b' / 'w' / str(i))
        assert (spec, _without_manifest_size(mine)) == (spec, _without_manifest_size(files))
        assert len(files) > 2


# -- workspace globs: the walk starts where the literal folders lead -------------------------

def _every_matching_folder(cwd: str, patterns: list[str]) -> list[str]:
    """The specification _glob_dirs shortens: every folder the walk from ``cwd``
    enters (no dot or ignored names, links matched but not entered), deep enough
    for any pattern, that a positive glob matches and no negated one does."""
    from hooks.publish.yarn import MAX_DEPTH
    from hooks.publish.yarn import WORKSPACE_GLOB_IGNORE

    positive = [p.rstrip('/').removeprefix('./') for p in patterns if not p.startswith('!')]
    positive = [p for p in positive if p]
    negative = [p[1:].rstrip('/') for p in patterns if p.startswith('!') and len(p) > 1]
    if not positive:
        return []
    depth = MAX_DEPTH if any('**' in p for p in positive) else \
        max(p.count('/') + 1 for p in positive)
    found = []
    stack = [('', 0)]
    while stack:
        rel, d = stack.pop()
        if d >= depth:
            continue
        for e in os.scandir(os.path.join(cwd, rel) if rel else cwd):
            if e.name in WORKSPACE_GLOB_IGNORE or e.name.startswith('.') or \
                    not e.is_dir(follow_symlinks=True):
                continue
            sub = f'{rel}/{e.name}' if rel else e.name
            if micromatch.is_match(sub, positive, dot=False, nocase=False) and not (
                    negative and micromatch.is_match(sub, negative, dot=False, nocase=False)):
                found.append(sub)
            if not e.is_symlink():
                stack.append((sub, d + 1))
    return sorted(found)


_GLOB_TREE = ['packages/a/src/deep', 'packages/b', 'packages/.hidden', 'packages/node_modules/x',
              'tools/cli/sub', 'test/runtime-integration/x/y', 'test/esm', 'Test/esm',
              '.yarn/p', 'node_modules/q', 'a/b/c/d/e', 'linked-target/w']
_GLOBS = ['packages/*', 'packages/**', 'tools/cli', 'test/runtime-integration/*', 'test/esm',
          'benchmark', 'a/*/c', 'a/b/**', '*', '**', 'packages/{a,b}', 'packages/[ab]',
          'test/*/x', 'linked/*', 'linked', 'Packages/*', './packages/*', 'packages/*/',
          '!packages/b', '!packages/**', 'nothing/*', 'a/b/c/d/*']


@given(st.lists(st.sampled_from(_GLOBS), min_size=1, max_size=4))
@settings(max_examples=300, deadline=None, phases=[Phase.explicit, Phase.generate],
          suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_workspace_glob_walk_agrees_with_the_full_walk(tmp_path_factory, patterns):
    """_glob_dirs lists only where the globs' literal folders lead; it finds what
    walking every folder deep enough finds (dot and ignored folders, links,
    letter case, ** and negations included)."""
    from hooks.publish.yarn import _glob_dirs

    root = tmp_path_factory.getbasetemp() / 'glob-tree'
    if not root.exists():
        for d in _GLOB_TREE:
            (root / d).mkdir(parents=True)
        (root / 'linked').symlink_to(root / 'linked-target')
        (root / 'packages' / 'link').symlink_to(root / 'tools')
    assert _glob_dirs(str(root), patterns) == _every_matching_folder(str(root), patterns)


@given(st.text(alphabet='abcXYZ019_-./', min_size=1, max_size=10), st.booleans(), st.booleans())
@settings(max_examples=2000, deadline=None)
def test_a_plain_glob_is_its_own_literal(glob, dot, nocase):
    """micromatch._plain_glob skips building a regex for a glob whose regex would
    be the glob itself: whenever it says so, the picomatch port agrees."""
    import re

    if not micromatch._plain_glob(glob):
        return
    regex = micromatch._regex(micromatch.js_units(glob), dot, nocase)
    assert regex is not None
    assert micromatch._literal(regex) == glob
    assert bool(regex.flags & re.IGNORECASE) == nocase


_SEGMENT = st.text(alphabet='aB.-_0é', min_size=1, max_size=4).filter(
    lambda s: s not in ('.', '..'))


@given(st.sampled_from(['packages/*', 'a.b/*', 'x/y/*', 'packages', 'a/b', '.hidden/*', 'p-1/*']),
       st.lists(_SEGMENT, min_size=1, max_size=4), st.booleans(), st.booleans())
@settings(max_examples=3000, deadline=None)
def test_path_matcher_shortcuts_agree_with_the_regex(glob, segments, dot, nocase):
    """micromatch.path_matcher's string tests (a plain glob, a plain folder then *)
    answer as the picomatch port's regex for any folder path a walk lists."""
    path = '/'.join(segments)
    if glob.endswith('/*') and segments[:-1] == []:
        path = f'{glob[:-2]}/{path}'   # often one below the glob's folder
    assert micromatch.path_matcher(glob, dot=dot, nocase=nocase)(path) == \
        micromatch._matcher(glob, dot, nocase)(path)
