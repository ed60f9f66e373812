from __future__ import annotations

import os
import subprocess
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
