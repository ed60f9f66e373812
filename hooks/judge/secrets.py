"""Judging files by the tables in hooks.judge.risky: env files, credential files, secrets.

:func:`scan_secrets` streams a file (1 MiB reads, so a 60 MB bundle costs
little memory) and reports ``(line, kind)`` for each secret it sees. It never
keeps, returns or prints a secret's value: only where it is and what it is.
"""
from __future__ import annotations

import os
import posixpath
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO
from typing import Literal

from hooks.findings import BadInput
from hooks.judge import risky
from hooks.judge.sourcemap import is_stream_error

READ_SIZE = 1 << 20
_KEEP = 16 * 1024      # bytes carried between reads: longest token, a key body
_KEY_WINDOW = 12 * 1024  # how far after a key header its body is looked for

EnvKind = Literal['env', 'template']


@dataclass(frozen=True)
class SecretHit:
    line: int
    kind: str


# -- names ----------------------------------------------------------------------


def env_file_kind(name: str) -> EnvKind | None:
    """'env' for `.env`, `.env.local`, `.env-prod`, `prod.env`, `.envrc`,
    `.envrc.local`; 'template' for `.env.example` and friends
    (hooks.judge.risky.ENV_TEMPLATE_WORDS); None for other files and encrypted ones."""
    base = posixpath.basename(name.replace('\\', '/')).lower()
    if base in risky.ENV_NOT_ENV_NAMES or base.endswith(risky.ENV_NOT_ENV_SUFFIXES):
        return None
    if base in risky.ENV_EXACT_NAMES:
        return 'env'
    if base.startswith(risky.ENV_PREFIXES):
        parts = set(re.split(r'[._-]', base[len('.env.'):]))
    elif base.startswith(risky.ENVRC_PREFIX):
        parts = set(base[len(risky.ENVRC_PREFIX):].split('.'))
    elif base.endswith(risky.ENV_SUFFIX) and len(base) > len(risky.ENV_SUFFIX):
        parts = set(re.split(r'[._-]', base[:-len(risky.ENV_SUFFIX)]))
    else:
        return None
    if parts & risky.ENV_ENCRYPTED_PARTS:
        return None
    return 'template' if parts & risky.ENV_TEMPLATE_WORDS else 'env'


def credential_file_kind(relpath: str) -> str | None:
    """What a credential file is, by its name alone; None for other files.

    A kind in hooks.judge.risky.CONFIRM_BY_CONTENT ('private key file': `*.pem`,
    `*.key`, `id_rsa`, ...) only counts when :func:`scan_secrets` also finds a
    'private key' in the file; a public certificate named `*.pem` is none.
    """
    rel = relpath.replace('\\', '/').lower().lstrip('/')
    rel = rel.removeprefix('./')
    base = posixpath.basename(rel)
    kind = risky.CREDENTIAL_NAMES.get(base)
    if kind is not None:
        return kind
    padded = '/' + rel
    for suffix, kind in risky.CREDENTIAL_PATH_SUFFIXES.items():
        if padded.endswith('/' + suffix) or f'/{suffix}/' in padded:
            return kind
    return risky.CREDENTIAL_EXTENSIONS.get(posixpath.splitext(base)[1])


# -- contents -----------------------------------------------------------------


def _compile_tokens() -> list[tuple[str, re.Pattern[bytes]]]:
    after = f'(?![{risky.TOKEN_CHARS}])'.encode()
    return [
        (kind, re.compile(pattern.encode() + after))
        for kind, pattern in risky.TOKEN_FORMATS
    ]


_TOKENS = _compile_tokens()
_TOKEN_CHAR = re.compile(f'[{risky.TOKEN_CHARS}]'.encode())
_KEY_HEADER = re.compile(
    b'-----BEGIN (?:' +
    b'|'.join(re.escape(label.encode()) for label in risky.PRIVATE_KEY_LABELS) +
    b')-----',
)
_PUTTY_HEADER = re.compile(risky.PUTTY_KEY_HEADER.encode())
_KEY_END = re.compile(rb'-----END |\Z')
_BASE64_LINE = re.compile(rb'[A-Za-z0-9+/=]+')
_PEM_HEADER_LINE = re.compile(rb'[A-Za-z][A-Za-z0-9-]*: ')
_LINE_JUNK = b' \t\r\'"`+,;\\'
_NPMRC_AUTH = re.compile(
    rb'(?m)^[ \t]*(?:\S*:)?(?:' +
    b'|'.join(re.escape(k.encode()) for k in risky.NPMRC_AUTH_KEYS) +
    rb')[ \t]*=[ \t]*([^\r\n]*)',
)
_YARNRC_AUTH = re.compile(
    rb'(?m)^[ \t]*(?:' +
    b'|'.join(re.escape(k.encode()) for k in risky.YARNRC_AUTH_KEYS) +
    rb')[ \t]*:[ \t]*([^\r\n#]*)',
)
_AWS_SECRETS = [
    re.compile(
        re.escape(key.encode()) +
        rb'["\']?[ \t]*[:=][ \t]*["\']?([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+])',
    )
    for key in risky.AWS_SECRET_KEY_NAMES
]


def _is_placeholder(token: bytes) -> bool:
    if any(s.encode() in token.upper() for s in risky.EXAMPLE_SUFFIXES):
        return True
    return len(set(token[-16:])) <= risky.PLACEHOLDER_MAX_DISTINCT


def _real_key_body(window: bytes) -> bool:
    """True when a key header is followed by a real base64 body.

    The body may be on lines, on one line with ``\\n`` escapes (JSON, env
    values) or flattened with spaces (an env value); headers such as
    ``Proc-Type:`` and ``DEK-Info:`` are skipped.
    """
    text = window.replace(b'\\r', b'').replace(b'\\n', b'\n')
    end = _KEY_END.search(text)
    assert end is not None  # \Z always matches
    body: list[bytes] = []
    for raw in text[:end.start()].split(b'\n'):
        line = raw.strip(_LINE_JUNK)
        if not line or _PEM_HEADER_LINE.match(line):
            continue  # blank, or Proc-Type: / DEK-Info: / Comment:
        words = [w.strip(_LINE_JUNK) for w in line.split()]
        if not all(_BASE64_LINE.fullmatch(w) for w in words if w):
            break
        body.extend(words)
    joined = b''.join(body)
    return (
        # PEM wraps at 64 and OpenSSH at 70: a body has long words, prose does not
        max(map(len, body), default=0) >= risky.PRIVATE_KEY_MIN_LINE and
        len(joined) >= risky.PRIVATE_KEY_MIN_BODY and
        len(set(joined)) >= risky.PRIVATE_KEY_MIN_DISTINCT
    )


def _real_putty_body(window: bytes) -> bool:
    at = window.find(b'Private-Lines:')
    return at >= 0 and _real_key_body(window[at:])


def _config_value_is_secret(value: bytes) -> bool:
    value = value.strip().strip(b'"\'').strip()
    if not value or value.startswith((b'$', b'<')):
        return False  # ${NPM_TOKEN}, <token>
    return len(set(value)) > risky.PLACEHOLDER_MAX_DISTINCT


def _hits_in(
        buf: bytes | bytearray, limit: int, prev: bytes, base: str,
) -> Iterator[tuple[int, str]]:
    """(offset, kind) of each secret starting before ``limit`` in ``buf``."""
    data = bytes(buf)
    for kind, pattern in _TOKENS:
        for m in pattern.finditer(data, 0, len(data)):
            if m.start() >= limit:
                break
            before = data[m.start() - 1:m.start()] if m.start() else prev
            if before and _TOKEN_CHAR.fullmatch(before):
                continue
            if not _is_placeholder(m.group()):
                yield m.start(), kind
    for pattern in _AWS_SECRETS:
        for m in pattern.finditer(data):
            if m.start() >= limit:
                break
            if not _is_placeholder(m.group(1)):
                yield m.start(), 'AWS secret key'
    for m in _KEY_HEADER.finditer(data):
        if m.start() >= limit:
            break
        if _real_key_body(data[m.end():m.end() + _KEY_WINDOW]):
            line_start = data.rfind(b'\n', 0, m.start()) + 1
            kind = (
                'service-account private_key'
                if b'"private_key"' in data[line_start:m.start()]
                else 'private key'
            )
            yield m.start(), kind
    for m in _PUTTY_HEADER.finditer(data):
        if m.start() >= limit:
            break
        if _real_putty_body(data[m.end():m.end() + _KEY_WINDOW]):
            yield m.start(), 'private key'
    if base in risky.NPMRC_NAMES:
        for m in _NPMRC_AUTH.finditer(data):
            if m.start() >= limit:
                break
            if _config_value_is_secret(m.group(1)):
                yield m.start(), 'npm auth token in .npmrc'
    elif base in risky.YARNRC_NAMES:
        for m in _YARNRC_AUTH.finditer(data):
            if m.start() >= limit:
                break
            if _config_value_is_secret(m.group(1)):
                yield m.start(), f'npm auth token in {base}'


def _scan(stream: IO[bytes], name: str) -> list[SecretHit]:
    base = posixpath.basename(name.replace('\\', '/')).lower()
    hits: list[SecretHit] = []
    seen: set[tuple[int, str]] = set()
    buf = bytearray()
    line = 1        # line number at buf[0]
    prev = b''      # the byte before buf[0]
    while True:
        data = stream.read(READ_SIZE)
        buf.extend(data)
        eof = not data
        limit = len(buf) if eof else len(buf) - _KEEP
        if limit > 0:
            found = sorted(_hits_in(buf, limit, prev, base))
            counted, at_line = 0, line
            for offset, kind in found:
                at_line += buf.count(b'\n', counted, offset)
                counted = offset
                if (at_line, kind) not in seen:
                    seen.add((at_line, kind))
                    hits.append(SecretHit(at_line, kind))
            line += buf.count(b'\n', 0, limit)
            prev = bytes(buf[limit - 1:limit])
            del buf[:limit]
        if eof:
            return hits


def scan_secrets(
        path_or_stream: str | os.PathLike[str] | IO[bytes], name: str,
) -> list[SecretHit]:
    """``(line, kind)`` of every secret in a file, streamed; never the value.

    ``name`` is the file's path as reported (it also selects the .npmrc and
    .yarnrc.yml rules). A path that cannot be read raises BadInput.
    """
    if isinstance(path_or_stream, (str, os.PathLike)):
        try:
            with open(path_or_stream, 'rb') as f:
                return _scan(f, name)
        except OSError as e:
            raise BadInput(name, f'cannot read: {e.strerror or e}') from None
    try:
        return _scan(path_or_stream, name)
    except Exception as e:
        if is_stream_error(e):
            strerror = getattr(e, 'strerror', None)
            raise BadInput(name, f'cannot read: {strerror or e}') from None
        raise
