"""Credential formats: data only, matched by hooks.judge.secrets.

Each format is ``(kind, anchors, regex, checks)``:

- ``anchors``: literal strings of which every match contains one. The
  scanner finds all anchors of all formats in one Aho-Corasick pass and runs
  a format's regex only near its anchors, so fifty formats cost one pass
  over a 60 MB bundle, not fifty.
- ``regex``: the credential's full published shape, with its boundaries.
  A group named ``v`` is the secret value, judged by the checks (the whole
  match when there is none). It never leaves the scanner.
- ``checks``: extra tests on the value (see :data:`CHECKS`); every value is
  also refused when it is a placeholder (``EXAMPLE``, ``xxxx``, too few
  distinct characters).

Every format cites the provider's documentation of its shape; gitleaks'
default rules (config/gitleaks.toml) were the cross-check. The regexes are
compiled on first use, not at import (start-up time matters to a hook).
A token in regex source (``/ghp_[A-Za-z0-9]{36}/``) or a truncated example
never matches its format.
"""
from __future__ import annotations

# Boundaries: no token character right before or after a token.
_B = r'(?<![A-Za-z0-9_])'
_E = r'(?![A-Za-z0-9_])'
# ... nor a '-' for formats whose body may hold one.
_BD = r'(?<![A-Za-z0-9_-])'
_ED = r'(?![A-Za-z0-9_-])'
# An assignment after a key name: `NAME=`, `"name": "`, `name: '`, `name => "`.
_ASSIGN = r'''[A-Za-z0-9_.-]{0,30}?["']?[ \t]{0,3}(?:=|:|=>|:=)[ \t]{0,5}["'`]?'''
_UUID = r'[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}'


def _cases(*words: str) -> tuple[str, ...]:
    """A key word as it is written: lower, Capitalised, UPPER (the anchors are literal)."""
    out: list[str] = []
    for w in words:
        for v in (w.lower(), w[:1].upper() + w[1:].lower(), w.upper()):
            if v not in out:
                out.append(v)
    return tuple(out)


_B64_DIGITS = r'[MNO][DTjz][AEIMQUYcgk][w-z0-5]'  # base64 of three ASCII digits
# A Discord bot token: the base64 of the bot's user id (17-19 ASCII digits), a
# base64 timestamp, an HMAC.
_DISCORD_TOKEN = (
    r'(?:' + _B64_DIGITS + r'){5}[MNO][DTjz][AEIMQUYcgk](?:[w-z0-5](?:[MNO][AQgw])?)?'
    r'\.[A-Za-z0-9_-]{6}\.[A-Za-z0-9_-]{27,38}'
)

Format = tuple[str, tuple[str, ...], str, tuple[str, ...]]

FORMATS: tuple[Format, ...] = (
    # -- source hosting and registries --------------------------------------------
    # https://github.blog/engineering/platform-security/behind-githubs-new-authentication-token-formats/
    ('npm token', ('npm_',), _B + r'npm_[A-Za-z0-9]{36}' + _E, ()),
    # https://docs.npmjs.com/about-access-tokens (legacy tokens are UUIDs), written
    # as npm writes them: https://docs.npmjs.com/cli/v11/configuring-npm/npmrc
    ('npm legacy token', (':_authToken=',),
     r''':_authToken=["']?(?P<v>''' + _UUID + r')(?![A-Za-z0-9-])', ()),
    # https://github.blog/engineering/platform-security/behind-githubs-new-authentication-token-formats/
    ('GitHub token', ('ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_'),
     _B + r'gh[pousr]_[A-Za-z0-9]{36}' + _E, ()),
    # https://docs.github.com/en/authentication/keeping-your-account-and-data-secure/managing-your-personal-access-tokens
    ('GitHub token', ('github_pat_',), _B + r'github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}' + _E, ()),
    # https://docs.gitlab.com/security/tokens/#token-prefixes
    ('GitLab token', ('glpat-', 'gldt-', 'glrt-'),
     _B + r'gl(?:pat|dt|rt)-(?:[A-Za-z0-9_-]{20}|[A-Za-z0-9_-]{27,300}\.[0-9a-z]{9})' + _E, ()),
    # https://docs.pypi.org/api/secrets/ (macaroons, base64 of "pypi.org")
    ('PyPI token', ('pypi-AgEIcHlwaS5vcmc',), _B + r'pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,}', ()),
    # https://docs.docker.com/security/access-tokens/ (dckr_pat_), organization tokens (dckr_oat_)
    ('Docker Hub token', ('dckr_pat_', 'dckr_oat_'),
     _B + r'dckr_(?:pat|oat)_(?P<v>[A-Za-z0-9_-]{27,32})' + _ED, ('random',)),
    # -- cloud ------------------------------------------------------------------------
    # https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-unique-ids
    ('AWS access key', ('AKIA', 'ASIA'), _B + r'A[KS]IA[A-Z0-9]{16}' + _E, ()),
    # https://cloud.google.com/docs/authentication/api-keys-use (AIza + 35)
    ('Google API key', ('AIza',), _B + r'AIza[0-9A-Za-z_-]{35}' + _ED, ()),
    # https://developers.google.com/identity/protocols/oauth2 (client secrets: GOCSPX-)
    ('Google OAuth client secret', ('GOCSPX-',), _B + r'GOCSPX-[A-Za-z0-9_-]{28}' + _ED, ()),
    # https://cloud.google.com/iam/docs/keys-create-delete (a service account key file:
    # "type": "service_account", then a 40-hex "private_key_id"; its private_key is
    # found as a private key too)
    ('Google Cloud service account key', ('"private_key_id"',),
     (r'''"type"[ \t\r\n]*:[ \t\r\n]*"service_account"[^{}]{0,300}?'''
      r'''"private_key_id"[ \t\r\n]*:[ \t\r\n]*"(?P<v>[a-f0-9]{40})"'''), ()),
    # https://learn.microsoft.com/en-us/azure/storage/common/storage-configure-connection-string
    # (AccountKey is the 64-byte key, 88 base64 characters)
    # Azurite's well-known development key is public:
    # https://learn.microsoft.com/en-us/azure/storage/common/storage-use-azurite#well-known-storage-account-and-key
    ('Azure storage account key', ('AccountKey=',),
     r'AccountKey=(?P<v>[A-Za-z0-9+/]{86}==)', ('not-azurite',)),
    # https://learn.microsoft.com/en-us/azure/service-bus-messaging/service-bus-sas
    # (SharedAccessKey= in Service Bus, Event Hubs and IoT Hub connection strings:
    # a 256-bit key, 44 base64 characters)
    ('Azure shared access key', ('SharedAccessKey=',),
     r'SharedAccessKey=(?P<v>[A-Za-z0-9+/]{43}=)', ()),
    # https://learn.microsoft.com/en-us/azure/storage/common/storage-sas-overview
    # (sv=<version>...&sig=<base64 HMAC-SHA256, URL-encoded>)
    ('Azure SAS token', ('sig=',),
     (r'''(?<![A-Za-z0-9_])sv=20[0-9]{2}-[0-9]{2}-[0-9]{2}&[^\s'"`<>\\]{0,600}?'''
      r'&sig=(?P<v>[A-Za-z0-9%+/]{40,}(?:%3[Dd]|=){0,2})'), ()),
    # https://docs.digitalocean.com/reference/api/create-personal-access-token/
    # (dop_v1_ personal, doo_v1_ OAuth, dor_v1_ refresh)
    ('DigitalOcean token', ('dop_v1_', 'doo_v1_', 'dor_v1_'),
     _B + r'do[opr]_v1_[a-f0-9]{64}' + _E, ()),
    # https://developers.cloudflare.com/fundamentals/api/get-started/create-token/ (40
    # characters) and .../keys/ (the global API key, 37 hex): no prefix, so only after
    # a cloudflare key name
    ('Cloudflare API token', (*_cases('cloudflare'), 'CF_API_TOKEN', 'CF_API_KEY'),
     r'(?:(?i:cloudflare)|CF_API_(?:TOKEN|KEY))' + _ASSIGN +
     r'(?P<v>[A-Za-z0-9_-]{40}|[a-f0-9]{37})' + _ED, ('random',)),
    # https://developers.cloudflare.com/ssl/origin-configuration/origin-ca/ (Origin CA key)
    ('Cloudflare Origin CA key', ('v1.0-',), _B + r'v1\.0-[a-f0-9]{24}-[a-f0-9]{146}' + _E, ()),
    # -- payment and commerce -------------------------------------------------------
    # https://docs.stripe.com/keys#obtain-api-keys (sk_live_ secret, rk_live_ restricted)
    ('Stripe live key', ('sk_live_',), _B + r'sk_live_[0-9A-Za-z]{24,}' + _E, ()),
    ('Stripe restricted key', ('rk_live_',), _B + r'rk_live_[0-9A-Za-z]{24,}' + _E, ()),
    # https://docs.stripe.com/webhooks#verify-official-libraries (whsec_ signing secrets)
    ('Stripe webhook secret', ('whsec_',),
     _B + r'whsec_(?P<v>[A-Za-z0-9]{32,64})' + _E, ('random',)),
    # https://developer.squareup.com/docs/build-basics/access-tokens (EAAA..., 64
    # characters; sq0atp- legacy) and application secrets (sq0csp-)
    ('Square access token', ('EAAA', 'sq0atp-'),
     _B + r'(?:EAAA[A-Za-z0-9_-]{60}|sq0atp-[A-Za-z0-9_-]{22})' + _ED, ('random',)),
    ('Square application secret', ('sq0csp-',), _B + r'sq0csp-[A-Za-z0-9_-]{43}' + _ED, ()),
    # https://shopify.dev/docs/apps/build/authentication-authorization/access-tokens
    # (shpat_ admin, shpca_ custom app, shppa_ private app, shpss_ shared secret)
    ('Shopify token', ('shpat_', 'shpca_', 'shppa_', 'shpss_'),
     _B + r'shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}' + _E, ()),
    # https://developer.paypal.com/braintree/docs/guides/authorization/overview (access
    # tokens for PayPal through Braintree)
    ('Braintree (PayPal) access token', ('access_token$production$',),
     r'access_token\$production\$[a-z0-9]{16}\$[a-f0-9]{32}' + _E, ()),
    # https://developer.paypal.com/api/rest/#link-getclientidandclientsecret (80
    # characters, no prefix: only after a PayPal secret's name)
    ('PayPal client secret', _cases('paypal'),
     r'(?i:paypal)[A-Za-z0-9_.-]{0,20}?(?i:secret)' + _ASSIGN + r'(?P<v>[A-Za-z0-9_-]{80})' + _ED,
     ('random',)),
    # -- chat and mail ------------------------------------------------------------------
    # https://api.slack.com/authentication/token-types
    ('Slack token', ('xoxa-', 'xoxb-', 'xoxp-', 'xoxo-', 'xoxs-', 'xoxr-'),
     _B + r'xox[abposr]-[0-9]{6,}-[0-9A-Za-z-]{8,}' + _E, ()),
    # https://api.slack.com/messaging/webhooks
    ('Slack webhook URL', ('https://hooks.slack.com/services/',),
     r'https://hooks\.slack\.com/services/T[A-Z0-9]{6,}/B[A-Z0-9]{6,}/[A-Za-z0-9]{16,}' + _E, ()),
    # https://discord.com/developers/docs/reference#authentication. The token has no
    # prefix to find it by, so it is looked for after the word discord on its line
    # (DISCORD_TOKEN=, discordToken:), in discord.js's client.login("...") and after
    # Bot in a header (not after any "token": that word is in most sources, and
    # would cost every map a second read)
    ('Discord bot token', (*_cases('discord'), '.login(', 'Bot '),
     r'''(?:(?i:discord)[^\n]{0,100}?|\.login\([ \t]*["'`]|Bot )'''
     + _BD + r'(?P<v>' + _DISCORD_TOKEN + r')' + _ED, ()),
    # https://discord.com/developers/docs/resources/webhook#execute-webhook
    ('Discord webhook URL', ('discord.com/api/', 'discordapp.com/api/'),
     r'discord(?:app)?\.com/api/(?:v[0-9]{1,2}/)?webhooks/[0-9]{17,20}/(?P<v>[A-Za-z0-9_-]{60,68})'
     + _ED, ()),
    # https://core.telegram.org/bots/api#authorizing-your-bot (<bot id>:<35 characters>,
    # which start with AA)
    # (also in the API's URLs: https://api.telegram.org/bot<token>/getMe)
    ('Telegram bot token', (':AA',),
     r'(?:(?<=bot)|' + _B + r')[0-9]{8,10}:(?P<v>AA[A-Za-z0-9_-]{33})' + _ED, ()),
    # ... and any 35 characters after the word telegram on its line (the docs'
    # example token, 123456:ABC-DEF1234ghIkl-zyx57W2v1u123ew11, has no AA)
    ('Telegram bot token', _cases('telegram'),
     r'(?i:telegram)[^\n]{0,100}?' + _B + r'[0-9]{6,10}:(?P<v>[A-Za-z0-9_-]{35})' + _ED,
     ('random',)),
    # https://www.twilio.com/docs/iam/api/authtoken (32 hex, no prefix: only after a
    # Twilio auth token's or API secret's name)
    ('Twilio auth token', _cases('twilio'),
     r'(?i:twilio)[A-Za-z0-9_.-]{0,20}?(?i:token|secret)' + _ASSIGN +
     r'(?P<v>[a-f0-9]{32}|[A-Za-z0-9]{32})' + _E, ('random',)),
    # https://documentation.mailgun.com/docs/mailgun/api-reference/authentication/
    # (key-<32 hex> and <32 hex>-<8 hex>-<8 hex>, only near the word mailgun)
    ('Mailgun API key', _cases('mailgun'),
     r'(?i:mailgun)[^\n]{0,100}?' + _BD +
     r'(?P<v>key-[0-9a-f]{32}|[0-9a-f]{32}-[0-9a-f]{8}-[0-9a-f]{8})' + _ED, ()),
    # https://mailchimp.com/developer/marketing/guides/quick-start/#generate-your-api-key
    # (32 hex, then the data center: -us6)
    ('Mailchimp API key', ('-us',), _B + r'[0-9a-f]{32}-us[0-9]{1,2}' + _E, ()),
    # https://postmarkapp.com/developer/api/overview#authentication (server and account
    # tokens are UUIDs: only near the word postmark)
    ('Postmark token', _cases('postmark'),
     r'(?i:postmark)[^\n]{0,60}?(?<![A-Za-z0-9-])(?P<v>' + _UUID + r')(?![A-Za-z0-9-])', ()),
    # https://docs.sendgrid.com/ui/account-and-settings/api-keys
    ('SendGrid API key', ('SG.',), _B + r'SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}' + _ED, ()),
    # -- AI ------------------------------------------------------------------------------
    # https://docs.anthropic.com/en/api/overview#authentication
    ('Anthropic API key', ('sk-ant-api', 'sk-ant-admin'),
     _B + r'sk-ant-(?:api|admin)[0-9]{2}-[A-Za-z0-9_-]{80,}', ()),
    # https://platform.openai.com/docs/api-reference/authentication (T3BlbkFJ is base64 "OpenAI")
    ('OpenAI API key', ('T3BlbkFJ',),
     _B + r'sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}T3BlbkFJ[A-Za-z0-9_-]{20,}', ()),
    # https://huggingface.co/docs/hub/security-tokens (hf_ + 34 letters; api_org_ for orgs)
    ('Hugging Face token', ('hf_', 'api_org_'),
     _B + r'(?:hf|api_org)_(?P<v>[A-Za-z]{34})' + _E, ('random',)),
    # -- developer services -------------------------------------------------------------
    # https://docs.sentry.io/account/auth-tokens/ (sntrys_ organization tokens, sntryu_ user tokens)
    ('Sentry auth token', ('sntrys_', 'sntryu_'),
     _B + r'(?:sntrys_eyJ[A-Za-z0-9+/]{20,400}={0,2}_[A-Za-z0-9+/]{43}|sntryu_[a-f0-9]{64})'
     r'(?![A-Za-z0-9+/_])', ()),
    # https://docs.sentry.io/cli/configuration/ (legacy 64-hex SENTRY_AUTH_TOKEN)
    ('Sentry auth token', _cases('sentry'),
     r'(?i:sentry)[A-Za-z0-9_.-]{0,10}?(?i:token)' + _ASSIGN + r'(?P<v>[a-f0-9]{64})' + _E,
     ()),
    # https://vercel.com/docs/rest-api/reference/welcome#creating-an-access-token (24
    # characters, no prefix: only after a Vercel token's name)
    ('Vercel token', _cases('vercel'),
     r'(?i:vercel)[A-Za-z0-9_.-]{0,20}?(?i:token)' + _ASSIGN + r'(?P<v>[A-Za-z0-9]{24})' + _E,
     ('random',)),
    # https://vercel.com/docs/vercel-blob (BLOB_READ_WRITE_TOKEN)
    ('Vercel Blob token', ('vercel_blob_rw_',),
     _B + r'vercel_blob_rw_[A-Za-z0-9]{16}_(?P<v>[A-Za-z0-9]{30})' + _E, ('random',)),
    # https://docs.netlify.com/api/get-started/#authentication (nfp_ personal access
    # tokens; older ones have no prefix: only after a Netlify token's name)
    ('Netlify token', ('nfp_',), _B + r'nfp_(?P<v>[A-Za-z0-9]{36,40})' + _E, ('random',)),
    ('Netlify token', _cases('netlify'),
     r'(?i:netlify)[A-Za-z0-9_.-]{0,20}?(?i:token)' + _ASSIGN + r'(?P<v>[A-Za-z0-9_-]{40,46})'
     + _ED, ('random',)),
    # https://devcenter.heroku.com/articles/authentication (HRKU- tokens; older API
    # keys are UUIDs: only after a Heroku key's name)
    ('Heroku API key', ('HRKU-',), _B + r'HRKU-(?P<v>[A-Za-z0-9_-]{60})' + _ED, ()),
    ('Heroku API key', _cases('heroku'),
     r'(?i:heroku)[A-Za-z0-9_.-]{0,10}?(?i:key|token)' + _ASSIGN + r'(?P<v>' + _UUID + r')'
     r'(?![A-Za-z0-9-])', ()),
    # https://support.atlassian.com/atlassian-account/docs/manage-api-tokens-for-your-atlassian-account/
    ('Atlassian API token', ('ATATT3',), _B + r'ATATT3[A-Za-z0-9_=-]{186}' + _ED, ()),
    # https://linear.app/developers/graphql#personal-api-keys
    ('Linear API key', ('lin_api_',), _B + r'lin_api_(?P<v>[A-Za-z0-9]{40})' + _E, ('random',)),
    # https://developers.notion.com/docs/authorization#internal-integration-auth-flow-set-up
    # (ntn_ since 2024, secret_ before)
    ('Notion token', ('ntn_', 'secret_'),
     _B + r'(?:ntn_[0-9]{11}(?P<v>[A-Za-z0-9]{35})|secret_[A-Za-z0-9]{43})' + _E, ('random',)),
    # -- keys -------------------------------------------------------------------------
    # https://age-encryption.org/v1 (Bech32 secret keys)
    ('age secret key', ('AGE-SECRET-KEY-1',),
     r'AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}' + _E, ()),
    # -- databases --------------------------------------------------------------------
    # A connection URL with a password, to a host that is not local or an example:
    # https://www.postgresql.org/docs/current/libpq-connect.html#LIBPQ-CONNSTRING-URIS
    # https://www.mongodb.com/docs/manual/reference/connection-string/
    # https://dev.mysql.com/doc/refman/8.4/en/connecting-using-uri-or-key-value-pairs.html
    # https://www.iana.org/assignments/uri-schemes/prov/redis (and amqp, mssql alike)
    ('database URL with a password', ('://',),
     (r'(?<![A-Za-z0-9+.-])(?:postgres(?:ql)?|mysql|mariadb|mongodb(?:\+srv)?|rediss?|amqps?|'
      r'''mssql|sqlserver|cockroachdb|clickhouse)://(?P<user>[^:/?#@\s'"`<>\\]{1,128}):'''
      r'''(?P<v>[^@/?#\s'"`<>\\]{1,128})@(?P<host>[A-Za-z0-9.-]{1,253})'''), ('db-url',)),
)

# How far before its anchor a match may start, for the formats whose anchor is
# not where the match starts (every other one is matched at its anchor).
BACK: dict[str, int] = {
    'Google Cloud service account key': 400,
    'Azure SAS token': 700,
    'OpenAI API key': 300,
    'Mailchimp API key': 32,
    'Telegram bot token': 10,
    'database URL with a password': 14,
}
MAX_BACK = max(BACK.values())
# How far after its anchor a match may end.
MAX_AHEAD = 1024

# -- checks on the value ------------------------------------------------------------

CHECKS = frozenset(('random', 'db-url', 'not-azurite'))
# The account of Azurite's public development key, near it in a connection string.
AZURITE_ACCOUNT = 'devstoreaccount1'
AZURITE_WINDOW = 300

# Values that mark a placeholder, compared upper-cased (AWS's docs use keys ending
# in EXAMPLE: AKIAIOSFODNN7EXAMPLE).
PLACEHOLDER_WORDS = ('EXAMPLE', 'XXXXX', 'PLACEHOLDER', 'REDACTED')
# A value whose last 16 characters have at most this many distinct ones is a
# placeholder (ghp_xxxxxxxx..., npm_000000...).
PLACEHOLDER_MAX_DISTINCT = 2

# Database URL passwords and hosts that are examples, not secrets (compared lower-cased).
DB_PLACEHOLDER_PARTS = (
    'pass', 'pwd', 'secret', 'example', 'sample', 'changeme', 'change_me', 'xxx', 'your',
    'dummy', 'fake', 'test', 'placeholder', 'redacted', '***', '...', 'password',
)
DB_TEMPLATE_MARKS = ('$', '{', '<', '%s', '%(', '[', '*')
DB_PASSWORD_MIN = 8
# A password this long of mixed classes (hooks.judge.secrets._looks_random) is a
# generated one: a secret whatever the host (a local database's too).
DB_GENERATED_MIN = 10
DB_PASSWORD_MIN_DISTINCT = 5
DB_LOCAL_HOSTS = frozenset(('localhost', '0.0.0.0', 'host.docker.internal'))
DB_PRIVATE_ADDRESSES = ('127.', '10.', '192.168.')
DB_EXAMPLE_HOST_SUFFIXES = (
    '.example', '.test', '.local', '.localhost', '.invalid', '.internal',
    'example.com', 'example.org', 'example.net',
)
DB_EXAMPLE_HOST_PARTS = ('example', 'your', 'domain', 'xxx')
