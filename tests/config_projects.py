"""Small projects written into tmp_path for the config analysers' tests."""
from __future__ import annotations

import json
from pathlib import Path

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
