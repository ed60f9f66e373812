"""The one place that runs git. File lists always come NUL-separated (-z)."""
from __future__ import annotations

import os
import subprocess


class GitError(Exception):
    pass


def git(*args: str, cwd: str | os.PathLike[str] = '.') -> bytes:
    try:
        proc = subprocess.run(
            ('git', *args), cwd=cwd, capture_output=True, check=True,
        )
    except FileNotFoundError as e:
        raise GitError('git is not installed') from e
    except subprocess.CalledProcessError as e:
        msg = e.stderr.decode('utf-8', 'replace').strip().splitlines()
        raise GitError(msg[-1] if msg else f'git {args[0]} failed') from e
    return proc.stdout


def _split_z(out: bytes) -> list[str]:
    return [os.fsdecode(p) for p in out.split(b'\0') if p]


def toplevel(cwd: str | os.PathLike[str] = '.') -> str:
    return os.fsdecode(git('rev-parse', '--show-toplevel', cwd=cwd).rstrip(b'\n'))


def tracked_files(cwd: str | os.PathLike[str] = '.') -> list[str]:
    """Tracked and untracked-but-not-ignored files, relative to ``cwd``."""
    return _split_z(git(
        'ls-files', '-z', '--cached', '--others', '--exclude-standard',
        cwd=cwd,
    ))


def staged_files(cwd: str | os.PathLike[str] = '.') -> list[str]:
    return _split_z(git(
        'diff', '--cached', '--name-only', '--diff-filter=ACMR', '-z',
        cwd=cwd,
    ))


def ignored(paths: list[str], cwd: str | os.PathLike[str] = '.') -> set[str]:
    """The ``paths`` git's ignore rules match, tracked or not (``check-ignore
    --no-index``); empty outside a repository or without git."""
    if not paths:
        return set()
    try:
        proc = subprocess.run(
            ('git', 'check-ignore', '--no-index', '-z', '--stdin'), cwd=cwd,
            input=b'\0'.join(os.fsencode(p) for p in paths), capture_output=True,
            check=False,
        )
    except OSError:
        return set()
    if proc.returncode not in (0, 1):
        return set()
    return set(_split_z(proc.stdout))
