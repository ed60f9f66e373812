"""Which builds are deployed: each case a minimal reduction of a real repository's layout."""
from __future__ import annotations

import json

import pytest

from hooks.check_sourcemap_config import check_paths
from hooks.check_sourcemap_config import main
from hooks.configs import deployment
from tests.conftest import write_tree

VITE_MAPS = "export default { build: { sourcemap: true } };\n"


def _tree(tmp_path, files):
    (tmp_path / '.git').mkdir()
    write_tree(tmp_path, {k: v if isinstance(v, str) else json.dumps(v)
                          for k, v in files.items()})


def _findings(tmp_path, monkeypatch, *paths):
    monkeypatch.chdir(tmp_path)
    return [(f.path, f.severity, f.message) for f in check_paths(list(paths) or ['.'])]


@pytest.mark.parametrize(('rel', 'expected'), [
    pytest.param('playground/css-sourcemap', 'playground', id='vite-playground'),
    pytest.param('packages/babel-core/test/fixtures/x', 'test', id='babel-fixture'),
    pytest.param('examples/react/nextjs', 'examples', id='query-example'),
    pytest.param('apps/cart-e2e', 'cart-e2e', id='nx-e2e-app'),
    pytest.param('examples/.test/monotest-app', 'examples', id='trpc-dot-test'),
    pytest.param('integrations/react-next-16', 'integrations', id='query-integration'),
    pytest.param('apps/web', None, id='real-app'),
    pytest.param('packages/testing-library', None, id='test-in-a-name-is-not-a-test-folder'),
])
def test_test_folders(rel, expected):
    assert deployment.test_folder(rel) == expected


def test_a_bundlers_playground_app_gets_a_note(tmp_path, monkeypatch):
    """vite's playground/*: private apps, workspaces of the repository, never deployed."""
    _tree(tmp_path, {
        'package.json': {'name': 'root', 'private': True},
        'pnpm-workspace.yaml': 'packages:\n  - packages/*\n  - playground/**\n',
        'playground/js-sourcemap/package.json': {
            'name': '@vitejs/test-js-sourcemap', 'private': True,
            'scripts': {'build': 'vite build'}},
        'playground/js-sourcemap/vite.config.js': VITE_MAPS,
    })
    [(path, severity, message)] = _findings(tmp_path, monkeypatch)
    assert (path, severity) == ('playground/js-sourcemap/vite.config.js', 'note')
    assert message == (
        'build.sourcemap is true, so the production build writes dist/**/*.map with full '
        'sources, but it is a test or example app (under playground/), so nothing publishes '
        'or deploys them (if it is deployed, say so in package.json: '
        '"packguard": {"deployed": true})')


def test_an_app_outside_every_workspace_gets_a_note(tmp_path, monkeypatch):
    _tree(tmp_path, {
        'package.json': {'name': 'root', 'private': True, 'workspaces': ['packages/*']},
        'sites/try/package.json': {'name': 'try', 'private': True,
                                   'scripts': {'build': 'vite build'}},
        'sites/try/vite.config.js': VITE_MAPS,
    })
    [(_, severity, message)] = _findings(tmp_path, monkeypatch, 'sites/try')
    assert severity == 'note'
    assert 'it is outside every workspace of the repository' in message


@pytest.mark.parametrize(('deployed', 'severity'), [
    pytest.param(True, 'error', id='deployed-true-wins-over-the-folder'),
    pytest.param(False, 'note', id='deployed-false'),
])
def test_package_json_says_whether_it_is_deployed(tmp_path, monkeypatch, deployed, severity):
    _tree(tmp_path, {
        'package.json': {'name': 'root', 'private': True},
        'examples/site/package.json': {'name': 'site', 'private': True,
                                       'packguard': {'deployed': deployed},
                                       'scripts': {'build': 'vite build'}},
        'examples/site/vite.config.js': VITE_MAPS,
    })
    [(_, got, _)] = _findings(tmp_path, monkeypatch, 'examples/site')
    assert got == severity


def test_a_private_library_compiled_with_tsc_is_not_served(tmp_path, monkeypatch):
    _tree(tmp_path, {
        'package.json': {'name': 'internal-utils', 'private': True,
                         'scripts': {'build': 'tsc'}},
        'tsconfig.json': {'compilerOptions': {'sourceMap': True, 'inlineSources': True,
                                              'outDir': 'lib'}},
    })
    [(_, severity, message)] = _findings(tmp_path, monkeypatch)
    assert severity == 'note'
    assert 'it is a private package compiled with tsc, neither published nor served' in message


def test_a_private_app_of_an_open_source_repository_is_a_warning(tmp_path, monkeypatch):
    """electron-react-boilerplate: the same rule as check-npm-publish (an OSI license and a
    repository make the sources public anyway); the app names them itself."""
    _tree(tmp_path, {
        'package.json': {'name': 'erb', 'private': True, 'license': 'MIT',
                         'repository': 'github:acme/erb', 'scripts': {'build': 'vite build'}},
        'vite.config.js': VITE_MAPS,
    })
    [(_, severity, message)] = _findings(tmp_path, monkeypatch)
    assert severity == 'warning'
    assert '(OSI-licensed with a repository: the sources are public anyway)' in message


def test_declaration_maps_written_above_the_package_are_not_published(tmp_path, monkeypatch):
    """babel: tsconfig.base.json sets declarationDir ./dts at the root; 145 packages extend
    it and none of their tarballs holds a .d.ts.map."""
    _tree(tmp_path, {
        'package.json': {'name': 'babel', 'private': True, 'workspaces': ['packages/*']},
        'tsconfig.base.json': {'compilerOptions': {
            'composite': True, 'declaration': True, 'declarationMap': True,
            'emitDeclarationOnly': True, 'declarationDir': './dts'}},
        'packages/a/package.json': {'name': '@b/a', 'version': '1.0.0', 'license': 'MIT'},
        'packages/a/tsconfig.json': {'extends': '../../tsconfig.base.json',
                                     'include': ['./src/**/*.ts']},
        'packages/b/package.json': {'name': '@b/b', 'version': '1.0.0', 'license': 'MIT'},
        'packages/b/tsconfig.json': {'extends': '../../tsconfig.base.json',
                                     'include': ['./src/**/*.ts']},
    })
    got = _findings(tmp_path, monkeypatch)
    assert got == [(
        'tsconfig.base.json', 'note',
        ('compilerOptions.declarationMap is true (inherited from ../../tsconfig.base.json), '
         'so the production build writes ../../dts/**/*.d.ts.map without sources, outside the '
         'package folder (../../dts/), so npm never publishes them with this package (only '
         'a publish of that folder itself would, as Nx and ng-packagr publish dist/<lib>)'))]


def test_a_broken_package_json_in_a_test_fixture_is_no_bad_input(tmp_path, monkeypatch,
                                                                    capsys):
    """babel-core's test/fixtures/config/config-files/pkg-error/package.json is broken on
    purpose; pre-commit passes it to the hook."""
    _tree(tmp_path, {
        'package.json': {'name': 'babel', 'private': True},
        'packages/core/test/fixtures/pkg-error/package.json': '{ invalid }\n',
    })
    monkeypatch.chdir(tmp_path)
    assert main(['packages/core/test/fixtures/pkg-error/package.json']) == 0
    assert capsys.readouterr().err == ''


def test_a_shared_build_script_is_reported_once(tmp_path, monkeypatch):
    """excalidraw: scripts/buildBase.js builds several packages alike."""
    script = ("const { build } = require('esbuild');\n"
              "build({ entryPoints: ['src/index.ts'], outdir: 'dist', sourcemap: true });\n")
    pkg = {'version': '1.0.0', 'license': 'MIT', 'repository': 'github:a/b',
           'files': ['dist'], 'scripts': {'build': 'node ../../scripts/buildBase.js'}}
    _tree(tmp_path, {
        'package.json': {'name': 'root', 'private': True, 'workspaces': ['packages/*']},
        'scripts/buildBase.js': script,
        'packages/a/package.json': {'name': 'a', **pkg},
        'packages/b/package.json': {'name': 'b', **pkg},
    })
    got = _findings(tmp_path, monkeypatch)
    assert [(p, s) for p, s, _ in got] == [('scripts/buildBase.js', 'warning')]


def test_pre_commit_runs_the_hook_once_per_commit():
    """pre-commit splits the files into one batch per core unless require_serial: each
    batch would judge the same packages again and print every finding twice."""
    import yaml

    with open('.pre-commit-hooks.yaml') as f:
        hooks = {h['id']: h for h in yaml.safe_load(f)}
    assert hooks['check-sourcemap-config']['require_serial'] is True


@pytest.mark.parametrize(('files_list', 'severity', 'why'), [
    pytest.param(['dist'], 'error', '', id='maps-would-carry-unpublished-sources'),
    pytest.param(['dist', 'src'], 'warning', ' (the package publishes its sources anyway)',
                 id='sources-published-anyway'),
])
def test_severity_agrees_with_check_npm_publish(tmp_path, monkeypatch, files_list, severity,
                                                why):
    """check-npm-publish makes a published map an error only when its embedded sources
    are not otherwise in the package (and no OSI license with a repository says they are
    public); the config side follows the same rule."""
    _tree(tmp_path, {
        'package.json': {'name': 'lib', 'version': '1.0.0', 'license': 'UNLICENSED',
                         'files': files_list, 'scripts': {'build': 'vite build'}},
        'vite.config.js': VITE_MAPS,
        'src/index.ts': 'export const a = 1;\n',
    })
    [(_, got, message)] = _findings(tmp_path, monkeypatch)
    assert got == severity
    assert message.endswith(f'publishes dist/{why}: add "!**/*.map" to files or set '
                            'sourcemap: false')


def test_may_emit_into_a_folder_npm_keeps_out_is_a_note(tmp_path, monkeypatch):
    """got: extends @sindresorhus/tsconfig (not installed), "files" keeps dist/*.map out."""
    _tree(tmp_path, {
        'package.json': {'name': 'got', 'version': '1.0.0', 'license': 'MIT',
                         'files': ['dist', '!**/*.map'], 'scripts': {'build': 'tsc'}},
        'tsconfig.json': {'extends': '@sindresorhus/tsconfig',
                          'compilerOptions': {'outDir': 'dist'}},
    })
    [(_, severity, message)] = _findings(tmp_path, monkeypatch)
    assert severity == 'note'
    assert message.endswith('and the publish list keeps dist/*.map out')


def test_one_setting_with_two_outputs_is_one_finding(tmp_path, monkeypatch):
    """immer, redux: one tsup config entry building dist/ and dist/cjs/."""
    _tree(tmp_path, {
        'package.json': {'name': 'immer', 'version': '1.0.0', 'license': 'MIT',
                         'repository': 'github:immerjs/immer', 'files': ['dist'],
                         'scripts': {'build': 'tsup'}},
        'tsup.config.ts': "const base = { entry: ['src/a.ts'], sourcemap: true };\n"
                          "export default [{ ...base, outDir: 'dist' },\n"
                          "  { ...base, outDir: 'dist/cjs', format: 'cjs' }];\n",
    })
    got = _findings(tmp_path, monkeypatch)
    assert [(p, s) for p, s, _ in got] == [('tsup.config.ts', 'warning')]
