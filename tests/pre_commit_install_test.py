"""The manifest installs and runs as users get it: real `pre-commit try-repo`.

Other integration tests run the hooks as local system hooks (no virtualenv per
test); this one builds the hook environment from the repository itself, once,
as pre-commit.ci would.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO_ROOT
from tests.conftest import run_git


def test_try_repo_installs_and_runs_a_hook(git_repo: Path) -> None:
    (git_repo / '.env').write_text('API_URL=https://example.invalid\n')
    (git_repo / '.env.example').write_text('API_URL=\n')
    run_git(git_repo, 'add', '.')
    bindir = os.path.dirname(sys.executable)
    proc = subprocess.run(
        [
            os.path.join(bindir, 'pre-commit'), 'try-repo', str(REPO_ROOT),
            'forbid-env-files', '--color=never',
        ],
        cwd=git_repo, capture_output=True, text=True, check=False,
    )
    assert proc.returncode == 1, proc.stdout + proc.stderr
    hook_output = proc.stdout.split('- exit code: 1')[-1].strip().splitlines()
    assert hook_output == [
        (
            '.env: env file, which holds local settings and secrets; do not commit it: '
            'add it to .gitignore and commit a template such as .env.example'
        ),
        'packguard: 1 error',
    ]
