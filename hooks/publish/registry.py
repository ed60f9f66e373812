"""Fetching a published version of a package, from its registry as npm would reach it.

The registry and its credentials come from npm's own configuration, read the
way npm 11 reads it (@npmcli/config, npm-registry-fetch): ``npm_config_*``
environment variables, then the project ``.npmrc`` (at npm's local prefix:
the nearest folder with a package.json or node_modules, or the workspace root
that lists it), then the user ``.npmrc`` (``npm_config_userconfig``, else
``~/.npmrc``), then the global one. ``@scope:registry=`` picks a scope's
registry and ``publishConfig.registry`` wins for the package itself; auth is
``//host/path/:_authToken`` (or ``:_auth``, or ``:username`` with
``:_password``), matched on the longest path of the request URL, as npm does,
with ``${ENV}`` expanded. A credential is sent only to the URL it was
configured for (never on a redirect to another host) and never printed.

Packuments and tarballs are fetched with urllib and streamed into
``${XDG_CACHE_HOME:-~/.cache}/packguard/registry``; a tarball is checked
against the packument's ``integrity`` and kept (published versions never
change). Every request has a socket timeout and an overall deadline.
There is no network on pre-commit.ci (``PRE_COMMIT_CI``) nor with
``npm_config_offline``: :class:`RegistryUnavailable` says so, without trying.
"""
from __future__ import annotations

import base64
import hashlib
import http.client
import json
import os
import re
import socket
import ssl
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from collections.abc import Mapping
from dataclasses import dataclass
from dataclasses import field
from typing import IO
from typing import Any

DEFAULT_REGISTRY = 'https://registry.npmjs.org/'
# what pacote asks for: the abbreviated ("corgi") packument, else the full one
ACCEPT_PACKUMENT = 'application/vnd.npm.install-v1+json; q=1.0, application/json; q=0.8, */*'
SOCKET_TIMEOUT = 20.0        # seconds without a byte before a request fails
PACKUMENT_DEADLINE = 60.0    # seconds for a whole packument
TARBALL_DEADLINE = 600.0     # seconds for a whole tarball
MAX_PACKUMENT = 128 * 1024 * 1024
MAX_TARBALL = 2 * 1024 * 1024 * 1024
CHUNK = 1 << 16
USER_AGENT = 'packguard (npm registry client; python urllib)'

_ENV_EXPR = re.compile(r'(?<!\\)(\\*)\$\{([^${}?]+)(\?)?\}')
_NAME = re.compile(r'(?:@[a-z0-9][a-z0-9._~-]*/)?[a-z0-9._~-][a-z0-9._~-]*', re.IGNORECASE)


class RegistryUnavailable(Exception):
    """The registry could not be asked (offline, unreachable, refused); the
    message names the registry (never a credential) and the reason."""


class NotPublished(Exception):
    """The registry answered: no such package, or no such version."""


# -- npm configuration ----------------------------------------------------------------


def env_replace(text: str, env: Mapping[str, str]) -> str:
    """npm's ``${VAR}`` expansion (``${VAR?}`` is empty when unset; ``\\${VAR}`` is literal)."""
    def one(m: re.Match[str]) -> str:
        esc, name, optional = m.group(1), m.group(2), m.group(3)
        if len(esc) % 2:
            return m.group(0)[(len(esc) + 1) // 2:]
        fallback = '' if optional else '${' + name + '}'
        return esc[len(esc) // 2:] + env.get(name, fallback)

    return _ENV_EXPR.sub(one, text)


def _ini_value(raw: str) -> str:
    """The ``ini`` package's ``unsafe``: quoted values are JSON, others end at ``;`` or ``#``."""
    val = raw.strip()
    if len(val) >= 2 and val[0] == val[-1] and val[0] in '"\'':
        inner = val[1:-1] if val[0] == "'" else val
        try:
            loaded = json.loads(inner)
        except ValueError:
            return inner
        return loaded if isinstance(loaded, str) else inner
    out: list[str] = []
    esc = False
    for c in val:
        if esc:
            out.append(c if c in '\\;#' else '\\' + c)
            esc = False
        elif c in ';#':
            break
        elif c == '\\':
            esc = True
        else:
            out.append(c)
    if esc:
        out.append('\\')
    return ''.join(out).strip()


def parse_npmrc(text: str, env: Mapping[str, str]) -> dict[str, str]:
    """The top-level ``key=value`` pairs of an .npmrc (sections are not npm settings)."""
    out: dict[str, str] = {}
    for line in re.split(r'[\r\n]+', text):
        stripped = line.strip()
        if not stripped or stripped[0] in ';#':
            continue
        if re.fullmatch(r'\[[^\]]*\]\s*', line):
            break  # npm reads no setting from a section
        key, eq, value = line.partition('=')
        key = _ini_value(key)
        if not key or key == '__proto__':
            continue
        out[env_replace(key, env)] = env_replace(_ini_value(value), env) if eq else 'true'
    return out


def _read_npmrc(path: str, env: Mapping[str, str]) -> dict[str, str]:
    try:
        with open(path, 'rb') as f:
            raw = f.read(1024 * 1024)
    except OSError:
        return {}
    return parse_npmrc(raw.decode('utf-8', 'replace'), env)


def _walk_up(start: str) -> Iterator[str]:
    here = os.path.abspath(start)
    for _ in range(256):
        yield here
        parent = os.path.dirname(here)
        if parent == here:
            return
        here = parent


def local_prefix(start: str) -> str:
    """npm's local prefix seen from ``start``: the nearest folder with a package.json
    or node_modules, or above it the workspace root whose workspaces list it."""
    from hooks.publish.workspaces import picks_workspace

    found: str | None = None
    for here in _walk_up(start):
        has_manifest = os.path.isfile(os.path.join(here, 'package.json'))
        if found is None:
            if has_manifest or os.path.isdir(os.path.join(here, 'node_modules')):
                found = here
            continue
        if not has_manifest:
            continue
        try:
            with open(os.path.join(here, 'package.json'), 'rb') as f:
                manifest = json.loads(f.read(4 * 1024 * 1024))
        except (OSError, ValueError):
            continue
        ws = manifest.get('workspaces') if isinstance(manifest, dict) else None
        if isinstance(ws, dict):
            ws = ws.get('packages')
        if not isinstance(ws, list) or not all(isinstance(w, str) for w in ws):
            continue
        rel = os.path.relpath(found, here).replace(os.sep, '/')
        if picks_workspace(ws, rel):
            return here
    return found if found is not None else os.path.abspath(start)


@dataclass
class NpmConfig:
    """npm's merged settings (env over project over user over global)."""
    values: dict[str, str] = field(default_factory=dict)
    sources: tuple[str, ...] = ()

    def get(self, key: str) -> str | None:
        return self.values.get(key)

    def registry(self, name: str | None = None, manifest: Mapping[str, Any] | None = None) -> str:
        """The registry ``npm publish`` would use for package ``name``."""
        publish = (manifest or {}).get('publishConfig')
        if isinstance(publish, dict) and isinstance(publish.get('registry'), str):
            return _with_slash(publish['registry'])
        if name and name.startswith('@') and '/' in name:
            scoped = self.values.get(name.split('/', 1)[0] + ':registry')
            if scoped:
                return _with_slash(scoped)
        return _with_slash(self.values.get('registry') or DEFAULT_REGISTRY)

    def authorization(self, url: str, registry: str | None = None) -> str | None:
        """The Authorization header npm would send to ``url`` (npm-registry-fetch's
        regFromURI: the longest ``//host/path`` key with auth; else, for a URL on the
        host of ``registry``, the registry's own), or None."""
        found = self._auth_for(url)
        if found is None and registry and url != registry and (
                urllib.parse.urlsplit(url).netloc == urllib.parse.urlsplit(registry).netloc):
            return self._auth_for(registry)
        return found

    def _auth_for(self, url: str) -> str | None:
        parsed = urllib.parse.urlsplit(url)
        key = f'//{parsed.netloc.rpartition("@")[2]}{parsed.path}'
        while len(key) > 2:
            token = self.values.get(f'{key}:_authToken')
            if token:
                return f'Bearer {token}'
            auth = self.values.get(f'{key}:_auth')
            if auth:
                return f'Basic {auth}'
            user = self.values.get(f'{key}:username')
            password = self.values.get(f'{key}:_password')
            if user and password:
                try:
                    plain = base64.b64decode(password).decode('utf-8')
                except ValueError:
                    plain = password
                pair = base64.b64encode(f'{user}:{plain}'.encode()).decode()
                return f'Basic {pair}'
            key = re.sub(r'([^/]+|/)$', '', key)
        return None


def _with_slash(url: str) -> str:
    return url if url.endswith('/') else url + '/'


def npm_config(start: str = '.', env: Mapping[str, str] | None = None) -> NpmConfig:
    """npm's settings as seen from folder ``start``."""
    env = dict(os.environ if env is None else env)
    from_env: dict[str, str] = {}
    for k, v in env.items():
        if not re.match(r'npm_config_', k, re.IGNORECASE) or v == '':
            continue
        key = k[len('npm_config_'):]
        if not key.startswith('//'):
            key = (key[:1] + key[1:].replace('_', '-')).lower()
        from_env[key] = v
    home = env.get('HOME') or os.path.expanduser('~')
    user = from_env.get('userconfig') or os.path.join(home, '.npmrc')
    user = os.path.join(home, user[2:]) if user.startswith('~/') else user
    project = os.path.join(local_prefix(start), '.npmrc')
    layers: list[tuple[str, dict[str, str]]] = []
    globalconfig = from_env.get('globalconfig')
    if globalconfig:
        layers.append((globalconfig, _read_npmrc(globalconfig, env)))
    layers.append((user, _read_npmrc(user, env)))
    if os.path.abspath(project) != os.path.abspath(user):
        layers.append((project, _read_npmrc(project, env)))
    layers.append(('environment', from_env))
    merged: dict[str, str] = {}
    for _, values in layers:
        merged.update(values)
    return NpmConfig(merged, tuple(src for src, values in layers if values))


def offline_reason(env: Mapping[str, str] | None = None) -> str | None:
    """Why no request may be made here (pre-commit.ci has no network), or None."""
    env = os.environ if env is None else env
    if env.get('PRE_COMMIT_CI'):
        return 'pre-commit.ci runs hooks without network'
    lowered = {k.lower(): v for k, v in env.items()}
    if lowered.get('npm_config_offline', '').lower() in ('true', '1'):
        return 'npm is set offline (npm_config_offline)'
    return None


# -- requests ---------------------------------------------------------------------------


def shown_url(url: str) -> str:
    """A URL safe to print: no user or password."""
    parts = urllib.parse.urlsplit(url)
    netloc = parts.netloc.rpartition('@')[2]
    return urllib.parse.urlunsplit((parts.scheme, netloc, parts.path, '', ''))


class _Redirects(urllib.request.HTTPRedirectHandler):
    """Redirects carry the credential of the new URL (npm's rule), never the old one."""

    def __init__(self, config: NpmConfig) -> None:
        super().__init__()
        self.config = config

    def redirect_request(self, req: Any, fp: Any, code: int, msg: str, headers: Any,
                         newurl: str) -> urllib.request.Request | None:
        if urllib.parse.urlsplit(newurl).scheme not in ('http', 'https'):
            raise urllib.error.HTTPError(newurl, code, 'redirect to a non-http URL', headers, fp)
        new = super().redirect_request(req, fp, code, msg, headers, newurl)
        if new is not None:
            new.remove_header('Authorization')
            auth = self.config.authorization(newurl)
            if auth:
                new.add_unredirected_header('Authorization', auth)
        return new


def _opener(config: NpmConfig) -> urllib.request.OpenerDirector:
    handlers: list[Any] = [_Redirects(config)]
    proxy = config.get('https-proxy') or config.get('proxy')
    if proxy:
        handlers.append(urllib.request.ProxyHandler({'https': proxy, 'http': proxy}))
    context = ssl.create_default_context()
    cafile = config.get('cafile')
    if cafile:
        try:
            context.load_verify_locations(cafile)
        except (OSError, ssl.SSLError):
            pass
    if (config.get('strict-ssl') or '').lower() == 'false':
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
    handlers.append(urllib.request.HTTPSHandler(context=context))
    return urllib.request.build_opener(*handlers)


def _open(url: str, config: NpmConfig, accept: str, registry: str | None = None) -> IO[bytes]:
    reason = offline_reason()
    if reason is not None:
        raise RegistryUnavailable(reason)
    if urllib.parse.urlsplit(url).scheme not in ('http', 'https'):
        raise RegistryUnavailable(f'{shown_url(url)} is not an http(s) URL')
    parts = urllib.parse.urlsplit(url)
    userinfo, at, host = parts.netloc.rpartition('@')
    auth = config.authorization(url, registry)
    if at:  # https://user:pass@host/: basic auth, as npm's fetch takes it from the URL
        url = urllib.parse.urlunsplit((parts.scheme, host, parts.path, parts.query, ''))
        if auth is None:
            user, _, password = userinfo.partition(':')
            pair = f'{urllib.parse.unquote(user)}:{urllib.parse.unquote(password)}'
            auth = 'Basic ' + base64.b64encode(pair.encode()).decode()
    req = urllib.request.Request(url, headers={'Accept': accept, 'User-Agent': USER_AGENT})
    if auth:
        req.add_unredirected_header('Authorization', auth)
    where = shown_url(url)
    try:
        resp: IO[bytes] = _opener(config).open(req, timeout=SOCKET_TIMEOUT)
    except urllib.error.HTTPError as e:
        e.close()
        if e.code == 404:
            raise NotPublished(where) from None
        if e.code in (401, 403):
            raise RegistryUnavailable(
                f'{where} refused the request (HTTP {e.code}); log in with npm login or set '
                f'an _authToken for it in .npmrc') from None
        raise RegistryUnavailable(f'{where} answered HTTP {e.code}') from None
    except urllib.error.URLError as e:
        raise RegistryUnavailable(f'cannot reach {where} ({_reason(e.reason)})') from None
    except TimeoutError:
        raise RegistryUnavailable(f'cannot reach {where} (timed out)') from None
    except (OSError, ValueError, http.client.HTTPException) as e:
        raise RegistryUnavailable(f'cannot reach {where} ({_reason(e)})') from None
    return resp


def _reason(e: object) -> str:
    if isinstance(e, socket.gaierror):
        return 'name not resolved'
    if isinstance(e, TimeoutError):
        return 'timed out'
    if isinstance(e, ConnectionRefusedError):
        return 'connection refused'
    if isinstance(e, ssl.SSLError):
        return f'TLS: {e.reason or e}'
    if isinstance(e, OSError) and e.strerror:
        return e.strerror
    return str(e) or type(e).__name__


def _stream_to(resp: IO[bytes], out: IO[bytes], where: str, limit: int, deadline: float,
               digests: list[Any]) -> int:
    total = 0
    start = time.monotonic()
    try:
        while True:
            chunk = resp.read(CHUNK)
            if not chunk:
                return total
            total += len(chunk)
            if total > limit:
                raise RegistryUnavailable(f'{where} is larger than {limit // (1024 * 1024)} MiB')
            if time.monotonic() - start > deadline:
                raise RegistryUnavailable(f'{where} took longer than {deadline:.0f} s')
            for d in digests:
                d.update(chunk)
            out.write(chunk)
    except TimeoutError:
        raise RegistryUnavailable(f'{where} stalled (timed out)') from None
    except (OSError, ValueError, http.client.HTTPException) as e:
        raise RegistryUnavailable(f'{where} broke off ({_reason(e)})') from None
    finally:
        resp.close()


def cache_root(env: Mapping[str, str] | None = None) -> str:
    env = os.environ if env is None else env
    base = env.get('XDG_CACHE_HOME') or os.path.join(os.path.expanduser('~'), '.cache')
    return os.path.join(base, 'packguard', 'registry')


def _escaped(name: str) -> str:
    """npm-package-arg's escapedName: ``@scope%2fname``."""
    return name.replace('/', '%2f')


def packument_url(registry: str, name: str) -> str:
    return _with_slash(registry) + _escaped(name)


def fetch_packument(name: str, config: NpmConfig, registry: str) -> dict[str, Any]:
    """The package's packument (abbreviated where the registry offers it), streamed
    into the cache and read from there."""
    if not _NAME.fullmatch(name):
        raise NotPublished(f'{name!r} is not an npm package name')
    url = packument_url(registry, name)
    where = shown_url(url)
    resp = _open(url, config, ACCEPT_PACKUMENT)
    folder = os.path.join(cache_root(), 'packuments')
    os.makedirs(folder, exist_ok=True)
    target = os.path.join(folder, hashlib.sha256(where.encode()).hexdigest()[:32] + '.json')
    with tempfile.NamedTemporaryFile('wb', dir=folder, delete=False) as tmp:
        try:
            _stream_to(resp, tmp, where, MAX_PACKUMENT, PACKUMENT_DEADLINE, [])
        except BaseException:
            tmp.close()
            os.unlink(tmp.name)
            raise
    os.replace(tmp.name, target)
    try:
        with open(target, 'rb') as f:
            data = json.load(f)
    except ValueError:
        raise RegistryUnavailable(f'{where} answered with something other than JSON') from None
    if not isinstance(data, dict) or not isinstance(data.get('versions', {}), dict):
        raise RegistryUnavailable(f'{where} answered with something other than a packument')
    return data


def _integrity(dist: Mapping[str, Any]) -> tuple[str, str] | None:
    """(hashlib name, expected base64 digest) from ``dist.integrity``, else ``dist.shasum``."""
    integrity = dist.get('integrity')
    if isinstance(integrity, str):
        for item in integrity.split():
            algo, _, digest = item.partition('-')
            if algo in ('sha512', 'sha384', 'sha256') and digest:
                return algo, digest.split('?')[0]
    shasum = dist.get('shasum')
    if isinstance(shasum, str) and re.fullmatch(r'[0-9a-fA-F]{40}', shasum):
        return 'sha1', base64.b64encode(bytes.fromhex(shasum)).decode()
    return None


def fetch_tarball(name: str, version: str, dist: Mapping[str, Any], config: NpmConfig,
                  registry: str | None = None) -> str:
    """The tarball of ``name@version`` in the cache (downloaded once, integrity checked);
    ``registry`` lends its credential to a tarball URL on its host, as in npm."""
    url = dist.get('tarball')
    if not isinstance(url, str) or not url:
        raise RegistryUnavailable(f'the packument of {name}@{version} names no tarball')
    check = _integrity(dist)
    key = (check[1] if check else url).encode()
    stem = re.sub(r'[^A-Za-z0-9._-]', '-', f'{name.lstrip("@")}-{version}')[:120]
    folder = os.path.join(cache_root(), 'tarballs')
    target = os.path.join(folder, f'{stem}-{hashlib.sha256(key).hexdigest()[:16]}.tgz')
    if os.path.isfile(target):
        return target
    os.makedirs(folder, exist_ok=True)
    where = shown_url(url)
    resp = _open(url, config, '*/*', registry)
    digest = hashlib.new(check[0]) if check else None
    with tempfile.NamedTemporaryFile('wb', dir=folder, delete=False) as tmp:
        try:
            _stream_to(resp, tmp, where, MAX_TARBALL, TARBALL_DEADLINE,
                       [digest] if digest is not None else [])
        except BaseException:
            tmp.close()
            os.unlink(tmp.name)
            raise
    if check is not None and digest is not None:
        got = base64.b64encode(digest.digest()).decode()
        if got != check[1]:
            os.unlink(tmp.name)
            raise RegistryUnavailable(
                f'{where} does not match the integrity the registry published for it')
    os.replace(tmp.name, target)
    return target


# -- versions ---------------------------------------------------------------------------

_SEMVER = re.compile(
    r'v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)'
    r'(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?'
    r'(?:\+[0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*)?',
)


def semver_key(version: str) -> tuple[Any, ...] | None:
    """A sort key with semver precedence (a prerelease sorts below its release); None if invalid."""
    m = _SEMVER.fullmatch(version.strip())
    if not m:
        return None
    pre = m.group(4)
    core = (int(m.group(1)), int(m.group(2)), int(m.group(3)))
    if pre is None:
        return (*core, 1, ())
    ids = tuple((0, int(p), '') if p.isdigit() else (1, 0, p) for p in pre.split('.'))
    return (*core, 0, ids)


def previous_version(packument: Mapping[str, Any], version: str | None) -> str | None:
    """The highest published version below ``version``, else the ``latest`` tag; None when
    nothing is published."""
    versions = packument.get('versions')
    names = [v for v in versions if isinstance(v, str)] if isinstance(versions, dict) else []
    current = semver_key(version) if version else None
    if current is not None:
        below = [(k, v) for v in names if (k := semver_key(v)) is not None and k < current]
        if below:
            return max(below)[1]
    tags = packument.get('dist-tags')
    latest = tags.get('latest') if isinstance(tags, dict) else None
    if isinstance(latest, str) and latest in names and latest != version:
        return latest
    return None


def split_spec(spec: str) -> tuple[str, str]:
    """``name@version`` / ``@scope/name@tag`` / ``name`` -> (name, version or tag)."""
    at = spec.rfind('@')
    if at > 0:
        name, wanted = spec[:at], spec[at + 1:]
    else:
        name, wanted = spec, 'latest'
    if not _NAME.fullmatch(name) or not wanted:
        raise ValueError(f'{spec!r} is not a tarball, "published" or name@version')
    return name, wanted


def resolve(packument: Mapping[str, Any], wanted: str) -> str | None:
    """An exact version or a dist-tag of the packument; None when it has neither."""
    versions = packument.get('versions')
    if isinstance(versions, dict) and wanted in versions:
        return wanted
    tags = packument.get('dist-tags')
    tagged = tags.get(wanted) if isinstance(tags, dict) else None
    if isinstance(tagged, str) and isinstance(versions, dict) and tagged in versions:
        return tagged
    return None


def dist_of(packument: Mapping[str, Any], version: str) -> dict[str, Any]:
    versions = packument.get('versions')
    entry = versions.get(version) if isinstance(versions, dict) else None
    dist = entry.get('dist') if isinstance(entry, dict) else None
    return dist if isinstance(dist, dict) else {}
