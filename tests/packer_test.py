"""Which packer publishes a package (hooks.publish.packer.choose), and the
npm 11 + npm 12 union judged when nothing names the npm version."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from hooks.findings import BadInput
from hooks.publish.packer import UNION
from hooks.publish.packer import choose
from hooks.publish.packer import publish_list_explained
from tests.conftest import write_tree


def _tree(root: Path, files: dict[str, str | dict[str, object]]) -> Path:
    write_tree(root, {'.git/HEAD': 'ref: refs/heads/main\n', **{
        k: json.dumps(v) if isinstance(v, dict) else v for k, v in files.items()}})
    return root


PKG = {'name': 'p', 'version': '1.0.0'}


@pytest.mark.parametrize(('files', 'packer'), [
    pytest.param({'package.json': PKG}, UNION, id='nothing-says: npm, version unknown'),
    pytest.param({'package.json': {**PKG, 'packageManager': 'pnpm@9.1.0'}}, 'pnpm', id='pm-pnpm'),
    pytest.param({'package.json': {**PKG, 'packageManager': 'yarn@4.1.0+sha512.ab'}}, 'yarn',
                 id='pm-yarn4-with-hash'),
    pytest.param({'package.json': {**PKG, 'packageManager': 'yarn@1.22.19'}}, UNION,
                 id='pm-yarn1-not-modelled'),
    pytest.param({'package.json': {**PKG, 'packageManager': 'npm@12.2.3'}}, 'npm@12',
                 id='pm-npm12'),
    pytest.param({'package.json': {**PKG, 'packageManager': 'npm@10.8.0'}}, 'npm@11',
                 id='pm-npm10'),
    pytest.param({'package.json': {**PKG, 'packageManager': 'bun@1.1.0'}}, 'bun', id='pm-bun'),
    pytest.param({'package.json': {**PKG, 'packguard': {'packer': 'bun'},
                                   'packageManager': 'pnpm@9.1.0'}}, 'bun',
                 id='packguard-key-wins'),
    pytest.param({'package.json': PKG, 'pnpm-lock.yaml': "lockfileVersion: '9.0'\n"}, 'pnpm',
                 id='lock-pnpm'),
    pytest.param({'package.json': PKG, 'bun.lockb': 'x'}, 'bun', id='lock-bun-binary'),
    pytest.param({'package.json': PKG, 'bun.lock': '{}'}, 'bun', id='lock-bun-text'),
    pytest.param({'package.json': PKG, 'yarn.lock': '', '.yarnrc.yml': 'nodeLinker: pnp\n'},
                 'yarn', id='lock-yarn-with-yarnrc'),
    pytest.param({'package.json': PKG, 'yarn.lock': '__metadata:\n  version: 8\n'}, 'yarn',
                 id='lock-yarn-berry-header'),
    pytest.param({'package.json': PKG, 'yarn.lock': '# yarn lockfile v1\n'}, UNION,
                 id='lock-yarn1'),
    pytest.param({'package.json': PKG, 'package-lock.json': '{}'}, UNION, id='lock-npm'),
    pytest.param({'package.json': {**PKG, 'engines': {'npm': '>=12'}},
                  'package-lock.json': '{}'}, 'npm@12', id='engines-npm12'),
    pytest.param({'package.json': {**PKG, 'engines': {'npm': '^11.0.0'}}}, 'npm@11',
                 id='engines-npm11'),
    pytest.param({'package.json': {**PKG, 'engines': {'npm': '>=10'}}}, UNION,
                 id='engines-both'),
])
def test_choose(tmp_path, files, packer):
    assert choose(_tree(tmp_path, files)).packer == packer


def test_workspace_root_decides_for_its_packages(tmp_path):
    _tree(tmp_path, {
        'package.json': {'name': 'root', 'private': True, 'workspaces': ['packages/*'],
                         'packageManager': 'pnpm@9.1.0'},
        'packages/a/package.json': {'name': 'a', 'version': '1.0.0'},
    })
    choice = choose(tmp_path / 'packages' / 'a')
    assert choice.packer == 'pnpm'
    assert choice.why == 'packageManager "pnpm@9.1.0" in ../../package.json'


def test_command_line_wins(tmp_path):
    _tree(tmp_path, {'package.json': {**PKG, 'packageManager': 'pnpm@9.1.0'}})
    assert choose(tmp_path, 'yarn').packer == 'yarn'


@pytest.mark.parametrize(('value', 'message'), [
    pytest.param('"pnpm"', '"packageManager" must be name@version', id='no-version'),
    pytest.param('"deno@2.0.0"', "names 'deno', which is none of npm, pnpm, yarn, bun",
                 id='unknown'),
    pytest.param('7', '"packageManager" must be a string', id='not-a-string'),
])
def test_bad_package_manager_is_bad_input_with_position(tmp_path, value, message):
    _tree(tmp_path, {'package.json': '{\n  "name": "p",\n  "packageManager": ' + value + '\n}\n'})
    with pytest.raises(BadInput) as e:
        choose(tmp_path)
    assert message in e.value.message
    assert (e.value.line, e.value.col) == (3, 21)


def test_union_ships_what_either_npm_ships(tmp_path):
    """files: ["index.js", "template-*"]: npm 12 ships the contents of a folder a
    files glob matches, npm 11 does not (both checked live with the real npm
    11.19.1 and 12.2.3); the union has both, and says which npm ships what."""
    from tests.npm_oracle import npm_pack
    from tests.packers import real_list

    _tree(tmp_path, {
        'package.json': {**PKG, 'files': ['index.js', 'template-*']},
        'index.js': 'x\n',
        'template-a/x.js': 'x\n',
    })
    assert [p for p, _ in npm_pack(tmp_path)] == ['index.js', 'package.json']
    assert [p for p, _ in real_list('npm@12', tmp_path)] == [
        'index.js', 'package.json', 'template-a/x.js']
    files, only = publish_list_explained(tmp_path, UNION)
    assert [f.path for f in files] == ['index.js', 'package.json', 'template-a/x.js']
    assert only == [('template-a/x.js', 'npm 12')]


@pytest.mark.parametrize('packer', ['npm@11', 'npm@12', 'pnpm', 'yarn', 'bun'])
@pytest.mark.parametrize('special', ['package.json', '.npmignore', '.gitignore'])
def test_a_fifo_never_hangs_any_packer(tmp_path, packer, special):
    """A named pipe where a packer reads a file is said, never opened blocking."""
    import os
    import subprocess
    import sys

    _tree(tmp_path, {'package.json': PKG, 'index.js': 'x\n'})
    target = tmp_path / special
    if target.exists():
        target.unlink()
    os.mkfifo(target)
    proc = subprocess.run(
        [sys.executable, '-m', 'hooks.cli', 'ls', '--packer', packer, str(tmp_path)],
        capture_output=True, text=True, timeout=60, check=False,
    )
    assert 'Traceback' not in proc.stderr
    assert proc.returncode in (0, 2), proc.stderr
    if special == 'package.json':
        assert proc.returncode == 2
        assert proc.stderr.count('\n') == 1


@pytest.mark.parametrize('packer', ['npm@11', 'npm@12', 'pnpm', 'yarn', 'bun'])
def test_folders_past_the_depth_limit_are_said(tmp_path, packer, capsys):
    """600 nested folders with a file at the bottom: every packer's model says it
    did not walk them (bad input, exit 2), none lists the rest as if complete."""
    import os

    from hooks.ls import main as ls

    _tree(tmp_path, {'package.json': PKG, 'index.js': 'x\n'})
    deep = os.path.join(str(tmp_path), *(['d'] * 600))
    os.makedirs(deep)
    with open(os.path.join(deep, 'a.js'), 'w') as f:
        f.write('x\n')
    assert ls(['--packer', packer, str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert 'nested deeper than' in err
    assert err.count('\n') == 1
