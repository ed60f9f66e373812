from __future__ import annotations

import pytest

from tests.config_projects import pkg
from tests.config_projects import verdicts

CASES = [
    pytest.param({'package.json': pkg('vue-cli-service build'),
                  'vue.config.js': "module.exports = { productionSourceMap: false,\n"
                  "  configureWebpack: (config) => { config.devtool = 'hidden-source-map'; } };\n"},
                 [('vue-cli', 'vue.config.js', 'yes', 'hidden', True, 'dist')],
                 id='configure-webpack-function'),
    pytest.param({'package.json': pkg('vue-cli-service build', vue={'productionSourceMap': False})},
                 [('vue-cli', 'package.json', 'no', None, None, 'dist')],
                 id='package-json-vue-key'),
    pytest.param({'package.json': pkg('vue-cli-service build --mode staging'),
                  'vue.config.js': 'module.exports = { productionSourceMap: false };\n',
                  '.env.staging': 'VUE_APP_API=x\n'},
                 [('vue-cli', 'vue.config.js', 'yes', 'eval', True, 'dist')],
                 id='staging-mode-builds-for-development'),
    pytest.param({'package.json': pkg('vue-cli-service build --mode staging'),
                  'vue.config.js': 'module.exports = { productionSourceMap: false };\n',
                  '.env.staging': 'NODE_ENV=production\n'},
                 [('vue-cli', 'vue.config.js', 'no', None, None, 'dist')],
                 id='staging-mode-with-node-env-production'),
    pytest.param({'package.json': pkg('vue-cli-service build'),
                  'vue.config.js': "module.exports = { productionSourceMap: false,\n"
                  "  chainWebpack: (config) => {\n"
                  "    config.when(process.env.NODE_ENV === 'production',\n"
                  "      (c) => c.devtool('nosources-source-map'), (c) => c.devtool('eval'));\n"
                  "  } };\n"},
                 [('vue-cli', 'vue.config.js', 'yes', 'file', False, 'dist')],
                 id='webpack-chain-when-production'),
    pytest.param({'package.json': pkg('vue-cli-service build'),
                  'vue.config.js': "module.exports = { chainWebpack: (config) => {\n"
                  "    config.when(process.env.NODE_ENV !== 'production',\n"
                  "      (c) => c.devtool('source-map'), (c) => c.devtool(false));\n"
                  "  } };\n"},
                 [('vue-cli', 'vue.config.js', 'no', None, None, 'dist')],
                 id='webpack-chain-when-false-branch'),
]


@pytest.mark.parametrize(('files', 'expected'), CASES)
def test_vue_cli(tmp_path, files, expected):
    assert verdicts(tmp_path, files) == expected


def test_a_library_target_is_published_not_deployed(tmp_path, monkeypatch, capsys):
    from hooks.check_sourcemap_config import main

    verdict_files = {
        'package.json': pkg('vue-cli-service build --target lib --name v src/index.js',
                            version='1.0.0', files=['dist'], license='MIT',
                            repository='github:x/y'),
    }
    assert verdicts(tmp_path, verdict_files) == [('vue-cli', 'package.json', 'yes', 'file',
                                                  True, 'dist')]
    monkeypatch.chdir(tmp_path)
    assert main([]) == 0
    assert '"files" publishes dist/' in capsys.readouterr().out
