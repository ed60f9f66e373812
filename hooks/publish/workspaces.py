"""Workspace globs as npm's glob reads them (dot: false, braces, ``**``):
which folders a root's ``workspaces`` pick."""
from __future__ import annotations

import functools
import re

from hooks.publish.patterns import brace_expand

# Never entered when looking for packages or workspaces.
PRUNED_FOLDERS = frozenset(('node_modules', '.git', '.hg', '.svn'))


def _segment_re(seg: str) -> str:
    # as npm's glob (dot: false): a wildcard never matches a leading dot
    out = [] if seg.startswith('.') else [r'(?!\.)']
    i = 0
    while i < len(seg):
        c = seg[i]
        if c == '*':
            out.append('[^/]*')
        elif c == '?':
            out.append('[^/]')
        elif c == '[':
            j = seg.find(']', i + 1)
            if j == -1:
                out.append(re.escape(c))
            else:
                body = seg[i + 1:j].replace('\\', '\\\\')
                if body.startswith('!'):
                    body = '^' + body[1:]
                out.append(f'[{body}]')
                i = j
        else:
            out.append(re.escape(c))
        i += 1
    return ''.join(out)


def workspace_regex(pattern: str) -> re.Pattern[str]:
    """A folder-path regex for one workspace glob (no leading ``!``)."""
    alternatives = []
    for p in brace_expand(pattern):
        p = p.strip()
        while p.startswith('./'):
            p = p[2:]
        p = p.strip('/')
        parts = [s for s in p.split('/') if s not in ('', '.')]
        src = ''
        for i, seg in enumerate(parts):
            if seg == '**':  # folders whose names start with a dot are never crossed
                if i < len(parts) - 1:
                    src += r'(?:(?!\.)[^/]+/)*'
                elif src:
                    # npm globs "x/**/package.json": x itself is picked too
                    src = src.removesuffix('/') + r'(?:/(?!\.)[^/]+(?:/(?!\.)[^/]+)*)?'
                else:
                    src += r'(?:(?!\.)[^/]+(?:/(?!\.)[^/]+)*)?'
                continue
            src += _segment_re(seg) + ('/' if i < len(parts) - 1 else '')
        src = src.removesuffix('/')
        alternatives.append(src)
    return re.compile('(?:' + '|'.join(alternatives) + r')\Z')


def picks_workspace(patterns: list[str], rel: str) -> bool:
    """Do the workspace globs pick folder ``rel`` (posix, relative to their root)?"""
    if any(part in PRUNED_FOLDERS for part in rel.split('/')):
        return False
    return picked(rel, compiled_workspaces(patterns))


def compiled_workspaces(patterns: list[str]) -> list[tuple[bool, re.Pattern[str]]]:
    return _compiled(tuple(patterns))


@functools.lru_cache(maxsize=64)
def _compiled(patterns: tuple[str, ...]) -> list[tuple[bool, re.Pattern[str]]]:
    """Compiled once per list: a monorepo's packages each ask about the same root."""
    return [(p.startswith('!'), workspace_regex(p.lstrip('!'))) for p in patterns]


def picked(rel: str, compiled: list[tuple[bool, re.Pattern[str]]]) -> bool:
    keep = False
    for negated, rx in compiled:
        if rx.match(rel):
            keep = not negated
    return keep
