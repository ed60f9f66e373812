"""A local npm registry for tests: packuments and tarballs served over HTTP on 127.0.0.1.

It answers what the tests put in it (404 for anything else) and records each
request's path and Authorization header, so a test can assert which
credential went where.
"""
from __future__ import annotations

import base64
import hashlib
import io
import json
import tarfile
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from http.server import ThreadingHTTPServer

import pytest


def make_tarball(files: dict[str, str | bytes]) -> bytes:
    """A gzipped npm tarball (``package/`` prefix) of ``{path: content}``."""
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode='w:gz') as tf:
        for path, content in files.items():
            data = content.encode() if isinstance(content, str) else content
            info = tarfile.TarInfo('package/' + path)
            info.size = len(data)
            info.mode = 0o644
            tf.addfile(info, io.BytesIO(data))
    return out.getvalue()


def integrity(data: bytes) -> str:
    return 'sha512-' + base64.b64encode(hashlib.sha512(data).digest()).decode()


class FakeRegistry:
    def __init__(self) -> None:
        self.routes: dict[str, tuple[int, bytes, dict[str, str]]] = {}
        self.requests: list[tuple[str, str | None]] = []
        registry = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                registry.requests.append((self.path, self.headers.get('Authorization')))
                status, body, headers = registry.routes.get(self.path, (404, b'{}', {}))
                self.send_response(status)
                for k, v in headers.items():
                    self.send_header(k, v)
                self.send_header('Content-Length', str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(('127.0.0.1', 0), Handler)
        self.url = f'http://127.0.0.1:{self.server.server_address[1]}/'
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def publish(self, name: str, versions: dict[str, dict[str, str | bytes]],
                latest: str | None = None) -> dict[str, bytes]:
        """Serve ``name`` with ``{version: files}``; the tarballs by version."""
        escaped = name.replace('/', '%2f')
        packument: dict[str, object] = {'name': name, 'versions': {}}
        tarballs = {}
        for version, files in versions.items():
            files = {'package.json': json.dumps({'name': name, 'version': version}), **files}
            data = make_tarball(files)
            tarballs[version] = data
            path = f'/{escaped}/-/{name.split("/")[-1]}-{version}.tgz'
            self.routes[path] = (200, data, {'Content-Type': 'application/octet-stream'})
            packument['versions'][version] = {  # type: ignore[index]
                'name': name, 'version': version,
                'dist': {'tarball': self.url.rstrip('/') + path, 'integrity': integrity(data)},
            }
        packument['dist-tags'] = {'latest': latest or list(versions)[-1]}
        self.routes[f'/{escaped}'] = (
            200, json.dumps(packument).encode(), {'Content-Type': 'application/json'})
        return tarballs

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture(name='fake_registry')
def fake_registry_fixture(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
                  ) -> Iterator[FakeRegistry]:
    """A local registry as npm_config_registry, with a fresh cache and an empty home."""
    reg = FakeRegistry()
    home = tmp_path_factory.mktemp('home')
    monkeypatch.setenv('npm_config_registry', reg.url)
    monkeypatch.setenv('HOME', str(home))
    monkeypatch.setenv('XDG_CACHE_HOME', str(home / '.cache'))
    monkeypatch.delenv('PRE_COMMIT_CI', raising=False)
    for key in ('npm_config_userconfig', 'NPM_CONFIG_USERCONFIG', 'npm_config_offline',
                'NPM_CONFIG_OFFLINE', 'NPM_CONFIG_REGISTRY'):
        monkeypatch.delenv(key, raising=False)
    try:
        yield reg
    finally:
        reg.close()
