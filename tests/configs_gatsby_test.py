from __future__ import annotations

import pytest

from tests.config_projects import pkg
from tests.config_projects import verdicts

CASES = [
    pytest.param({'package.json': pkg('gatsby build'),
                  'gatsby-node.js': "exports.onCreateWebpackConfig = ({ stage, actions }) => {\n"
                  "  if (stage === 'build-javascript') {\n"
                  "    actions.setWebpackConfig({ devtool: false });\n  }\n};\n"},
                 [('gatsby', 'gatsby-node.js', 'no', None, None, 'public')], id='devtool-off'),
    pytest.param({'package.json': pkg('gatsby build')},
                 [('gatsby', 'package.json', 'yes', 'file', True, 'public')], id='default-on'),
    pytest.param({'package.json': pkg('gatsby build'),
                  'gatsby-node.js': "exports.onCreateWebpackConfig = "
                  "({ stage, actions, getConfig }) => {\n"
                  "  if (stage === 'build-javascript') {\n"
                  "    actions.replaceWebpackConfig({ ...getConfig(), devtool: false });\n"
                  "  }\n};\n"},
                 [('gatsby', 'gatsby-node.js', 'no', None, None, 'public')],
                 id='replace-webpack-config-off'),
    pytest.param({'package.json': pkg('gatsby build'),
                  'gatsby-node.js': "exports.onCreateWebpackConfig = "
                  "({ actions, getConfig }) => {\n"
                  "  const config = getConfig();\n  config.mode = 'production';\n"
                  "  actions.replaceWebpackConfig(config);\n};\n"},
                 [('gatsby', 'gatsby-node.js', 'yes', 'file', True, 'public')],
                 id='replace-webpack-config-keeps-the-stage-devtool'),
]


@pytest.mark.parametrize(('files', 'expected'), CASES)
def test_gatsby(tmp_path, files, expected):
    assert verdicts(tmp_path, files) == expected
