"""The npm 12 model (hooks/publish/npm12.py) against real npm 12.2.3 (the oracle).

Every live comparison runs the real packers fetched by tests/packers.py (node
24 and npm 12.2.3 from the registry):
- recorded cases (tests/packlist_cases/npm12.json: tree, package.json, and the
  list with sizes real npm 12 printed) hold for the model, and live for real
  ``npm pack --workspaces --dry-run --json --ignore-scripts`` (all cases as the
  workspaces of one throw-away root, so one npm run serves them all);
- the same cases through npm 12's own bundled npm-packlist and Arborist
  (tests/oracle/packlist.js run by node 24) equal real npm pack, which makes
  that library the oracle for the random trees below;
- hypothesis: random trees, ``files`` arrays with globs and patchedDependencies
  against npm 12's bundled npm-packlist;
- real package folders: every package an ``npm install`` put in node_modules.
"""
from __future__ import annotations

import itertools
import json
import os
import re
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck
from hypothesis import Phase
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st

from hooks.findings import BadInput
from hooks.publish import npm
from hooks.publish import npm12
from hooks.publish.npm12 import _strip_slashes
from hooks.publish.npm12 import glob_files
from hooks.publish.npm12 import js_stringify
from hooks.publish.npm12 import publish_list
from tests import packers
from tests import packlist_test

CASES_FILE = Path(__file__).parent / 'packlist_cases' / 'npm12.json'
CASES: dict[str, dict[str, object]] = json.loads(CASES_FILE.read_text(encoding='utf-8'))
ORACLE_JS = Path(__file__).parent / 'oracle' / 'packlist.js'
Listing = list[tuple[str, int]]


def build(root: Path, name: str, case: dict[str, object]) -> Path:
    """Write a case: ``tree`` as in packlist_test.build; ``package`` the fields of
    package.json besides name and version, or ``raw`` its exact text."""
    packlist_test.build(root, {'tree': case.get('tree', {})})
    raw = case.get('raw')
    if raw is None:
        package = case.get('package')
        assert isinstance(package, dict)
        raw = json.dumps({'name': name, 'version': '1.0.0', **package})
    assert isinstance(raw, str)
    (root / 'package.json').write_bytes(raw.encode('utf-8'))
    return root


def listing(pkg_dir: Path) -> Listing:
    return [(f.path, f.size) for f in publish_list(pkg_dir)]


def real_npm12_workspaces(root: Path, names: list[str]) -> dict[str, Listing]:
    """Real ``npm pack --workspaces --dry-run --json`` of npm 12 at ``root``, whose
    folders ``c/<name>`` are the workspaces (package name = folder name)."""
    (root / 'package.json').write_text(json.dumps(
        {'name': 'root', 'version': '0.0.0', 'private': True, 'workspaces': ['c/*']}))
    for name in names:
        packers._refuse_risky(root / 'c' / name)
    home = root.parent / 'home'
    home.mkdir(exist_ok=True)
    out = packers._run(
        [*packers.command('npm@12'), 'pack', '--workspaces', '--dry-run', '--json',
         '--ignore-scripts'], root, packers.environment(str(home)))
    data = json.loads(out)
    return {name: [(f['path'], f['size']) for f in entry['files']]
            for name, entry in data.items()}


def npm12_packlist(dirs: list[Path]) -> list[Listing | str]:
    """npm 12's bundled npm-packlist and Arborist over many folders in one node 24
    process (the npm 11 driver, pointed at npm 12 through NPM_ROOT)."""
    env = {**packers.environment(str(dirs[0].parent)),
           'NPM_ROOT': str(packers._fetch(packers.PINS['npm@12']))}
    out: list[Listing | str] = []
    for i in range(0, len(dirs), 400):
        chunk = [str(d) for d in dirs[i:i + 400]]
        proc = subprocess.run((packers.node(), str(ORACLE_JS)), input=json.dumps(chunk),
                              capture_output=True, text=True, env=env, check=True)
        for line in proc.stdout.splitlines():
            rec = json.loads(line)
            out.append(rec['error'] if 'error' in rec else
                       [(f['path'], f['size']) for f in rec['files']])
    assert len(out) == len(dirs)
    return out


def _pairs(expected: object) -> Listing:
    assert isinstance(expected, list)
    return [(p, s) for p, s in expected]


@pytest.mark.parametrize('name', [pytest.param(n, id=n) for n in CASES])
def test_case_matches_recorded_npm12_list(name, tmp_path):
    """Recorded expectation (printed by real npm 12.2.3) equals the model's list."""
    d = build(tmp_path / name, name, CASES[name])
    assert listing(d) == _pairs(CASES[name]['npm12'])


@pytest.fixture(scope='module')
def live_cases(tmp_path_factory) -> tuple[Path, dict[str, Listing]]:
    root = tmp_path_factory.mktemp('npm12-cases') / 'root'
    for name, case in CASES.items():
        build(root / 'c' / name, name, case)
    return root, real_npm12_workspaces(root, list(CASES))


def test_recorded_cases_hold_for_real_npm12(live_cases):
    """Real npm 12.2.3 (live) still prints every recorded list, sizes included."""
    _, real = live_cases
    assert {n: real[n] for n in CASES} == {n: _pairs(c['npm12']) for n, c in CASES.items()}


def test_bundled_npm12_packlist_equals_real_npm12_pack(live_cases):
    """The oracle of the random trees (npm 12's bundled npm-packlist) lists what real
    npm pack lists on every recorded case; package.json sizes aside, which npm
    changes after npm-packlist when it drops "patchedDependencies"."""
    root, real = live_cases
    oracle = npm12_packlist([root / 'c' / n for n in CASES])

    def paths(x: Listing | str) -> object:
        return x if isinstance(x, str) else [(p, -1 if p == 'package.json' else s) for p, s in x]

    assert [paths(o) for o in oracle] == [paths(real[n]) for n in CASES]


# -- hypothesis against npm 12's bundled npm-packlist -------------------------------

DIRS = [*packlist_test.DIRS, 'template-a', 'template-b', '[lang]', 'LIB', 'patches']
FILES = [*packlist_test.FILES, '[id].js', 'npm-shrinkwrap.json', 'bun.lock', 'a{b}.js', '#x',
         '!y', 'x.patch', 'Index.JS', 'pnpm-lock.yaml']
FILES_ENTRIES = [
    *packlist_test.FILES_ENTRIES, 'template-*', 'lib/*', '**/*.js', 'lib/**', '*.md', '!lib/sub',
    '!**/*.map', 'Lib', '{lib,dist}/', './lib/', 'lib/../dist', '**', '*', 'npm-shrinkwrap.json',
    'bun.lock', '!!lib', '#x', '[id].js', 'lib/[id].js', 'x y.js', '!index.js', 'sub', '!sub',
    '*/', '.npmrc', '**/.DS_Store', 'lib/*.js', '!lib/*.js', '[lang]', '\\[id\\].js',
    '*.{js,md}', '!(lib)', 'patches', '**/x.patch', 'src/*/..', '*/*/', '**/sub/**',
    '[[:upper:]]*', '!(*.test).js', '@(lib|dist)/**', '[[:lower:]]*/*.js',
]


def _tree(depth: int) -> st.SearchStrategy[object]:
    files = st.dictionaries(st.sampled_from(FILES), st.integers(0, 3), max_size=5)
    ignores = st.dictionaries(
        st.sampled_from(['.npmignore', '.gitignore']),
        st.lists(st.sampled_from(packlist_test.PATTERNS), max_size=4), max_size=2,
    )
    subdirs = st.just({}) if depth == 0 else st.dictionaries(
        st.sampled_from(DIRS), _tree(depth - 1), max_size=3,
    )
    return st.tuples(files, ignores, subdirs)


PKG = st.fixed_dictionaries({
    'files': st.one_of(st.none(), st.lists(st.sampled_from(FILES_ENTRIES), max_size=5)),
    'patchedDependencies': st.one_of(st.none(), st.dictionaries(
        st.sampled_from(['a@1', 'b']),
        st.sampled_from(['x.patch', 'patches/x.patch', './lib/x.patch', 'patches/*.patch',
                         'patches/', '../x', 'lib']),
        max_size=2)),
})
HYPOTHESIS_EXAMPLES = int(os.environ.get('PACKGUARD_NPM12_EXAMPLES', '400'))


def _random_packages(tmp_path: Path, count: int, *, npm11_files: bool,
                     ) -> list[tuple[Path, object, dict[str, object]]]:
    """``count`` random packages (folder, tree, manifest) under ``tmp_path``: npm 12's
    manifest fields, npm 11's (its "files" too when ``npm11_files``)."""
    examples: list[tuple[Path, object, dict[str, object]]] = []

    @settings(max_examples=count, database=None, deadline=None,
              phases=[Phase.generate], suppress_health_check=list(HealthCheck))
    @given(_tree(3), PKG, packlist_test.PKG)
    def collect(tree, pkg, pkg11):
        d = tmp_path / str(len(examples))
        packlist_test._materialize(d, tree)
        manifest = {'name': 'p', 'version': '1.0.0'}
        manifest.update({k: v for k, v in pkg11.items()
                         if v is not None and (npm11_files or k != 'files')})
        manifest.update({k: v for k, v in pkg.items() if v is not None})
        (d / 'package.json').write_text(json.dumps(manifest))
        examples.append((d, tree, manifest))

    collect()
    return examples


def test_random_trees_match_npm12_packlist(tmp_path):
    """Random trees: the model equals npm 12's bundled npm-packlist (oracle); a
    divergence prints the tree to turn into a case."""
    examples = _random_packages(tmp_path, HYPOTHESIS_EXAMPLES, npm11_files=False)
    assert len(examples) >= min(HYPOTHESIS_EXAMPLES, 400)
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=1) as pool:  # node works while the model does
        oracle = pool.submit(npm12_packlist, [d for d, _, _ in examples])
        mine_all = [listing(d) for d, _, _ in examples]
        theirs = oracle.result()
    bad = []
    for (d, tree, manifest), mine, expected in zip(examples, mine_all, theirs, strict=True):
        if 'patchedDependencies' in manifest:  # npm rewrites it after npm-packlist
            mine = [(p, os.path.getsize(d / p) if p == 'package.json' else s) for p, s in mine]
        if mine != expected:
            bad.append((tree, manifest, mine, expected))
    assert not bad[:3], f'{len(bad)} divergences from npm 12 npm-packlist; first: {bad[:1]}'


# -- the rule index (hooks.publish.npm._Level._index) and PathSets ------------------
#
# A folder looks up, by its name, the rules that can name it once a level holds
# more than npm._INDEX_MIN of them, and npm 12's runs of at least _PATHSET_MIN
# plain '/path' rules become one PathSet; the cases and random trees above rarely
# get there, so here both are always used, and every folder verdict the compiled
# plans give is checked against ignore-walk's filterEntry, rule by rule
# (npm.FAITHFUL_CHECK; a PathSet answers there through its own rules).

def _fresh_walks():
    npm._LAST_WALK[0] = None  # the next walk starts with empty caches


def _always_compact(monkeypatch):
    monkeypatch.setattr(npm, '_INDEX_MIN', 0)
    monkeypatch.setattr(npm12, '_PATHSET_MIN', 1)
    monkeypatch.setattr(npm, 'FAITHFUL_CHECK', True)
    _fresh_walks()


@pytest.mark.parametrize('name', [pytest.param(n, id=n) for n in CASES])
def test_rule_index_keeps_recorded_npm12_list(name, tmp_path, monkeypatch):
    """Recorded expectation (printed by real npm 12.2.3), with the index and
    PathSets always used."""
    _always_compact(monkeypatch)
    d = build(tmp_path / name, name, CASES[name])
    assert listing(d) == _pairs(CASES[name]['npm12'])
    _fresh_walks()


@pytest.mark.parametrize('name', [pytest.param(n, id=n) for n in packlist_test.CASES])
def test_rule_index_keeps_recorded_npm11_list(name, tmp_path, monkeypatch):
    """Recorded expectation (captured from npm 11.19.1), with the index always used."""
    case = packlist_test.CASES[name]
    _always_compact(monkeypatch)
    d = packlist_test.build(tmp_path / 'pkg', case)
    assert [p for p, _ in packlist_test.listing(d)] == case['expected']
    _fresh_walks()


def test_rule_index_gives_the_lists_of_the_full_scan(tmp_path, monkeypatch):
    """Random trees with globbed "files": npm 11's and npm 12's lists with the index
    on every level and PathSets equal those that step every rule one by one."""
    examples = [d for d, _, _ in _random_packages(tmp_path, 150, npm11_files=True)]

    def lists(index_min):
        monkeypatch.setattr(npm, '_INDEX_MIN', index_min)
        monkeypatch.setattr(npm12, '_PATHSET_MIN', index_min or 1)
        monkeypatch.setattr(npm, 'FAITHFUL_CHECK', not index_min)
        out = []
        for d in examples:
            for engine in (listing, packlist_test.listing):
                _fresh_walks()
                try:
                    out.append(engine(d))
                except BadInput as e:
                    out.append(str(e))
        return out

    assert lists(0) == lists(10 ** 9)
    _fresh_walks()


# -- real package folders ----------------------------------------------------------

def test_installed_packages_match_npm12_packlist():
    """Every package an `npm install` put in node_modules (packlist_test.INSTALLED):
    the model equals npm 12's bundled npm-packlist (oracle)."""
    from tests.registry import installed

    modules = installed('real-packages', packlist_test.INSTALLED)
    dirs = sorted({p.parent for p in [*modules.glob('*/package.json'),
                                       *modules.glob('@*/*/package.json')]})
    assert len(dirs) > 250
    theirs = npm12_packlist(dirs)
    mine = [listing(d) for d in dirs]
    bad = [(d.name, m, t) for d, m, t in zip(dirs, mine, theirs, strict=True) if m != t]
    assert not bad, f'{len(bad)} of {len(dirs)} packages differ from npm 12; first: {bad[0]}'


REAL_PACKAGES = ['@jridgewell/trace-mapping@0.3.25', 'rollup@4.68.8', 'terser@5.51.4']


@pytest.mark.parametrize('spec', REAL_PACKAGES)
def test_unpacked_registry_packages_match_real_npm12_pack(spec, tmp_path):
    """Published packages, unpacked and scrubbed of pack scripts: the model equals
    real `npm pack` of npm 12 (the oracle)."""
    import shutil

    from tests.registry import unpacked

    d = tmp_path / 'pkg'
    shutil.copytree(unpacked(spec), d)
    manifest = json.loads((d / 'package.json').read_text('utf-8'))
    for script in ('prepack', 'prepare', 'postpack'):
        (manifest.get('scripts') or {}).pop(script, None)
    (d / 'package.json').write_text(json.dumps(manifest, indent=2) + '\n', 'utf-8')
    assert listing(d) == packers.real_list('npm@12', d)


# -- pieces ------------------------------------------------------------------------

@pytest.mark.parametrize(('pattern', 'expected'), [
    pytest.param('lib', {'lib': True}, id='folder'),
    pytest.param('lib/*', {'lib/a.js': False, 'lib/.b': False, 'lib/sub': True}, id='star-dot'),
    pytest.param('**/a.js', {'lib/a.js': False}, id='globstar-not-in-node-modules'),
    pytest.param('LIB', {}, id='case-sensitive'),
    pytest.param('lib/../lib/a.js', {'lib/a.js': False}, id='dotdot-collapsed'),
    pytest.param('/abs', {}, id='absolute-outside'),
    pytest.param('link', {}, id='symlink-dropped'),
    pytest.param('{lib,nope}/sub', {'lib/sub': True}, id='braces'),
    pytest.param('../../**', {}, id='no-walk-outside'),
    pytest.param('../pkg/lib/a.js', {'lib/a.js': False}, id='back-in-through-dotdot'),
])
def test_glob_files(tmp_path, pattern, expected):
    tmp_path = tmp_path / 'pkg'
    packlist_test.build(tmp_path, {'tree': {
        'lib/a.js': '1', 'lib/.b': '', 'lib/sub/c.js': '', 'node_modules/a.js': '',
        'link': {'symlink': 'lib'},
    }})
    assert glob_files(str(tmp_path), pattern) == expected


def test_strip_slashes_equals_its_regex():
    """files_rules' entry clean-up without a regex equals the two substitutions it
    replaces, on every string of up to 6 characters from the ones they look at."""
    for n in range(7):
        for chars in itertools.product('/.a\n', repeat=n):
            entry = ''.join(chars)
            expected = re.sub(r'/+$', '', re.sub(r'^\.?/', '', entry))
            assert _strip_slashes(entry) == expected, entry


@pytest.mark.parametrize(('value', 'gap', 'expected'), [
    pytest.param({'b': 1, '2': 'x', '1': [], 'a': {}}, '',
                 '{"1":[],"2":"x","b":1,"a":{}}', id='index-keys-first'),
    pytest.param([1.0, 1e21, 1.5e-7, 12345678901234567890, 0.000001, -0.0, 123e-20], '',
                 '[1,1e+21,1.5e-7,12345678901234567000,0.000001,0,1.23e-18]', id='numbers'),
    pytest.param('\x01\t"\\\ud800\u2028é', '', '"\\u0001\\t\\"\\\\\\ud800\u2028é"', id='strings'),
    pytest.param({'a': [1, {'b': None}]}, '\t', '{\n\t"a": [\n\t\t1,\n\t\t{\n\t\t\t"b": null\n'
                 '\t\t}\n\t]\n}', id='indent'),
])
def test_js_stringify(value, gap, expected):
    assert js_stringify(value, gap) == expected


@pytest.mark.parametrize('present', [
    pytest.param(('.npm-extension.mjs',), id='one'),
    pytest.param(('.npm-extension.mjs', '.npm-extension.cjs'), id='both'),
])
def test_npm_extension_files(tmp_path, present):
    """Read in @npmcli/arborist lib/npm-extension.js (never run live: npm would execute
    the file): one is left out of the tarball, both make npm refuse."""
    build(tmp_path, 'p', {'package': {}, 'tree': {'index.js': '1'}})
    for name in present:
        (tmp_path / name).write_text('')
    if len(present) == 1:
        assert [p for p, _ in listing(tmp_path)] == ['index.js', 'package.json']
        return
    with pytest.raises(BadInput) as e:
        listing(tmp_path)
    assert str(e.value) == (
        '.npm-extension.mjs: npm 12 refuses to pack: found both .npm-extension.mjs and '
        '.npm-extension.cjs; keep only one (ENPMEXTENSIONDUP)')


def test_project_npmrc_global_ignore_file_like_real_npm12(tmp_path):
    """A project .npmrc may set global-ignore-file: its rules apply at the root, after
    the defaults and before "files", so a "files" entry overrides them (real npm 12)."""
    d = build(tmp_path / 'pkg', 'p', {'package': {'files': ['lib', 'keep', 'a.log', 'gi']},
                                      'tree': {
        '.npmrc': 'global-ignore-file = ./gi ; a comment\n', 'gi': 'secret.txt\n*.log\n',
        'secret.txt': 's', 'lib/secret.txt': 's', 'lib/a.js': '1', 'a.log': 'l',
        'keep/b.log': 'l', 'lib/c.log': 'l',
    }})
    expected = [('a.log', 1), ('gi', 17), ('keep/b.log', 1), ('lib/a.js', 1), ('lib/c.log', 1),
                ('lib/secret.txt', 1), ('package.json', 74)]
    assert [p for p, _ in build(tmp_path / 'bare', 'p', {'package': {}, 'tree': {
        '.npmrc': 'global-ignore-file=gi\n', 'gi': 'secret.txt\n', 'secret.txt': 's',
        'lib/secret.txt': 's', 'lib/a.js': '1'}}) and listing(tmp_path / 'bare')] == [
        'gi', 'lib/a.js', 'package.json']
    assert listing(d) == expected
    assert packers.real_list('npm@12', d) == expected


@pytest.mark.parametrize(('kind', 'overrides', 'codes'), [
    pytest.param('dependencies', {'foo': '1.0.0'}, 'EOVERRIDE', id='a pinned version'),
    pytest.param('dependencies', {'foo': {'.': '2.0.0'}}, 'EOVERRIDE', id='"." of an object'),
    pytest.param('dependencies', {'foo': 'npm:bar@1'}, 'EOVERRIDE', id='an alias'),
    pytest.param('devDependencies', {'foo': '1.0.0'}, 'EOVERRIDE', id='a dev dependency'),
    pytest.param('peerDependencies', {'foo': '1.0.0'}, 'EOVERRIDE', id='a peer dependency'),
    pytest.param('optionalDependencies', {'foo': '1.0.0'}, 'EOVERRIDE', id='an optional one'),
    pytest.param('dependencies', {'foo': '*'}, None, id='star: no override'),
    pytest.param('dependencies', {'foo': ''}, None, id='empty: no override'),
    pytest.param('dependencies', {'foo': '$foo'}, None, id='a reference'),
    pytest.param('dependencies', {'foo': '^1.0.0'}, None, id='the same range'),
    pytest.param('dependencies', {'foo': 1}, None, id='not a string'),
    pytest.param('dependencies', {'foo': '^1.0.0', 'baz': '1.0.0'}, None, id='harmless'),
    pytest.param('dependencies', {'foo': {'bar': '2.0.0'}}, (None, 'EBUNDLEOVERRIDE'),
                 id='a bundled package (npm 12 only)'),
])
@pytest.mark.parametrize('npm_version', ['npm@11', 'npm@12'])
def test_overrides_refusals_like_real_npm(tmp_path, kind, overrides, codes, npm_version):
    """npm 11 and 12 refuse "overrides" that change a direct dependency (EOVERRIDE, when
    npm pack loads the package's tree), npm 12 also those that change a package the
    root bundles (EBUNDLEOVERRIDE, new in npm 12's libnpmpack); the real npm of each
    version decides, and the model of each says the same."""
    code = codes if not isinstance(codes, tuple) else codes[npm_version == 'npm@12']
    d = build(tmp_path / 'pkg', 'p', {'package': {
        kind: {'foo': '^1.0.0'}, 'bundleDependencies': ['foo'] if kind == 'dependencies'
        else [], 'overrides': overrides,
    }, 'tree': {
        'node_modules/foo/package.json': '{"name":"foo","version":"1.0.0",'
                                         '"dependencies":{"bar":"^2.0.0"}}',
        'node_modules/bar/package.json': '{"name":"bar","version":"2.0.0"}',
    }})
    model = publish_list if npm_version == 'npm@12' else npm.publish_list
    if code is None:
        assert [(f.path, f.size) for f in model(d)] == packers.real_list(npm_version, d)
        return
    with pytest.raises(packers.PackerRefused, match=code):
        packers.real_list(npm_version, d)
    who = 'npm 12' if npm_version == 'npm@12' else 'npm'
    with pytest.raises(BadInput, match=f'^package.json: {who} refuses to pack: .*\\({code}\\)$'):
        model(d)
