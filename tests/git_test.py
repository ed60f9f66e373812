from __future__ import annotations

from pathlib import Path

import pytest

from hooks import git
from tests.conftest import run_git


@pytest.mark.parametrize(
    'name',
    (
        pytest.param('plain.txt', id='plain'),
        pytest.param('with space.js', id='space'),
        pytest.param('ünïcödé.map', id='non-ascii'),
        pytest.param('new\nline.env', id='newline'),
    ),
)
def test_staged_files_keeps_odd_names_intact(git_repo: Path, name: str) -> None:
    (git_repo / name).write_text('x')
    run_git(git_repo, 'add', '--', name)
    assert git.staged_files(git_repo) == [name]


def test_tracked_files_lists_untracked_but_not_ignored(git_repo: Path) -> None:
    (git_repo / '.gitignore').write_text('ignored.txt\n')
    (git_repo / 'ignored.txt').write_text('x')
    (git_repo / 'kept.txt').write_text('x')
    assert sorted(git.tracked_files(git_repo)) == ['.gitignore', 'kept.txt']


def test_toplevel(git_repo: Path) -> None:
    (git_repo / 'sub').mkdir()
    assert Path(git.toplevel(git_repo / 'sub')) == git_repo.resolve()


def test_git_error_is_one_line(tmp_path: Path) -> None:
    with pytest.raises(git.GitError) as excinfo:
        git.toplevel(tmp_path)
    assert '\n' not in str(excinfo.value)
    assert 'not a git repository' in str(excinfo.value)
