"""The publish-list engine against npm 11.19.1 (the oracle).

Three layers, each naming its oracle:
- hand-written cases: recorded expectations in tests/packlist_cases/cases.json
  (readable: tree, package.json, expected files), checked against packguard
  AND live against npm's bundled npm-packlist; a sample also against real
  ``npm pack --dry-run --json --ignore-scripts``;
- hypothesis: >= 2,000 random trees per run against npm's bundled
  npm-packlist, driven by one node process (tests/oracle/packlist.js);
- the unpacked @anthropic-ai/claude-code@2.1.88 against real ``npm pack``.
"""
from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck
from hypothesis import Phase
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st

from hooks.findings import BadInput
from hooks.publish.npm import PackedFile
from hooks.publish.npm import Shadowed
from hooks.publish.npm import _simplify
from hooks.publish.npm import publish_list
from hooks.publish.npm import read_manifest
from hooks.publish.npm import shadowed_by_npmignore
from hooks.publish.npm import unmatched_files_entries
from hooks.publish.npm import would_publish
from tests.conftest import write_tree
from tests.npm_oracle import bundled_packlist
from tests.npm_oracle import npm_pack

CASES_FILE = Path(__file__).parent / 'packlist_cases' / 'cases.json'
CASES: dict[str, dict[str, object]] = json.loads(CASES_FILE.read_text(encoding='utf-8'))


def build(root: Path, case: dict[str, object]) -> Path:
    """Write a case: ``tree`` maps paths to contents (a path ending in / is a folder,
    {"symlink": target} a symlink); ``package`` is package.json."""
    root.mkdir(parents=True, exist_ok=True)
    tree = case.get('tree', {})
    assert isinstance(tree, dict)
    for rel, content in tree.items():
        p = root / rel
        if rel.endswith('/'):
            p.mkdir(parents=True, exist_ok=True)
            continue
        p.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, dict):
            os.symlink(content['symlink'], p)
        else:
            p.write_text(str(content), encoding='utf-8')
    pkg = case.get('package')
    if pkg is not None:
        text = pkg if isinstance(pkg, str) else json.dumps(pkg)
        (root / 'package.json').write_text(text, encoding='utf-8')
    return root


def listing(pkg_dir: Path) -> list[tuple[str, int]]:
    return [(f.path, f.size) for f in publish_list(pkg_dir)]


@pytest.mark.parametrize('name', [pytest.param(n, id=n) for n in CASES])
def test_case_matches_recorded_npm_list(name, tmp_path):
    """Recorded expectation (captured from npm 11.19.1) equals packguard's list."""
    case = CASES[name]
    d = build(tmp_path / 'pkg', case)
    assert [p for p, _ in listing(d)] == case['expected']


def test_cases_match_live_npm_packlist(tmp_path):
    """Every hand-written case, live, against npm's bundled npm-packlist (oracle)."""
    dirs = [build(tmp_path / str(i), CASES[n]) for i, n in enumerate(CASES)]
    theirs = bundled_packlist(dirs)
    for name, d, expected in zip(CASES, dirs, theirs, strict=True):
        assert (name, listing(d)) == (name, expected)


SAMPLE_FOR_NPM_PACK = [
    'files-folder-ships-dotfiles', 'npmignore-disables-gitignore', 'main-inside-ignored-folder',
    'strict-lockfiles-root-only', 'readme-license-variants', 'order-case-digits-punctuation',
]


@pytest.mark.parametrize('name', [pytest.param(n, id=n) for n in SAMPLE_FOR_NPM_PACK])
def test_oracle_equals_real_npm_pack(name, tmp_path):
    """The bundled-npm-packlist oracle gives what real `npm pack --dry-run --json` gives."""
    d = build(tmp_path / 'pkg', CASES[name])
    assert bundled_packlist([d]) == [npm_pack(d)]
    assert listing(d) == npm_pack(d)


# -- hypothesis against the oracle -------------------------------------------------

DIRS = ['lib', 'dist', 'src', 'bin', 'build', 'test', 'docs', 'node_modules', '.git',
        'secrets', 'sub', 'Lib', '@scope', '.hidden', 'a', 'CVS']
FILES = ['.env', 'x.js', 'X.JS', 'index.js', 'a.map', 'b.d.ts', '.npmrc', 'README.md',
         'readme', 'LICENSE', 'licence.txt', 'COPYING', 'CHANGELOG', 'package-lock.json',
         'yarn.lock', '.DS_Store', 'x.orig', 'npm-debug.log', 'core', 'file.test.js',
         'license.md~', 'README.md.bak', 'keep.js', 'public.txt', 'a', 'b.js', 'config.gypi',
         'bun.lockb', 'LICENSE-MIT', 'x y.js', 'ünï.js', 'B.js', '10.js', '9.js', '_x.js']
PATTERNS = ['*.map', '!*.map', '/dist', 'dist/', 'dist', 'lib/**', '!lib/keep.js', '*.js',
            '!index.js', 'secrets', 'secrets/', '!secrets/public.txt', '**/*.d.ts', '#c', '',
            '  x.js  ', 'a', '!a', '/sub/*', '.env*', '*', '!*', 'build/', 'docs/**/*.md',
            '{a,b}.js', 'x.[jt]s', '!(*.js)', '@(a|b)', 'lib/sub/', 'sub', '!sub/', 'LICENSE',
            '!.npmrc', '/README.md', '!x.js', '**/sub/**', '*/', 'lib/*.js', '!lib/', 'X.JS',
            '\\#c', 'node_modules', '!node_modules/a', '**', '/*', '!/lib/**', 'sub/**/x.js']
FILES_ENTRIES = ['lib', 'lib/', '/lib', './dist/', 'dist/*', '*.js', '**/*.d.ts',
                 'lib/**/*.js', '!*.map', '!lib/sub', 'index.js', 'README.md', '.',
                 'src/index.js', 'nonexistent', 'LIB', '!**/*.test.js', 'bin/', 'lib/.npmrc',
                 'dist-*', 'lib/sub', 'sub/*.js', '!lib/a.map', 'lib/keep.js', '.env', 'a',
                 '**/*', 'node_modules', 'package-lock.json', '{lib,dist}', 'lib/.DS_Store']


def _tree(depth: int) -> st.SearchStrategy[object]:
    files = st.dictionaries(st.sampled_from(FILES), st.integers(0, 3), max_size=5)
    ignores = st.dictionaries(
        st.sampled_from(['.npmignore', '.gitignore']),
        st.lists(st.sampled_from(PATTERNS), max_size=4), max_size=2,
    )
    subdirs = st.just({}) if depth == 0 else st.dictionaries(
        st.sampled_from(DIRS), _tree(depth - 1), max_size=3,
    )
    return st.tuples(files, ignores, subdirs)


PKG = st.fixed_dictionaries({
    'files': st.one_of(st.none(), st.lists(st.sampled_from(FILES_ENTRIES), max_size=5)),
    'main': st.one_of(st.none(), st.sampled_from([
        'index.js', 'lib/keep.js', './lib/keep.js', 'dist/b.js', 'secrets/public.txt', 'lib',
    ])),
    'bin': st.one_of(st.none(), st.sampled_from(['bin/a', './lib/x.js']), st.dictionaries(
        st.sampled_from(['x', 'y']), st.sampled_from(['bin/a', 'lib/b.js', './dist/x.js']),
        max_size=2,
    )),
    'browser': st.one_of(st.none(), st.sampled_from(['dist/b.js', 'lib/x.js'])),
})


Tree = tuple[dict[str, int], dict[str, list[str]], dict[str, object]]


def _materialize(root: Path, tree: Tree) -> None:
    files, ignores, dirs = tree
    root.mkdir(parents=True, exist_ok=True)
    for name, size in files.items():
        (root / name).write_text('x' * size)
    for name, lines in ignores.items():
        (root / name).write_text('\n'.join(lines) + '\n')
    for name, sub in dirs.items():
        if not (root / name).is_file():
            _materialize(root / name, sub)  # type: ignore[arg-type]


HYPOTHESIS_EXAMPLES = int(os.environ.get('PACKGUARD_HYPOTHESIS_EXAMPLES', '2000'))


def test_random_trees_match_npm_packlist(tmp_path):
    """>= 2,000 random package trees: packguard equals npm's bundled npm-packlist (oracle).

    Hypothesis generates the trees; they are judged in one batch so one node
    process serves them all.  A divergence prints the tree to turn into a case.
    """
    examples: list[tuple[Path, object, dict[str, object]]] = []

    @settings(max_examples=HYPOTHESIS_EXAMPLES, database=None, deadline=None,
              phases=[Phase.generate], suppress_health_check=list(HealthCheck))
    @given(_tree(3), PKG)
    def collect(tree, pkg):
        d = tmp_path / str(len(examples))
        _materialize(d, tree)
        manifest = {
            'name': 'p', 'version': '1.0.0', **{k: v for k, v in pkg.items() if v is not None},
        }
        (d / 'package.json').write_text(json.dumps(manifest))
        examples.append((d, tree, manifest))

    collect()
    assert len(examples) >= min(HYPOTHESIS_EXAMPLES, 2000)
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=1) as pool:  # node works while packguard does
        oracle = pool.submit(bundled_packlist, [d for d, _, _ in examples])
        mine_all = [listing(d) for d, _, _ in examples]
        theirs = oracle.result()
    bad = []
    for (_, tree, manifest), mine, expected in zip(examples, mine_all, theirs, strict=True):
        if mine != expected:
            bad.append((tree, manifest, mine, expected))
    assert not bad[:3], f'{len(bad)} divergences from npm-packlist; first: {bad[:1]}'


SOURCES = ['a', 'b', r'[^/]*\.js', r'\.[^/]*', '[^/]+', '[^/]*', '(?s:.*)']


def _verdict(groups: list[tuple[bool, list[str]]], default: bool, name: str) -> bool:
    for included, srcs in groups:
        if any(re.fullmatch(src, name, re.IGNORECASE | re.DOTALL) for src in srcs):
            return included
    return default


@settings(max_examples=300, database=None, deadline=None)
@given(st.lists(st.tuples(st.booleans(), st.lists(st.sampled_from(SOURCES), min_size=1))),
       st.sampled_from(['a', 'B', 'x.js', '.env', 'c']))
def test_simplified_plans_give_the_same_verdicts(groups, name):
    simplified, default = _simplify([(inc, list(srcs)) for inc, srcs in groups])
    assert _verdict(simplified, default, name) == _verdict(groups, True, name)
    assert all(srcs for _, srcs in simplified)


def test_claude_code_2_1_88_matches_npm_pack():
    """The unpacked @anthropic-ai/claude-code@2.1.88 (59.8 MB cli.js.map) vs real npm pack."""
    from tests.registry import unpacked

    d = unpacked('@anthropic-ai/claude-code@2.1.88')
    mine = listing(d)
    assert mine == npm_pack(d)
    assert ('cli.js.map', 59766257) in mine


# -- the API other checks use --------------------------------------------------------

# real packages as their authors published them: `files` arrays, bin/main/browser,
# directories.bin, odd names, nested package.json files, deep trees
INSTALLED = [
    'webpack@5.112.2', 'webpack-cli@7.3.1', '@babel/core@7.29.13', '@babel/preset-env@7.29.14',
    'parcel@2.16.4', 'typescript@5.9.3', 'terser@5.51.4', 'rollup@4.68.8', 'vite@8.3.8',
]


def test_installed_packages_match_npm_packlist():
    """Every package an `npm install` put in node_modules: packguard equals npm (oracle)."""
    from tests.registry import installed

    modules = installed('real-packages', INSTALLED)
    dirs = sorted({p.parent for p in [*modules.glob('*/package.json'),
                                       *modules.glob('@*/*/package.json')]})
    assert len(dirs) > 250
    theirs = bundled_packlist(dirs)
    mine = [listing(d) for d in dirs]
    bad = [(d.name, m, t) for d, m, t in zip(dirs, mine, theirs, strict=True) if m != t]
    assert not bad, f'{len(bad)} of {len(dirs)} packages differ from npm; first: {bad[0]}'


WORKSPACE_CASES: dict[str, dict[str, object]] = json.loads(
    (Path(__file__).parent / 'packlist_cases' / 'workspaces.json').read_text(encoding='utf-8'))


@pytest.mark.parametrize('name', sorted(WORKSPACE_CASES))
def test_workspace_package_takes_ignore_files_from_above(name, tmp_path):
    """A package inside an npm workspace root: the recorded list of `npm pack`, run in
    the package folder, holds for packguard and live for npm (the oracle)."""
    case = WORKSPACE_CASES[name]
    tree = case['tree']
    assert isinstance(tree, dict)
    write_tree(tmp_path, tree)
    pkg_dir = tmp_path / str(case['pack'])
    assert [f.path for f in publish_list(pkg_dir)] == case['npm']
    assert [p for p, _ in npm_pack(pkg_dir)] == case['npm']


def test_npm_itself_with_its_bundled_dependencies_matches_npm_pack():
    """The installed npm bundles all its dependencies (bundleDependencies, ~150
    packages in node_modules): packguard lists it as real npm pack does (oracle)."""
    from tests.npm_oracle import npm_root

    npm_dir = Path(npm_root())
    assert json.loads((npm_dir / 'package.json').read_text())['bundleDependencies']
    mine = listing(npm_dir)
    assert len(mine) > 1000
    assert mine == npm_pack(npm_dir)


def test_would_publish_for_files_not_built_yet(tmp_path):
    d = build(tmp_path, {
        'package': {'name': 'p', 'version': '1.0.0', 'files': ['dist', '!*.map']},
        'tree': {'src/a.ts': 'x'},
    })
    assert would_publish(d, 'dist/index.js') is True
    assert would_publish(d, 'dist/assets/index.js.map') is False
    assert would_publish(d, 'src/a.ts') is False
    assert would_publish(d, 'package.json') is True


def test_would_publish_without_files_uses_ignore_files(tmp_path):
    d = build(tmp_path, {'package': {'name': 'p', 'version': '1.0.0'},
                         'tree': {'.npmignore': '*.map\n', 'lib/.gitignore': '*.js\n'}})
    assert would_publish(d, 'dist/assets/index.js.map') is False
    assert would_publish(d, 'dist/assets/index.js') is True
    assert would_publish(d, 'lib/x.js') is False


def test_shadowed_by_npmignore_names_gitignore_line(tmp_path):
    d = build(tmp_path, {'package': {'name': 'p', 'version': '1.0.0'}, 'tree': {
        '.npmignore': 'test/\n', '.gitignore': '# secrets\n.env\ncoverage/\n',
        '.env': 'K=1', 'coverage/x.json': '{}', 'index.js': '1',
        'lib/.npmignore': '', 'lib/.gitignore': '*.map\n', 'lib/a.js.map': '{}',
    }})
    published = publish_list(d)
    assert shadowed_by_npmignore(d, published) == [
        Shadowed('.env', '.gitignore', 2),
        Shadowed('coverage/x.json', '.gitignore', 3),
        Shadowed('lib/a.js.map', 'lib/.gitignore', 1),
    ]


def test_unmatched_files_entries(tmp_path):
    d = build(tmp_path, {'package': {'name': 'p', 'version': '1.0.0', 'files': [
        'lib', 'dist/', '*.md', '*.txt', '!nothing', 'LIB', './src/x.js']},
        'tree': {'lib/a.js': '1', 'README.md': '#'}})
    assert unmatched_files_entries(d) == [(1, 'dist/'), (3, '*.txt'), (6, './src/x.js')]


# -- bad input ---------------------------------------------------------------

EJSON = 'package.json{}: invalid JSON, npm pack fails with EJSONPARSE: {}'


@pytest.mark.parametrize(('text', 'message'), [
    pytest.param(
        '{"name": "p",\n "version": 1,,}',
        EJSON.format(':2:15', 'Expecting property name enclosed in double quotes'), id='syntax',
    ),
    pytest.param(
        '[1, 2]', 'package.json: must be a JSON object, not list; npm pack fails', id='not-object',
    ),
    pytest.param('{"files": "lib", "x": {"files": 1}, "name": "p"}', None, id='files-string-ok'),
    pytest.param(
        '{"files": {"a": 1}}',
        'package.json: "files" must be an array of strings; npm pack fails on it',
        id='files-object',
    ),
    pytest.param(
        '{"files": ["lib", 3]}',
        'package.json: "files"[1] is not a string; npm pack fails on it '
        '(file.startsWith is not a function)', id='files-number',
    ),
    pytest.param('{"a": NaN}', EJSON.format('', "Unexpected token 'N'"), id='nan'),
])
def test_read_manifest_bad_input(tmp_path, text, message):
    (tmp_path / 'package.json').write_text(text)
    if message is None:
        assert read_manifest(tmp_path)['files'] == 'lib'
        return
    with pytest.raises(BadInput) as e:
        read_manifest(tmp_path)
    assert str(e.value) == message


def test_read_manifest_strips_bom_like_npm(tmp_path):
    """npm (json-parse-even-better-errors) strips a UTF-8 BOM and packs fine."""
    (tmp_path / 'package.json').write_bytes(b'\xef\xbb\xbf{"name": "p", "version": "1.0.0"}')
    assert read_manifest(tmp_path)['name'] == 'p'
    assert publish_list(tmp_path) == [PackedFile('package.json', 36)]


def test_missing_folder_and_package_json(tmp_path):
    with pytest.raises(BadInput, match=r'no such package folder$'):
        publish_list(tmp_path / 'nope')
    with pytest.raises(BadInput, match=r'^package\.json: missing'):
        publish_list(tmp_path)


def test_unreadable_folder(tmp_path, monkeypatch):
    """chmod 0 does not stop root (CI), so the refusal comes from a patched scandir."""
    build(tmp_path, {'package': {'name': 'p', 'version': '1.0.0'}, 'tree': {'lib/a.js': '1'}})
    real_scandir = os.scandir

    def scandir(path):
        if os.fspath(path).endswith('lib'):
            raise PermissionError(13, 'Permission denied')
        return real_scandir(path)

    monkeypatch.setattr(os, 'scandir', scandir)
    with pytest.raises(BadInput) as e:
        publish_list(tmp_path)
    assert str(e.value) == 'lib: folder cannot be read (EACCES); npm pack fails'


def test_unreadable_ignore_file(tmp_path):
    build(tmp_path, {'package': {'name': 'p', 'version': '1.0.0'}, 'tree': {'lib/.npmignore/': ''}})
    with pytest.raises(BadInput) as e:
        publish_list(tmp_path)
    assert str(e.value) == (
        'lib/.npmignore: is a folder; npm pack fails reading it as an ignore file (EISDIR)'
    )


def test_symlink_loop_and_odd_names_are_dropped_or_kept_like_npm(tmp_path):
    d = build(tmp_path, {'package': {'name': 'p', 'version': '1.0.0'}, 'tree': {
        'loop': {'symlink': 'loop'}, 'self': {'symlink': '.'}, 'a b.js': '1',
        'ünï/cödé.js': '2', 'new\nline.js': '3', 'star*.js': '4',
    }})
    assert listing(d) == bundled_packlist([d])[0]
    assert [p for p, _ in listing(d)] == ['a b.js', 'new\nline.js', 'package.json', 'ünï/cödé.js']


def test_non_utf8_name_fails_like_npm(tmp_path):
    """npm pack (oracle) fails with ENOENT on a file name that is not UTF-8."""
    build(tmp_path, {'package': {'name': 'p', 'version': '1.0.0'}})
    (tmp_path / os.fsdecode(b'bad\xffname.js')).write_text('x')
    with pytest.raises(BadInput) as e:
        publish_list(tmp_path)
    assert str(e.value) == (
        'bad\ufffdname.js: file name is not valid UTF-8; npm pack fails on it (ENOENT at lstat)'
    )
    with pytest.raises(RuntimeError, match='ENOENT'):
        npm_pack(tmp_path)
