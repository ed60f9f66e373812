"""Judging files by the tables in hooks.judge.risky: env files, credential files, secrets.

:func:`scan_secrets` streams a file (1 MiB reads, so a 60 MB bundle costs
little memory) and reports ``(line, kind)`` for each secret it sees. It never
keeps, returns or prints a secret's value: only where it is and what it is.
"""
from __future__ import annotations

import functools
import os
import posixpath
import re
from collections.abc import Iterator

from hooks.findings import BadInput
from hooks.judge import risky
from hooks.judge.sourcemap import is_stream_error

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import IO
    from typing import Literal
    from typing import NamedTuple

    EnvKind = Literal['env', 'template']
else:
    from hooks.records import NamedTuple

# patterns compiled when first used, kept for the run (a monorepo's thousands of
# glob patterns could push them out of re's own cache)
_pattern = functools.cache(re.compile)

READ_SIZE = 1 << 20
_KEEP = 16 * 1024      # bytes carried between reads: longest token, a key body
_KEY_WINDOW = 12 * 1024  # how far after a key header its body is looked for


def _body_window(data: bytes, at: int) -> bytes:
    """What follows a key header, up to the next header: a line of 300,000 headers
    costs one pass, not 300,000 windows of 12 kB."""
    window = data[at:at + _KEY_WINDOW]
    nxt = window.find(b'-----BEGIN ')
    return window if nxt < 0 else window[:nxt]



class SecretHit(NamedTuple):
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


class _Compiled:
    """The credential formats and key rules, compiled once on first use."""

    def __init__(self) -> None:
        import ahocorasick_rs

        from hooks.judge import credentials

        anchors: dict[bytes, list[int]] = {}
        # (kind, regex source, checks, back); each regex is compiled the first
        # time one of its anchors turns up (most runs meet few of the formats)
        self.formats: list[tuple[str, bytes, tuple[str, ...], int]] = []
        self.regexes: list[re.Pattern[bytes] | None] = []
        for i, (kind, words, pattern, checks) in enumerate(credentials.FORMATS):
            back = credentials.BACK.get(kind, 0)
            self.formats.append((kind, pattern.encode(), checks, back))
            self.regexes.append(None)
            for w in words:
                anchors.setdefault(w.encode(), []).append(i)
        # the AWS secret key names, the key headers: anchors of the fixed rules
        self.aws_names = [n.encode() for n in risky.AWS_SECRET_KEY_NAMES]
        for n in self.aws_names:
            anchors.setdefault(n, []).append(_AWS)
        anchors.setdefault(b'-----BEGIN ', []).append(_PEM)
        anchors.setdefault(b'PuTTY-User-Key-File-', []).append(_PUTTY)
        self.words = list(anchors)
        self.rules = [anchors[w] for w in self.words]
        self.automaton = ahocorasick_rs.BytesAhoCorasick(self.words)
        # the fixed rules' patterns, compiled (and kept in re's cache) when one is met
        self.aws_secret = (
            rb'''["\']?[ \t]*[:=][ \t]*["\']?([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+])'''
        )
        self.key_header = (
            b'-----BEGIN (?:' +
            b'|'.join(re.escape(label.encode()) for label in risky.PRIVATE_KEY_LABELS) +
            b')-----'
        )
        self.putty_header = risky.PUTTY_KEY_HEADER.encode()

    def regex(self, i: int) -> re.Pattern[bytes]:
        got = self.regexes[i]
        if got is None:
            got = self.regexes[i] = re.compile(self.formats[i][1])
        return got


_AWS, _PEM, _PUTTY = -1, -2, -3
_compiled: _Compiled | None = None


def _rules() -> _Compiled:
    global _compiled
    if _compiled is None:
        _compiled = _Compiled()
    return _compiled


# patterns of the rarer rules, compiled (and kept in re's cache) when first used
_KEY_END = rb'-----END |\Z'
_BASE64_LINE = rb'[A-Za-z0-9+/=]+'
_PEM_HEADER_LINE = rb'[A-Za-z][A-Za-z0-9-]*: '
_LINE_JUNK = b' \t\r\'"`+,;\\'
_NPMRC_AUTH = (
    rb'(?m)^[ \t]*(?:\S*:)?(?:' +
    b'|'.join(re.escape(k.encode()) for k in risky.NPMRC_AUTH_KEYS) +
    rb')[ \t]*=[ \t]*([^\r\n]*)'
)
_YARNRC_AUTH = (
    rb'(?m)^[ \t]*(?:' +
    b'|'.join(re.escape(k.encode()) for k in risky.YARNRC_AUTH_KEYS) +
    rb')[ \t]*:[ \t]*([^\r\n#]*)'
)


def _is_placeholder(token: bytes) -> bool:
    from hooks.judge.credentials import PLACEHOLDER_MAX_DISTINCT
    from hooks.judge.credentials import PLACEHOLDER_WORDS

    upper = token.upper()
    if any(w.encode() in upper for w in PLACEHOLDER_WORDS):
        return True
    return len(set(token[-16:])) <= PLACEHOLDER_MAX_DISTINCT


def _looks_random(value: bytes) -> bool:
    """Two of upper case, lower case and digits: a generated value, not a word."""
    classes = (
        any(0x41 <= c <= 0x5A for c in value),
        any(0x61 <= c <= 0x7A for c in value),
        any(0x30 <= c <= 0x39 for c in value),
    )
    return sum(classes) >= 2


def _real_db_url(m: re.Match[bytes]) -> bool:
    """A database URL whose password is not an example, to a host that is not
    local or an example one, unless the password is a generated one."""
    from hooks.judge import credentials as c

    password = m.group('v').decode('latin-1').lower()
    user = m.group('user').decode('latin-1').lower()
    host = m.group('host').decode('latin-1').lower().rstrip('.')
    if (
            len(password) < c.DB_PASSWORD_MIN or
            len(set(password)) < c.DB_PASSWORD_MIN_DISTINCT or
            password == user or
            any(p in password for p in c.DB_PLACEHOLDER_PARTS) or
            any(t in password for t in c.DB_TEMPLATE_MARKS)
    ):
        return False
    if len(password) >= c.DB_GENERATED_MIN and _looks_random(m.group('v')):
        return True
    return not (
        '.' not in host or host in c.DB_LOCAL_HOSTS or
        host.startswith(c.DB_PRIVATE_ADDRESSES) or
        host.endswith(c.DB_EXAMPLE_HOST_SUFFIXES) or
        any(p in host for p in c.DB_EXAMPLE_HOST_PARTS)
    )


def _near_azurite(m: re.Match[bytes]) -> bool:
    from hooks.judge.credentials import AZURITE_ACCOUNT
    from hooks.judge.credentials import AZURITE_WINDOW

    around = m.string[max(0, m.start() - AZURITE_WINDOW):m.end() + AZURITE_WINDOW]
    return AZURITE_ACCOUNT.encode() in around


def _format_hit(m: re.Match[bytes], checks: tuple[str, ...]) -> bool:
    value = m.group('v') if 'v' in m.re.groupindex and m.group('v') else m.group()
    if _is_placeholder(value):
        return False
    if 'random' in checks and not _looks_random(value):
        return False
    if 'not-azurite' in checks and _near_azurite(m):
        return False
    return not ('db-url' in checks and not _real_db_url(m))


def _real_key_body(window: bytes) -> bool:
    """True when a key header is followed by a real base64 body.

    The body may be on lines, on one line with ``\\n`` escapes (JSON, env
    values) or flattened with spaces (an env value); headers such as
    ``Proc-Type:`` and ``DEK-Info:`` are skipped.
    """
    text = window.replace(b'\\r', b'').replace(b'\\n', b'\n')
    end = _pattern(_KEY_END).search(text)
    assert end is not None  # \Z always matches
    body: list[bytes] = []
    for raw in text[:end.start()].split(b'\n'):
        line = raw.strip(_LINE_JUNK)
        if not line or re.match(_PEM_HEADER_LINE, line):
            continue  # blank, or Proc-Type: / DEK-Info: / Comment:
        words = [w.strip(_LINE_JUNK) for w in line.split()]
        if not all(re.fullmatch(_BASE64_LINE, w) for w in words if w):
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
    from hooks.judge.credentials import PLACEHOLDER_MAX_DISTINCT

    value = value.strip().strip(b'"\'').strip()
    if not value or value.startswith((b'$', b'<')):
        return False  # ${NPM_TOKEN}, <token>
    return len(set(value)) > PLACEHOLDER_MAX_DISTINCT


def _hits_in(data: bytes, begin: int, limit: int, base: str) -> Iterator[tuple[int, str]]:
    """(offset, kind) of each secret whose anchor starts in ``data[begin:limit]``.

    One Aho-Corasick pass finds every anchor of every format; a format's
    regex then runs only around its anchors (hooks.judge.credentials).
    """
    from hooks.judge.credentials import MAX_AHEAD

    rules = _rules()
    npmrc = base in risky.NPMRC_NAMES
    done: set[tuple[int, str]] = set()
    for index, start, end in rules.automaton.find_matches_as_indexes(data, overlapping=True):
        if start < begin or start >= limit:
            continue
        for rule in rules.rules[index]:
            if rule >= 0:
                kind, _, checks, back = rules.formats[rule]
                pattern = rules.regex(rule)
                if npmrc and kind == 'npm legacy token':
                    continue  # said as 'npm auth token in .npmrc'
                if back:  # the match starts at most `back` bytes before its anchor
                    for at in range(max(0, start - back), start + 1):
                        m = pattern.match(data, at, start + MAX_AHEAD)
                        if m is not None and m.end() > start:
                            break
                    else:
                        continue
                else:
                    m = pattern.match(data, start, start + MAX_AHEAD)
                    if m is None:
                        continue
                if (m.start(), kind) not in done and _format_hit(m, checks):
                    done.add((m.start(), kind))
                    yield m.start(), kind
            elif rule == _AWS:
                m = _pattern(rules.aws_secret).match(data, end)
                if m is not None and not _is_placeholder(m.group(1)):
                    yield start, 'AWS secret key'
            elif rule == _PEM:
                m = _pattern(rules.key_header).match(data, start)
                if m is not None and _real_key_body(_body_window(data, m.end())):
                    line_start = data.rfind(b'\n', 0, start) + 1
                    kind = (
                        'service-account private_key'
                        if b'"private_key"' in data[line_start:start]
                        else 'private key'
                    )
                    yield start, kind
            else:
                m = _pattern(rules.putty_header).match(data, start)
                if m is not None and _real_putty_body(data[m.end():m.end() + _KEY_WINDOW]):
                    yield start, 'private key'
    if npmrc:
        for m in _pattern(_NPMRC_AUTH).finditer(data, begin):
            if m.start() >= limit:
                break
            if _config_value_is_secret(m.group(1)):
                yield m.start(), 'npm auth token in .npmrc'
    elif base in risky.YARNRC_NAMES:
        for m in _pattern(_YARNRC_AUTH).finditer(data, begin):
            if m.start() >= limit:
                break
            if _config_value_is_secret(m.group(1)):
                yield m.start(), f'npm auth token in {base}'


def anchor_reach(data: bytes) -> list[tuple[int, int]]:
    """``(start, reach)`` of each anchor of any rule in ``data``, in order: how far
    after its start a secret it anchors may end (a key's body reaches furthest).
    Text without an anchor holds no secret (but .npmrc and .yarnrc.yml: see
    Scanner.reads_all)."""
    from hooks.judge.credentials import MAX_AHEAD

    rules = _rules()
    return [
        (start, _KEY_WINDOW + MAX_AHEAD if rules.rules[i][0] in (_PEM, _PUTTY) else 2 * MAX_AHEAD)
        for i, start, _e in rules.automaton.find_matches_as_indexes(data)
    ]


class Scanner:
    """A streamed secret scan: :meth:`feed` bytes in any pieces, then :meth:`finish`.

    Memory stays flat: what has been judged is dropped, but for the carried
    window (the longest token, a key body) and the reach back of a format.
    """

    def __init__(self, name: str, *, line: int = 1) -> None:
        self.base = posixpath.basename(name.replace('\\', '/')).lower()
        self.hits: list[SecretHit] = []
        self._seen: set[tuple[int, str]] = set()
        self._buf = bytearray()
        self._line = line   # line number at buf[0]
        self._begin = 0     # buf[:begin] was judged already (kept as context)

    @property
    def reads_all(self) -> bool:
        """Whether rules without anchors apply (.npmrc, .yarnrc.yml)."""
        return self.base in risky.NPMRC_NAMES or self.base in risky.YARNRC_NAMES

    def skip(self, lines: int) -> None:
        """Text that holds no anchor of any rule went by unread: it had ``lines``
        line breaks. What was fed before is judged now."""
        self._run(final=True)
        self._line += self._buf.count(b'\n', 0) + lines
        del self._buf[:]
        self._begin = 0

    def feed(self, data: bytes) -> None:
        self._buf += data
        if len(self._buf) - self._begin >= READ_SIZE + _KEEP:
            self._run(final=False)

    def finish(self) -> list[SecretHit]:
        self._run(final=True)
        return self.hits

    def _run(self, *, final: bool) -> None:
        from hooks.judge.credentials import MAX_BACK

        buf = self._buf
        limit = len(buf) if final else len(buf) - _KEEP
        if limit <= self._begin:
            return
        data = bytes(buf)
        found = sorted(_hits_in(data, self._begin, limit, self.base))
        counted, at_line = 0, self._line
        for offset, kind in found:
            at_line += data.count(b'\n', counted, offset)
            counted = offset
            if (at_line, kind) not in self._seen:
                self._seen.add((at_line, kind))
                self.hits.append(SecretHit(at_line, kind))
        if final:
            return
        cut = max(0, limit - MAX_BACK)
        self._line += data.count(b'\n', 0, cut)
        del buf[:cut]
        self._begin = limit - cut


def _scan(stream: IO[bytes], name: str) -> list[SecretHit]:
    scanner = Scanner(name)
    while True:
        data = stream.read(READ_SIZE)
        if not data:
            return scanner.finish()
        scanner.feed(data)


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
