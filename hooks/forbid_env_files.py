"""``forbid-env-files``: refuse staged env files; templates pass unless they hold a live credential.

``.env``, ``.env.*``, ``.env-*``, ``*.env``, ``.envrc`` and ``.envrc.*`` fail (see
hooks.judge.secrets.env_file_kind); templates (``.env.example``, ``.env.sample``,
``.env.template``, ... see hooks.judge.risky.ENV_TEMPLATE_WORDS)
and files matched by ``--allow`` pass, unless they hold what looks like a live
credential (a known token format, a private key): then the finding names the
KEY and its line, never the value.
"""
from __future__ import annotations

import io
import os
import re
from collections.abc import Sequence

from hooks.arguments import OUTPUT_DEFAULTS
from hooks.arguments import parse_args
from hooks.findings import BadInput
from hooks.findings import Finding
from hooks.findings import redact
from hooks.findings import report_for
from hooks.judge.secrets import SecretHit
from hooks.judge.secrets import env_file_kind
from hooks.judge.secrets import scan_secrets
from hooks.reading import MAX_WHOLE
from hooks.reading import as_utf8
from hooks.reading import human_size
from hooks.reading import open_regular
from hooks.reading import utf16_encoding

TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse

BINARY_SNIFF = 8000

RULE_ENV = 'env-file'
RULE_SECRET = 'env-template-secret'


# Keys are named only when they are plain names: python-dotenv reads a bare
# token line, ``export TOKEN`` or ``[TOKEN]`` as a key, and that key is the secret.
_PLAIN_KEY = re.compile(r'[A-Za-z_][A-Za-z0-9_.-]{0,63}')


def _nameable(key: str) -> bool:
    return (
        _PLAIN_KEY.fullmatch(key) is not None and
        not scan_secrets(io.BytesIO(key.encode()), 'key') and
        redact(key) == key
    )


def _keys_by_line(data: bytes) -> dict[int, str]:
    """Line number -> the KEY whose assignment spans it (python-dotenv's parse);
    keys that could be a secret themselves are left out."""
    from dotenv.parser import parse_stream

    text = data.decode('utf-8', 'replace')
    keys: dict[int, str] = {}
    for binding in parse_stream(io.StringIO(text)):
        if binding.key is None or not _nameable(binding.key):
            continue
        first = binding.original.line
        extra = binding.original.string.rstrip('\n').count('\n')
        for n in range(first, first + extra + 1):
            keys[n] = binding.key
    return keys


def _secret_findings(filename: str) -> list[Finding]:
    try:
        with open_regular(filename) as f:
            size = os.fstat(f.fileno()).st_size
            if size > MAX_WHOLE:  # a template is a few kB; this is not judged, and says so
                return [Finding(
                    filename,
                    f'env template too large to judge ({human_size(size)} > '
                    f'{human_size(MAX_WHOLE)} limit); a template holds a few placeholders: '
                    'check what it holds and commit a small one',
                    RULE_SECRET,
                )]
            head = f.read(BINARY_SNIFF)
            f.seek(0)
            utf16 = as_utf8(f, head)
            hits: list[SecretHit] = scan_secrets(utf16 or f, filename)
            if not hits:
                return []
            f.seek(0)
            data = f.read(MAX_WHOLE)
            if utf16 is not None:
                data = data.decode(utf16_encoding(head) or 'utf-16', 'replace').encode()
            keys = _keys_by_line(data)
    except OSError as e:
        raise BadInput(filename, f'cannot read: {e.strerror or e}') from None
    findings = []
    for hit in hits:
        key = keys.get(hit.line)
        what = f'{key} holds' if key else 'holds'
        findings.append(Finding(
            filename,
            f'{what} what looks like a live {hit.kind}; a committed template '
            f'must hold placeholders: replace the value (and revoke it if it was shared)',
            RULE_SECRET,
            line=hit.line,
        ))
    return findings


def find_env_files(
        filenames: Sequence[str], *, allow: Sequence[str] = (),
) -> tuple[list[Finding], list[BadInput]]:
    """Findings for env files among ``filenames``, and files that cannot be read."""
    findings: list[Finding] = []
    errors: list[BadInput] = []
    spec = None
    if allow:
        import pathspec

        spec = pathspec.GitIgnoreSpec.from_lines(allow)
    kinds = {f: env_file_kind(f) for f in filenames}
    env_files = [f for f, k in kinds.items()
                 if k == 'env' and not (spec is not None and spec.match_file(f))]
    # already ignored, so added with `git add -f`: .gitignore is not the fix
    from hooks.git import ignored

    forced = ignored(env_files)
    for filename in filenames:
        kind = kinds[filename]
        if kind is None:
            continue
        if filename in forced:
            findings.append(Finding(
                filename,
                'env file, which holds local settings and secrets; .gitignore already '
                'ignores it, but it was added anyway (git add -f); do not commit it: run '
                'git rm --cached on it (the file stays on disk)',
                RULE_ENV,
            ))
            continue
        if filename in env_files:
            from hooks.judge.rules import in_fixture_folder

            if in_fixture_folder(filename.replace(os.sep, '/')):
                # a fixture's .env: still checked for live credentials below
                findings.append(Finding(
                    filename,
                    'env file in a fixture or example folder, so likely a fixture; if it is '
                    'one, say so with --allow (e.g. "**/fixtures/**")',
                    RULE_ENV, 'warning',
                ))
            else:
                findings.append(Finding(
                    filename,
                    'env file, which holds local settings and secrets; do not commit it: '
                    'add it to .gitignore and commit a template such as .env.example',
                    RULE_ENV,
                ))
                continue
        try:
            findings.extend(_secret_findings(filename))
        except BadInput as e:
            errors.append(e)
    return findings, errors


def parser() -> argparse.ArgumentParser:
    from hooks.arguments import add_output_options
    from hooks.arguments import new_parser

    out = new_parser(
        prog='forbid-env-files',
        description='Refuse staged .env files; templates pass unless they hold a live credential.',
    )
    out.add_argument('filenames', nargs='*', help='files to check')
    out.add_argument(
        '--allow', action='append', default=[], metavar='GLOB',
        help='gitignore-style pattern of env files that may be committed, '
        'like templates (repeatable)',
    )
    add_output_options(out)
    return out


# what parser() leaves when only file names are given (tests/arguments_test.py)
DEFAULTS: dict[str, object] = {'allow': [], **OUTPUT_DEFAULTS}


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv, parser, paths='filenames', defaults=DEFAULTS)
    findings, errors = find_env_files(args.filenames, allow=args.allow)
    return report_for(args, findings, errors)


if __name__ == '__main__':
    raise SystemExit(main())
