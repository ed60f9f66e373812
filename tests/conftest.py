from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest


def run_git(repo: Path, *args: str) -> str:
    return subprocess.run(
        ('git', *args), cwd=repo, check=True, capture_output=True, text=True,
    ).stdout


@pytest.fixture
def git_repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty git repository with an identity, as the current directory."""
    repo = tmp_path / 'repo'
    repo.mkdir()
    run_git(repo, 'init', '-q', '-b', 'main')
    run_git(repo, 'config', 'user.name', 'packguard tests')
    run_git(repo, 'config', 'user.email', 'tests@packguard.invalid')
    run_git(repo, 'config', 'commit.gpgsign', 'false')
    monkeypatch.chdir(repo)
    # keep pre-commit's cache out of the user's home and shared between tests
    monkeypatch.setenv(
        'PRE_COMMIT_HOME',
        os.environ.get('PRE_COMMIT_HOME', str(tmp_path.parent / 'pre-commit-home')),
    )
    return repo



def write_tree(root: Path, files: dict[str, str | bytes]) -> Path:
    """Write ``{relative path: text or bytes}`` below ``root``; return ``root``."""
    for name, content in files.items():
        p = root / name
        p.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            p.write_bytes(content)
        else:
            p.write_text(content, encoding='utf-8')
    return root

REPO_ROOT = Path(__file__).resolve().parent.parent


def manifest_hook(hook_id: str) -> dict[str, object]:
    import yaml

    with open(REPO_ROOT / '.pre-commit-hooks.yaml', encoding='utf-8') as f:
        hooks = yaml.safe_load(f)
    for hook in hooks:
        if hook['id'] == hook_id:
            return dict(hook)
    raise LookupError(hook_id)


def run_pre_commit(
        repo: Path, hook_id: str, *, args: list[str] | None = None,
        all_files: bool = False,
) -> subprocess.CompletedProcess[str]:
    """Run the real pre-commit on ``repo``'s staged files with one of our hooks.

    The hook is the manifest's own entry (same filters, same pass_filenames),
    declared as a ``repo: local`` hook with ``language: system`` so the test
    runs the console script installed in this environment instead of building
    a new virtualenv per test.
    """
    import yaml

    hook = manifest_hook(hook_id)
    hook['language'] = 'system'
    hook.pop('minimum_pre_commit_version', None)
    if args is not None:
        hook['args'] = args
    config = {'repos': [{'repo': 'local', 'hooks': [hook]}]}
    (repo / '.pre-commit-config.yaml').write_text(yaml.safe_dump(config))
    bindir = os.path.dirname(sys.executable)
    env = {**os.environ, 'PATH': bindir + os.pathsep + os.environ['PATH']}
    cmd = [os.path.join(bindir, 'pre-commit'), 'run', hook_id, '--color=never']
    if all_files:
        cmd.append('--all-files')
    return subprocess.run(
        cmd, check=False, cwd=repo, capture_output=True, text=True, env=env,
    )
