"""Whole-repository runs wherever the user stands, and commit-time runs that
judge only the packages the staged files can affect (issues #12, #13)."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from hooks.check_npm_publish import main
from hooks.publish.packages import affected
from hooks.publish.packages import affected_packages
from hooks.publish.packages import find_packages
from hooks.publish.packages import repository_root
from tests.conftest import write_tree

TOKEN = 'npm_' + 'aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zA5'  # made up, full format


def _manifest(name: str, **kw: object) -> str:
    return json.dumps({'name': name, 'version': '1.0.0', **kw})


@pytest.fixture
def monorepo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A git repository whose root declares workspaces a, b and c; b leaks a token."""
    write_tree(tmp_path, {
        '.git/HEAD': 'ref: refs/heads/main\n',
        'package.json': _manifest('root', private=True, workspaces=['packages/*']),
        'packages/a/package.json': _manifest('a', files=['index.js']),
        'packages/a/index.js': 'module.exports = 1\n',
        'packages/a/src/deep/x.js': 'x\n',
        'packages/b/package.json': _manifest('b', files=['index.js']),
        'packages/b/index.js': f'const t = "{TOKEN}"\n',
        'packages/c/package.json': _manifest('c'),
        'packages/c/.npmignore': 'test/\n',
        'packages/c/index.js': 'x\n',
    })
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize(('start', 'expected'), [
    pytest.param('.', '.', id='root'),
    pytest.param('packages/a/src/deep', '../../../..', id='deep-subfolder'),
])
def test_repository_root_is_found_from_a_subfolder(monorepo, monkeypatch, start, expected):
    monkeypatch.chdir(monorepo / start)
    assert repository_root('.') == expected


def test_repository_root_without_git_is_the_outermost_package(tmp_path, monkeypatch):
    write_tree(tmp_path, {
        'outer/package.json': _manifest('outer'),
        'outer/inner/package.json': _manifest('inner'),
    })
    monkeypatch.chdir(tmp_path / 'outer' / 'inner')
    root = os.path.realpath(repository_root('.'))
    assert root in (os.path.realpath(tmp_path / 'outer'), os.path.realpath(tmp_path))


@pytest.mark.parametrize(('files', 'names'), [
    pytest.param(['packages/a/index.js'], ['a'], id='file-in-a'),
    pytest.param(['packages/a/src/deep/x.js'], ['a'], id='deep-file-in-a'),
    pytest.param(['packages/c/.npmignore'], ['c'], id='ignore-file-of-c'),
    pytest.param(['package.json'], ['root', 'a', 'b', 'c'], id='root-manifest-affects-all'),
    pytest.param(['.gitignore'], ['a', 'b', 'c'], id='root-gitignore-affects-all'),
    pytest.param(['README.md'], [], id='root-file-private-root-nothing'),
    pytest.param(['packages/a/index.js', 'packages/b/index.js'], ['a', 'b'], id='two-packages'),
])
def test_affected_packages(monorepo, files, names):
    for f in files:
        (monorepo / f).touch()
    every, errors = find_packages(None, root='.')
    assert errors == []
    assert [p.name for p in affected(every, files)] == names


# A tree where the quick search could go wrong: workspaces picked by `*`, `**`
# and a negation, a private workspace, a fixture package.json inside a
# workspace, another package's publishConfig.directory outside it, a package in
# node_modules and in a dot folder, a linked folder, and files in no package.
_TRICKY = {
    '.git/HEAD': 'ref: refs/heads/main\n',
    'package.json': _manifest('root', workspaces=['packages/*', 'apps/**', '!packages/gone']),
    'index.js': 'x\n',
    'packages/a/package.json': _manifest('a'),
    'packages/a/src/x.js': 'x\n',
    'packages/a/test/fixtures/p/package.json': _manifest('fixture'),
    'packages/a/test/fixtures/p/y.js': 'y\n',
    'packages/a/node_modules/dep/package.json': _manifest('dep'),
    'packages/a/node_modules/dep/z.js': 'z\n',
    'packages/gone/package.json': _manifest('gone'),
    'packages/gone/g.js': 'g\n',
    'packages/secret/package.json': _manifest('secret', private=True),
    'packages/secret/s.js': 's\n',
    'packages/out/package.json': _manifest('out', publishConfig={'directory': '../../dist/out'}),
    'packages/out/src/o.js': 'o\n',
    'dist/out/package.json': _manifest('out'),
    'dist/out/o.js': 'o\n',
    'apps/web/package.json': _manifest('web'),
    'apps/web/deep/er/package.json': _manifest('deeper'),
    'apps/web/deep/er/w.js': 'w\n',
    'apps/.hidden/package.json': _manifest('hidden'),
    'apps/.hidden/h.js': 'h\n',
    'tools/t.js': 't\n',
}


@pytest.mark.parametrize('root_manifest', [True, False], ids=['root-package', 'no-root-package'])
def test_quick_affected_packages_agree_with_the_full_search(tmp_path, monkeypatch, root_manifest):
    """For every file of a tricky tree (one at a time, then all at once), the
    quick search up from the staged files finds what the search for every
    package then :func:`affected` finds, or says it cannot (None)."""
    write_tree(tmp_path, _TRICKY)
    if not root_manifest:
        (tmp_path / 'package.json').unlink()
    (tmp_path / 'linked').symlink_to(tmp_path / 'packages' / 'a')
    monkeypatch.chdir(tmp_path)
    every, _ = find_packages(None, root='.')
    files = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob('*')
                   if p.is_file() and '.git' not in p.parts)
    quick_used = []
    for batch in [[f] for f in files] + [[f for f in files if not f.endswith('package.json')]]:
        full = affected(every, batch)
        quick = affected_packages(batch, '.')
        if quick is not None:
            quick_used.append(batch)
            assert [(p.dir, p.publish_dir) for p in quick[0]] == \
                [(p.dir, p.publish_dir) for p in full], batch
    if not root_manifest:   # any outermost package could be another's publish folder
        assert quick_used == []
        return
    # the quick search is taken for plain files of workspaces, and not for a
    # file below a package.json it cannot place
    assert ['packages/a/src/x.js'] in quick_used
    assert ['dist/out/o.js'] not in quick_used
    assert ['packages/a/test/fixtures/p/y.js'] not in quick_used


def test_staged_file_of_a_clean_package_judges_only_that_package(monorepo, capsys):
    assert main(['packages/a/index.js']) == 0
    assert TOKEN not in capsys.readouterr().out


def test_staged_file_of_the_leaking_package_finds_the_leak(monorepo, capsys):
    assert main(['packages/b/index.js']) == 1
    out = capsys.readouterr().out
    assert out.startswith('packages/b/index.js:1: ')
    assert TOKEN not in out


def test_no_arguments_from_a_subfolder_judges_the_whole_repository(monorepo, monkeypatch, capsys):
    """Run from packages/a/src, the leak in packages/b is still found, and its
    path is shown relative to where the user stands."""
    monkeypatch.chdir(monorepo / 'packages' / 'a' / 'src')
    assert main([]) == 1
    out = capsys.readouterr().out
    assert out.startswith('../../b/index.js:1: ')


def test_an_absolute_folder_prints_as_named(monorepo, capsys):
    folder = str(monorepo / 'packages' / 'b')
    assert main([folder]) == 1
    assert capsys.readouterr().out.startswith(f'{folder}/index.js:1: ')


def test_pre_commit_judges_only_the_packages_the_commit_touches(git_repo):
    """Real pre-commit: staging a file of package a judges a (clean) and not b,
    whose leak was committed before; `--all-files` judges every package."""
    from tests.conftest import run_git
    from tests.conftest import run_pre_commit

    write_tree(git_repo, {
        'package.json': _manifest('root', private=True, workspaces=['packages/*']),
        'packages/a/package.json': _manifest('a', files=['index.js']),
        'packages/a/index.js': 'module.exports = 1\n',
        'packages/b/package.json': _manifest('b', files=['index.js']),
        'packages/b/index.js': f'const t = "{TOKEN}"\n',
    })
    run_git(git_repo, 'add', '.')
    run_git(git_repo, 'commit', '-qm', 'init', '--no-verify')
    (git_repo / 'packages' / 'a' / 'index.js').write_text('module.exports = 2\n')
    run_git(git_repo, 'add', '.')
    proc = run_pre_commit(git_repo, 'check-npm-publish')
    assert proc.returncode == 0, proc.stdout
    proc = run_pre_commit(git_repo, 'check-npm-publish', all_files=True)
    assert proc.returncode == 1, proc.stdout
    assert 'packages/b/index.js:1: ' in proc.stdout
    assert TOKEN not in proc.stdout


def test_config_from_a_subfolder_judges_the_repository(tmp_path, monkeypatch, capsys):
    """packguard config run in src/ judges the app at the repository root, and
    prints its paths relative to where the user stands."""
    from hooks.cli import main as cli

    write_tree(tmp_path, {
        '.git/HEAD': 'ref: refs/heads/main\n',
        'package.json': json.dumps({
            'name': 'app', 'version': '1.0.0', 'private': True,
            'scripts': {'build': 'vite build --sourcemap'}, 'devDependencies': {'vite': '^8'},
        }),
        'index.html': '<script type="module" src="/src/index.js"></script>\n',
        'src/index.js': 'console.log(1)\n',
    })
    monkeypatch.chdir(tmp_path)
    assert cli(['config']) == 1
    at_root = capsys.readouterr().out
    assert at_root.startswith('package.json:')
    monkeypatch.chdir(tmp_path / 'src')
    assert cli(['config']) == 1
    assert capsys.readouterr().out == at_root.replace('package.json:', '../package.json:', 1)


def test_pnpm_workspace_license_from_the_root_is_judged(tmp_path, monkeypatch, capsys):
    """pnpm packs the workspace root's LICENSE into a package that has none
    (real pnpm 12.26.0: tests/packlist_cases/pnpm.json); check reads it from the
    root instead of failing on a file the package folder does not hold."""
    write_tree(tmp_path, {
        '.git/HEAD': 'ref: refs/heads/main\n',
        'package.json': json.dumps({'name': 'root', 'private': True}),
        'pnpm-workspace.yaml': 'packages:\n  - packages/*\n',
        'pnpm-lock.yaml': "lockfileVersion: '9.0'\n",
        'LICENSE': 'MIT License\n',
        'packages/a/package.json': _manifest('a', files=['index.js']),
        'packages/a/index.js': 'module.exports = 1\n',
    })
    monkeypatch.chdir(tmp_path)
    assert main([]) == 0
    out, err = capsys.readouterr()
    assert err == ''
    assert '(3 files' in out.splitlines()[-1]


def test_pnpm_workspace_protocol_not_installed_is_a_note(tmp_path, monkeypatch, capsys):
    """A fresh checkout (pre-commit.ci) has no node_modules: pnpm would refuse to
    pack a workspace: dependency it cannot resolve (ERR_PNPM_CANNOT_RESOLVE_
    WORKSPACE_PROTOCOL, until pnpm install), but the repository is valid: check
    judges the files and says so in a note; ls, which mirrors pnpm, refuses."""
    from hooks.ls import main as ls

    write_tree(tmp_path, {
        '.git/HEAD': 'ref: refs/heads/main\n',
        'package.json': json.dumps({'name': 'root', 'private': True}),
        'pnpm-workspace.yaml': 'packages:\n  - packages/*\n',
        'pnpm-lock.yaml': "lockfileVersion: '9.0'\n",
        'packages/a/package.json': _manifest(
            'a', files=['index.js'], dependencies={'not-here': 'workspace:*'}),
        'packages/a/index.js': 'module.exports = 1\n',
    })
    monkeypatch.chdir(tmp_path)
    assert main(['-v']) == 0
    out, err = capsys.readouterr()
    assert err == ''
    assert ('packages/a/package.json: note: Cannot resolve workspace protocol of dependency '
            '"not-here"') in out
    assert ls([str(tmp_path / 'packages' / 'a')]) == 2
    assert 'ERR_PNPM_CANNOT_RESOLVE_WORKSPACE_PROTOCOL' in capsys.readouterr().err


def test_example_packages_found_in_the_repository_are_warnings(tmp_path, monkeypatch, capsys):
    """A publishable package under examples/ (redux-toolkit's, vite's playground)
    found by walking the repository gets warnings that say how to mark it; named
    on the command line, it is judged in full."""
    write_tree(tmp_path, {
        '.git/HEAD': 'ref: refs/heads/main\n',
        'package.json': json.dumps({'name': 'root', 'private': True,
                                    'workspaces': ['examples/*']}),
        'examples/demo/package.json': _manifest('demo'),
        'examples/demo/.env': 'API_URL=http://localhost\n',
        'examples/demo/index.js': 'x\n',
    })
    monkeypatch.chdir(tmp_path)
    assert main([]) == 0
    out = capsys.readouterr().out
    assert ('examples/demo/.env: warning: env file would be published by demo@1.0.0' in out)
    assert 'say so with "private": true' in out
    assert main(['examples/demo']) == 1


def test_the_example_package_you_stand_in_is_judged_in_full(tmp_path, monkeypatch, capsys):
    write_tree(tmp_path, {
        '.git/HEAD': 'ref: refs/heads/main\n',
        'examples/demo/package.json': _manifest('demo'),
        'examples/demo/.env': 'API_URL=http://localhost\n',
    })
    monkeypatch.chdir(tmp_path / 'examples' / 'demo')
    assert main([]) == 1
    assert '\n.env: env file would be published by demo@1.0.0' in capsys.readouterr().out


def test_a_monorepo_run_reads_each_package_json_once(monorepo, monkeypatch, capsys):
    """Inside one run the package search, the packer choice and the packer's
    model share one read of each small file (hooks.reading.RUN_FILES); the next
    run reads the files again, edits included."""
    from hooks import reading

    reads: list[str] = []
    real = reading._read_bounded

    def counted(path, limit):
        reads.append(os.path.abspath(path))
        return real(path, limit)

    monkeypatch.setattr(reading, '_read_bounded', counted)
    assert main([]) == 1
    manifests = [r for r in reads if r.endswith('package.json')]
    assert len(manifests) == len(set(manifests)) >= 4
    assert reading.RUN_FILES is None   # dropped after the run
    (monorepo / 'packages' / 'b' / 'index.js').write_text('x\n')   # the leak fixed
    reads.clear()
    assert main([]) == 0
    assert any(r.endswith(os.path.join('b', 'package.json')) for r in reads)
    capsys.readouterr()


def test_the_run_files_are_bounded(tmp_path, monkeypatch):
    """A run keeps at most RUN_FILES_MAX bytes, no file over RUN_FILE_MAX; a file
    kept but asked with a smaller limit is still too large."""
    from hooks import reading

    monkeypatch.setattr(reading, 'RUN_FILES_MAX', 10)
    monkeypatch.setattr(reading, 'RUN_FILE_MAX', 6)
    for name, size in (('a', 6), ('b', 7), ('c', 4), ('d', 3)):
        (tmp_path / name).write_bytes(b'x' * size)
    run = reading.RunFiles()
    for name in 'abcd':
        assert run.read(tmp_path / name, 100) == (tmp_path / name).read_bytes()
    assert sorted(os.path.basename(k) for k in run.files) == ['a', 'c']
    assert run.kept == 10
    with pytest.raises(reading.TooLarge):
        run.read(tmp_path / 'a', 5)
