from __future__ import annotations

import json
from pathlib import Path

import pytest

from hooks.configs import Project
from hooks.configs.scripts import Command
from hooks.configs.tsconfig import analyse
from hooks.findings import BadInput
from tests.config_projects import pkg
from tests.config_projects import verdicts


def project(tmp_path: Path, files: dict[str, object]) -> Project:
    for name, content in files.items():
        p = tmp_path / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(content if isinstance(content, str) else json.dumps(content))
    return Project(str(tmp_path))


def verdict(tmp_path: Path, files: dict[str, object], argv: tuple[str, ...] = ('tsc',)):
    [v] = analyse(project(tmp_path, files), Command(argv))
    return (v.config, v.emits, v.kind, v.sources_content, v.out_dir)


CASES = [
    pytest.param({'tsconfig.json': {'compilerOptions': {'sourceMap': True, 'outDir': 'dist'}}},
                 ('tsconfig.json', 'yes', 'file', False, 'dist'), id='sourcemap-no-content'),
    pytest.param({'tsconfig.json': {'compilerOptions': {'inlineSourceMap': True,
                                                        'inlineSources': True}}},
                 ('tsconfig.json', 'yes', 'inline', True, '.'), id='inline-with-sources'),
    pytest.param({'tsconfig.json': {'compilerOptions': {'sourceMap': True, 'noEmit': True}}},
                 ('tsconfig.json', 'no', None, None, '.'), id='noemit'),
    pytest.param({'tsconfig.json': {'compilerOptions': {'declaration': True,
                                                        'declarationMap': True,
                                                        'emitDeclarationOnly': True,
                                                        'sourceMap': True}}},
                 ('tsconfig.json', 'yes', 'declaration', False, '.'), id='declaration-only'),
    pytest.param({'base/tsconfig.json': {'compilerOptions': {'sourceMap': True,
                                                             'outDir': '../out'}},
                  'tsconfig.json': {'extends': './base/tsconfig'}},
                 ('base/tsconfig.json', 'yes', 'file', False, 'out'),
                 id='extends-without-extension-outdir-relative-to-base'),
    pytest.param({'a.json': {'compilerOptions': {'sourceMap': True}},
                  'b.json': {'compilerOptions': {'sourceMap': False}},
                  'tsconfig.json': {'extends': ['./a.json', './b.json']}},
                 ('tsconfig.json', 'no', None, None, '.'), id='extends-array-later-wins'),
    pytest.param({'node_modules/@acme/tsconfig/base.json': {'compilerOptions':
                                                            {'inlineSourceMap': True}},
                  'tsconfig.json': {'extends': '@acme/tsconfig/base.json'}},
                 ('node_modules/@acme/tsconfig/base.json', 'yes', 'inline', False, '.'),
                 id='extends-from-node-modules'),
    pytest.param({'tsconfig.json': {'extends': '@acme/not-installed'}},
                 ('tsconfig.json', 'maybe', 'file', None, '.'), id='extends-not-installed'),
    pytest.param({'tsconfig.json': {'extends': '@tsconfig/node20/tsconfig.json'}},
                 ('tsconfig.json', 'no', None, None, '.'), id='known-base-without-maps'),
    pytest.param({'tsconfig.json': {'extends': '@tsconfig/svelte/tsconfig.json'}},
                 ('node_modules/@tsconfig/svelte/tsconfig.json', 'yes', 'file', False, '.'),
                 id='known-base-with-maps-not-installed'),
    pytest.param({'tsconfig.json':
                  '{\n  // comment\n  "compilerOptions": {"sourceMap": true,},\n}'},
                 ('tsconfig.json', 'yes', 'file', False, '.'), id='jsonc'),
]


@pytest.mark.parametrize(('files', 'expected'), CASES)
def test_tsconfig_chains(tmp_path, files, expected):
    assert verdict(tmp_path, files) == expected


def test_cli_flags_and_project_option(tmp_path):
    files = {'tsconfig.json': {'compilerOptions': {'sourceMap': True}},
             'tsconfig.build.json': {'extends': './tsconfig.json',
                                     'compilerOptions': {'sourceMap': False, 'outDir': 'lib'}}}
    assert verdict(tmp_path, files, ('tsc', '-p', 'tsconfig.build.json')) == (
        'tsconfig.build.json', 'no', None, None, 'lib')
    assert verdict(tmp_path, files, ('tsc', '-p', 'tsconfig.build.json', '--sourceMap')) == (
        'package.json', 'yes', 'file', False, 'lib')


def test_build_mode_follows_references(tmp_path):
    p = project(tmp_path, {
        'tsconfig.json': {'files': [], 'references': [{'path': './pkg'}]},
        'pkg/tsconfig.json': {'compilerOptions': {'composite': True, 'declarationMap': True}},
    })
    got = [(v.config, v.emits, v.kind) for v in analyse(p, Command(('tsc', '-b')))]
    assert got == [('tsconfig.json', 'no', None), ('pkg/tsconfig.json', 'yes', 'declaration')]


@pytest.mark.parametrize(('files', 'message'), [
    pytest.param({'tsconfig.json': {'extends': './a.json'}, 'a.json': {'extends': './b.json'},
                  'b.json': {'extends': './a.json'}},
                 'a.json: extends loop: tsconfig.json -> a.json -> b.json -> a.json', id='loop'),
])
def test_broken_chains_are_one_line(tmp_path, files, message):
    with pytest.raises(BadInput) as e:
        analyse(project(tmp_path, files), Command(('tsc',)))
    assert str(e.value).startswith(message)


# A fresh checkout (pre-commit.ci installs nothing): what extends names may not be there.
NOT_THERE = [
    pytest.param({'tsconfig.json': {'extends': './node_modules/@acme/tsconfig/base.json'}},
                 ('tsconfig.json', 'maybe', 'file', None, '.'),
                 "may emit: extends ./node_modules/@acme/tsconfig/base.json, which is not "
                 "installed, so its sourceMap/declarationMap cannot be read",
                 id='node-modules-path-not-installed'),
    pytest.param({'tsconfig.json': {'extends': './node_modules/@tsconfig/node20/tsconfig.json',
                                    'compilerOptions': {'outDir': 'dist'}}},
                 ('tsconfig.json', 'no', None, None, 'dist'),
                 'no sourceMap, inlineSourceMap or declarationMap',
                 id='node-modules-path-known-base'),
    pytest.param({'tsconfig.json': {'extends': './.nuxt/tsconfig.json'}},
                 ('tsconfig.json', 'maybe', 'file', None, '.'),
                 "may emit: extends ./.nuxt/tsconfig.json, which is not there (not installed "
                 "or not generated yet), so its sourceMap/declarationMap cannot be read",
                 id='generated-by-nuxt-prepare'),
]


@pytest.mark.parametrize(('files', 'expected', 'reason'), NOT_THERE)
def test_extends_not_there_is_may_emit_never_bad_input(tmp_path, files, expected, reason):
    [v] = analyse(project(tmp_path, files), Command(('tsc',)))
    assert (v.config, v.emits, v.kind, v.sources_content, v.out_dir) == expected
    assert v.reason == reason


def test_extends_a_workspace_package_before_install(tmp_path):
    """pnpm's own layout: every package extends @pnpm/tsconfig, a workspace package
    that node_modules links only after an install."""
    (tmp_path / '.git').mkdir()
    p = project(tmp_path, {
        'package.json': {'private': True},
        'pnpm-workspace.yaml': 'packages:\n  - tsconfig\n  - pkgs/*\n',
        'tsconfig/package.json': {'name': '@acme/tsconfig', 'version': '1.0.0'},
        'tsconfig/tsconfig.json': {'compilerOptions': {'sourceMap': True, 'outDir': 'lib'}},
        'pkgs/a/package.json': {'name': 'a', 'version': '1.0.0'},
        'pkgs/a/tsconfig.json': {'extends': '@acme/tsconfig/tsconfig.json'},
    })
    [v] = analyse(Project(str(tmp_path / 'pkgs/a'), manifest={}), Command(('tsc',)))
    assert (v.emits, v.kind, v.config) == ('yes', 'file', '../../tsconfig/tsconfig.json')
    assert p.dir == str(tmp_path)


def test_declaration_dir_is_where_declaration_maps_land(tmp_path):
    """Babel's layout: a shared tsconfig.base.json writes every .d.ts.map to ./dts at
    the root, above the packages."""
    files = {'tsconfig.base.json': {'compilerOptions': {
        'composite': True, 'declaration': True, 'declarationMap': True,
        'emitDeclarationOnly': True, 'declarationDir': './dts'}},
        'packages/a/tsconfig.json': {'extends': '../../tsconfig.base.json'}}
    project(tmp_path, files)
    [v] = analyse(Project(str(tmp_path / 'packages/a')), Command(('tsc',)))
    assert (v.emits, v.kind, v.out_dir) == ('yes', 'declaration', '../../dts')


def test_build_of_a_folder_without_tsconfig_is_may_emit(tmp_path):
    from hooks.check_sourcemap_config import analyse_project
    project(tmp_path, {'package.json': {'name': 'a', 'scripts': {'build': 'tsc --build src'}},
                       'src/index.ts': ''})
    [v] = analyse_project(tmp_path)
    assert (v.emits, v.config) == ('maybe', 'src/tsconfig.json')
    assert v.reason == ('may emit: packguard could not see how "tsc --build src" builds: '
                        'the tsconfig "tsc --build src" reads (src/tsconfig.json) is not there')


NEST_TSCONFIG = {'compilerOptions': {'sourceMap': True, 'outDir': './dist', 'declaration': True}}


@pytest.mark.parametrize(('files', 'expected'), [
    pytest.param({'package.json': pkg('nest build'), 'tsconfig.json': NEST_TSCONFIG,
                  'tsconfig.build.json': {'extends': './tsconfig.json',
                                          'compilerOptions': {'sourceMap': False}}},
                 [('tsc', 'tsconfig.build.json', 'no', None, None, 'dist')],
                 id='tsconfig-build-json-decides'),
    pytest.param({'package.json': pkg('nest build'), 'tsconfig.json': NEST_TSCONFIG,
                  'nest-cli.json': {'compilerOptions': {'tsConfigPath': 'tsconfig.app.json'}},
                  'tsconfig.app.json': {'extends': './tsconfig.json'}},
                 [('tsc', 'tsconfig.json', 'yes', 'file', False, 'dist')],
                 id='nest-cli-tsconfig-path'),
    pytest.param({'package.json': pkg('nest build'), 'tsconfig.json': NEST_TSCONFIG,
                  'nest-cli.json': {'compilerOptions': {'builder': 'swc'}}},
                 [], id='swc-builder-not-tsc'),
    pytest.param({'package.json': pkg('nest build --webpack'), 'tsconfig.json': NEST_TSCONFIG},
                 [], id='webpack-builder-not-tsc'),
])
def test_nest_build_compiles_with_tsc(tmp_path, files, expected):
    assert verdicts(tmp_path, files) == expected


@pytest.mark.parametrize(('include', 'expected'), [
    pytest.param(['src/**/*'], 'src', id='folder-glob'),
    pytest.param(['env.d.ts', 'src/**/*.ts'], 'src', id='a-file-first'),
    pytest.param(['lib'], 'lib', id='bare-folder'),
    pytest.param(['**/*.ts'], '.', id='glob-first'),
    pytest.param(['index.ts'], '.', id='only-a-file'),
    pytest.param(None, '.', id='no-include'),
])
def test_without_out_dir_maps_land_beside_the_sources(include, expected):
    from hooks.configs.tsconfig import _source_folder

    assert _source_folder(include) == expected
