from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path

import pytest

from hooks.publish import registry
from hooks.publish.registry import NotPublished
from hooks.publish.registry import RegistryUnavailable
from hooks.publish.registry import npm_config
from hooks.publish.registry import parse_npmrc
from hooks.publish.registry import previous_version
from hooks.publish.registry import split_spec
from tests.conftest import write_tree
from tests.fake_registry import FakeRegistry
from tests.fake_registry import fake_registry_fixture  # noqa: F401 (a fixture)

TOKEN = 'npm_' + 'Zz9Yy8Xx7Ww6Vv5Uu4Tt3Ss2Rr1Qq0Pp9Oo8'  # made up


@pytest.mark.parametrize(
    ('text', 'expected'),
    [
        pytest.param('registry=https://r.example/\n', {'registry': 'https://r.example/'},
                     id='plain'),
        pytest.param('; comment\n# comment\n  registry = https://r.example/ ; trailing\n',
                     {'registry': 'https://r.example/'}, id='comments'),
        pytest.param('//r.example/:_authToken=${TOK}\n', {'//r.example/:_authToken': 'secret'},
                     id='env-expanded'),
        pytest.param('a=${UNSET}\nb=${UNSET?}\n', {'a': '${UNSET}', 'b': ''},
                     id='unset-kept-optional-empty'),
        pytest.param('a=\\${TOK}\n', {'a': '${TOK}'}, id='escaped-dollar-is-literal'),
        pytest.param('a="quoted ; value"\nb=\'single\'\n', {'a': 'quoted ; value', 'b': 'single'},
                     id='quoted'),
        pytest.param('always-auth\n', {'always-auth': 'true'}, id='bare-key-is-true'),
        pytest.param('a=1\n[section]\nb=2\n', {'a': '1'}, id='sections-are-not-settings'),
        pytest.param('a=x\\#y\n', {'a': 'x#y'}, id='escaped-hash'),
    ],
)
def test_parse_npmrc(text, expected):
    assert parse_npmrc(text, {'TOK': 'secret'}) == expected


def _env(home: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.lower().startswith('npm_config_')}
    env.update(HOME=str(home), NPM_CONFIG_UPDATE_NOTIFIER='false', **extra)
    return env


def _npm_publishes_to(cwd: Path, env: dict[str, str]) -> str:
    """The registry `npm publish --dry-run` says it publishes to (nothing is uploaded;
    the registries are closed local ports, so npm's login check fails at once)."""
    proc = subprocess.run(
        ('npm', 'publish', '--dry-run', '--ignore-scripts', '--fetch-retries=0'), cwd=cwd, env=env,
        capture_output=True, text=True, check=True,
    )
    m = re.search(r'Publishing to (\S+) with tag', proc.stderr + proc.stdout)
    assert m is not None, proc.stderr
    return m.group(1).rstrip('/')


@pytest.mark.parametrize(
    ('files', 'extra_env', 'where'),
    [
        pytest.param({'home/.npmrc': 'registry=http://127.0.0.1:9/user/\n'}, {}, 'repo',
                     id='user'),
        pytest.param({'home/.npmrc': 'registry=http://127.0.0.1:9/user/\n',
                      'repo/.npmrc': 'registry=http://127.0.0.1:9/project/npm/\n'}, {}, 'repo',
                     id='project-over-user'),
        pytest.param({'repo/.npmrc': 'registry=http://127.0.0.1:9/project/\n'},
                     {'npm_config_registry': 'http://127.0.0.1:9/env/'}, 'repo',
                     id='env-over-project'),
        pytest.param({'repo/.npmrc': 'registry=http://127.0.0.1:9/root/\n',
                      'repo/package.json': '{"workspaces": ["packages/*"]}',
                      'repo/packages/a/.npmrc': 'registry=http://127.0.0.1:9/ignored/\n'},
                     {}, 'repo/packages/a', id='workspace-root-npmrc'),
        pytest.param({'repo/.npmrc': 'registry=http://127.0.0.1:9/outer/\n',
                      'repo/packages/a/.npmrc': 'registry=http://127.0.0.1:9/inner/\n'},
                     {}, 'repo/packages/a', id='not-a-workspace-reads-its-own'),
        pytest.param({'repo/.npmrc': 'registry=${REG_URL}\n'},
                     {'REG_URL': 'http://127.0.0.1:9/expanded/'}, 'repo', id='expanded'),
        pytest.param({'home/custom.npmrc': 'registry=http://127.0.0.1:9/custom/\n'},
                     {'NPM_CONFIG_USERCONFIG': '{home}/custom.npmrc'}, 'repo',
                     id='userconfig-env'),
        pytest.param({'repo/.npmrc': '@acme:registry=http://127.0.0.1:9/acme/npm\n'
                                     'registry=http://127.0.0.1:9/r/\n'},
                     {}, 'repo/scoped', id='scoped'),
        pytest.param({'repo/.npmrc': '@acme:registry=http://127.0.0.1:9/acme/npm\n'},
                     {}, 'repo/publish-config', id='publish-config-wins'),
    ],
)
def test_registry_is_where_npm_publish_goes(tmp_path, files, extra_env, where):
    """Oracle: the real npm 11 (`npm publish --dry-run` says where it would publish)."""
    write_tree(tmp_path, {
        'repo/package.json': '{"name": "r", "version": "1.0.0"}',
        'repo/packages/a/package.json': '{"name": "a", "version": "1.0.0"}',
        'repo/scoped/package.json': '{"name": "@acme/s", "version": "1.0.0"}',
        'repo/publish-config/package.json': json.dumps({
            'name': '@acme/p', 'version': '1.0.0',
            'publishConfig': {'registry': 'http://127.0.0.1:9/pub/x'}}),
        **files,
    })
    home = tmp_path / 'home'
    home.mkdir(exist_ok=True)
    extra = {k: v.replace('{home}', str(home)) for k, v in extra_env.items()}
    env = _env(home, **extra)
    cwd = tmp_path / where
    manifest = json.loads((cwd / 'package.json').read_text())
    ours = npm_config(str(cwd), env).registry(manifest['name'], manifest)
    assert ours.rstrip('/') == _npm_publishes_to(cwd, env)


@pytest.mark.parametrize(
    ('values', 'url', 'expected'),
    [
        pytest.param({'//r.example/:_authToken': 'T'}, 'https://r.example/pkg', 'Bearer T',
                     id='token'),
        pytest.param({'//r.example/npm/:_authToken': 'T', '//r.example/:_authToken': 'U'},
                     'https://r.example/npm/pkg', 'Bearer T', id='longest-path-wins'),
        pytest.param({'//r.example/npm/:_authToken': 'T'}, 'https://r.example/other/pkg', None,
                     id='other-path-none'),
        pytest.param({'//r.example/:_authToken': 'T'}, 'https://evil.example/pkg', None,
                     id='other-host-none'),
        pytest.param({'//r.example/:_auth': 'dXNlcjpwYXNz'}, 'https://r.example/p',
                     'Basic dXNlcjpwYXNz', id='basic'),
        pytest.param({'//r.example/:username': 'user', '//r.example/:_password': 'cGFzcw=='},
                     'https://r.example/p', 'Basic dXNlcjpwYXNz', id='username-password'),
        pytest.param({'//r.example:8443/:_authToken': 'T'}, 'https://r.example:8443/p',
                     'Bearer T', id='port'),
    ],
)
def test_authorization_as_npm_registry_fetch(values, url, expected):
    """npm-registry-fetch's regFromURI: walk up //host/path until a key has auth."""
    assert registry.NpmConfig(values).authorization(url) == expected


@pytest.mark.parametrize(
    ('versions', 'latest', 'current', 'expected'),
    [
        pytest.param(['1.0.0', '1.1.0', '2.0.0'], '2.0.0', '1.2.0', '1.1.0', id='highest-below'),
        pytest.param(['1.0.0', '1.10.0', '1.9.0'], '1.10.0', '1.11.0', '1.10.0',
                     id='numeric-not-text'),
        pytest.param(['1.0.0', '2.0.0-rc.1', '2.0.0-rc.10', '2.0.0-rc.2'], '1.0.0', '2.0.0',
                     '2.0.0-rc.10', id='prereleases-below-their-release'),
        pytest.param(['1.0.0', '2.0.0'], '2.0.0', '2.0.0', '1.0.0', id='same-version-skipped'),
        pytest.param(['3.0.0'], '3.0.0', '1.0.0', '3.0.0', id='none-below-latest'),
        pytest.param(['1.0.0'], '1.0.0', 'not-semver', '1.0.0', id='invalid-latest'),
        pytest.param(['1.0.0'], '1.0.0', '1.0.0', None, id='only-itself'),
        pytest.param([], None, '1.0.0', None, id='nothing'),
    ],
)
def test_previous_version(versions, latest, current, expected):
    packument = {'versions': {v: {} for v in versions}, 'dist-tags': {'latest': latest}}
    assert previous_version(packument, current) == expected


@pytest.mark.parametrize(
    ('spec', 'expected'),
    [
        pytest.param('pkg@1.2.3', ('pkg', '1.2.3'), id='exact'),
        pytest.param('@scope/pkg@1.2.3', ('@scope/pkg', '1.2.3'), id='scoped'),
        pytest.param('@scope/pkg', ('@scope/pkg', 'latest'), id='scoped-bare'),
        pytest.param('pkg@next', ('pkg', 'next'), id='tag'),
    ],
)
def test_split_spec(spec, expected):
    assert split_spec(spec) == expected


@pytest.mark.parametrize('spec', ['pkg@', 'a b@1', '@scope@1'])
def test_split_spec_rejects(spec):
    with pytest.raises(ValueError, match='is not a tarball, "published" or name@version'):
        split_spec(spec)


def test_fetch_sends_the_token_only_to_its_registry(fake_registry: FakeRegistry, tmp_path):
    """The token rides on the packument and tarball requests of its registry, never in
    an error message, and the tarball lands in the cache, integrity checked."""
    fake_registry.publish('@acme/pkg', {'1.0.0': {'index.js': 'x'}})
    host = fake_registry.url.split('//', 1)[1]
    config = registry.NpmConfig({'//' + host + ':_authToken': TOKEN})
    packument = registry.fetch_packument('@acme/pkg', config, fake_registry.url)
    path = registry.fetch_tarball('@acme/pkg', '1.0.0',
                                  registry.dist_of(packument, '1.0.0'), config)
    assert path.startswith(os.environ['XDG_CACHE_HOME'])
    assert [auth for _, auth in fake_registry.requests] == [f'Bearer {TOKEN}'] * 2
    assert fake_registry.requests[0][0] == '/@acme%2fpkg'
    # cached: no second download
    registry.fetch_tarball('@acme/pkg', '1.0.0', registry.dist_of(packument, '1.0.0'), config)
    assert len(fake_registry.requests) == 2
    with pytest.raises(NotPublished):
        registry.fetch_packument('@acme/missing', config, fake_registry.url)
    fake_registry.routes['/@acme%2fpkg'] = (401, b'{}', {})
    with pytest.raises(RegistryUnavailable) as e:
        registry.fetch_packument('@acme/pkg', config, fake_registry.url)
    assert str(e.value) == (
        f'{fake_registry.url}@acme%2fpkg refused the request (HTTP 401); log in with npm login '
        f'or set an _authToken for it in .npmrc'
    )
    assert TOKEN not in str(e.value)


def test_redirect_to_another_host_drops_the_token(fake_registry: FakeRegistry):
    other = FakeRegistry()
    try:
        other.routes['/blob.tgz'] = (200, b'data', {})
        fake_registry.routes['/pkg/-/pkg-1.0.0.tgz'] = (
            302, b'', {'Location': other.url + 'blob.tgz'})
        host = fake_registry.url.split('//', 1)[1]
        config = registry.NpmConfig({'//' + host + ':_authToken': TOKEN})
        dist = {'tarball': fake_registry.url + 'pkg/-/pkg-1.0.0.tgz'}
        registry.fetch_tarball('pkg', '1.0.0', dist, config)
        assert fake_registry.requests == [('/pkg/-/pkg-1.0.0.tgz', f'Bearer {TOKEN}')]
        assert other.requests == [('/blob.tgz', None)]
    finally:
        other.close()


def test_integrity_mismatch_is_refused(fake_registry: FakeRegistry):
    fake_registry.routes['/pkg/-/pkg-1.0.0.tgz'] = (200, b'tampered', {})
    dist = {'tarball': fake_registry.url + 'pkg/-/pkg-1.0.0.tgz',
            'integrity': 'sha512-' + 'A' * 86 + '=='}
    with pytest.raises(RegistryUnavailable, match='does not match the integrity'):
        registry.fetch_tarball('pkg', '1.0.0', dist, registry.NpmConfig())
    assert not list(Path(registry.cache_root(), 'tarballs').glob('*.tgz'))


def test_no_request_on_pre_commit_ci(fake_registry: FakeRegistry, monkeypatch):
    monkeypatch.setenv('PRE_COMMIT_CI', 'true')
    with pytest.raises(RegistryUnavailable, match=r'^pre-commit\.ci runs hooks without network$'):
        registry.fetch_packument('pkg', registry.NpmConfig(), fake_registry.url)
    assert fake_registry.requests == []


def test_unreachable_registry_is_one_clear_reason(fake_registry: FakeRegistry):
    url = fake_registry.url
    fake_registry.close()
    with pytest.raises(RegistryUnavailable) as e:
        registry.fetch_packument('pkg', registry.NpmConfig(), 'http://user:pw@' + url[7:])
    assert str(e.value) == f'cannot reach {url}pkg (connection refused)'


def test_packument_that_is_not_json(fake_registry: FakeRegistry):
    fake_registry.routes['/pkg'] = (200, b'<html>', {})
    with pytest.raises(RegistryUnavailable, match='answered with something other than JSON'):
        registry.fetch_packument('pkg', registry.NpmConfig(), fake_registry.url)
    fake_registry.routes['/pkg'] = (200, json.dumps([1]).encode(), {})
    with pytest.raises(RegistryUnavailable, match='other than a packument'):
        registry.fetch_packument('pkg', registry.NpmConfig(), fake_registry.url)


def test_a_tarball_on_the_registry_host_gets_the_registry_credential():
    """npm-registry-fetch's getAuth: no key for the URL, same host as the registry."""
    config = registry.NpmConfig({'//r.example/npm/:_authToken': 'T'})
    assert config.authorization('https://r.example/files/p.tgz') is None
    assert config.authorization('https://r.example/files/p.tgz',
                                'https://r.example/npm/') == 'Bearer T'
    assert config.authorization('https://cdn.example/p.tgz', 'https://r.example/npm/') is None


def test_redirect_to_a_non_http_url_is_refused(fake_registry: FakeRegistry):
    fake_registry.routes['/pkg/-/pkg-1.0.0.tgz'] = (302, b'', {'Location': 'ftp://x/p.tgz'})
    dist = {'tarball': fake_registry.url + 'pkg/-/pkg-1.0.0.tgz'}
    with pytest.raises(RegistryUnavailable, match=r'answered HTTP 302$'):
        registry.fetch_tarball('pkg', '1.0.0', dist, registry.NpmConfig())


@pytest.mark.parametrize(
    ('env', 'expected'),
    [
        pytest.param({'PRE_COMMIT_CI': 'true'}, 'pre-commit.ci runs hooks without network',
                     id='pre-commit-ci'),
        pytest.param({'NPM_CONFIG_OFFLINE': 'true'}, 'npm is set offline (npm_config_offline)',
                     id='npm-offline'),
        pytest.param({'npm_config_offline': 'false'}, None, id='online'),
        pytest.param({}, None, id='nothing'),
    ],
)
def test_offline_reason(env, expected):
    assert registry.offline_reason(env) == expected
