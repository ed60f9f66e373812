"""electron-forge's webpack plugin: reductions of electron/fiddle and forge templates."""
from __future__ import annotations

import pytest

from tests.config_projects import pkg
from tests.config_projects import verdicts

FORGE_CLASS = """import { WebpackPlugin } from '@electron-forge/plugin-webpack';
import { rendererConfig } from './webpack.renderer.config';

export default {
  plugins: [
    new WebpackPlugin({
      mainConfig: './webpack.main.config.js',
      renderer: { config: rendererConfig, entryPoints: [] },
    }),
  ],
};
"""

CASES = [
    pytest.param({'package.json': pkg('electron-forge make'),
                  'forge.config.ts': FORGE_CLASS,
                  'webpack.main.config.js': "module.exports = { entry: './src/main.ts' };\n",
                  'webpack.renderer.config.ts': "export const rendererConfig = "
                  "{ devtool: false };\n"},
                 [('electron-forge', 'webpack.main.config.js', 'yes', 'file', True,
                   '.webpack/main'),
                  ('electron-forge', 'forge.config.ts', 'no', None, None, '.webpack/renderer')],
                 id='main-default-source-map-renderer-off'),
    pytest.param({'package.json': pkg('electron-forge package', config={'forge': {'plugins': [
        ['@electron-forge/plugin-webpack', {'mainConfig': './main.js',
                                            'renderer': {'config': './renderer.js'}}]]}}),
                  'main.js': "module.exports = { devtool: 'hidden-source-map' };\n",
                  'renderer.js': "module.exports = { devtool: 'nosources-source-map' };\n"},
                 [('electron-forge', 'main.js', 'yes', 'hidden', True, '.webpack/main'),
                  ('electron-forge', 'renderer.js', 'yes', 'file', False, '.webpack/renderer')],
                 id='package-json-array-form'),
    pytest.param({'package.json': pkg('electron-forge start'), 'forge.config.ts': FORGE_CLASS},
                 [], id='start-is-not-a-build'),
]


@pytest.mark.parametrize(('files', 'expected'), CASES)
def test_electron_forge(tmp_path, files, expected):
    assert verdicts(tmp_path, files) == expected
