"""hooks.publish.bun against the real bun 1.4.5 (``bun pm pack``, the oracle).

- recorded cases (tests/packlist_cases/bun.json, each the list or refusal of
  a real ``bun pm pack`` tarball): the model must give them, and the real bun,
  fetched by tests/packers.py, must still give them, in the same run;
- hypothesis: random trees (nested files and folders, ignore files, ``files``
  arrays, bin) compared live with the real bun's tarball;
- real packages: folders an ``npm install`` put in node_modules, each packed
  by the real bun (scripts scrubbed) and modelled;
- unit tables for what the cases cannot show alone (the matcher, patterns,
  the printer).
"""
from __future__ import annotations

import json
import os
import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from hypothesis import HealthCheck
from hypothesis import Phase
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st

from hooks.findings import BadInput
from hooks.publish import bun
from hooks.publish import bun_manifest
from hooks.publish.bun_glob import glob_match
from tests import packers

CASES: dict[str, dict[str, object]] = json.loads(
    (Path(__file__).parent / 'packlist_cases' / 'bun.json').read_text(encoding='utf-8'))


def write_case_tree(root: str | os.PathLike[str], tree: dict[str, object]) -> None:
    """``{path: text | JSON value (package.json) | {"symlink": target}}``; ``a/`` a folder."""
    for name, content in tree.items():
        full = os.path.join(root, name)
        if name.endswith('/'):
            os.makedirs(full, exist_ok=True)
            continue
        os.makedirs(os.path.dirname(full), exist_ok=True)
        if isinstance(content, dict) and set(content) == {'symlink'}:
            os.symlink(str(content['symlink']), full)
            continue
        if not isinstance(content, str):
            content = json.dumps(content)
        with open(full, 'w', encoding='utf-8', newline='') as f:
            f.write(content)


def _model(folder: str | os.PathLike[str]) -> list[list[object]] | str:
    try:
        return [[f.path, f.size] for f in bun.publish_list(folder)]
    except BadInput as e:
        assert e.path == 'package.json'
        assert e.message.startswith('bun refuses to pack: ')
        return e.message.removeprefix('bun refuses to pack: ')


def _real(folder: str | os.PathLike[str]) -> list[list[object]] | str:
    try:
        return [[p, s] for p, s in packers.real_list('bun', folder)]
    except packers.PackerRefused as e:
        return str(e).strip().splitlines()[-1].removeprefix('error: ')


@pytest.mark.parametrize('name', sorted(CASES))
def test_recorded_case_matches_model_and_real_bun(name, tmp_path):
    """The recorded ``bun pm pack`` tarball list (or refusal) of each case: the model
    gives it, and the real bun 1.4.5 (the oracle) still gives it."""
    case = CASES[name]
    tree = case['tree']
    assert isinstance(tree, dict)
    write_case_tree(tmp_path, tree)
    folder = tmp_path / str(case.get('pack', ''))
    mine, real = _model(folder), _real(folder)
    if 'refuses' in case:
        assert isinstance(mine, str) and mine.startswith(str(case['refuses']))
        assert isinstance(real, str) and real.startswith(str(case['refuses']))
    else:
        assert mine == case['bun']
        assert real == case['bun']


# -- hypothesis: random trees against the real bun ---------------------------

NAMES = ['a', 'b.js', 'c.txt', 'README.md', 'readme', 'LICENSE', 'licence', 'CHANGELOG.md',
         '.DS_Store', '._x', '.a.swp', '.npmrc', '.git', '.hg', 'CVS', 'yarn.lock', 'bun.lock',
         'package-lock.json', 'x.orig', 'A.JS', '.env.production', '.env', 'npm-debug.log',
         'd.map', 'index.js', 'Index.js', 'é.js', 'sp ace', '[x]', '{a,b}', '!n', '#h',
         'LICENCE.txt', 'README', 'test.js']
DIRS = ['lib', 'src', 'test', 'a', 'node_modules', '.git', 'CVS', 'x', '__tests__', '.hg', 'bin']
PATTERNS = ['*', '*.js', '**/*.js', 'lib', 'lib/', '/lib', 'lib/*', 'lib/**', '**/lib/*.js',
            'src/**/*.txt', '*.txt', '!*.js', '!lib', '!lib/b.js', '.*', '**/.*', 'a', '/a',
            'a/', '?.js', '[ab].js', '{lib,src}', '{lib,src}/**', '**', '**/', 'test/',
            '!test/', '\\*', '\\!n', '\\#h', 'README*', 'node_modules', 'node_modules/**',
            '*/b.js', '**/b.js', 'b.js ', 'b.js\\ ', '#c', '!**/c.txt', 'x/../lib', './src',
            '[!a]*', '*.[jt]s', 'A.JS', '**/index.js', '.git', '.npmrc', 'CHANGELOG*',
            'lib/**/', '*/', 'é*', 'bin', '!lib/*', '!*/b.js', '!src/**', '!**/b.js',
            '!a/c.txt', '!x/*', '!**/x/**', '!CVS/*', '!.git/*', '**//*', '[é-ü]*', '{a,{b,c}}*',
            '\\[*', '*/**/', '/**/*.js', 'lib/**/*.txt', '[^.]*', '*.{js,txt}', '!/lib']


def _tree(depth: int) -> st.SearchStrategy[object]:
    files = st.dictionaries(st.sampled_from(NAMES), st.integers(0, 3), max_size=5)
    ignores = st.dictionaries(
        st.sampled_from(['.npmignore', '.gitignore']),
        st.lists(st.sampled_from(PATTERNS), max_size=4), max_size=2)
    subdirs = st.just({}) if depth == 0 else st.dictionaries(
        st.sampled_from(DIRS), _tree(depth - 1), max_size=3)
    return st.tuples(files, ignores, subdirs)


PKG = st.fixed_dictionaries({
    'files': st.one_of(st.none(), st.lists(st.sampled_from(PATTERNS), min_size=1, max_size=4)),
    'bin': st.one_of(st.none(), st.sampled_from(['b.js', './lib/b.js', 'bin/a'])),
    'directories': st.one_of(st.none(), st.just({'bin': 'bin'})),
})


def _materialize(root: Path, tree: object) -> None:
    files, ignores, dirs = tree  # type: ignore[misc]
    root.mkdir(parents=True, exist_ok=True)
    for name, size in files.items():
        (root / name).write_text('x' * size)
    for name, lines in ignores.items():
        (root / name).write_text('\n'.join(lines) + '\n')
    for name, sub in dirs.items():
        if not (root / name).exists():
            _materialize(root / name, sub)


BUN_EXAMPLES = int(os.environ.get('PACKGUARD_BUN_EXAMPLES', '250'))


def test_random_trees_match_real_bun(tmp_path):
    """Random package trees: the model equals the real ``bun pm pack`` tarball (oracle),
    file for file and size for size (package.json included)."""
    examples: list[tuple[Path, object, dict[str, object]]] = []

    @settings(max_examples=BUN_EXAMPLES, database=None, deadline=None,
              phases=[Phase.generate], suppress_health_check=list(HealthCheck))
    @given(_tree(2), PKG)
    def collect(tree, pkg):
        d = tmp_path / str(len(examples))
        _materialize(d, tree)
        manifest = {'name': 'p', 'version': '1.0.0',
                    **{k: v for k, v in pkg.items() if v is not None}}
        if (d / 'package.json').exists():
            shutil.rmtree(d / 'package.json')
        (d / 'package.json').write_text(json.dumps(manifest))
        examples.append((d, tree, manifest))

    collect()
    assert len(examples) >= BUN_EXAMPLES // 2
    with ThreadPoolExecutor(max_workers=4) as pool:   # one bun process per tree
        theirs = list(pool.map(_real, [d for d, _, _ in examples]))
    bad = [(tree, manifest, mine, real)
           for (d, tree, manifest), real in zip(examples, theirs, strict=True)
           if (mine := _model(d)) != real]
    assert not bad, f'{len(bad)} of {len(examples)} trees differ from bun; first: {bad[0]}'


# -- real packages ------------------------------------------------------------

# the packages packlist_test installs (shared cache): `files` arrays, bin,
# directories.bin, nested package.json files, deep trees
INSTALLED = [
    'webpack@5.112.2', 'webpack-cli@7.3.1', '@babel/core@7.29.13', '@babel/preset-env@7.29.14',
    'parcel@2.16.4', 'typescript@5.9.3', 'terser@5.51.4', 'rollup@4.68.8', 'vite@8.3.8',
]


def _scrubbed_copy(src: Path, dst: Path) -> None:
    """A hard-linked copy bun may run on: no pack scripts, no bunfig.toml."""
    shutil.copytree(src, dst, symlinks=True, copy_function=os.link)
    manifest = dst / 'package.json'
    data = json.loads(manifest.read_bytes())
    scripts = data.get('scripts')
    if isinstance(scripts, dict) and {'prepack', 'prepare', 'postpack'} & scripts.keys():
        for key in ('prepack', 'prepare', 'postpack'):
            scripts.pop(key, None)
        manifest.unlink()
        manifest.write_text(json.dumps(data, indent=2) + '\n')
    for name in ('bunfig.toml', '.npm-extension.cjs', '.npm-extension.mjs'):
        if (dst / name).exists():
            (dst / name).unlink()


def test_real_packages_match_real_bun(tmp_path):
    """A quarter of the ~300 packages an npm install puts in node_modules (typescript,
    webpack, babel, rollup, vite and their dependencies): the model equals the real
    bun's tarball (oracle), sizes included."""
    from tests.registry import installed

    modules = installed('real-packages', INSTALLED)
    dirs = sorted({p.parent for p in [*modules.glob('*/package.json'),
                                       *modules.glob('@*/*/package.json')]})[::4]
    assert len(dirs) > 60
    copies = []
    for i, d in enumerate(dirs):
        _scrubbed_copy(d, tmp_path / str(i))
        copies.append(tmp_path / str(i))
    with ThreadPoolExecutor(max_workers=4) as pool:
        theirs = list(pool.map(_real, copies))
    bad = [(d.name, mine, real) for d, c, real in zip(dirs, copies, theirs, strict=True)
           if (mine := _model(c)) != real]
    assert not bad, f'{len(bad)} of {len(dirs)} packages differ from bun; first: {bad[0]}'


def test_npm_bundling_its_dependencies_matches_real_bun(tmp_path):
    """npm 12.2.3 as published (68 bundleDependencies, ~1,900 files in node_modules):
    the model equals the real bun's tarball (oracle), bundled layout included."""
    npm_dir = packers._fetch(packers.PINS['npm@12'])
    _scrubbed_copy(npm_dir, tmp_path / 'npm')
    mine = _model(tmp_path / 'npm')
    assert isinstance(mine, list) and len(mine) > 1500
    assert mine == _real(tmp_path / 'npm')


# -- units --------------------------------------------------------------------

@pytest.mark.parametrize(('glob', 'path', 'expected'), [
    pytest.param(b'*.js', b'a.js', True, id='star'),
    pytest.param(b'*.js', b'.a.js', True, id='star-matches-dotfiles'),
    pytest.param(b'*.js', b'lib/a.js', False, id='star-stops-at-slash'),
    pytest.param(b'**/a.js', b'x/y/a.js', True, id='globstar'),
    pytest.param(b'**/a.js', b'a.js', True, id='globstar-zero-segments'),
    pytest.param(b'lib/**', b'lib/x/y', True, id='trailing-globstar'),
    pytest.param(b'a**b', b'axyb', True, id='double-star-inside-a-segment'),
    pytest.param(b'?.js', b'\xc3\xa9.js', True, id='question-mark-one-code-point'),
    pytest.param(b'[a-c].js', b'b.js', True, id='class-range'),
    pytest.param(b'[!a-c].js', b'b.js', False, id='class-negated'),
    pytest.param(b'{a,b}.js', b'b.js', True, id='braces'),
    pytest.param(b'{a,{b,c}}.js', b'c.js', True, id='nested-braces'),
    pytest.param(b'\\*', b'*', True, id='escaped-star'),
    pytest.param(b'\\a', b'a', True, id='escaped-a-is-a'),
    pytest.param(b'A.js', b'a.js', False, id='case-sensitive'),
    pytest.param(b'!a.js', b'a.js', None, id='negation-hit'),
    pytest.param(b'!a.js', b'b.js', False, id='negation-miss'),
    pytest.param(b'!!a.js', b'a.js', True, id='double-negation'),
    pytest.param(b'[abc', b'a', False, id='unclosed-class-is-no-class'),
    pytest.param(b'[abc', b'[abc', True, id='unclosed-class-is-literal'),
    pytest.param(b'{a,b', b'{a,b', True, id='unclosed-brace-is-literal'),
    pytest.param(b'a\\', b'a\\', True, id='final-backslash-is-literal'),
])
def test_bun_glob_match(glob, path, expected):
    assert glob_match(glob, path) is expected


@pytest.mark.parametrize(('text', 'expected'), [
    pytest.param(b'lib', (b'lib', False, False, False), id='name'),
    pytest.param(b'/lib', (b'lib', True, False, False), id='anchored'),
    pytest.param(b'lib/', (b'lib', False, True, False), id='folders-only'),
    pytest.param(b'a/b', (b'a/b', True, False, False), id='inner-slash'),
    pytest.param(b'**/a', (b'**/a', True, False, False), id='leading-globstar'),
    pytest.param(b'**/', (b'**', False, True, False), id='bare-globstar-folder'),
    pytest.param(b'**//x', (b'**//x', True, False, False), id='globstar-empty-segment'),
    pytest.param(b'!!x', (b'!x', False, False, True), id='negations-collapse'),
    pytest.param(b'!', None, id='lone-bang'),
    pytest.param(b'/', None, id='lone-slash'),
])
def test_parse_pattern(text, expected):
    got = bun.parse_pattern(text)
    assert (None if got is None else tuple(got)) == expected


@pytest.mark.parametrize(('line', 'expected'), [
    pytest.param(b'a  ', b'a', id='spaces'),
    pytest.param(b'a\\ ', b'a\\ ', id='escaped-space'),
    pytest.param(b'a\\  ', b'a\\ ', id='escaped-then-plain'),
    pytest.param(b'a\t', b'a\t', id='tab-kept'),
    pytest.param(b'a\\', b'a\\', id='trailing-backslash'),
])
def test_trailing_spaces_as_git(line, expected):
    assert bun._trim_trailing_spaces(line) == expected


@pytest.mark.parametrize(('raw', 'expected'), [
    pytest.param(b'{"a":1}', '  ', id='one-line-two-spaces'),
    pytest.param(b'{\n\t\t"a": 1}', '\t\t', id='tabs'),
    pytest.param(b'\n\n{"a": "x\\n  y",\n   "b": 1}', '   ', id='outside-strings'),
    pytest.param(b'{"a": 1, // c\r\n    "b": 2}', '    ', id='crlf-and-comment'),
])
def test_guess_indent(raw, expected):
    assert bun_manifest.guess_indent(raw) == expected


@pytest.mark.parametrize(('value', 'expected'), [
    pytest.param(1e21, '1000000000000000000000', id='no-exponent'),
    pytest.param(1e-7, '0.0000001', id='small'),
    pytest.param(-0.0, '-0', id='negative-zero'),
    pytest.param(2.50, '2.5', id='shortest'),
    pytest.param(123456789012345678901.0, '123456789012345680000', id='double-precision'),
])
def test_js_number(value, expected):
    assert bun_manifest.js_number(value) == expected


def test_js_string_escapes():
    assert bun_manifest.js_string('é"\\\n\x01\x7f\u2028\ufeff\ud800😀') == (
        '"é\\"\\\\\\n\\u0001\x7f\\u2028\\uFEFF\\uD800😀"')


def test_refusal_is_one_bad_input_line(tmp_path):
    write_case_tree(tmp_path, {'package.json': {'name': 'x', 'version': '1.0.0', 'files': []}})
    with pytest.raises(BadInput) as info:
        bun.publish_list(tmp_path)
    assert str(info.value.path) == 'package.json'
    assert info.value.message == (
        'bun refuses to pack: expected `files` to be an array of string values')


def test_model_names_bun():
    assert bun.MODEL == 'bun 1.4.5 (bun pm pack)'


@pytest.mark.parametrize('name', [
    b'.DS_Store', b'.git', b'.hg', b'.npmrc', b'._x', b'._', b'.a.swp', b'..swp', b'.swp',
    b'a.swp', b'.wafpickle-7', b'.wafpickle', b'CVS', b'cvs', b'npm-debug.log', b'bunfig.toml',
    b'.env.production', b'.env', b'.gitignore', b'.npmignore', b'.svn', b'.lock-wscript', b'x',
])
def test_default_hit_is_the_default_table(name):
    """default_hit (no matcher) says what matching DEFAULT_IGNORED in order says."""
    expected = bun.INCLUDED
    for pattern, can_override in bun.DEFAULT_IGNORED:
        if glob_match(pattern, name):
            expected = bun.EXCLUDED if can_override else bun.NEVER
            break
    assert bun.default_hit(name) == expected
