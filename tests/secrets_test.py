from __future__ import annotations

import io
import json
import random
import string
import subprocess
from pathlib import Path

import pytest

from hooks.findings import BadInput
from hooks.judge import secrets
from hooks.judge.secrets import SecretHit
from hooks.judge.secrets import credential_file_kind
from hooks.judge.secrets import env_file_kind
from hooks.judge.secrets import scan_secrets

_RNG = random.Random(1885)
B62 = string.ascii_letters + string.digits


def rand(n: int, alphabet: str = B62) -> str:
    return ''.join(_RNG.choice(alphabet) for _ in range(n))


# One made-up token per format (random bodies of the published shape).
TOKENS = {
    'npm token': 'npm_' + rand(36),
    'GitHub token': 'ghp_' + rand(36),
    'GitHub OAuth token': 'gho_' + rand(36),
    'GitHub app token': 'ghs_' + rand(36),
    'GitHub user-to-server token': 'ghu_' + rand(36),
    'GitHub refresh token': 'ghr_' + rand(36),
    'GitHub fine-grained token': 'github_pat_' + rand(22) + '_' + rand(59),
    'GitLab token': 'glpat-' + rand(20),
    'AWS access key': 'AKIA' + rand(16, string.ascii_uppercase + string.digits),
    'AWS temporary access key': 'ASIA' + rand(16, string.ascii_uppercase + string.digits),
    'Slack token': (
        'xoxb-' + rand(12, string.digits) + '-' + rand(13, string.digits) + '-' + rand(24)
    ),
    'Slack webhook URL': (
        'https://hooks.slack.com/services/T' + rand(8, string.ascii_uppercase) +
        '/B' + rand(8, string.ascii_uppercase) + '/' + rand(24)
    ),
    'Stripe live key': 'sk_live_' + rand(24),
    'Stripe restricted key': 'rk_live_' + rand(99),
    'Anthropic API key': 'sk-ant-api03-' + rand(93, B62 + '_-') + 'AA',
    'OpenAI API key': 'sk-proj-' + rand(74, B62 + '_-') + 'T3BlbkFJ' + rand(74, B62 + '_-'),
    'PyPI token': 'pypi-AgEIcHlwaS5vcmc' + rand(120, B62 + '_-'),
    'SendGrid API key': 'SG.' + rand(22) + '.' + rand(43),
    'age secret key': 'AGE-SECRET-KEY-1' + rand(58, 'QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L'),
}
KIND = {
    'GitHub OAuth token': 'GitHub token',
    'GitHub app token': 'GitHub token',
    'GitHub user-to-server token': 'GitHub token',
    'GitHub refresh token': 'GitHub token',
    'GitHub fine-grained token': 'GitHub token',
    'AWS temporary access key': 'AWS access key',
}


def pem(label: str, body: str) -> str:
    return f'-----BEGIN {label}-----\n{body}\n-----END {label}-----\n'


def scan(text: str | bytes, name: str = 'file.txt') -> list[SecretHit]:
    data = text.encode() if isinstance(text, str) else text
    return scan_secrets(io.BytesIO(data), name)


@pytest.mark.parametrize(('label', 'token'), [pytest.param(k, v, id=k) for k, v in TOKENS.items()])
def test_each_token_format(label, token):
    kind = KIND.get(label, label)
    assert scan(f'a = 1\nTOKEN="{token}"\n') == [SecretHit(2, kind)]
    assert scan(f'x {token}') == [SecretHit(1, kind)]
    hits = scan(f'const t = "{token}";')
    assert token not in repr(hits)


@pytest.mark.parametrize(
    'text',
    (
        pytest.param('const re = /ghp_[A-Za-z0-9]{36}/;', id='github-regex-source'),
        pytest.param(r"re.compile(r'npm_[A-Za-z0-9]{36}')", id='npm-regex-source'),
        pytest.param('/(?:AKIA|ASIA)[0-9A-Z]{16}/', id='aws-regex-source'),
        pytest.param('/-----BEGIN (RSA )?PRIVATE KEY-----/', id='key-header-regex-source'),
        pytest.param('AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE', id='aws-docs-example'),
        pytest.param(
            'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
            id='aws-docs-example-secret',
        ),
        pytest.param('GITHUB_TOKEN=ghp_' + 'x' * 36, id='placeholder-x'),
        pytest.param('NPM_TOKEN=npm_' + '0' * 36, id='placeholder-zeros'),
        pytest.param('GITHUB_TOKEN=ghp_' + rand(35), id='too-short'),
        pytest.param('GITHUB_TOKEN=ghp_' + rand(37), id='too-long'),
        pytest.param('id=myghp_' + rand(36), id='inside-an-identifier'),
        pytest.param('GITHUB_TOKEN=ghp_your_token_here', id='placeholder-words'),
        pytest.param('STRIPE_KEY=sk_test_' + rand(24), id='stripe-test-key'),
        pytest.param('SLACK=xoxb-your-token', id='slack-placeholder'),
        pytest.param(
            '//registry.npmjs.org/:_authToken=abcdef0123456789', id='npmrc-line-elsewhere',
        ),
    ),
)
def test_not_secrets(text):
    assert scan(text) == []


def test_aws_secret_key_after_its_name():
    secret = rand(40, B62 + '/+')
    text = f'[default]\naws_secret_access_key = {secret}\n'
    assert scan(text) == [SecretHit(2, 'AWS secret key')]
    assert scan(f'{{secretAccessKey: "{secret}"}}') == [SecretHit(1, 'AWS secret key')]
    assert scan(f'some_value = {secret}\n') == []


@pytest.mark.parametrize(
    ('text', 'expected'),
    (
        pytest.param('//registry.npmjs.org/:_authToken=${NPM_TOKEN}\n', [], id='env-reference'),
        pytest.param('//registry.npmjs.org/:_authToken="${NPM_TOKEN}"\n', [], id='quoted-env-ref'),
        pytest.param(
            'registry=https://r.example/\n//r.example/:_authToken=' + rand(40) + '\n',
            [SecretHit(2, 'npm auth token in .npmrc')], id='literal-token',
        ),
        pytest.param(
            '_auth=' + rand(30) + '\n', [SecretHit(1, 'npm auth token in .npmrc')],
            id='legacy-auth',
        ),
        pytest.param(
            '//r.example/:_password=' + rand(16) + '\n', [SecretHit(1, 'npm auth token in .npmrc')],
            id='password',
        ),
        pytest.param('//r.example/:_authToken=\n', [], id='empty'),
        pytest.param('//r.example/:_authToken=<token>\n', [], id='angle-placeholder'),
        pytest.param('; _authToken=' + rand(30) + '\n', [], id='comment'),
        pytest.param('save-exact=true\n', [], id='no-auth'),
    ),
)
def test_npmrc(text, expected):
    assert scan(text, 'pkg/.npmrc') == expected


def test_npmrc_with_npm_token_names_both():
    token = 'npm_' + rand(36)
    assert scan(f'//registry.npmjs.org/:_authToken={token}\n', '.npmrc') == [
        SecretHit(1, 'npm auth token in .npmrc'), SecretHit(1, 'npm token'),
    ]


def test_yarnrc():
    text = f'npmRegistryServer: "https://r.example"\nnpmAuthToken: "{rand(40)}"\n'
    assert scan(text, '.yarnrc.yml') == [SecretHit(2, 'npm auth token in .yarnrc.yml')]
    assert scan('npmAuthToken: "${NPM_TOKEN}"\n', '.yarnrc.yml') == []


@pytest.fixture(scope='module')
def real_keys(tmp_path_factory) -> dict[str, str]:
    """Private keys made by the real tools (ssh-keygen, openssl)."""
    d = tmp_path_factory.mktemp('keys')
    subprocess.run(
        ('ssh-keygen', '-q', '-t', 'ed25519', '-N', '', '-C', '', '-f', str(d / 'id_ed25519')),
        check=True, capture_output=True,
    )
    subprocess.run(
        ('openssl', 'genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256',
         '-out', str(d / 'ec.pem')),
        check=True, capture_output=True,
    )
    subprocess.run(
        ('openssl', 'genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:1024',
         '-out', str(d / 'rsa.pem')),
        check=True, capture_output=True,
    )
    return {
        name: (d / name).read_text()
        for name in ('id_ed25519', 'ec.pem', 'rsa.pem')
    }


@pytest.mark.parametrize('name', ('id_ed25519', 'ec.pem', 'rsa.pem'))
def test_real_private_keys(real_keys, name):
    key = real_keys[name]
    assert scan(key) == [SecretHit(1, 'private key')]
    assert scan('# deploy key\n\n' + key) == [SecretHit(3, 'private key')]
    # a key in an env value, as one line with \n escapes
    escaped = key.strip().replace('\n', '\\n')
    assert scan(f'A=1\nPRIVATE_KEY="{escaped}"\n') == [SecretHit(2, 'private key')]
    # ... and flattened with spaces, as env values often are
    flat = key.strip().replace('\n', ' ')
    assert scan(f'PRIVATE_KEY="{flat}"\n') == [SecretHit(1, 'private key')]


def test_service_account_json(real_keys):
    data = {
        'type': 'service_account',
        'project_id': 'p',
        'private_key_id': 'abc',
        'private_key': real_keys['rsa.pem'],
        'client_email': 'x@p.iam.gserviceaccount.com',
    }
    text = json.dumps(data, indent=2)
    assert scan(text, 'sa.json') == [SecretHit(5, 'service-account private_key')]


@pytest.mark.parametrize(
    'text',
    (
        pytest.param(pem('RSA PRIVATE KEY', '...'), id='dots'),
        pytest.param(pem('PRIVATE KEY', 'MIIE...'), id='ellipsis'),
        pytest.param(pem('OPENSSH PRIVATE KEY', '<your key here>'), id='angle-placeholder'),
        pytest.param(pem('PRIVATE KEY', 'A' * 64 + '\n' + 'A' * 64), id='repeated-char-body'),
        pytest.param(
            "const h = '-----BEGIN RSA PRIVATE KEY-----';\nparse(h);\n", id='header-in-code',
        ),
        pytest.param(pem('CERTIFICATE', rand(64, B62 + '+/')), id='certificate'),
        pytest.param(pem('PUBLIC KEY', rand(64, B62 + '+/')), id='public-key'),
        pytest.param(
            '-----BEGIN PRIVATE KEY----- goes first then paste the base64 body of your key '
            'and finish with the matching END line and keep the whole thing out of git please\n',
            id='prose',
        ),
    ),
)
def test_not_private_keys(text):
    assert scan(text) == []


def test_putty_key():
    body = '\n'.join(rand(64, B62 + '+/') for _ in range(4))
    text = (
        'PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nComment: k\n'
        f'Public-Lines: 2\n{rand(64, B62)}\n{rand(20, B62)}\nPrivate-Lines: 4\n{body}\n'
    )
    assert scan(text, 'k.ppk') == [SecretHit(1, 'private key')]
    assert scan('PuTTY-User-Key-File-3: ssh-ed25519\nPrivate-Lines: 1\nXXXX\n') == []


@pytest.mark.parametrize('read_size', (997, 4096, 1 << 20))
def test_streams_across_reads(monkeypatch, real_keys, read_size):
    """Hits and their lines do not depend on where the reads cut the file."""
    monkeypatch.setattr(secrets, 'READ_SIZE', read_size)
    npm = TOKENS['npm token']
    filler = ('x' * 70 + '\n') * 400  # 28 kB, more than the carried-over window
    text = f'{npm}\n{filler}a {npm} b {TOKENS["GitHub token"]}\n{filler}{real_keys["rsa.pem"]}'
    assert scan(text) == [
        SecretHit(1, 'npm token'),
        SecretHit(402, 'npm token'),
        SecretHit(402, 'GitHub token'),
        SecretHit(803, 'private key'),
    ]


def test_one_hit_per_line_and_kind():
    npm = TOKENS['npm token']
    assert scan(f'{npm} {npm}\n{npm}\n') == [SecretHit(1, 'npm token'), SecretHit(2, 'npm token')]


def test_binary_file_with_a_token():
    data = bytes(range(256)) + TOKENS['AWS access key'].encode() + b'\0\0'
    assert scan(data) == [SecretHit(2, 'AWS access key')]  # byte 10 is a newline


def test_scan_path_and_unreadable(tmp_path):
    p = tmp_path / 'a.txt'
    p.write_text(f'x\n{TOKENS["Slack token"]}\n')
    assert scan_secrets(p, 'a.txt') == [SecretHit(2, 'Slack token')]
    assert scan_secrets(str(p), 'a.txt') == [SecretHit(2, 'Slack token')]
    with pytest.raises(BadInput) as e:
        scan_secrets(tmp_path / 'gone', 'gone')
    assert str(e.value) == 'gone: cannot read: No such file or directory'
    with pytest.raises(BadInput) as e:
        scan_secrets(tmp_path, 'dir')
    assert str(e.value) == 'dir: cannot read: Is a directory'


@pytest.mark.parametrize(
    ('name', 'kind'),
    (
        pytest.param('.env', 'env', id='dotenv'),
        pytest.param('app/.env', 'env', id='nested'),
        pytest.param('.env.local', 'env', id='local'),
        pytest.param('.env.production.local', 'env', id='production-local'),
        pytest.param('.env.test', 'env', id='test'),
        pytest.param('prod.env', 'env', id='star-env'),
        pytest.param('.envrc', 'env', id='envrc'),
        pytest.param('.ENV', 'env', id='upper-case'),
        pytest.param('.env.example', 'template', id='example'),
        pytest.param('.env.sample', 'template', id='sample'),
        pytest.param('.env.template', 'template', id='template'),
        pytest.param('.env.dist', 'template', id='dist'),
        pytest.param('.env.defaults', 'template', id='defaults'),
        pytest.param('.env.schema', 'template', id='schema'),
        pytest.param('.env.stub', 'template', id='stub'),
        pytest.param('.env.local.example', 'template', id='local-example'),
        pytest.param('.env.Example', 'template', id='mixed-case-template'),
        pytest.param('example.env', 'template', id='example-star-env'),
        pytest.param('.env.example.local', 'template', id='example-of-env-local'),
        pytest.param('.env.schema.json', 'template', id='schema-json'),
        pytest.param('.env.j2', 'template', id='jinja-template'),
        pytest.param('.env.jinja2', 'template', id='jinja2-template'),
        pytest.param('.env.in', 'template', id='autoconf-template'),
        pytest.param('.env-example', 'template', id='hyphen-template'),
        pytest.param('.env-prod', 'env', id='hyphen'),
        pytest.param('.env_local', 'env', id='underscore'),
        pytest.param('.envrc.local', 'env', id='envrc-local'),
        pytest.param('.envrc.private', 'env', id='envrc-private'),
        pytest.param('.env.enc', None, id='encrypted'),
        pytest.param('secrets.enc.env', None, id='sops-encrypted'),
        pytest.param('.env.vault', None, id='dotenv-vault-encrypted'),
        pytest.param('src/.env.d.ts', None, id='vite-type-declarations'),
        pytest.param('.env.d.mts', None, id='esm-type-declarations'),
        pytest.param('.env.ts', 'env', id='env-module-named-like-env-file'),
        pytest.param('env.example', None, id='no-leading-dot'),
        pytest.param('.environment', None, id='environment'),
        pytest.param('.envrc.example', 'template', id='envrc-example'),
        pytest.param('src/env.ts', None, id='env-module'),
        pytest.param('venv', None, id='venv'),
    ),
)
def test_env_file_kind(name, kind):
    assert env_file_kind(name) == kind


@pytest.mark.parametrize(
    ('path', 'kind'),
    (
        pytest.param('id_rsa', 'private key file', id='id_rsa'),
        pytest.param('keys/id_ed25519', 'private key file', id='id_ed25519'),
        pytest.param('id_rsa.pub', None, id='public-key'),
        pytest.param('certs/server.pem', 'private key file', id='pem'),
        pytest.param('server.KEY', 'private key file', id='key-upper'),
        pytest.param('cert.p12', 'PKCS#12 key store', id='p12'),
        pytest.param('cert.pfx', 'PKCS#12 key store', id='pfx'),
        pytest.param('android/release.keystore', 'Java key store', id='keystore'),
        pytest.param('.git-credentials', 'git credentials file', id='git-credentials'),
        pytest.param('.netrc', 'netrc credentials file', id='netrc'),
        pytest.param('home/.aws/credentials', 'AWS credentials file', id='aws'),
        pytest.param('.aws/config', None, id='aws-config'),
        pytest.param(
            '.config/gcloud/application_default_credentials.json', 'Google Cloud credentials file',
            id='gcloud-adc',
        ),
        pytest.param('.docker/config.json', 'Docker registry credentials file', id='docker'),
        pytest.param('config.json', None, id='plain-config-json'),
        pytest.param('.kube/config', 'Kubernetes credentials file', id='kube'),
        pytest.param(
            '.gnupg/private-keys-v1.d/ABC.key', 'GnuPG secret key ring', id='gnupg-folder',
        ),
        pytest.param('infra/terraform.tfstate', 'Terraform state (holds secrets in plain text)',
                     id='tfstate'),
        pytest.param('./.pgpass', 'PostgreSQL password file', id='dot-slash'),
        pytest.param('.npmrc', None, id='npmrc-is-judged-by-content'),
        pytest.param('keyboard.js', None, id='keyboard'),
        pytest.param('monkey', None, id='monkey'),
    ),
)
def test_credential_file_kind(path, kind):
    assert credential_file_kind(path) == kind


def test_stream_oserror_is_bad_input():
    class Broken(io.BytesIO):
        def read(self, size: int | None = -1) -> bytes:
            raise OSError(5, 'Input/output error')

    with pytest.raises(BadInput) as e:
        scan_secrets(Broken(b''), 'pkg/x.js')
    assert str(e.value) == 'pkg/x.js: cannot read: Input/output error'


def test_stream_never_keeps_value(tmp_path: Path):
    token = TOKENS['GitHub token']
    hits = scan(f'TOKEN={token}\n')
    assert all(h._fields == ('line', 'kind') for h in hits)
