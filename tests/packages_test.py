from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck
from hypothesis import Phase
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st

from hooks.findings import BadInput
from hooks.publish.packages import Package
from hooks.publish.packages import Skipped
from hooks.publish.packages import _pnpm_packages
from hooks.publish.packages import find_packages
from hooks.publish.workspaces import workspace_regex


def pkg(root: Path, rel: str, **data: object) -> None:
    d = root / rel if rel else root
    d.mkdir(parents=True, exist_ok=True)
    data.setdefault('name', rel.rsplit('/', 1)[-1] or 'root')
    data.setdefault('version', '1.0.0')
    (d / 'package.json').write_text(json.dumps(data))


def summary(found: list[Package | Skipped], root: Path) -> list[tuple[str, str, str]]:
    out = []
    for p in found:
        rel = Path(p.dir).resolve().relative_to(root.resolve()).as_posix()
        if isinstance(p, Skipped):
            out.append((rel, p.name, 'skipped'))
        else:
            publish = Path(p.publish_dir).resolve().relative_to(root.resolve()).as_posix()
            out.append((rel, p.name, publish))
    return out


def test_npm_workspaces_array_and_private_root(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    pkg(tmp_path, '', private=True, workspaces=['packages/*', 'tools/cli'])
    pkg(tmp_path, 'packages/a')
    pkg(tmp_path, 'packages/b', private=True)
    pkg(tmp_path, 'tools/cli')
    pkg(tmp_path, 'tools/other')  # not a workspace
    (tmp_path / 'packages/notes').mkdir()  # no package.json
    pkg(tmp_path, 'packages/a/node_modules/dep')
    found, errors = find_packages()
    assert errors == []
    assert summary(found, tmp_path) == [
        ('.', 'root', 'skipped'),
        ('packages/a', 'a', 'packages/a'),
        ('packages/b', 'b', 'skipped'),
        ('tools/cli', 'cli', 'tools/cli'),
    ]
    assert found[0].reason == 'is private ("private": true), npm never publishes it'


def test_yarn_workspaces_object_globstar_and_negation(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    pkg(tmp_path, '', private=True,
        workspaces={'packages': ['libs/**', '!libs/internal/**']})
    pkg(tmp_path, 'libs/x')
    pkg(tmp_path, 'libs/group/y')
    pkg(tmp_path, 'libs/internal/z')
    pkg(tmp_path, 'libs/node_modules/w')
    found, _ = find_packages()
    assert [r for r, _, _ in summary(found, tmp_path)] == ['.', 'libs/group/y', 'libs/x']


def test_pnpm_workspace_yaml(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    pkg(tmp_path, '', private=True)
    (tmp_path / 'pnpm-workspace.yaml').write_text(
        "# workspace\npackages:\n  - 'apps/*'\n  - \"packages/*\"  # libs\n  - '!**/test/**'\n"
        'catalog:\n  react: ^18\n',
    )
    pkg(tmp_path, 'apps/web')
    pkg(tmp_path, 'packages/ui')
    pkg(tmp_path, 'other/x')
    found, _ = find_packages()
    assert [r for r, _, _ in summary(found, tmp_path)] == ['.', 'apps/web', 'packages/ui']


PNPM_FORMS = [
    pytest.param("packages:\n  - 'a/*'\n  - b\n", id='block'),
    pytest.param('packages: ["a/*", "b"]\n', id='flow'),
    pytest.param("packages:\n- 'a/*'   # a comment\n- \"b\"\n", id='unindented-with-comment'),
    pytest.param("onlyBuiltDependencies:\n  - esbuild\npackages:\n  - 'x/**'\n", id='other-key'),
    pytest.param('packages: []\n', id='empty'),
    pytest.param("---\npackages:\n  - '#hash/*'\n", id='hash-inside-quotes'),
]


@pytest.mark.parametrize('text', PNPM_FORMS)
def test_pnpm_reader_agrees_with_pyyaml(tmp_path, text):
    """Oracle: PyYAML's safe_load on the forms pnpm documents."""
    path = tmp_path / 'pnpm-workspace.yaml'
    path.write_text(text)
    assert _pnpm_packages(str(path)) == yaml.safe_load(text)['packages']


def test_pnpm_bad_yaml_is_bad_input(tmp_path):
    path = tmp_path / 'pnpm-workspace.yaml'
    path.write_text("packages:\n  - 'unterminated\n")
    with pytest.raises(BadInput) as exc:
        _pnpm_packages(str(path))
    assert str(exc.value) == 'pnpm-workspace.yaml:2: unterminated quoted string'


@pytest.mark.parametrize(
    ('pattern', 'path', 'matches'),
    [
        pytest.param('packages/*', 'packages/a', True, id='star'),
        pytest.param('packages/*', 'packages/a/b', False, id='star-one-level'),
        pytest.param('packages/**', 'packages/a/b', True, id='globstar'),
        pytest.param('./packages/*', 'packages/a', True, id='dot-slash'),
        pytest.param('packages/*/', 'packages/a', True, id='trailing-slash'),
        pytest.param('{apps,libs}/*', 'libs/x', True, id='braces'),
        pytest.param('Packages/*', 'packages/a', False, id='case-sensitive'),
        pytest.param('pkg-?', 'pkg-1', True, id='question-mark'),
        # npm's glob has dot: false (checked with npm pkg get name --workspaces)
        pytest.param('packages/*', 'packages/.hidden', False, id='star-skips-dot-folders'),
        pytest.param('packages/**', 'packages/a/.b', False, id='globstar-skips-dot-folders'),
        pytest.param('examples/**', 'examples/.test/big', False,
                     id='globstar-never-crosses-a-dot-folder'),
        pytest.param('packages/.*', 'packages/.hidden', True, id='explicit-dot'),
        pytest.param('packages/.hidden', 'packages/.hidden', True, id='literal-dot-name'),
    ],
)
def test_workspace_regex(pattern, path, matches):
    assert bool(workspace_regex(pattern).match(path)) is matches


def test_publish_config_directory(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    pkg(tmp_path, '', private=True, workspaces=['packages/*'])
    pkg(tmp_path, 'packages/built', publishConfig={'directory': 'dist'})
    pkg(tmp_path, 'packages/built/dist', name='built')
    pkg(tmp_path, 'packages/unbuilt', publishConfig={'directory': 'dist'})
    found, _ = find_packages()
    assert summary(found, tmp_path)[1:] == [
        ('packages/built', 'built', 'packages/built/dist'),
        ('packages/unbuilt', 'unbuilt', 'skipped'),
    ]


def test_no_root_package_finds_outermost_packages(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    pkg(tmp_path, 'js')
    pkg(tmp_path, 'js/test/fixtures/fake')  # inside a package: not a package
    pkg(tmp_path, 'site/node_modules/x')
    pkg(tmp_path, '.cache/y')
    found, _ = find_packages()
    assert summary(found, tmp_path) == [('js', 'js', 'js')]


def test_explicit_paths_and_bad_input(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    pkg(tmp_path, 'a')
    (tmp_path / 'b').mkdir()
    (tmp_path / 'b/package.json').write_text('{"name": ')
    found, errors = find_packages(['a', 'b', 'missing'])
    assert summary(found, tmp_path) == [('a', 'a', 'a')]
    assert [str(e) for e in errors] == [
        'missing: no such package folder',
        'b/package.json:1:10: invalid JSON, npm pack fails with EJSONPARSE: Expecting value',
    ]


def test_each_package_once(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    pkg(tmp_path, '', private=True, workspaces=['packages/*', 'packages/a', 'packages/**'])
    pkg(tmp_path, 'packages/a')
    found, _ = find_packages(['.', '.'])
    assert [r for r, _, _ in summary(found, tmp_path)] == ['.', 'packages/a']


def test_fast_on_a_large_tree(tmp_path, monkeypatch):
    """2,000 folders of which 100 are workspaces, plus a big node_modules that is never entered."""
    monkeypatch.chdir(tmp_path)
    pkg(tmp_path, '', private=True, workspaces=['packages/*'])
    for i in range(100):
        pkg(tmp_path, f'packages/p{i}')
        for j in range(19):
            (tmp_path / f'packages/p{i}/src/d{j}').mkdir(parents=True)
    for i in range(2000):
        (tmp_path / f'node_modules/m{i}').mkdir(parents=True)
    start = time.perf_counter()
    found, _ = find_packages()
    assert len(found) == 101
    assert time.perf_counter() - start < 0.5


@pytest.mark.parametrize(
    ('lerna', 'expected'),
    [
        pytest.param({'packages': ['modules/*']}, ['.', 'modules/m'], id='packages'),
        pytest.param({'version': '1.0.0'}, ['.', 'packages/p'], id='lerna-default'),
        pytest.param({'useWorkspaces': True}, ['.'], id='use-workspaces'),
    ],
)
def test_lerna_json(tmp_path, monkeypatch, lerna, expected):
    monkeypatch.chdir(tmp_path)
    pkg(tmp_path, '', private=True)
    (tmp_path / 'lerna.json').write_text(json.dumps(lerna))
    pkg(tmp_path, 'modules/m')
    pkg(tmp_path, 'packages/p')
    found, errors = find_packages()
    assert errors == []
    assert [r for r, _, _ in summary(found, tmp_path)] == expected


def test_bad_lerna_json(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    pkg(tmp_path, '')
    (tmp_path / 'lerna.json').write_text('{"packages": [')
    found, errors = find_packages()
    assert [str(e) for e in errors] == ['lerna.json:1:15: invalid JSON: Expecting value']
    assert len(found) == 1


@pytest.mark.parametrize(('fields', 'reason'), [
    pytest.param({'name': None, 'version': None},
                 'has no "name" or "version", so npm refuses to publish it', id='app'),
    pytest.param({'version': None}, 'has no "version", so npm refuses to publish it',
                 id='no-version'),
    pytest.param({'name': ''}, 'has no "name", so npm refuses to publish it', id='empty-name'),
])
def test_a_package_npm_refuses_is_skipped(tmp_path, monkeypatch, fields, reason):
    monkeypatch.chdir(tmp_path)
    manifest = {k: v for k, v in {'name': 'app', 'version': '1.0.0', **fields}.items()
                if v is not None}
    (tmp_path / 'package.json').write_text(json.dumps(manifest))
    [found], errors = find_packages()
    assert errors == []
    assert isinstance(found, Skipped)
    assert found.reason == reason


@pytest.mark.parametrize('pattern', ['x/**', './x/**', 'x/**/'])
def test_trailing_globstar_picks_the_folder_itself_as_npm_does(tmp_path, pattern):
    """Oracle: real npm (npm pack -ws --dry-run --json): npm globs
    "<pattern>/package.json", so "x/**" picks x as well as x/y."""
    import json
    import subprocess

    from tests.npm_oracle import npm_env

    (tmp_path / 'x' / 'y').mkdir(parents=True)
    (tmp_path / 'package.json').write_text(json.dumps(
        {'name': 'root', 'version': '1.0.0', 'private': True, 'workspaces': [pattern]}))
    for name, d in (('x', tmp_path / 'x'), ('y', tmp_path / 'x' / 'y')):
        (d / 'package.json').write_text(json.dumps({'name': name, 'version': '1.0.0'}))
    proc = subprocess.run(['npm', 'pack', '-ws', '--dry-run', '--json', '--ignore-scripts'],
                          cwd=tmp_path, capture_output=True, text=True, env=npm_env(),
                          check=True)
    npm_names = sorted(p['name'] for p in json.loads(proc.stdout))
    ours, errors = find_packages([str(tmp_path)])
    assert errors == []
    assert npm_names == ['x', 'y']
    assert sorted(p.name for p in ours if p.name != 'root') == npm_names


_WS_TREE = ['packages/a/src/deep', 'packages/b', 'packages/.hidden', 'packages/node_modules/x',
            'tools/cli/sub', 'test/runtime-integration/x/y', 'test/esm', 'Test/esm',
            '.config/p', 'node_modules/q', 'a/b/c/d/e', 'linked-target/w', 'apps/web/app']
_WS_GLOBS = ['packages/*', 'packages/**', 'tools/cli', 'test/runtime-integration/*', 'test/esm',
             'benchmark', 'a/*/c', 'a/b/**', '*', '**', 'packages/{a,b}', 'packages/[ab]',
             'test/*/x', 'linked/*', 'linked', 'Packages/*', './packages/*', 'packages/*/',
             '!packages/b', '!packages/**', 'nothing/*', 'a/b/c/d/*', '{apps,tools}/*',
             'apps/**/app', '.config/*', 'packages/./a', 'a/../a/b']


@given(st.lists(st.sampled_from(_WS_GLOBS), min_size=1, max_size=4))
@settings(max_examples=300, deadline=None, phases=[Phase.explicit, Phase.generate],
          suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_workspace_expansion_lists_only_where_globs_lead(tmp_path_factory, patterns):
    """expand_workspaces lists only below the globs' literal folders and finds
    what filtering every folder of the walk finds."""
    from hooks.publish.packages import _folders
    from hooks.publish.packages import _max_depth
    from hooks.publish.packages import expand_workspaces
    from hooks.publish.workspaces import compiled_workspaces
    from hooks.publish.workspaces import picked

    root = tmp_path_factory.getbasetemp() / 'ws-tree'
    if not root.exists():
        for d in _WS_TREE:
            (root / d).mkdir(parents=True)
        for d in [*_WS_TREE, 'packages', 'a/b', 'a', 'test', 'tools', 'apps', 'apps/web']:
            (root / d / 'package.json').write_text('{}')
        (root / 'linked').symlink_to(root / 'linked-target')
        (root / 'packages' / 'link').symlink_to(root / 'tools')
    compiled = compiled_workspaces(patterns)
    every = sorted(rel for rel in _folders(str(root), _max_depth(patterns))
                   if picked(rel, compiled) and (root / rel / 'package.json').is_file())
    assert expand_workspaces(str(root), patterns) == every
