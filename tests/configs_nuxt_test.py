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
