"""Judging one published file: source maps, inline maps, env and credential files, secrets."""
from __future__ import annotations

import posixpath
import re

from hooks.findings import Finding
from hooks.judge.inspect import Inspected
from hooks.judge.rules import RULE_CREDENTIAL
from hooks.judge.rules import RULE_ENV
from hooks.judge.rules import RULE_FILE_SIZE
from hooks.judge.rules import RULE_INLINE
from hooks.judge.rules import RULE_MAP
from hooks.judge.rules import RULE_MAP_REF
from hooks.judge.rules import RULE_SECRET
from hooks.judge.rules import URL_SCHEME
from hooks.judge.rules import Context
from hooks.judge.rules import in_test_folder

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from hooks.findings import Severity


def _source_path(source: str, map_dir: str) -> str | None:
    """The package path a map's source names, if it could be one."""
    if URL_SCHEME.match(source):
        scheme, _, rest = source.partition('://')
        if scheme.lower() == 'file':
            return None
        # webpack://<namespace>/./src/x.ts: the namespace, then a path from the project root
        rest = rest.split('/', 1)[1] if '/' in rest else ''
        joined = posixpath.normpath(rest.lstrip('/')) if rest else ''
    elif source.startswith('/'):
        return None
    else:
        joined = posixpath.normpath(posixpath.join(map_dir, source))
    if not joined or joined.startswith('..') or joined == '.':
        return None
    return joined


def _unpublished_embedded(info: Any, map_path: str, published: frozenset[str]) -> int:
    map_dir = posixpath.dirname(map_path)
    n = 0
    for source in info.embedded:
        p = _source_path(source, map_dir)
        if p is None or p not in published:
            n += 1
    return n


def _map_summary(info: Any) -> str:
    from hooks.judge.sourcemap import human_size
    from hooks.judge.sourcemap import plural

    n, k = len(info.sources), len(info.embedded)
    size = human_size(info.size)
    if n == 0:
        return f'no sources ({size})'
    if k >= n:
        return f'{plural(n, "embedded source")} ({size})'
    if k == 0:
        return f'{plural(n, "source")}, none embedded ({size})'
    return f'{plural(n, "source")}, {k:,} embedded ({size})'


_MAP_FIX = (
    'add "!**/*.map" to "files" (or "*.map" to .npmignore) or turn off source maps in the build'
)
_INLINE_FIX = 'turn off inline source maps in the build (devtool / sourcemap: "inline")'


def _judge_map(
        ctx: Context, path: str, info: Any, *, line: int | None, inline: bool,
) -> Finding:
    what = 'inline source map' if inline else 'source map'
    head = f'{what} with {_map_summary(info)} would be published by {ctx.label}'
    fix = _INLINE_FIX if inline else _MAP_FIX
    rule = RULE_INLINE if inline else RULE_MAP
    unpublished = _unpublished_embedded(info, path, ctx.published)
    if unpublished:
        one = unpublished == 1
        why = (f'{unpublished:,} of them {"is" if one else "are"} not otherwise in the '
               f'package, so {"its" if one else "their"} full text leaks')
        if ctx.open_source:
            return ctx.finding(
                path,
                f'{head}; {why}, but it is open source ({ctx.license}) with its sources '
                f'public at {ctx.repository}; {fix}, or --allow it',
                rule, 'warning', line,
            )
        if _osi(ctx):
            reason = 'package.json names no "repository" where they are public'
        elif ctx.repository:
            reason = 'package.json declares no OSI-approved "license"'
        else:
            reason = 'package.json declares neither an OSI-approved "license" nor a "repository"'
        return ctx.finding(path, f'{head}; {why}, and {reason}; {fix}', rule, 'error', line)
    if info.embedded:
        why = 'its embedded sources are in the package anyway, but it reveals source paths'
    else:
        why = 'it still reveals source paths and names'
    return ctx.finding(path, f'{head}; {why}; {fix}', rule, 'warning', line)


def _osi(ctx: Context) -> bool:
    from hooks.judge.licenses import is_open_source

    return is_open_source(ctx.manifest)


def _risky_severity(path: str) -> tuple[Severity, str]:
    if in_test_folder(path):
        return 'warning', ' (in a test folder, so maybe a fixture)'
    return 'error', ''


# Prose documentation: a key or token in its text is nearly always an example
# (a README showing what a generator returns), so it is a warning.
DOC_SUFFIXES = ('.md', '.markdown', '.mdx', '.rst', '.adoc')


def _secret_severity(path: str) -> tuple[Severity, str]:
    if path.lower().endswith(DOC_SUFFIXES) and not in_test_folder(path):
        return 'warning', ' (in documentation, so maybe an example)'
    return _risky_severity(path)


def _embedded_secrets(
        ctx: Context, path: str, hits: Any, *, line: int | None, inline: bool,
) -> list[Finding]:
    """An error per secret in a map's embedded sources, at the original file and line."""
    if not hits:
        return []
    from hooks.judge.embedded import secret_message
    from hooks.judge.embedded import shown_source

    out = []
    for hit in hits:
        source = shown_source(hit.source, path)
        severity, _ = _secret_severity(source)
        if severity == 'error':
            severity, _ = _risky_severity(path)
        finding = ctx.finding(
            path, secret_message(hit.kind, source, inline=inline),
            RULE_SECRET, severity, line,
        )
        out.append(finding._replace(source=source, source_line=hit.line))
    return out


def judge_file(ctx: Context, item: Inspected) -> list[Finding]:
    """Findings for one published file (items 1-3 and the per-file budget)."""
    from hooks.judge import risky
    from hooks.judge.secrets import credential_file_kind
    from hooks.judge.secrets import env_file_kind
    from hooks.judge.sourcemap import human_size

    path = item.file.path
    # secrets in a map's embedded sources, even in a map --allow'ed to ship its sources
    out: list[Finding] = _embedded_secrets(ctx, path, item.embedded, line=None, inline=False)
    for m in item.inline:
        out.extend(_embedded_secrets(ctx, path, m.secrets, line=m.line, inline=True))
    if ctx.allowed(path):
        return out
    if item.unscanned:
        from hooks.reading import BINARY_SCAN
        out.append(ctx.finding(
            path, f'binary of {human_size(item.file.size)}: searched for tokens and keys in '
            f'its first {human_size(BINARY_SCAN)} only, the rest is not', RULE_SECRET, 'note'))
    if item.sourcemap is not None:
        out.append(_judge_map(ctx, path, item.sourcemap, line=None, inline=False))
    for m in item.inline:
        out.append(_judge_map(ctx, path, m.info, line=m.line, inline=True))
    for line, url in item.refs:
        if URL_SCHEME.match(url) or url.startswith('/'):
            continue
        bare = re.split('[?#]', url)[0]
        target = posixpath.normpath(posixpath.join(posixpath.dirname(path), bare))
        if target not in ctx.published:
            query = ' (with a query not shown)' if bare != url else ''  # it may carry a token
            out.append(ctx.finding(
                path,
                f'sourceMappingURL names {bare}{query}, '
                f'which {ctx.label} does not publish; '
                f'nothing leaks, but debuggers will fail to load it; '
                f'drop the comment in production builds (hidden source maps)',
                RULE_MAP_REF, 'note', line,
            ))
    severity, where = _risky_severity(path)
    env_file = env_file_kind(path) == 'env'
    if env_file:
        # one finding for the file: the secrets it holds are named in it, not again
        held = ''
        if item.secrets:
            kinds = sorted({h.kind for h in item.secrets})
            held = (f', and it holds {" and ".join(kinds)} (line {item.secrets[0].line}, '
                    f'value not shown; revoke it if this file was ever pushed or published)')
        out.append(ctx.finding(
            path,
            f'env file would be published by {ctx.label}{where}{held}; env files hold '
            f'secrets; add ".env*" to .npmignore or list only build output in "files"',
            RULE_ENV, severity, item.secrets[0].line if item.secrets else None,
        ))
    kind = credential_file_kind(path)
    key_hits = [h for h in item.secrets if 'private key' in h.kind]
    if kind is not None and (kind not in risky.CONFIRM_BY_CONTENT or key_hits):
        out.append(ctx.finding(
            path,
            f'{kind} would be published by {ctx.label}{where}; anyone who installs it gets '
            f'the credential; remove it from the package and rotate it',
            RULE_CREDENTIAL, severity,
        ))
    secret_severity, secret_where = _secret_severity(path)
    for hit in item.secrets:
        if env_file or (kind is not None and hit.kind == 'private key'):
            continue  # already said as an env or credential file
        out.append(ctx.finding(
            path,
            f'{hit.kind} would be published by {ctx.label}{secret_where} (value not shown); '
            f'remove it from the file, and revoke it if the file was ever pushed or published',
            RULE_SECRET, secret_severity, hit.line,
        ))
    limit = ctx.options.max_file_size
    if limit is not None and item.file.size > limit:
        out.append(ctx.finding(
            path,
            f'{human_size(item.file.size)} file would be published by {ctx.label}, over '
            f'--max-file-size {human_size(limit)}; leave it out of the package '
            f'or raise the budget',
            RULE_FILE_SIZE, 'error',
        ))
    return out
