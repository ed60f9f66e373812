"""Nx executors: each case a reduction of nx-examples / nx-recipes layouts."""
from __future__ import annotations

import pytest

from tests.config_projects import pkg
from tests.config_projects import verdicts


def webpack_target(options, configurations=None):
    target = {'executor': '@nx/webpack:webpack', 'options': {
        'outputPath': 'dist/apps/shop', **options}}
    if configurations is not None:
        target['configurations'] = configurations
        target['defaultConfiguration'] = 'production'
    return {'name': 'shop', 'targets': {'build': target}}


CASES = [
    pytest.param({'package.json': pkg('nx build shop'),
                  'apps/shop/project.json': webpack_target({'sourceMap': True})},
                 [('webpack', 'apps/shop/project.json', 'yes', 'file', True, 'dist/apps/shop')],
                 id='webpack-sourcemap-true'),
    pytest.param({'package.json': pkg('nx build shop'),
                  'apps/shop/project.json': webpack_target(
                      {'sourceMap': True}, {'production': {'sourceMap': False}})},
                 [('webpack', 'apps/shop/project.json', 'no', None, None, 'dist/apps/shop')],
                 id='production-configuration-wins'),
    pytest.param({'package.json': pkg('nx run shop:build:production'),
                  'apps/shop/project.json': webpack_target(
                      {}, {'production': {'sourceMap': 'hidden'}})},
                 [('webpack', 'apps/shop/project.json', 'yes', 'hidden', True, 'dist/apps/shop')],
                 id='run-target-configuration-hidden'),
    pytest.param({'package.json': pkg('nx run-many -t build'),
                  'apps/shop/project.json': webpack_target({})},
                 [('webpack', 'apps/shop/project.json', 'no', None, None, 'dist/apps/shop')],
                 id='webpack-unset-is-webpack-default'),
    pytest.param({'package.json': pkg('nx build api'),
                  'apps/api/project.json': {'name': 'api', 'targets': {'build': {
                      'executor': '@nx/esbuild:esbuild',
                      'options': {'outputPath': 'dist/apps/api', 'sourcemap': True}}}}},
                 [('esbuild', 'apps/api/project.json', 'yes', 'file', True, 'dist/apps/api')],
                 id='esbuild-sourcemap'),
    pytest.param({'package.json': pkg('nx build plugin'),
                  'tsconfig.base.json': {'compilerOptions': {'sourceMap': True}},
                  'libs/plugin/tsconfig.lib.json': {'extends': '../../tsconfig.base.json'},
                  'libs/plugin/project.json': {'name': 'plugin', 'targets': {'build': {
                      'executor': '@nx/js:tsc', 'options': {
                          'outputPath': 'dist/libs/plugin',
                          'tsConfig': 'libs/plugin/tsconfig.lib.json'}}}}},
                 [('tsc', 'tsconfig.base.json', 'yes', 'file', False, 'dist/libs/plugin')],
                 id='js-tsc-reads-its-tsconfig'),
    pytest.param({'package.json': pkg('nx test shop'),
                  'apps/shop/project.json': webpack_target({'sourceMap': True})},
                 [], id='not-a-build'),
]


@pytest.mark.parametrize(('files', 'expected'), CASES)
def test_nx(tmp_path, files, expected):
    (tmp_path / 'nx.json').write_text('{}')
    assert verdicts(tmp_path, files) == expected
