from __future__ import annotations

import pytest

from tests.config_projects import pkg
from tests.config_projects import verdicts

CASES = [
    pytest.param({'package.json': pkg('nuxt build'),
                  'nuxt.config.ts': "export default defineNuxtConfig({ sourcemap: true });\n"},
                 [('nuxt', 'nuxt.config.ts', 'yes', 'file', True, '.output/public'),
                  ('nuxt', 'nuxt.config.ts', 'yes', 'server', True, '.output/server')],
                 id='both-sides'),
    pytest.param({'package.json': pkg('nuxi generate'),
                  'nuxt.config.ts': "export default defineNuxtConfig({\n"
                  "  sourcemap: { server: false }, vite: { build: { sourcemap: 'hidden' } } });\n"},
                 [('nuxt', 'nuxt.config.ts', 'yes', 'hidden', True, '.output/public'),
                  ('nuxt', 'nuxt.config.ts', 'no', None, None, '.output/server')],
                 id='vite-build-sourcemap-client'),
]


@pytest.mark.parametrize(('files', 'expected'), CASES)
def test_nuxt(tmp_path, files, expected):
    assert verdicts(tmp_path, files) == expected
