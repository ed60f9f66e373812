from __future__ import annotations

import pytest

from tests.config_projects import pkg
from tests.config_projects import verdicts

CASES = [
    pytest.param({'package.json': pkg('node scripts/build.js --prod'),
                  'scripts/build.js': "const { build } = require('esbuild');\n"
                  "const prod = process.argv.includes('--prod');\n"
                  "build({ outdir: 'out', sourcemap: prod ? 'external' : 'inline' });\n"},
                 [('esbuild', 'scripts/build.js', 'yes', 'hidden', True, 'out')],
                 id='api-with-argv'),
    pytest.param({'package.json': pkg('bun build.ts'),
                  'build.ts': "await Bun.build({ entrypoints: ['a.ts'], outdir: 'dist',\n"
                  "  sourcemap: 'linked' });\n"},
                 [('bun', 'build.ts', 'yes', 'file', True, 'dist')], id='bun-build-api'),
    pytest.param({'package.json': pkg('esbuild a.ts --sourcemap=both --sources-content=false '
                                      '--outdir=o')},
                 [('esbuild', 'package.json', 'yes', 'both', False, 'o')], id='cli-both'),
]


@pytest.mark.parametrize(('files', 'expected'), CASES)
def test_esbuild(tmp_path, files, expected):
    assert verdicts(tmp_path, files) == expected
