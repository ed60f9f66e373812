"""Judging the files / .npmignore policy of a package."""
from __future__ import annotations

import functools
import os
import posixpath
import re
from collections.abc import Sequence

from hooks.findings import Finding
from hooks.judge.files import judge_file
from hooks.judge.inspect import Inspected
from hooks.judge.rules import BASELINE_NAME
from hooks.judge.rules import BROAD_FILES_ENTRIES
from hooks.judge.rules import BUILD_OUTPUT_NAMES
from hooks.judge.rules import RULE_FILES_BROAD
from hooks.judge.rules import RULE_FILES_UNMATCHED
from hooks.judge.rules import RULE_NO_WHITELIST
from hooks.judge.rules import RULE_NPMIGNORE_UNUSED
from hooks.judge.rules import RULE_SHADOWED
from hooks.judge.rules import Context

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

# -- items 5 and 6: the files / .npmignore policy ---------------------------------


def _key_line(text: str, needle: str) -> int | None:
    for i, line in enumerate(text.splitlines(), 1):
        if needle in line:
            return i
    return None


def _gitignore_rules(path: str) -> list[Any]:
    from hooks.publish.npm import parse_lines_numbered

    try:
        with open(path, encoding='utf-8', errors='replace') as f:
            return parse_lines_numbered(f.read())
    except OSError:
        return []


# what a build writes (a glob for them that matches nothing in a checkout is build
# output not built yet: zod's "**/*.js", "**/*.d.cts" beside its TypeScript sources)
COMPILED_SUFFIXES = ('.js', '.mjs', '.cjs', '.d.ts', '.d.mts', '.d.cts', '.map', '.css',
                     '.wasm', '.node')


def _compiled_glob(entry: str) -> bool:
    """A "files" glob whose files are build output by their extension (``**/*.js``)."""
    text = entry.strip().lower()
    return any(c in text for c in '*?[{') and text.endswith(COMPILED_SUFFIXES)


def _gitignored(pkg_dir: str, entry: str) -> bool:
    """Whether a .gitignore of the package or of a folder above it (up to the
    repository root) keeps the literal start of a "files" entry out of git."""
    from hooks.publish.npm import gitignore_verdict
    from hooks.publish.packer import run_memo

    literal = []
    for part in entry.strip().lstrip('./').split('/'):
        if not part or any(c in part for c in '*?[{!'):
            break
        literal.append(part)
    if not literal:
        return False
    rel = '/'.join(literal)
    here = os.path.abspath(pkg_dir)
    for _ in range(40):
        path = os.path.join(here, '.gitignore')
        rules = run_memo(('gitignore-rules', path), functools.partial(_gitignore_rules, path))
        memo: dict[tuple[str, bool], tuple[bool, int | None]] = run_memo(
            ('gitignore-verdicts', path), dict)
        # the entry as a file, and as a folder (a file inside it)
        if any(gitignore_verdict(rules, r, memo) is not None for r in (rel, rel + '/x')):
            return True
        parent = os.path.dirname(here)
        if os.path.exists(os.path.join(here, '.git')) or parent == here:
            break
        rel = f'{os.path.basename(here)}/{rel}'
        here = parent
    return False


def judge_policy(
        ctx: Context, pkg_dir: str, items: Sequence[Inspected], *, built_folder: bool = False,
        packer: str = 'npm',
) -> list[Finding]:
    """The "files" / .npmignore policy.  ``built_folder``: the package publishes a
    publishConfig.directory, which holds build output only, so needs no whitelist.
    ``packer``: what packs it (hooks.publish.packer), named in the messages."""
    from hooks.publish.npm import shadowed_by_npmignore
    from hooks.publish.npm import unmatched_files_entries

    out: list[Finding] = []
    read: list[str] = []

    def line_of(needle: str) -> int | None:
        """The line of package.json a finding points at (read only for a finding)."""
        if not read:
            try:
                with open(os.path.join(pkg_dir, 'package.json'), encoding='utf-8-sig') as f:
                    read.append(f.read())
            except (OSError, UnicodeDecodeError):  # pragma: no cover (read_manifest read it)
                read.append('')
        return _key_line(read[0], needle)

    tool = packer.partition('@')[0]   # npm@11, npm@12 and npm (both) are npm
    files = ctx.manifest.get('files')
    npmignore = os.path.isfile(os.path.join(pkg_dir, '.npmignore'))
    if files is None and not npmignore and not built_folder:
        out.append(ctx.finding(
            'package.json',
            f'{ctx.label} has neither "files" nor .npmignore, so it publishes everything '
            f'.gitignore does not exclude; add a "files" whitelist of the build output',
            RULE_NO_WHITELIST, 'warning',
        ))
    if isinstance(files, list):
        for entry in files:
            if entry.strip() in BROAD_FILES_ENTRIES:
                out.append(ctx.finding(
                    'package.json',
                    f'"files" entry "{entry}" is as broad as {ctx.label} itself, so the '
                    f'whitelist keeps nothing out; list the folders to publish instead',
                    RULE_FILES_BROAD, 'warning', line_of(f'"{entry}"') or line_of('"files"'),
                ))
        for _, entry in unmatched_files_entries(pkg_dir, [i.file.path for i in items],
                                                ctx.manifest):
            if entry.strip() in BROAD_FILES_ENTRIES:
                continue
            line = line_of(f'"{entry}"') or line_of('"files"')
            first = entry.strip().lstrip('./').split('/')[0]
            folder = first.lower() in BUILD_OUTPUT_NAMES or re.match(
                r'(?i)(dist|build|lib)[-_.]', first) is not None
            if folder or _compiled_glob(entry):
                what = 'a build output folder' if folder else 'build output'
                out.append(ctx.finding(
                    'package.json',
                    f'"files" entry "{entry}" matches nothing yet in {ctx.label}: {what} not '
                    f'built; build before you pack',
                    RULE_FILES_UNMATCHED, 'note', line,
                ))
            elif _gitignored(pkg_dir, entry):
                out.append(ctx.finding(
                    'package.json',
                    f'"files" entry "{entry}" matches nothing yet in {ctx.label}: .gitignore '
                    f'keeps it out of git, so it is build output not built; build before you pack',
                    RULE_FILES_UNMATCHED, 'note', line,
                ))
            else:
                out.append(ctx.finding(
                    'package.json',
                    f'"files" entry "{entry}" matches nothing in {ctx.label}, so {tool} '
                    f'silently skips it; fix the typo or remove the entry',
                    RULE_FILES_UNMATCHED, 'warning', line,
                ))
        if npmignore:
            out.append(ctx.finding(
                '.npmignore',
                f'{ctx.label} sets "files", so {tool} ignores this root .npmignore; '
                f'move its rules into "files" as "!pattern" entries, or delete it',
                RULE_NPMIGNORE_UNUSED, 'note',
            ))
    by_path = {i.file.path: i for i in items}
    published = [i.file for i in items]
    entry_folders = _entry_folders(ctx.manifest)
    for s in shadowed_by_npmignore(pkg_dir, published, ctx.manifest):
        item = by_path.get(s.path)
        risky = item is not None and _is_risky(ctx, item)
        if ctx.allowed(s.path) and not risky:
            continue
        where = f'ignored by {posixpath.normpath(ctx.prefix + s.gitignore)}:{s.line} but ' \
                f'published, because .npmignore replaces .gitignore in this folder'
        build_output = not risky and _build_output(s.path, entry_folders)
        if build_output:
            # the usual reason for an .npmignore: ship the build output git keeps out
            out.append(ctx.finding(
                s.path, f'{where}; it is {build_output}, so it is meant to ship ({ctx.label})',
                RULE_SHADOWED, 'note'))
            continue
        out.append(ctx.finding(
            s.path, f'{where}; {_shadowed_fix(s.path, s.gitignore, entry_folders)} '
                    f'({ctx.label})',
            RULE_SHADOWED, 'error' if risky else 'warning',
        ))
    if tool == 'npm':   # (only npm 12 runs it; yarn, pnpm and bun never look)
        out.extend(_npm_extension(ctx, pkg_dir))
    if BASELINE_NAME in by_path:
        out.append(ctx.finding(
            BASELINE_NAME,
            f'packguard\'s baseline would be published by {ctx.label}; it is a record for '
            f'checks, not part of the package: add "{BASELINE_NAME}" to .npmignore, or leave '
            f'it out of "files"',
            RULE_BASELINE_PUBLISHED, 'warning',
        ))
    return out


RULE_BASELINE_PUBLISHED = 'baseline-published'


RULE_NPM_EXTENSION = 'npm-extension'


def _npm_extension(ctx: Context, pkg_dir: str) -> list[Finding]:
    """A root .npm-extension.mjs/.cjs: npm 12 imports it whenever it loads the package's
    tree, and npm pack/publish load it through pacote, which drops --ignore-scripts and
    --ignore-extension (pacote lib/dir.js: ``new Arborist({path})``)."""
    out = []
    for name in ('.npm-extension.mjs', '.npm-extension.cjs'):
        if os.path.lexists(os.path.join(pkg_dir, name)):
            out.append(ctx.finding(
                name,
                f'npm 12 executes this file during npm pack and npm publish of {ctx.label}, '
                f'even with --ignore-scripts, so whoever can change it runs code on the '
                f'publishing machine; delete it unless {ctx.label} needs it, and review every '
                f'change to it like a prepack script',
                RULE_NPM_EXTENSION, 'warning',
            ))
    return out


def _entry_folders(manifest: dict[str, Any]) -> dict[str, str]:
    """Folders (with a trailing /) that package.json entry points name, each with
    the field that names it: main, bin, exports, types, ..."""
    out: dict[str, str] = {}

    def add(key: str, value: Any) -> None:
        if isinstance(value, str):
            folder = posixpath.dirname(posixpath.normpath(value.lstrip('./') or '.'))
            if folder and not folder.startswith('..'):
                out.setdefault(folder + '/', key)
        elif isinstance(value, dict):
            for v in value.values():
                add(key, v)
        elif isinstance(value, list):
            for v in value:
                add(key, v)

    for key in ('main', 'module', 'browser', 'types', 'typings', 'bin', 'exports', 'unpkg',
                  'jsdelivr'):
        add(key, manifest.get(key))
    return out


def _shadowed_fix(path: str, gitignore: str, entry_folders: dict[str, str]) -> str:
    """The .npmignore rule that keeps out one shadowed file. Copying the
    .gitignore rule is right unless the file sits in build output package.json
    points into: the rule that keeps the build out of git (``dist/``) would
    then keep the build out of the package too, so name the file itself."""
    if not _build_output(path, entry_folders):
        return 'copy the rule into .npmignore'
    folder = posixpath.dirname(gitignore)
    rel = posixpath.relpath(path, folder) if folder else path
    where = f'{folder}/.npmignore' if folder else '.npmignore'
    return (f'add "/{rel}" to {where} (not the .gitignore rule, which would also drop the '
            f'build output package.json points to)')


def _build_output(path: str, entry_folders: dict[str, str]) -> str | None:
    """Why a published file that .gitignore keeps out of git is build output, or None."""
    for folder, key in entry_folders.items():
        if path.startswith(folder):
            return f'in {folder}, which package.json "{key}" points into'
    first = path.split('/', 1)[0]
    if '/' in path and first.lower() in BUILD_OUTPUT_NAMES:
        return f'in {first}/, a build output folder'
    return None


def _is_risky(ctx: Context, item: Inspected) -> bool:
    return any(f.severity == 'error' for f in judge_file(replace_allow(ctx), item))


def replace_allow(ctx: Context) -> Context:
    """The context without allow globs (riskiness ignores what the user allowed)."""
    if not ctx.options.allow:
        return ctx
    return Context(ctx.label, ctx.manifest, ctx.prefix, ctx.options._replace(allow=()),
                   ctx.published)
