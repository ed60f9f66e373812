"""The pnpm model (hooks.publish.pnpm) against the real pnpm 12.26.0 (the oracle).

Three layers, each naming its oracle (the real ``@pnpm/exe.linux-x64`` binary,
fetched by tests/packers.py; sizes read from a real packed tarball):
- recorded cases: tests/packlist_cases/pnpm.json holds each tree, its
  package.json and the files and sizes the real pnpm packed (or the error code
  it refused with); checked against the model always and live against pnpm;
- hypothesis: random trees (ignore files, ``files`` arrays, main/bin,
  symlinks, names npm and pnpm treat differently) live against pnpm;
- real folders: packages an ``npm install`` put in node_modules, live.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck
from hypothesis import Phase
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st

from hooks.findings import BadInput
from hooks.publish.pnpm import _ryu
from hooks.publish.pnpm import publish_list
from hooks.publish.pnpm import publish_manifest
from hooks.publish.pnpm import sort_key
from tests.packers import PackerRefused
from tests.packers import real_list
from tests.packlist_test import build

CASES: dict[str, dict[str, object]] = json.loads(
    (Path(__file__).parent / 'packlist_cases' / 'pnpm.json').read_text(encoding='utf-8'))


def _folder(tmp_path: Path, case: dict[str, object]) -> Path:
    if 'pack' in case:
        return build(tmp_path / 'w', {'tree': case['tree']}) / str(case['pack'])
    return build(tmp_path / 'p', case)


def listing(pkg_dir: Path) -> list[tuple[str, int]]:
    return [(f.path, f.size) for f in publish_list(pkg_dir)]


@pytest.mark.parametrize('name', [pytest.param(n, id=n) for n in CASES])
def test_case_matches_recorded_pnpm_list(name, tmp_path):
    """The list (order and sizes, package.json's rewritten size too) that pnpm 12.26.0
    packed, recorded in pnpm.json, equals the model's; a refusal is bad input naming
    pnpm's error code."""
    case = CASES[name]
    d = _folder(tmp_path, case)
    if 'refused' in case:
        with pytest.raises(BadInput) as e:
            publish_list(d)
        assert str(case['refused']) in e.value.message
        assert 'pnpm refuses to pack' in e.value.message
    else:
        assert listing(d) == [tuple(x) for x in case['expected']]  # type: ignore[attr-defined]


@pytest.mark.parametrize('name', [pytest.param(n, id=n) for n in CASES])
def test_case_matches_live_pnpm(name, tmp_path):
    """The recorded expectation still is what the real pnpm 12.26.0 does (oracle)."""
    case = CASES[name]
    d = _folder(tmp_path, case)
    if 'refused' in case:
        with pytest.raises(PackerRefused) as e:
            real_list('pnpm', d)
        assert str(case['refused']) in str(e.value)
    else:
        assert real_list('pnpm', d) == [tuple(x) for x in case['expected']]  # type: ignore[attr-defined]


# -- random trees, live ------------------------------------------------------

NAMES = ['a.js', 'b.js', 'A.JS', 'index.js', 'README.md', 'readme', 'LICENSE', 'license.txt',
         '.env', '.DS_Store', 'x.orig', 'c.map', 'd.ts', 'CHANGELOG.md', 'npm-debug.log', '._x',
         'core', 'a b.js', 'é.js', 'a*.js', '.npmrc', 'yarn.lock', 'package-lock.json',
         'node_modules', '.git', 'CVS', '.GIT', 'YARN.LOCK', 'a10.js', 'a9.js']
DIRS = ['lib', 'Lib', 'sub', 'x', 'test', '.hidden', 'node_modules', '.git', 'CVS', 'dist']
PATTERNS = ['*.js', '!a.js', 'lib', 'lib/', '/lib', '**/x', '!**/b.js', 'a*', '*', '!lib/**',
            '# c', '\\!x', 'A.JS', 'x/', '!x', 'sub/*', '!sub/a.js', '*.map', '!*.map', 'test',
            '**/test/**', '/a.js', 'lib/*.js', '!README.md', '.env', '!.env', '[ab].js',
            '{a,b}.js', 'd.ts', '!/lib/a.js', '.*', '!.hidden', '**', '!.npmrc', '!.git']
FILES_ENTRIES = ['lib', 'lib/', 'lib/a.js', 'a.js', '*.js', '!a.js', '!lib/a.js', 'sub',
                 'sub/x/a.js', '**/*.map', '!**/*.map', 'x', '!x', 'README.md', 'index.js',
                 './lib', '/lib', 'lib/**', 'sub/*', '!sub/b.js', 'test', '!test', '.env',
                 'LIB', 'c.map', 'sub/**/a.js', '!**/test', 'lib/x/a.js', 'A.JS', 'lib/../a.js',
                 '.npmrc', 'node_modules', 'dist/a.js', '!dist/a.js']
LINKS = ['a.js', '../a.js', 'lib', '/etc/hostname', 'nope', '../../x', 'sub/x', '.']


def _tree(depth: int) -> st.SearchStrategy[object]:
    files = st.dictionaries(st.sampled_from(NAMES), st.integers(0, 40), max_size=5)
    ignores = st.dictionaries(
        st.sampled_from(['.npmignore', '.gitignore']),
        st.lists(st.sampled_from(PATTERNS), max_size=4), max_size=2,
    )
    links = st.dictionaries(st.sampled_from(['ln.js', 'ld']), st.sampled_from(LINKS), max_size=1)
    subdirs = st.just({}) if depth == 0 else st.dictionaries(
        st.sampled_from(DIRS), _tree(depth - 1), max_size=3,
    )
    return st.tuples(files, ignores, links, subdirs)


PKG = st.fixed_dictionaries({
    'files': st.one_of(st.none(), st.lists(st.sampled_from(FILES_ENTRIES), max_size=5),
                       st.just('lib')),
    'main': st.one_of(st.none(), st.sampled_from(['a.js', './lib/a.js', 'A.JS', 'sub/x/a.js'])),
    'bin': st.one_of(st.none(), st.sampled_from(['b.js', {'x': 'lib/b.js'}])),
    'publishConfig': st.one_of(st.none(), st.just({'main': 'index.js'})),
    'repository': st.one_of(st.none(), st.just('o/r')),
})


# a pnpm workspace around the package (None: a lone package): which folders the
# yaml lists, the ignore files above the package, and root license files
WORKSPACE = st.one_of(st.none(), st.fixed_dictionaries({
    'yaml': st.sampled_from(["packages:\n  - 'pkgs/*'\n", "packages: ['pkgs/**', '!pkgs/g']\n",
                             "packages:\n  - 'other/*'\n"]),
    'at': st.sampled_from(['pkgs/a', 'pkgs/g']),
    'ignores': st.dictionaries(
        st.sampled_from(['.gitignore', '.npmignore', 'pkgs/.gitignore', 'pkgs/.npmignore']),
        st.lists(st.sampled_from(PATTERNS), min_size=1, max_size=3), max_size=2),
    'licenses': st.lists(st.sampled_from(['LICENSE', 'LICENCE.md', 'license-mit']),
                         max_size=2, unique=True),
}))


def _workspace(root: Path, ws: dict[str, object]) -> Path:
    """The workspace root at ``root``; returns the package folder inside it."""
    root.mkdir(parents=True)
    (root / 'pnpm-workspace.yaml').write_text(str(ws['yaml']))
    (root / 'package.json').write_text('{"name": "root", "version": "1.0.0", "private": true}')
    (root / 'pkgs').mkdir()
    for name, lines in ws['ignores'].items():  # type: ignore[attr-defined]
        (root / name).write_text('\n'.join(lines) + '\n')
    for name in ws['licenses']:  # type: ignore[attr-defined]
        (root / name).write_text('MIT')
    return root / str(ws['at'])


def _materialize(root: Path, tree: object) -> None:
    files, ignores, links, dirs = tree  # type: ignore[misc]
    root.mkdir(parents=True, exist_ok=True)
    for name, size in files.items():
        (root / name).write_text('x' * size)
    for name, lines in ignores.items():
        (root / name).write_text('\n'.join(lines) + '\n')
    for name, target in links.items():
        if not os.path.lexists(root / name):
            os.symlink(target, root / name)
    for name, sub in dirs.items():
        if not os.path.lexists(root / name):
            _materialize(root / name, sub)


EXAMPLES = int(os.environ.get('PACKGUARD_PNPM_EXAMPLES', '120'))


def test_random_trees_match_real_pnpm(tmp_path):
    """Random package trees, alone or in a random pnpm workspace: the model's list
    (paths, sizes, order) equals the real pnpm 12.26.0's (oracle; about 0.2 s a
    tree, so the count stays small in CI)."""
    bad: list[object] = []
    count = [0]

    @settings(max_examples=EXAMPLES, database=None, deadline=None,
              phases=[Phase.generate], suppress_health_check=list(HealthCheck))
    @given(_tree(2), PKG, WORKSPACE)
    def check(tree, pkg, ws):
        d = tmp_path / str(count[0])
        count[0] += 1
        if ws is not None:
            d = _workspace(d, ws)
        _materialize(d, tree)
        manifest = {'name': 'p', 'version': '1.0.0',
                    **{k: v for k, v in pkg.items() if v is not None}}
        (d / 'package.json').write_text(json.dumps(manifest))
        theirs = real_list('pnpm', d)
        mine = listing(d)
        if mine != theirs:
            bad.append((tree, manifest, ws, mine, theirs))

    check()
    assert count[0] >= min(EXAMPLES, 100)
    assert not bad, f'{len(bad)} of {count[0]} trees differ from pnpm; first: {bad[0]}'


# -- real folders, live ------------------------------------------------------

def test_installed_packages_match_real_pnpm():
    """Real published packages (an `npm install` of the packlist suite's list): the
    model equals the real pnpm pack on a fixed sample of them (all 313 matched when
    measured; PACKGUARD_PNPM_ALL_PACKAGES=1 runs every one)."""
    from tests.packlist_test import INSTALLED
    from tests.registry import installed

    modules = installed('real-packages', INSTALLED)
    dirs = sorted({p.parent for p in [*modules.glob('*/package.json'),
                                       *modules.glob('@*/*/package.json')]})
    if not os.environ.get('PACKGUARD_PNPM_ALL_PACKAGES'):
        dirs = dirs[::10]
    compared = []
    for d in dirs:
        scripts = json.loads((d / 'package.json').read_text('utf-8')).get('scripts') or {}
        if {'prepack', 'postpack', 'prepare'} & set(scripts):
            continue  # never run a real packer on a package with pack scripts
        compared.append((d.name, listing(d), real_list('pnpm', d)))
    assert len(compared) >= 20
    bad = [c for c in compared if c[1] != c[2]]
    assert not bad, f'{len(bad)} of {len(compared)} packages differ from pnpm; first: {bad[0]}'


# -- the parts -----------------------------------------------------------------

@pytest.mark.parametrize(('text', 'message'), [
    pytest.param('[]', 'pnpm refuses to pack: the manifest root must be an object', id='array'),
    pytest.param('{"name": "p",}', 'invalid JSON; pnpm refuses to pack', id='trailing-comma'),
    pytest.param('{"name": "p", "version": "1.0.0", "x": "\\ud800"}', 'lone surrogate',
                 id='lone-surrogate'),
    pytest.param('{"name": "p", "version": "1.0.0", "x": 1e400}', 'number out of range',
                 id='out-of-range'),
])
def test_manifests_pnpm_refuses(tmp_path, text, message):
    """pnpm 12.26.0 fails on each of these (ERR_PNPM_INVALID_MANIFEST,
    ERR_PNPM_PACKAGE_MANIFEST_SERIALIZATION_ERROR)."""
    (tmp_path / 'package.json').write_text(text)
    with pytest.raises(BadInput) as e:
        publish_list(tmp_path)
    assert message in e.value.message
    assert e.value.path == 'package.json'


def test_bom_is_skipped(tmp_path):
    (tmp_path / 'package.json').write_text('\ufeff{"name": "p", "version": "1.0.0"}')
    assert [f.path for f in publish_list(tmp_path)] == ['package.json']


@pytest.mark.parametrize(('value', 'text'), [
    (1.0, '1.0'), (1e21, '1e+21'), (1.5e-7, '1.5e-7'), (1e15, '1000000000000000.0'),
    (1e16, '1e+16'), (1e-5, '0.00001'), (1e-6, '1e-6'), (-0.0, '-0.0'), (0.1, '0.1'),
    (-2.5e-5, '-0.000025'), (1.7976931348623157e308, '1.7976931348623157e+308'),
])
def test_floats_print_as_serde_json(value, text):
    """Each size was checked against package.json in a tarball the real pnpm packed."""
    assert _ryu(value) == text


def test_publish_manifest():
    manifest = {
        'name': '@s/p', 'version': '2.0.0+sha.1', 'bin': 'cli.js', 'repository': 'o/r',
        'packageManager': 'pnpm@12', 'pnpm': {}, 'scripts': {'test': 't', 'prepack': 'x'},
        'publishConfig': {'main': 'dist/i.js', 'access': 'public'}, 'main': 'src/i.js',
    }
    assert publish_manifest(manifest) == {
        'name': '@s/p', 'version': '2.0.0', 'bin': {'p': 'cli.js'},
        'repository': {'type': 'git', 'url': 'o/r'}, 'scripts': {'test': 't'},
        'publishConfig': {'access': 'public'}, 'main': 'dist/i.js',
    }


def test_order_is_pnpms_locale_order():
    """pnpm 12.26.0 printed exactly this order (the order-locale case records it)."""
    names = ['_x', '-x', '.x', '@a', '#a', '~a', '$a', '1', '10', '2', 'Ä', 'a\tb', 'a b',
             'a_b', 'a-b', 'a.b', 'a.js', 'A.js', 'a10.js', 'a9.js', 'ab', 'b', 'B', 'e.js',
             'é.js', 'f.js', 'n', 'ñ', 'o', 'package.json', 'x-y', 'x.y', 'x/y', 'x/Y', 'X/y',
             'xy', 'z', 'z.js', 'Z.js']
    assert sorted(sorted(names), key=sort_key) == names


@pytest.mark.parametrize(('text', 'refused'), [
    pytest.param('', False, id='empty'),
    pytest.param('null\n', False, id='null'),
    pytest.param('{}\n', False, id='empty-flow'),
    pytest.param("packages:\n- 'a'\n- b\n", False, id='list-at-column-0'),
    pytest.param('%YAML 1.2\n---\npackages: []\n', False, id='directive'),
    pytest.param('key: |\n  multi\n  line\nother: 2\n', False, id='block-scalar'),
    pytest.param('base: &b\n  k: 1\nder:\n  <<: *b\n', False, id='anchors'),
    pytest.param('? complex\n: value\n', False, id='complex-key'),
    pytest.param('a: 1\nA: 2\n', False, id='keys-differ-by-case'),
    pytest.param('w\n', True, id='scalar'),
    pytest.param('[]\n', True, id='sequence'),
    pytest.param('- packages/*\n', True, id='block-sequence'),
    pytest.param('packages: x\n', True, id='packages-not-a-list'),
    pytest.param('packages: [a, b\n', True, id='unclosed-flow'),
    pytest.param("'a': 1\n'a': 2\n", True, id='duplicate-key'),
    pytest.param('x:\n\t- 1\n', True, id='tab-indent'),
    pytest.param('packages:\n  - a\n---\n', True, id='second-document'),
])
def test_workspace_yaml_pnpm_refuses(tmp_path, text, refused):
    """Which pnpm-workspace.yaml files pnpm 12.26.0 refuses to load (each run with the
    real pnpm: ERR_PNPM_INVALID_SETTING) and which it reads."""
    (tmp_path / 'package.json').write_text('{"name": "p", "version": "1.0.0"}')
    (tmp_path / 'pnpm-workspace.yaml').write_text(text)
    if refused:
        with pytest.raises(BadInput) as e:
            publish_list(tmp_path)
        assert e.value.path == 'pnpm-workspace.yaml'
        assert 'ERR_PNPM_INVALID_SETTING' in e.value.message
    else:
        assert [f.path for f in publish_list(tmp_path)] == ['package.json', 'pnpm-workspace.yaml']
