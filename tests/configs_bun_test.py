from __future__ import annotations

import pytest

from tests.config_projects import pkg
from tests.config_projects import verdicts

CASES = [
    pytest.param({'package.json': pkg('bun build a.ts --outdir=out --sourcemap=inline')},
                 [('bun', 'package.json', 'yes', 'inline', True, 'out')], id='inline'),
    pytest.param({'package.json': pkg('bun run build.ts'),
                  'build.ts': "import { build } from 'bun';\n"
                  "await build({ entrypoints: ['a.ts'], outdir: 'dist', sourcemap: 'linked' });\n"},
                 [('bun', 'build.ts', 'yes', 'file', True, 'dist')], id='build-imported-from-bun'),
    pytest.param({'package.json': pkg('bun run build.ts'),
                  'build.ts': "import bun from 'bun';\n"
                  "await bun.build({ entrypoints: ['a.ts'], outdir: 'dist' });\n"},
                 [('bun', 'build.ts', 'no', None, None, 'dist')], id='default-import-no-maps'),
]


@pytest.mark.parametrize(('files', 'expected'), CASES)
def test_bun(tmp_path, files, expected):
    assert verdicts(tmp_path, files) == expected
