from __future__ import annotations

import pytest

from tests.config_projects import verdicts


def pkg(build: str, **extra: object) -> dict[str, object]:
    return {'name': 'w', 'scripts': {'build': build}, **extra}


CASES = [
    pytest.param({'package.json': pkg('webpack'),
                  'webpack.config.js': "module.exports = { devtool: [\n"
                  "  { type: 'javascript', use: 'source-map' },\n"
                  "  { type: 'css', use: false }] };\n"},
                 [('webpack', 'webpack.config.js', 'yes', 'file', True, 'dist')],
                 id='devtool-array-5.112'),
    pytest.param({'package.json': pkg('webpack'),
                  'webpack.config.js': "const webpack = require('webpack');\n"
                  "module.exports = { devtool: false, plugins: [\n"
                  "  new webpack.EvalSourceMapDevToolPlugin({})] };\n"},
                 [('webpack', 'webpack.config.js', 'yes', 'eval', True, 'dist')],
                 id='eval-plugin'),
    pytest.param({'package.json': pkg('webpack --mode development'),
                  'webpack.config.js': "module.exports = {};\n"},
                 [('webpack', 'webpack.config.js', 'no', None, None, 'dist')],
                 id='development-default-is-eval-without-map'),
    pytest.param({'package.json': pkg('webpack --node-env production'),
                  'webpack.config.js': "const dev = process.env.NODE_ENV !== 'production';\n"
                  "module.exports = { devtool: dev ? 'source-map' : false };\n"},
                 [('webpack', 'webpack.config.js', 'no', None, None, 'dist')],
                 id='node-env-flag-decides'),
    pytest.param({'package.json': pkg('webpack'),
                  'webpack.config.js': "const dev = process.env.NODE_ENV !== 'production';\n"
                  "module.exports = { devtool: dev ? 'source-map' : false };\n"},
                 [('webpack', 'webpack.config.js', 'maybe', 'file', True, 'dist')],
                 id='node-env-unset-trap-is-maybe'),
    pytest.param({'package.json': pkg('webpack --env production'),
                  'webpack.config.js': "module.exports = (env) => [\n"
                  "  { name: 'a', devtool: env.production ? 'hidden-source-map' : 'eval' },\n"
                  "  { name: 'b', output: { path: __dirname + '/srv' } }];\n"},
                 [('webpack', 'webpack.config.js', 'yes', 'hidden', True, 'dist'),
                  ('webpack', 'webpack.config.js', 'no', None, None, 'srv')],
                 id='function-returning-array'),
    pytest.param({'package.json': pkg('rspack build --devtool nosources-source-map')},
                 [('rspack', 'package.json', 'yes', 'file', False, 'dist')],
                 id='rspack-cli-without-config'),
    pytest.param({'package.json': pkg('webpack serve')},
                 [], id='dev-server-is-not-a-build'),
    pytest.param({'package.json': pkg('webpack --config-name prod'),
                  'webpack.config.js': "module.exports = [\n"
                  "  { name: 'dev', mode: 'development', devtool: 'source-map' },\n"
                  "  { name: 'prod', mode: 'production', devtool: false }];\n"},
                 [('webpack', 'webpack.config.js', 'no', None, None, 'dist')],
                 id='config-name-picks-from-an-array'),
    pytest.param({'package.json': pkg('webpack --config webpack.prod.js'),
                  'webpack.common.js': "module.exports = { devtool: 'eval' };\n",
                  'webpack.prod.js': "const { mergeWithCustomize, customizeArray } = "
                  "require('webpack-merge');\nconst common = require('./webpack.common.js');\n"
                  "module.exports = mergeWithCustomize({ customizeArray: customizeArray({})"
                  " })(common, { mode: 'production', devtool: 'source-map' });\n"},
                 [('webpack', 'webpack.prod.js', 'yes', 'file', True, 'dist')],
                 id='merge-with-customize'),
]


@pytest.mark.parametrize(('files', 'expected'), CASES)
def test_webpack(tmp_path, files, expected):
    assert verdicts(tmp_path, files) == expected


def test_dirname_is_the_config_folder(tmp_path):
    files = {'package.json': pkg('webpack --config config/webpack.prod.js'),
             'config/webpack.prod.js': "const path = require('path');\n"
             "module.exports = { output: { path: path.resolve(__dirname, '../build') },\n"
             "  devtool: 'source-map' };\n"}
    assert verdicts(tmp_path, files) == [
        ('webpack', 'config/webpack.prod.js', 'yes', 'file', True, 'build')]
