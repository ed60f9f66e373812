from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from hooks.check_sourcemap_config import BuildVerdict
from hooks.check_sourcemap_config import analyse_config
from hooks.check_sourcemap_config import analyse_project
from hooks.check_sourcemap_config import check_paths
from hooks.check_sourcemap_config import main
from hooks.findings import BadInput
from tests.conftest import run_git
from tests.conftest import run_pre_commit
from tests.conftest import write_tree

VITE_ON = """import { defineConfig } from 'vite';

export default defineConfig({
  build: {
    lib: { entry: 'src/index.ts', formats: ['es'] },
    sourcemap: true,
  },
});
"""


def pkg(**fields: object) -> str:
    base: dict[str, object] = {'name': 'demo', 'version': '1.0.0'}
    base.update(fields)
    return json.dumps(base, indent=2)


def test_api_verdict_for_a_vite_library(tmp_path):
    write_tree(tmp_path, {
        'package.json': pkg(files=['dist'], scripts={'build': 'vite build'}),
        'vite.config.ts': VITE_ON,
    })
    assert analyse_project(tmp_path) == [BuildVerdict(
        'vite', 'vite.config.ts', 6, 'yes', 'file', True, 'dist', 'build.sourcemap is true')]
    assert analyse_config(tmp_path / 'vite.config.ts') == analyse_project(tmp_path)


SEVERITY_CASES = [
    pytest.param(
        {'files': ['dist']}, VITE_ON,
        'vite.config.ts:6: build.sourcemap is true, so the production build writes '
        'dist/**/*.map with full sources, and package.json "files" publishes dist/: '
        'add "!**/*.map" to files or set sourcemap: false',
        id='library-files-dist-error',
    ),
    pytest.param(
        {'files': ['dist', '!**/*.map']}, VITE_ON,
        'vite.config.ts:6: note: build.sourcemap is true, so the production build writes '
        'dist/**/*.map with full sources, and the publish list keeps dist/*.map out',
        id='library-maps-kept-out-note',
    ),
    pytest.param(
        {}, VITE_ON,
        'vite.config.ts:6: build.sourcemap is true, so the production build writes '
        'dist/**/*.map with full sources, and package.json has no "files" list, so npm '
        'publishes them: add a "files" list without maps or set sourcemap: false',
        id='library-no-files-error',
    ),
    pytest.param(
        {'files': ['dist'], 'license': 'MIT',
         'repository': 'github:example/demo'}, VITE_ON,
        'vite.config.ts:6: warning: build.sourcemap is true, so the production build writes '
        'dist/**/*.map with full sources, and package.json "files" publishes dist/ '
        '(OSI-licensed with a repository: the sources are public anyway): add "!**/*.map" '
        'to files or set sourcemap: false',
        id='osi-licensed-with-repository-warning',
    ),
    pytest.param(
        {'private': True}, VITE_ON,
        'vite.config.ts:6: build.sourcemap is true, so the production build writes '
        'dist/**/*.map with full sources, and the private app serves its output folder to '
        'the world: set sourcemap: false',
        id='private-app-error',
    ),
    pytest.param(
        {'private': True}, VITE_ON.replace('sourcemap: true', "sourcemap: 'hidden'"),
        "vite.config.ts:6: warning: build.sourcemap is 'hidden', so the production build "
        'writes dist/**/*.map with full sources, and the output folder is deployed (hidden '
        'maps are still files in the output): set sourcemap: false or allow it with '
        '--allow hidden',
        id='hidden-maps-warning',
    ),
]


@pytest.mark.parametrize(('fields', 'config', 'expected'), SEVERITY_CASES)
def test_severity_follows_where_the_maps_go(tmp_path, monkeypatch, capsys, fields, config,
                                            expected):
    """Publish half decided by hooks.publish.npm (the npm 11 model)."""
    write_tree(tmp_path, {
        'package.json': pkg(scripts={'build': 'vite build'}, **fields),
        'vite.config.ts': config,
    })
    monkeypatch.chdir(tmp_path)
    status = main(['-v', 'vite.config.ts'])
    assert capsys.readouterr().out.splitlines()[0] == expected
    failing = ': note: ' not in expected and ': warning: ' not in expected
    assert status == (1 if failing else 0)


def test_nosources_maps_are_a_warning_and_allow_silences_them(tmp_path, capsys):
    write_tree(tmp_path, {
        'package.json': pkg(private=True, scripts={'build': 'webpack'}),
        'webpack.config.js': "module.exports = { mode: 'production', "
                             "devtool: 'nosources-source-map' };\n",
    })
    findings = check_paths([str(tmp_path)])
    assert [(f.severity, f.line) for f in findings] == [('warning', 1)]
    assert 'without sources' in findings[0].message
    assert check_paths([str(tmp_path)], allow=['nosources']) == []
    assert main([str(tmp_path)]) == 0
    assert main(['--strict', str(tmp_path)]) == 1
    capsys.readouterr()


def test_packguard_key_in_package_json_allows_hidden(tmp_path):
    write_tree(tmp_path, {
        'package.json': pkg(private=True, scripts={'build': 'webpack'},
                            packguard={'allow': ['hidden']}),
        'webpack.config.js': "module.exports = { devtool: 'hidden-source-map' };\n",
    })
    assert check_paths([str(tmp_path)]) == []


def test_undecidable_is_may_emit_with_the_expression(tmp_path):
    write_tree(tmp_path, {
        'package.json': pkg(private=True, scripts={'build': 'webpack'}),
        'webpack.config.js': "const x = require('./helper');\n"
                             "module.exports = { devtool: x.pick() };\n",
    })
    [v] = analyse_project(tmp_path)
    assert (v.emits, v.line) == ('maybe', 2)
    assert v.reason == 'may emit: devtool = x.pick()'
    [f] = check_paths([str(tmp_path)])
    assert f.severity == 'warning'


BAD_INPUT = [
    pytest.param(
        {'vite.config.ts': 'export default defineConfig({ build: { sourcemap: true, }\n'},
        'vite.config.ts:1:58: cannot parse: unexpected end of file (a bracket, brace or '
        'string is not closed)',
        id='unclosed-brace',
    ),
    pytest.param(
        {'vite.config.ts': 'const a = {\n  b: 1\n  c: 2,\n};\nexport default a;\n'},
        'vite.config.ts:3:3: cannot parse: syntax error, or syntax newer than the '
        'tree-sitter-typescript grammar',
        id='syntax-error',
    ),
    pytest.param(
        {'vite.config.ts': b'export default { build: { sourcemap: "\xff\xfe" } };\n'},
        None, id='non-utf8-js-still-analysed',
    ),
    pytest.param(
        {'tsconfig.json': b'{"compilerOptions": {"sourceMap": true}} \xff'},
        'tsconfig.json:1: not valid UTF-8', id='non-utf8-json',
    ),
    pytest.param(
        {'tsconfig.json': '{"extends": "./a.json"}', 'a.json': '{"extends": "./tsconfig.json"}'},
        'tsconfig.json: extends loop: tsconfig.json -> a.json -> tsconfig.json (tsc fails '
        'with TS18000-style circularity)',
        id='extends-loop',
    ),
    pytest.param(
        {'tsconfig.json': '{"compilerOptions": {sourceMap: true,,}}'},
        'tsconfig.json:1:39: invalid JSON: Stray comma', id='bad-json5',
    ),
    pytest.param(
        {'vite.config.ts': 'export default {' + ' a: 1,' * 200_000 + '};\n'},
        'vite.config.ts: config is 1.1 MB, too large to analyse (limit 1 MB); generated '
        'configs are not read',
        id='huge-generated-config',
    ),
]


@pytest.mark.parametrize(('files', 'expected'), BAD_INPUT)
def test_bad_input_is_one_line_never_a_traceback(tmp_path, monkeypatch, capsys, files,
                                                 expected):
    build = 'tsc' if 'tsconfig.json' in files else 'vite build'
    write_tree(tmp_path, {'package.json': pkg(private=True, scripts={'build': build}), **files})
    monkeypatch.chdir(tmp_path)
    status = main(['.'])
    err = capsys.readouterr().err
    if expected is None:
        assert status in (0, 1)
        assert err == ''
    else:
        assert err == expected + '\n'
        assert status == 2


def test_bad_input_through_the_api_is_a_maybe_verdict(tmp_path):
    write_tree(tmp_path, {
        'package.json': pkg(scripts={'build': 'tsc'}),
        'tsconfig.json': '{"compilerOptions": {sourceMap: true,,}}',
    })
    [v] = analyse_project(tmp_path)
    assert v.emits == 'maybe'
    assert v.reason.startswith('cannot analyse: invalid JSON')
    with pytest.raises(BadInput):
        analyse_config(tmp_path / 'tsconfig.json')


def test_missing_path_is_bad_input(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(['nope.config.js']) == 2
    assert capsys.readouterr().err == 'nope.config.js: no such file or folder\n'


def test_json_output_has_the_shared_shape(tmp_path, monkeypatch, capsys):
    write_tree(tmp_path, {
        'package.json': pkg(files=['dist'], scripts={'build': 'vite build'}),
        'vite.config.ts': VITE_ON,
    })
    monkeypatch.chdir(tmp_path)
    assert main(['--format', 'json']) == 1
    data = json.loads(capsys.readouterr().out)
    assert data['findings'] == [{
        'package': 'demo', 'path': 'vite.config.ts', 'line': 6, 'rule': 'sourcemap-config',
        'severity': 'error', 'message': data['findings'][0]['message'],
    }]


def test_packguard_config_subcommand(tmp_path, monkeypatch, capsys):
    from hooks.cli import main as cli_main
    write_tree(tmp_path, {
        'package.json': pkg(private=True, scripts={'build': 'react-scripts build'}),
    })
    monkeypatch.chdir(tmp_path)
    assert cli_main(['config']) == 1
    assert capsys.readouterr().out == (
        'package.json: react-scripts build writes source maps unless GENERATE_SOURCEMAP=false, '
        'so the production build writes build/**/*.map with full sources, and the private '
        'app serves its output folder to the world: set GENERATE_SOURCEMAP=false\n'
        'packguard: 1 error\n'
    )


def test_real_pre_commit_fails_then_passes_with_a_note(git_repo):
    """Oracle: the real pre-commit running the manifest's hook on a commit."""
    write_tree(git_repo, {
        'package.json': pkg(files=['dist'], scripts={'build': 'vite build'}),
        'vite.config.ts': VITE_ON.replace('sourcemap: true', 'sourcemap: false'),
    })
    run_git(git_repo, 'add', '.')
    assert run_pre_commit(git_repo, 'check-sourcemap-config').returncode == 0
    (git_repo / 'vite.config.ts').write_text(VITE_ON, encoding='utf-8')
    run_git(git_repo, 'add', 'vite.config.ts')
    res = run_pre_commit(git_repo, 'check-sourcemap-config')
    assert res.returncode == 1
    assert (
        'vite.config.ts:6: build.sourcemap is true, so the production build writes '
        'dist/**/*.map with full sources, and package.json "files" publishes dist/: add '
        '"!**/*.map" to files or set sourcemap: false\n'
    ) in res.stdout
    write_tree(git_repo, {'package.json': pkg(files=['dist', '!**/*.map'],
                                         scripts={'build': 'vite build'})})
    run_git(git_repo, 'add', 'package.json')
    res = run_pre_commit(git_repo, 'check-sourcemap-config', args=['-v'])
    assert res.returncode == 0, res.stdout
    assert 'check source map build config' in res.stdout and 'Passed' in res.stdout
    # pre-commit shows a passing hook's output only with --verbose; the note is there
    hook = subprocess.run([str(Path(sys.executable).parent / 'check-sourcemap-config'), '-v',
                           'package.json', 'vite.config.ts'],
                          cwd=git_repo, capture_output=True, text=True, check=False)
    assert hook.returncode == 0
    assert hook.stdout.startswith('vite.config.ts:6: note: build.sourcemap is true, so the '
                                  'production build writes dist/**/*.map with full sources, '
                                  'and the publish list keeps dist/*.map out\n')


def test_hook_never_writes_to_the_repo(git_repo):
    write_tree(git_repo, {
        'package.json': pkg(scripts={'build': 'tsc'}),
        'tsconfig.json': '{"compilerOptions": {"sourceMap": true, "outDir": "lib"}}',
    })
    run_git(git_repo, 'add', '.')
    before = sorted(p.name for p in git_repo.iterdir())
    res = subprocess.run([str(Path(sys.executable).parent / 'check-sourcemap-config'),
                          'tsconfig.json'], cwd=git_repo, check=False, capture_output=True,
                         text=True)
    assert res.stdout.startswith('tsconfig.json:1: warning: compilerOptions.sourceMap is true, '
                                 'so the production build writes lib/**/*.map without sources')
    assert sorted(p.name for p in git_repo.iterdir()) == before


@pytest.mark.parametrize(('files', 'build'), (
    pytest.param({'rollup.config.mjs': "const dev = process.env.NODE_ENV !== 'production';\n"
                                       "export default { output: { sourcemap: dev } };\n"},
                 'rollup -c', id='rollup'),
    pytest.param({'babel.config.json': '{"env": {"development": {"sourceMaps": "inline"}}}'},
                 'babel src -d lib', id='babel-env-defaults-to-development'),
    pytest.param({'tsup.config.ts': "export default { entry: ['src/index.ts'],\n"
                                    "  sourcemap: process.env.NODE_ENV !== 'production' };\n"},
                 'tsup', id='tsup'),
))
def test_node_env_left_unset_is_may_emit(tmp_path, monkeypatch, capsys, files, build):
    """npm run build sets no NODE_ENV, and these tools set none either: both outcomes
    are possible, so the verdict is 'maybe' (a warning), as for webpack."""
    write_tree(tmp_path, {'package.json': pkg(private=True, scripts={'build': build}), **files})
    [v] = analyse_project(tmp_path)
    assert v.emits == 'maybe'
    assert 'without NODE_ENV' in v.reason
    write_tree(tmp_path, {'package.json': pkg(
        private=True, scripts={'build': f'cross-env NODE_ENV=production {build}'})})
    [v] = analyse_project(tmp_path)
    assert v.emits == 'no'


VITE_APP_ON = "export default { build: { sourcemap: true } };\n"
TSC_ON = '{"compilerOptions": {"sourceMap": true, "outDir": "dist"}}'


@pytest.mark.parametrize(('files', 'build', 'emits'), [
    pytest.param({}, 'react-scripts build && rm build/static/js/*.map && rm build/static/css/*.map',
                 'no', id='cra-both-map-folders-deleted'),
    pytest.param({}, 'react-scripts build && rm build/static/js/*.map', 'yes',
                 id='cra-css-maps-stay'),
    pytest.param({}, 'react-scripts build && rm -rf build/**/*.map', 'yes',
                 id='cra-sh-has-no-globstar'),
    pytest.param({}, 'react-scripts build && rimraf build/**/*.map', 'no',
                 id='cra-rimraf-globs-itself'),
    pytest.param({'vite.config.js': VITE_APP_ON}, 'vite build && rm dist/assets/*.map', 'no',
                 id='vite-app-assets-deleted'),
    pytest.param({'vite.config.js': VITE_APP_ON}, 'vite build && rm -f dist/*.map', 'yes',
                 id='vite-app-maps-are-in-assets'),
    pytest.param({'vite.config.ts': VITE_ON}, 'vite build && rm -f dist/*.map', 'no',
                 id='vite-library-maps-are-in-dist'),
    pytest.param({'tsconfig.json': TSC_ON}, 'tsc && rm dist/*.map', 'yes',
                 id='tsc-nested-maps-stay'),
    pytest.param({'tsconfig.json': TSC_ON}, "tsc && find dist -name '*.map' -delete", 'no',
                 id='tsc-find-delete'),
    pytest.param({'tsconfig.json': TSC_ON}, 'tsc && del-cli "dist/**/*.map"', 'no',
                 id='tsc-del-cli'),
])
def test_a_later_command_that_deletes_every_map(tmp_path, files, build, emits):
    write_tree(tmp_path, {'package.json': pkg(scripts={'build': build}), **files})
    [v] = analyse_project(tmp_path)
    assert v.emits == emits, v.reason


def test_yarn_binary_with_config_judges_that_config(tmp_path):
    write_tree(tmp_path, {
        'package.json': pkg(scripts={'build': 'yarn webpack --config webpack.prod.js'}),
        'webpack.config.js': "module.exports = { devtool: 'eval-source-map' };",
        'webpack.prod.js': "module.exports = { mode: 'production', devtool: false };",
    })
    assert [(v.config, v.emits) for v in analyse_project(tmp_path)] == [('webpack.prod.js', 'no')]


def test_a_monorepo_root_folder_stands_for_its_workspaces(tmp_path, monkeypatch, capsys):
    write_tree(tmp_path, {
        'package.json': pkg(private=True, workspaces=['packages/*']),
        'packages/web/package.json': pkg(private=True, scripts={'build': 'vite build'}),
        'packages/web/vite.config.js': VITE_APP_ON,
        'packages/lib/package.json': pkg(scripts={'build': 'tsc'}, files=['dist']),
        'packages/lib/tsconfig.json': '{"compilerOptions": {"outDir": "dist"}}',
    })
    monkeypatch.chdir(tmp_path)
    assert main(['--explain']) == 1
    captured = capsys.readouterr()
    assert captured.out == (
        'packages/web/vite.config.js:1: build.sourcemap is true, so the production build writes '
        'dist/**/*.map with full sources, and the private app serves its output folder to the '
        'world: set sourcemap: false\n'
        'packguard: 1 error\n'
    )
    assert 'packages/web/vite.config.js:1: vite: emits=yes' in captured.err
    assert 'packages/lib/tsconfig.json: tsc: emits=no' in captured.err


def test_an_app_without_name_or_version_is_deployed_not_published(tmp_path, monkeypatch, capsys):
    write_tree(tmp_path, {
        'package.json': json.dumps({'scripts': {'build': 'vite build'}}),
        'vite.config.js': VITE_APP_ON,
    })
    monkeypatch.chdir(tmp_path)
    assert main([]) == 1
    assert capsys.readouterr().out == (
        'vite.config.js:1: build.sourcemap is true, so the production build writes '
        'dist/**/*.map with full sources, and the private app serves its output folder to the '
        'world: set sourcemap: false\n'
        'packguard: 1 error\n'
    )


@pytest.mark.parametrize(('build', 'rc_name', 'emits'), [
    pytest.param('env-cmd -e production react-scripts build', '.env-cmdrc', 'no',
                 id='default-rc-file'),
    pytest.param('env-cmd -r ./envs.json -e development,production react-scripts build',
                 'envs.json', 'no', id='rc-file-option-and-two-environments'),
    pytest.param('env-cmd -e development react-scripts build', '.env-cmdrc', 'yes',
                 id='environment-without-the-variable'),
])
def test_env_cmd_environments_from_the_rc_file(tmp_path, build, rc_name, emits):
    write_tree(tmp_path, {
        'package.json': pkg(private=True, scripts={'build': build}),
        rc_name: json.dumps({'production': {'GENERATE_SOURCEMAP': False},
                             'development': {'PORT': 3000}}),
    })
    [v] = analyse_project(tmp_path)
    assert v.emits == emits, v.reason


def test_a_site_framework_is_deployed_even_without_private(tmp_path, monkeypatch, capsys):
    """A Gatsby starter without "private": npm would keep public/ out, but the site is served."""
    write_tree(tmp_path, {
        'package.json': pkg(scripts={'build': 'gatsby build'}),
        '.gitignore': 'public\n',
    })
    monkeypatch.chdir(tmp_path)
    assert main([]) == 1
    out = capsys.readouterr().out
    assert out.startswith('package.json: gatsby build writes source maps')
    assert 'and the app serves its output folder to the world' in out


def test_explain_prints_every_verdict_on_stderr(tmp_path, monkeypatch, capsys):
    write_tree(tmp_path, {
        'package.json': pkg(private=True, scripts={'build': 'tsc && vite build'}),
        'tsconfig.json': '{"compilerOptions": {"noEmit": true}}',
        'vite.config.ts': VITE_ON,
    })
    monkeypatch.chdir(tmp_path)
    assert main(['--explain', '--format', 'json']) == 1
    captured = capsys.readouterr()
    assert json.loads(captured.out)['findings'][0]['severity'] == 'error'
    assert captured.err == (
        'tsconfig.json:1: tsc: emits=no kind=None sources_content=None out_dir=.: '
        'compilerOptions.noEmit is true: tsc writes nothing\n'
        'vite.config.ts:6: vite: emits=yes kind=file sources_content=True out_dir=dist: '
        'build.sourcemap is true\n'
    )
