from __future__ import annotations

import json
from pathlib import Path

import pytest

from hooks.check_sourcemap_config import analyse_project


def verdicts(tmp_path: Path, files: dict[str, object]) -> list[tuple[object, ...]]:
    for name, content in files.items():
        p = tmp_path / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(content if isinstance(content, str) else json.dumps(content))
    return [(v.tool, v.config, v.emits, v.kind, v.sources_content, v.out_dir)
            for v in analyse_project(tmp_path)]


def pkg(build: str, **extra: object) -> dict[str, object]:
    return {"name": "p", "scripts": {"build": build}, **extra}


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
