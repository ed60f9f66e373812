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
]


@pytest.mark.parametrize(('files', 'expected'), CASES)
def test_vue_cli(tmp_path, files, expected):
    assert verdicts(tmp_path, files) == expected
