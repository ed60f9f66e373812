from __future__ import annotations

import pytest

from tests.config_projects import pkg
from tests.config_projects import verdicts

CASES = [
    pytest.param({'package.json': pkg('next build', dependencies={'next': '^15.1.0'})},
                 [('next', 'package.json', 'no', None, None, '.next')],
                 id='next-15-webpack-default'),
    pytest.param({'package.json': pkg('next build', dependencies={'next': '16.0.0'}),
                  'next.config.mjs': "export default { experimental: "
                  "{ turbopackSourceMaps: false } };\n"},
                 [('next', 'next.config.mjs', 'no', None, None, '.next/server')],
                 id='turbopack-maps-off'),
    pytest.param({'package.json': pkg('next build --webpack', dependencies={'next': '16.0.0'}),
                  '.env.production': 'BROWSER_MAPS=1\n',
                  'next.config.js': "module.exports = {\n"
                  "  productionBrowserSourceMaps: process.env.BROWSER_MAPS === '1' };\n"},
                 [('next', 'next.config.js', 'yes', 'file', True, '.next/static')],
                 id='env-production-file-is-loaded'),
    pytest.param({'package.json': pkg('next build --webpack', dependencies={'next': '16.0.0'}),
                  'next.config.js': "module.exports = { webpack(config, { dev, isServer }) {\n"
                  "  if (!dev && isServer) config.devtool = 'source-map';\n"
                  "  return config; } };\n"},
                 [('next', 'next.config.js', 'yes', 'server', True, '.next/server')],
                 id='webpack-override-on-server'),
    pytest.param({'package.json': pkg('next build', dependencies={'next': '15.1.0'}),
                  'next.config.js': 'module.exports = {\n'
                  '  experimental: { serverSourceMaps: true } };\n'},
                 [('next', 'next.config.js', 'yes', 'server', True, '.next/server')],
                 id='next-15-server-source-maps-on'),
    pytest.param({'package.json': pkg('next build', dependencies={'next': '14.2.0'}),
                  'next.config.mjs': "import withBundleAnalyzer from '@next/bundle-analyzer';\n"
                  "const analyze = withBundleAnalyzer({ enabled: process.env.ANALYZE });\n"
                  "export default analyze({ output: 'export' });\n"},
                 [('next', 'next.config.mjs', 'no', None, None, '.next')],
                 id='curried-wrapper-through-a-variable'),
    pytest.param({'package.json': pkg('next build', dependencies={'next': '14.2.0'}),
                  'next.config.js': "module.exports = { distDir: 'build',\n"
                  "  productionBrowserSourceMaps: true };\n"},
                 [('next', 'next.config.js', 'yes', 'file', True, 'build/static')],
                 id='dist-dir'),
    pytest.param({'package.json': pkg('next build', dependencies={'next': '16.0.0'}),
                  'next.config.mjs': "export default { output: 'export',\n"
                  "  productionBrowserSourceMaps: true };\n"},
                 [('next', 'next.config.mjs', 'yes', 'file', True, 'out/_next/static'),
                  ('next', 'next.config.mjs', 'no', None, None, '.next/server')],
                 id='static-export-deploys-out-only'),
    pytest.param({'package.json': pkg('next build', dependencies={'next': '14.2.0'}),
                  'next.config.js': "const withSourceMaps = require('@zeit/next-source-maps');\n"
                  "module.exports = withSourceMaps({});\n"},
                 [('next', 'next.config.js', 'yes', 'file', True, '.next/static')],
                 id='zeit-next-source-maps-plugin'),
    pytest.param({'package.json': pkg('next build', dependencies={'next': '14.2.0'}),
                  'next.config.js': "const withSourceMaps = require('@zeit/next-source-maps')();\n"
                  "module.exports = withSourceMaps({ reactStrictMode: true });\n"},
                 [('next', 'next.config.js', 'yes', 'file', True, '.next/static')],
                 id='zeit-next-source-maps-plugin-curried'),
    pytest.param({'package.json': pkg('next build', dependencies={'next': '16.0.0'}),
                  'next.config.js': "const withPWA = require('next-pwa')({ dest: 'public' });\n"
                  "module.exports = withPWA({ productionBrowserSourceMaps: true,\n"
                  "  experimental: { serverSourceMaps: false } });\n"},
                 [('next', 'next.config.js', 'yes', 'file', True, '.next/static'),
                  ('next', 'next.config.js', 'no', None, None, '.next/server')],
                 id='wrapped-config'),
]


@pytest.mark.parametrize(('files', 'expected'), CASES)
def test_nextjs(tmp_path, files, expected):
    assert verdicts(tmp_path, files) == expected
