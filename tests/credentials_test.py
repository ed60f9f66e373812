"""The credential formats of hooks.judge.credentials: one generated (never real)
example and one near miss per format, and the table's invariants."""
from __future__ import annotations

import base64
import io
import random
import re
import string
import subprocess
import sys
from pathlib import Path

import pytest

from hooks.judge import credentials
from hooks.judge.secrets import scan_secrets

_RNG = random.Random(2026)
B62 = string.ascii_letters + string.digits
URLSAFE = B62 + '_-'
HEX = '0123456789abcdef'


def rand(n: int, alphabet: str = B62) -> str:
    out = ''.join(_RNG.choice(alphabet) for _ in range(n))
    if alphabet in (B62, URLSAFE) and n >= 8:  # generated, so of mixed classes
        out = 'aZ3' + out[3:]
    return out


def uuid() -> str:
    return f'{rand(8, HEX)}-{rand(4, HEX)}-4{rand(3, HEX)}-a{rand(3, HEX)}-{rand(12, HEX)}'


def discord_token() -> str:
    user_id = str(_RNG.randrange(10 ** 17, 10 ** 19))
    head = base64.b64encode(user_id.encode()).decode().rstrip('=')
    return f'{head}.{rand(6, URLSAFE)}.{rand(38, URLSAFE)}'


def sentry_org_token() -> str:
    claims = b'{"iat":1700000000.1,"url":"https://sentry.io","region_url":"https://us.sentry.io","org":"acme"}'
    return 'sntrys_' + base64.b64encode(claims).decode() + '_' + rand(43, B62 + '+/')


# (kind, a generated credential as it is written in a file, a near miss)
CASES = [
    ('npm token', 'const t = "npm_' + rand(36) + '";', 'const t = "npm_' + rand(35) + '";'),
    ('npm legacy token', '//registry.npmjs.org/:_authToken=' + uuid(),
     '//registry.npmjs.org/:_authToken=${NPM_TOKEN}'),
    ('GitHub token', 'GH_TOKEN=ghp_' + rand(36), 'GH_TOKEN=ghp_' + rand(35)),
    ('GitLab token', 'token: glpat-' + rand(20, URLSAFE), 'token: glpat-' + rand(19, URLSAFE)),
    ('PyPI token', 'password = pypi-AgEIcHlwaS5vcmc' + rand(120, URLSAFE),
     'password = pypi-AgEIcHlwaS5vcmc' + rand(20, URLSAFE)),
    ('Docker Hub token', 'DOCKER_PAT=dckr_pat_' + rand(27, URLSAFE),
     'DOCKER_PAT=dckr_pat_your_docker_hub_access_tok'),
    ('AWS access key', 'key: AKIA' + rand(16, string.ascii_uppercase + string.digits),
     'key: AKIAIOSFODNN7EXAMPLE'),
    ('Google API key', 'apiKey: "AIza' + rand(35, URLSAFE) + '"', 'apiKey: "AIza' + rand(34) + '"'),
    ('Google OAuth client secret', 'client_secret: "GOCSPX-' + rand(28, URLSAFE) + '"',
     'client_secret: "GOCSPX-' + rand(27, URLSAFE) + '"'),
    ('Azure storage account key',
     'DefaultEndpointsProtocol=https;AccountName=acme;AccountKey=' + rand(86, B62 + '+/') +
     '==;EndpointSuffix=core.windows.net',
     'DefaultEndpointsProtocol=https;AccountName=acme;AccountKey=<your-account-key>;'),
    ('Google Cloud service account key',
     '{"type": "service_account", "project_id": "acme-prod", "private_key_id": "' +
     rand(40, HEX) + '"}',
     ('{\n  "type": "service_account",\n  "project_id": "acme-prod",\n  "private_key_id": '
      '"KEY_ID",\n}')),
    ('Azure shared access key',
     'Endpoint=sb://acme.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;'
     'SharedAccessKey=' + rand(43, B62 + '+/') + '=',
     'Endpoint=sb://acme.servicebus.windows.net/;SharedAccessKey=<your-key>'),
    ('Azure SAS token',
     'https://acme.blob.core.windows.net/c/f.zip?sv=2022-11-02&ss=b&srt=o&sp=r'
     '&se=2030-01-01T00:00:00Z&spr=https&sig=' + rand(43) + '%3D',
     'https://acme.blob.core.windows.net/c/f.zip?sv=2022-11-02&sp=r&sig=<signature>'),
    ('DigitalOcean token', 'DO_TOKEN=dop_v1_' + rand(64, HEX), 'DO_TOKEN=dop_v1_' + rand(63, HEX)),
    ('Cloudflare API token', 'CLOUDFLARE_API_TOKEN=' + rand(40, URLSAFE),
     'CLOUDFLARE_ACCOUNT_ID=' + rand(32, HEX)),
    ('Cloudflare Origin CA key', 'key = "v1.0-' + rand(24, HEX) + '-' + rand(146, HEX) + '"',
     'key = "v1.0-' + rand(24, HEX) + '-' + rand(100, HEX) + '"'),
    ('Stripe live key', 'stripe("sk_live_' + rand(24) + '")', 'stripe("sk_test_' + rand(24) + '")'),
    ('Stripe restricted key', 'key = "rk_live_' + rand(99) + '"',
     'key = "rk_test_' + rand(99) + '"'),
    ('Stripe webhook secret', 'STRIPE_WEBHOOK_SECRET=whsec_' + rand(32),
     'STRIPE_WEBHOOK_SECRET=whsec_your_webhook_signing_secret'),
    ('Square access token', 'SQUARE_ACCESS_TOKEN=EAAA' + rand(60, URLSAFE),
     'SQUARE_ACCESS_TOKEN=EAAA' + rand(59, URLSAFE)),
    ('Square application secret', 'secret: sq0csp-' + rand(43, URLSAFE),
     'secret: sq0csp-' + rand(42, URLSAFE)),
    ('Shopify token', 'X-Shopify-Access-Token: shpat_' + rand(32, HEX),
     'X-Shopify-Access-Token: shpat_' + rand(31, HEX)),
    ('Braintree (PayPal) access token',
     'token = "access_token$production$' + rand(16, HEX) + '$' + rand(32, HEX) + '"',
     'token = "access_token$sandbox$' + rand(16, HEX) + '$' + rand(32, HEX) + '"'),
    ('PayPal client secret', 'PAYPAL_CLIENT_SECRET=' + rand(80, URLSAFE),
     'PAYPAL_CLIENT_ID=' + rand(80, URLSAFE)),
    ('Slack token',
     'xoxb-' + rand(12, string.digits) + '-' + rand(13, string.digits) + '-' + rand(24),
     'SLACK=xoxb-your-token'),
    ('Slack webhook URL',
     'https://hooks.slack.com/services/T' + rand(8, string.ascii_uppercase) + '/B' +
     rand(8, string.ascii_uppercase) + '/' + rand(24),
     'https://hooks.slack.com/services/T000/B000/XXXX'),
    ('Discord bot token', 'DISCORD_TOKEN=' + discord_token(),
     'DISCORD_TOKEN=' + base64.b64encode(b'not-a-user-id-at-all!!').decode() + '.abcdef.' +
     rand(38)),
    ('Discord webhook URL',
     'https://discord.com/api/webhooks/' + rand(18, string.digits) + '/' + rand(68, URLSAFE),
     'https://discord.com/api/webhooks/123/your-webhook-token'),
    ('Telegram bot token', 'https://api.telegram.org/bot' + rand(10, string.digits) + ':AA' +
     rand(33, URLSAFE) + '/getMe',
     'time ' + rand(10, string.digits) + ':AB' + rand(33, URLSAFE)),
    ('Twilio auth token', 'TWILIO_AUTH_TOKEN=' + rand(32, HEX),
     'TWILIO_ACCOUNT_SID=AC' + rand(32, HEX)),
    ('Mailgun API key', 'MAILGUN_API_KEY=key-' + rand(32, HEX), 'cache key-' + rand(32, HEX)),
    ('Mailchimp API key', 'apiKey: "' + rand(32, HEX) + '-us21"',
     'apiKey: "' + rand(31, HEX) + '-us21"'),
    ('Postmark token', 'POSTMARK_SERVER_TOKEN=' + uuid(),
     'POSTMARK_SERVER_TOKEN=POSTMARK_API_TEST'),
    ('SendGrid API key', 'SG.' + rand(22, URLSAFE) + '.' + rand(43, URLSAFE),
     'SG.' + rand(22, URLSAFE) + '.' + rand(40, URLSAFE)),
    ('Anthropic API key', 'sk-ant-api03-' + rand(93, URLSAFE) + 'AA', 'sk-ant-api03-xxxx'),
    ('OpenAI API key', 'sk-proj-' + rand(74, URLSAFE) + 'T3BlbkFJ' + rand(74, URLSAFE),
     'sk-proj-' + rand(74, URLSAFE)),
    ('Hugging Face token', 'HF_TOKEN=hf_' + rand(34, string.ascii_letters),
     'HF_TOKEN=hf_abcdefghijklmnopqrstuvwxyzabcdefgh'),
    ('Sentry auth token', 'SENTRY_AUTH_TOKEN=sntryu_' + rand(64, HEX),
     'SENTRY_AUTH_TOKEN=sntryu_' + rand(63, HEX)),
    ('Vercel token', 'VERCEL_TOKEN=' + rand(24), 'VERCEL_TOKEN=' + rand(23)),
    ('Vercel Blob token', 'BLOB_READ_WRITE_TOKEN=vercel_blob_rw_' + rand(16) + '_' + rand(30),
     'BLOB_READ_WRITE_TOKEN=vercel_blob_rw_' + rand(16) + '_' + rand(20)),
    ('Netlify token', 'NETLIFY_AUTH_TOKEN=nfp_' + rand(36), 'NETLIFY_SITE_ID=' + uuid()),
    ('Heroku API key', 'HEROKU_API_KEY=' + uuid(), 'HEROKU_APP_ID=' + uuid()),
    ('Atlassian API token', 'JIRA_API_TOKEN=ATATT3' + rand(186, URLSAFE + '='),
     'JIRA_API_TOKEN=ATATT3' + rand(100, URLSAFE)),
    ('Linear API key', 'LINEAR_API_KEY=lin_api_' + rand(40), 'LINEAR_API_KEY=lin_api_' + rand(39)),
    ('Notion token', 'NOTION_TOKEN=ntn_' + rand(11, string.digits) + rand(35),
     'NOTION_TOKEN=ntn_' + rand(11, string.digits) + rand(30)),
    ('age secret key', 'AGE-SECRET-KEY-1' + rand(58, 'QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L'),
     'AGE-SECRET-KEY-1' + rand(50, 'QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L')),
    ('database URL with a password',
     'DATABASE_URL=postgres://app_user:' + rand(16) + '@db.prod.acme-corp.io:5432/app',
     'DATABASE_URL=postgres://postgres:postgres@localhost:5432/app'),
]
# more generated credentials of the formats that have several shapes
MORE = [
    ('npm token', '//registry.npmjs.org/:_authToken=npm_' + rand(36)),
    ('GitHub token', 'github_pat_' + rand(22) + '_' + rand(59)),
    ('GitLab token', 'gldt-' + rand(20, URLSAFE)),
    ('DigitalOcean token', 'doo_v1_' + rand(64, HEX)),
    ('Cloudflare API token', 'cloudflareGlobalKey: "' + rand(37, HEX) + '"'),
    ('Square access token', 'sq0atp-' + rand(22, URLSAFE)),
    ('Shopify token', 'shpss_' + rand(32, HEX)),
    ('Discord bot token', 'client.login("' + discord_token() + '")'),
    ('Discord bot token', 'const discordToken = "' + discord_token() + '";'),
    ('Discord webhook URL',
     'https://discordapp.com/api/webhooks/' + rand(19, string.digits) + '/' + rand(68, URLSAFE)),
    ('Twilio auth token', 'twilioAuthToken: "' + rand(32, HEX) + '"'),
    ('Twilio auth token', 'const twilioToken = "' + rand(32, HEX) + '";'),
    ('Google Cloud service account key',
     'const key = {"type": "service_account", "private_key_id": "' + rand(40, HEX) + '"};'),
    ('Cloudflare API token', 'CF_API_TOKEN=' + rand(40, URLSAFE)),
    ('Discord bot token', '{"discordToken": "' + discord_token() + '", "prefix": "!"}'),
    ('Discord bot token', 'headers: { Authorization: "Bot ' + discord_token() + '" }'),
    ('Mailgun API key', 'mailgun.client({ username: "api", key: "' + rand(32, HEX) + '-' +
     rand(8, HEX) + '-' + rand(8, HEX) + '" })'),
    ('Postmark token', 'new postmark.ServerClient("' + uuid() + '")'),
    ('Hugging Face token', 'api_org_' + rand(34, string.ascii_letters)),
    ('Sentry auth token', 'authToken: "' + sentry_org_token() + '"'),
    ('Sentry auth token', 'SENTRY_AUTH_TOKEN=' + rand(64, HEX)),
    ('Netlify token', 'NETLIFY_AUTH_TOKEN=' + rand(43, URLSAFE)),
    ('Heroku API key', 'HEROKU_API_KEY=HRKU-' + rand(60, URLSAFE)),
    ('Notion token', 'NOTION_KEY=secret_' + rand(43)),
    ('Telegram bot token',
     'TELEGRAM_BOT_TOKEN=' + rand(9, string.digits) + ':AA' + rand(33, URLSAFE)),
    ('database URL with a password',
     'mongodb+srv://svc:' + rand(20) + '@cluster0.ab1cd.mongodb.net/prod?retryWrites=true'),
    ('database URL with a password',
     'redis://default:' + rand(24) + '@redis-12345.c1.cloud.redislabs.com:12345'),
    ('database URL with a password', "mysql://root:" + rand(12) + "@mysql.acme-corp.net/db"),
    ('database URL with a password', 'postgres://admin:' + rand(14) + '@db.example.com:5432/prod'),
    ('database URL with a password', 'postgresql://app:' + rand(16) + '@localhost:5432/app'),
    ('Telegram bot token', 'const telegramToken = "123456789:' + rand(35, URLSAFE) + '";'),
]
# public values and database URLs that are examples, not leaks
DB_NEAR_MISSES = [
    # Azurite's well-known development key (its account is devstoreaccount1)
    'DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=' + rand(86, B62 + '+/')
    + '==;BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;',
    'postgres://user:password@db.example.com/app',
    'postgresql://app:${DB_PASSWORD}@db.acme-corp.io/app',
    'mongodb+srv://admin:<password>@cluster0.ab1cd.mongodb.net/',
    'mysql://root:secret' + rand(3, HEX) + '@127.0.0.1:3306/db',
    'redis://:' + rand(9, string.ascii_lowercase) + '@redis:6379',
    'postgres://app:correcthorse@db.example.com/app',
    'amqp://guest:guest@rabbitmq.acme-corp.io',
    'postgres://u:short@db.acme-corp.io',
    'postgres://app:battery-staple@localhost/app',
    'mssql://sa:YourStrong!Passw0rd@sql.acme-corp.io',
    'postgres://app:%s@%s/db',
    'https://user:' + rand(16) + '@github.com/acme/repo.git',  # not a database
]


def scan(text: str, name: str = 'src/config.ts') -> list[tuple[int, str]]:
    return [(h.line, h.kind) for h in scan_secrets(io.BytesIO(text.encode()), name)]


def _secret_of(text: str) -> str:
    """The generated value inside a case's text (its longest random run)."""
    return max(re.findall(r'[A-Za-z0-9_+/=$.%-]{10,}', text), key=len)


@pytest.mark.parametrize(('kind', 'text'), [
    pytest.param(k, t, id=f'{k}-{i}') for i, (k, t, _) in enumerate(CASES)
] + [pytest.param(k, t, id=f'{k}-more-{i}') for i, (k, t) in enumerate(MORE)])
def test_generated_credential_is_found(kind, text):
    assert scan(f'// config\n{text}\n') == [(2, kind)]
    hits = scan_secrets(io.BytesIO(text.encode()), 'x.js')
    assert _secret_of(text) not in repr(hits)


@pytest.mark.parametrize(('kind', 'text'), [
    pytest.param(k, near, id=f'{k}-{i}') for i, (k, _, near) in enumerate(CASES)
])
def test_near_miss_is_not_found(kind, text):
    assert kind not in {k for _, k in scan(text)}


@pytest.mark.parametrize('text', [
    pytest.param(t, id=f'db-{i}') for i, t in enumerate(DB_NEAR_MISSES)
])
def test_database_url_examples(text):
    assert scan(f'const url = "{text}";') == []


def test_every_format_has_a_case():
    kinds = {k for k, _, _, _ in credentials.FORMATS}
    assert kinds == {k for k, _, _ in CASES}


def test_every_format_cites_its_documentation():
    """Each entry of FORMATS is preceded by a comment with the provider's URL."""
    text = Path(credentials.__file__).read_text()
    body = text[text.index('FORMATS: tuple[Format, ...] = ('):]
    for kind, _, _, _ in credentials.FORMATS:
        at = body.index(f"('{kind}'")
        before = body[:at].rstrip().splitlines()
        comments = []
        for line in reversed(before):
            if not line.strip().startswith('#'):
                if comments:
                    break
                continue  # the previous entry of a format with several shapes
            comments.append(line)
        assert any('https://' in c for c in comments), kind


@pytest.mark.parametrize(('kind', 'anchors', 'pattern', 'checks'), [
    pytest.param(*f, id=f'{f[0]}-{i}') for i, f in enumerate(credentials.FORMATS)
])
def test_format_is_sound(kind, anchors, pattern, checks):
    compiled = re.compile(pattern)
    assert anchors and all(len(a) >= 3 for a in anchors), kind
    assert set(checks) <= credentials.CHECKS
    # a pattern written in regex source never matches itself
    assert compiled.search(pattern) is None
    # every generated example matches, around one of its anchors
    examples = [t for k, t, _ in CASES if k == kind] + [t for k, t in MORE if k == kind]
    matched = [m for t in examples if (m := compiled.search(t))]
    assert matched, kind
    for m in matched:
        assert any(a in m.group() for a in anchors), kind
    # the formats whose match starts before their anchor say how far
    back = credentials.BACK.get(kind, 0)
    for m in matched:
        first = min(m.group().find(a) for a in anchors if a in m.group())
        assert first <= back, kind


def test_regexes_are_compiled_on_first_use_only():
    code = (
        'import hooks.judge.secrets as s, hooks.judge.credentials, sys;'
        'print(s._compiled is None, "ahocorasick_rs" in sys.modules)'
    )
    out = subprocess.run([sys.executable, '-c', code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ['True', 'False']
