"""micromatch 4.0.8 ``isMatch`` (picomatch 2.3.1), as yarn 4's plugin-pack calls it.

yarn's ``packUtils.ts`` matches every ignore pattern with
``micromatch.isMatch(path, patterns, {dot: true, nocase: true[, basename: true]})``,
and micromatch's ``isMatch`` is ``picomatch(patterns, options)(path)``: each
glob is compiled to a JavaScript regular expression by picomatch's
``parse.js`` (ported below line by line for the options yarn passes: no
``bash``, ``capture``, ``strict*``, ``noext``, ``nobrace``; posix paths).  That
engine is not minimatch (:mod:`hooks.publish.patterns`): braces become
alternations inside the regex, ``**`` only spans segments where it stands alone,
a leading ``./`` is dropped, ``\\`` escapes pass through to the regex, an
unclosed ``[`` / ``(`` / ``{`` is literal, and a pattern equal to the path
matches before any regex is tried.

The JavaScript regex source is then translated to Python ``re`` (JS ``.``
stops at any line terminator, ``$`` is the end of input, identity escapes such
as ``\\a`` are literal, ``\\d``/``\\w`` are ASCII), and strings are compared as
UTF-16 code units, as JavaScript does.  A regex JavaScript refuses never
matches (picomatch's ``toRegex`` returns ``/$^/``), so neither does one Python
refuses.
"""
from __future__ import annotations

import functools
import re
from collections.abc import Callable
from collections.abc import Sequence

MAX_LENGTH = 65536

DOT_LITERAL = '\\.'
PLUS_LITERAL = '\\+'
SLASH_LITERAL = '\\/'
ONE_CHAR = '(?=.)'
QMARK = '[^/]'
END_ANCHOR = f'(?:{SLASH_LITERAL}|$)'
START_ANCHOR = f'(?:^|{SLASH_LITERAL})'
DOTS_SLASH = f'{DOT_LITERAL}{{1,2}}{END_ANCHOR}'
NO_DOT = f'(?!{DOT_LITERAL})'
NO_DOTS = f'(?!{START_ANCHOR}{DOTS_SLASH})'
NO_DOT_SLASH = f'(?!{DOT_LITERAL}{{0,1}}{END_ANCHOR})'
NO_DOTS_SLASH = f'(?!{DOTS_SLASH})'
QMARK_NO_DOT = f'[^.{SLASH_LITERAL}]'
STAR = f'{QMARK}*?'

POSIX_REGEX_SOURCE = {
    'alnum': 'a-zA-Z0-9',
    'alpha': 'a-zA-Z',
    'ascii': '\\x00-\\x7F',
    'blank': ' \\t',
    'cntrl': '\\x00-\\x1F\\x7F',
    'digit': '0-9',
    'graph': '\\x21-\\x7E',
    'lower': 'a-z',
    'print': '\\x20-\\x7E ',
    'punct': '\\-!"#$%&\'()\\*+,./:;<=>?@[\\]^_`{|}~',
    'space': ' \\t\\r\\n\\v\\f',
    'upper': 'A-Z',
    'word': 'A-Za-z0-9_',
    'xdigit': 'A-Fa-f0-9',
}
REPLACEMENTS = {'***': '*', '**/**': '**', '**/**/**': '**'}
EXTGLOB_CHARS = {
    '!': ('negate', '(?:(?!(?:', f')){STAR})'),
    '?': ('qmark', '(?:', ')?'),
    '+': ('plus', '(?:', ')+'),
    '*': ('star', '(?:', ')*'),
    '@': ('at', '(?:', ')'),
}
_REGEX_NON_SPECIAL_CHARS = re.compile(r'[^@!\[\].,$*+?^{}()|\\/]+')
_REGEX_SPECIAL_CHARS = re.compile(r'[-*+?.^${}(|)\[\]]')
_REGEX_SPECIAL_CHARS_BACKREF = re.compile(r'(\\?)(([^A-Za-z0-9_])(\3*))')


def _escape_regex(s: str) -> str:
    return _REGEX_SPECIAL_CHARS.sub(lambda m: '\\' + m.group(), s)


def _escape_last(s: str, char: str, last: int | None = None) -> str:
    idx = s.rfind(char, 0, None if last is None else last + 1)
    if idx == -1:
        return s
    if idx > 0 and s[idx - 1] == '\\':
        return _escape_last(s, char, idx - 1)
    return f'{s[:idx]}\\{s[idx:]}'


class _Tok:
    __slots__ = (
        'comma',
        'dots',
        'extglob',
        'output',
        'output_index',
        'posix',
        'prev',
        'star',
        'suffix',
        'tokens_index',
        'type',
        'value',
    )

    def __init__(self, type: str, value: str, output: str | None = None) -> None:
        self.type = type
        self.value = value
        self.output = output
        self.prev: _Tok | None = None
        self.extglob = False
        self.star = False
        self.posix = False
        self.comma = False
        self.dots = False
        self.output_index = 0
        self.tokens_index = 0


class _Ext:
    __slots__ = ('close', 'inner', 'open', 'output', 'parens', 'prev', 'type')

    def __init__(self, value: str) -> None:
        self.type, self.open, self.close = EXTGLOB_CHARS[value]
        self.inner = ''
        self.prev: _Tok | None = None
        self.parens = 0
        self.output = ''


class _State:
    __slots__ = (
        'backtrack',
        'braces',
        'brackets',
        'index',
        'negated',
        'output',
        'parens',
        'quotes',
        'start',
    )

    def __init__(self) -> None:
        self.index = -1
        self.start = 0
        self.output = ''
        self.backtrack = False
        self.negated = False
        self.brackets = 0
        self.braces = 0
        self.parens = 0
        self.quotes = 0


def _globstar(dot: bool) -> str:
    return f'(?:(?:(?!{START_ANCHOR}{DOTS_SLASH if dot else DOT_LITERAL}).)*?)'


def _wrap(output: str, negated: bool) -> str:
    output = f'^(?:{output})$'
    return f'(?:^(?!{output}).*$)' if negated else output


def _fastpaths(input: str, dot: bool) -> str | None:
    """picomatch's ``parse.fastpaths`` (``*``, ``*.js``, ``**/*``, ...)."""
    if len(input) > MAX_LENGTH:
        raise ValueError(f'Input length: {len(input)}, exceeds maximum allowed length')
    input = REPLACEMENTS.get(input, input)
    nodot = NO_DOTS if dot else NO_DOT
    slash_dot = NO_DOTS_SLASH if dot else NO_DOT
    gs = _globstar(dot)

    def create(s: str) -> str | None:
        if s == '*':
            return f'{nodot}{ONE_CHAR}{STAR}'
        if s == '.*':
            return f'{DOT_LITERAL}{ONE_CHAR}{STAR}'
        if s == '*.*':
            return f'{nodot}{STAR}{DOT_LITERAL}{ONE_CHAR}{STAR}'
        if s == '*/*':
            return f'{nodot}{STAR}{SLASH_LITERAL}{ONE_CHAR}{slash_dot}{STAR}'
        if s == '**':
            return nodot + gs
        if s == '**/*':
            return f'(?:{nodot}{gs}{SLASH_LITERAL})?{slash_dot}{ONE_CHAR}{STAR}'
        if s == '**/*.*':
            return (f'(?:{nodot}{gs}{SLASH_LITERAL})?{slash_dot}{STAR}{DOT_LITERAL}'
                    f'{ONE_CHAR}{STAR}')
        if s == '**/.*':
            return f'(?:{nodot}{gs}{SLASH_LITERAL})?{DOT_LITERAL}{ONE_CHAR}{STAR}'
        m = re.fullmatch(r'(.*?)\.([A-Za-z0-9_]+)', s, re.DOTALL)
        if not m:
            return None
        source = create(m.group(1))
        if not source:
            return None
        return source + DOT_LITERAL + m.group(2)

    output = input.removeprefix('./')
    source = create(output)
    if source:
        source += f'{SLASH_LITERAL}?'
    return source


def _parse(input: str, dot: bool) -> tuple[str, bool]:
    """picomatch's ``parse(input, {dot})``: (regex source body, negated)."""
    input = REPLACEMENTS.get(input, input)
    if len(input) > MAX_LENGTH:
        raise ValueError(f'Input length: {len(input)}, exceeds maximum allowed length')
    bos = _Tok('bos', '', '')
    tokens = [bos]
    star = STAR
    nodot = '' if dot else NO_DOT
    qmark_no_dot = QMARK if dot else QMARK_NO_DOT
    st = _State()
    input = input.removeprefix('./')
    n = len(input)
    extglobs: list[_Ext] = []
    braces: list[_Tok] = []
    stack: list[str] = []
    prev = bos

    def eos() -> bool:
        return st.index == n - 1

    def peek(k: int = 1) -> str:
        i = st.index + k
        return input[i] if 0 <= i < n else ''

    def advance() -> str:
        st.index += 1
        i = st.index
        return input[i] if i < n else ''

    def remaining() -> str:
        return input[st.index + 1:]

    def append(value: str, output: str | None) -> None:
        st.output += output if output is not None else value

    def negate() -> None:
        count = 1
        while peek() == '!' and (peek(2) != '(' or peek(3) == '?'):
            advance()
            st.start += 1
            count += 1
        if count % 2 == 0:
            return
        st.negated = True
        st.start += 1

    def increment(kind: str) -> None:
        setattr(st, kind, getattr(st, kind) + 1)
        stack.append(kind)

    def decrement(kind: str) -> None:
        setattr(st, kind, getattr(st, kind) - 1)
        if stack:
            stack.pop()

    def push(tok: _Tok) -> None:
        nonlocal prev
        if prev.type == 'globstar':
            is_brace = st.braces > 0 and tok.type in ('comma', 'brace')
            is_extglob = tok.extglob or (bool(extglobs) and tok.type in ('pipe', 'paren'))
            if tok.type not in ('slash', 'paren') and not is_brace and not is_extglob:
                st.output = st.output[:-len(prev.output or '')]   # JS slice(0, -0) is ''
                prev.type = 'star'
                prev.value = '*'
                prev.output = star
                st.output += star
        if extglobs and tok.type != 'paren':
            extglobs[-1].inner += tok.value
        if tok.value or tok.output:
            append(tok.value, tok.output)
        if prev.type == 'text' and tok.type == 'text':
            prev.value += tok.value
            prev.output = (prev.output or '') + tok.value
            return
        tok.prev = prev
        tokens.append(tok)
        prev = tok

    def extglob_open(kind: str, value: str) -> None:
        token = _Ext(value)
        token.prev = prev
        token.parens = st.parens
        token.output = st.output
        output = token.open
        increment('parens')
        push(_Tok(kind, value, '' if st.output else ONE_CHAR))
        paren = _Tok('paren', advance(), output)
        paren.extglob = True
        push(paren)
        extglobs.append(token)

    def extglob_close(token: _Ext, value: str) -> None:
        output = token.close
        if token.type == 'negate':
            extglob_star = star
            if len(token.inner) > 1 and '/' in token.inner:
                extglob_star = _globstar(dot)
            if extglob_star != star or eos() or re.fullmatch(r'\)+', remaining()):
                output = token.close = f')$)){extglob_star}'
            rest = remaining()
            if '*' in token.inner and rest and re.fullmatch(r'\.[^\\/.]+', rest):
                expression = _parse(rest, dot)[0]
                output = token.close = f'){expression}){extglob_star})'
        paren = _Tok('paren', value, output)
        paren.extglob = True
        push(paren)
        decrement('parens')

    if not re.search(r'(^[*!]|[/()\[\]{}"])', input):
        backslashes = False

        def repl(m: re.Match[str]) -> str:
            nonlocal backslashes
            esc, chars, first, rest = m.group(1), m.group(2), m.group(3), m.group(4)
            if first == '\\':
                backslashes = True
                return m.group()
            if first == '?':
                if esc:
                    return esc + first + (QMARK * len(rest) if rest else '')
                if m.start() == 0:
                    return qmark_no_dot + (QMARK * len(rest) if rest else '')
                return QMARK * len(chars)
            if first == '.':
                return DOT_LITERAL * len(chars)
            if first == '*':
                if esc:
                    return esc + first + (star if rest else '')
                return star
            return m.group() if esc else f'\\{m.group()}'

        output = _REGEX_SPECIAL_CHARS_BACKREF.sub(repl, input)
        if backslashes:
            output = re.sub(r'\\+', lambda m: '\\\\' if len(m.group()) % 2 == 0 else '\\',
                            output)
        return _wrap(output, st.negated), False

    while not eos():
        value = advance()
        if value == '\0':
            continue
        if value == '\\':
            nxt = peek()
            if nxt == '/':
                continue
            if nxt in ('.', ';'):
                continue
            if not nxt:
                value += '\\'
                push(_Tok('text', value))
                continue
            m = re.match(r'\\+', remaining())
            if m and len(m.group()) > 2:
                slashes = len(m.group())
                st.index += slashes
                if slashes % 2 != 0:
                    value += '\\'
            value += advance()
            if st.brackets == 0:
                push(_Tok('text', value))
                continue
        if st.brackets > 0 and (value != ']' or prev.value in ('[', '[^')):
            if value == ':':
                inner = prev.value[1:]
                if '[' in inner:
                    prev.posix = True
                    if ':' in inner:
                        idx = prev.value.rfind('[')
                        pre = prev.value[:idx]
                        rest = prev.value[idx + 2:]
                        posix = POSIX_REGEX_SOURCE.get(rest)
                        if posix:
                            prev.value = pre + posix
                            st.backtrack = True
                            advance()
                            if not bos.output and tokens.index(prev) == 1:
                                bos.output = ONE_CHAR
                            continue
            if (value == '[' and peek() != ':') or (value == '-' and peek() == ']'):
                value = f'\\{value}'
            if value == ']' and prev.value in ('[', '[^'):
                value = f'\\{value}'
            prev.value += value
            append(value, None)
            continue
        if st.quotes == 1 and value != '"':
            value = _escape_regex(value)
            prev.value += value
            append(value, None)
            continue
        if value == '"':
            st.quotes = 0 if st.quotes == 1 else 1
            continue
        if value == '(':
            increment('parens')
            push(_Tok('paren', value))
            continue
        if value == ')':
            ext = extglobs[-1] if extglobs else None
            if ext is not None and st.parens == ext.parens + 1:
                extglob_close(extglobs.pop(), value)
                continue
            push(_Tok('paren', value, ')' if st.parens else '\\)'))
            decrement('parens')
            continue
        if value == '[':
            if ']' not in remaining():
                value = f'\\{value}'
            else:
                increment('brackets')
            push(_Tok('bracket', value))
            continue
        if value == ']':
            if prev.type == 'bracket' and len(prev.value) == 1:
                push(_Tok('text', value, f'\\{value}'))
                continue
            if st.brackets == 0:
                push(_Tok('text', value, f'\\{value}'))
                continue
            decrement('brackets')
            prev_value = prev.value[1:]
            if not prev.posix and prev_value[:1] == '^' and '/' not in prev_value:
                value = f'/{value}'
            prev.value += value
            append(value, None)
            if _REGEX_SPECIAL_CHARS.search(prev_value):
                continue
            escaped = _escape_regex(prev.value)
            st.output = st.output[:-len(prev.value)]
            prev.value = f'(?:{escaped}|{prev.value})'
            st.output += prev.value
            continue
        if value == '{':
            increment('braces')
            brace = _Tok('brace', value, '(')
            brace.output_index = len(st.output)
            brace.tokens_index = len(tokens)
            braces.append(brace)
            push(brace)
            continue
        if value == '}':
            if not braces:
                push(_Tok('text', value, value))
                continue
            brace = braces[-1]
            output = ')'
            if brace.dots:
                arr = tokens[:]
                rng: list[str] = []
                for i in range(len(arr) - 1, -1, -1):
                    tokens.pop()
                    if arr[i].type == 'brace':
                        break
                    if arr[i].type != 'dots':
                        rng.insert(0, arr[i].value)
                output = _expand_range(rng)
                st.backtrack = True
            if not brace.comma and not brace.dots:
                out = st.output[:brace.output_index]
                toks = tokens[brace.tokens_index:]
                brace.value = brace.output = '\\{'
                value = output = '\\}'
                st.output = out
                for t in toks:
                    st.output += t.output or t.value
            push(_Tok('brace', value, output))
            decrement('braces')
            braces.pop()
            continue
        if value == '|':
            push(_Tok('text', value))
            continue
        if value == ',':
            output = value
            if braces and stack and stack[-1] == 'braces':
                braces[-1].comma = True
                output = '|'
            push(_Tok('comma', value, output))
            continue
        if value == '/':
            if prev.type == 'dot' and st.index == st.start + 1:
                st.start = st.index + 1
                st.output = ''
                tokens.pop()
                prev = bos
                continue
            push(_Tok('slash', value, SLASH_LITERAL))
            continue
        if value == '.':
            if st.braces > 0 and prev.type == 'dot':
                if prev.value == '.':
                    prev.output = DOT_LITERAL
                brace = braces[-1]
                prev.type = 'dots'
                prev.output = (prev.output or '') + value
                prev.value += value
                brace.dots = True
                continue
            if st.braces + st.parens == 0 and prev.type not in ('bos', 'slash'):
                push(_Tok('text', value, DOT_LITERAL))
                continue
            push(_Tok('dot', value, DOT_LITERAL))
            continue
        if value == '?':
            is_group = prev.value == '('
            if not is_group and peek() == '(' and peek(2) != '?':
                extglob_open('qmark', value)
                continue
            if prev.type == 'paren':
                nxt = peek()
                output = value
                if (prev.value == '(' and not re.match(r'[!=<:]', nxt)) or \
                        (nxt == '<' and not re.search(r'<([!=]|[A-Za-z0-9_]+>)', remaining())):
                    output = f'\\{value}'
                push(_Tok('text', value, output))
                continue
            if not dot and prev.type in ('slash', 'bos'):
                push(_Tok('qmark', value, QMARK_NO_DOT))
                continue
            push(_Tok('qmark', value, QMARK))
            continue
        if value == '!':
            if peek() == '(' and (peek(2) != '?' or not re.match(r'[!=<:]', peek(3))):
                extglob_open('negate', value)
                continue
            if st.index == 0:
                negate()
                continue
        if value == '+':
            if peek() == '(' and peek(2) != '?':
                extglob_open('plus', value)
                continue
            if prev.value == '(':
                push(_Tok('plus', value, PLUS_LITERAL))
                continue
            if prev.type in ('bracket', 'paren', 'brace') or st.parens > 0:
                push(_Tok('plus', value))
                continue
            push(_Tok('plus', PLUS_LITERAL))
            continue
        if value == '@':
            if peek() == '(' and peek(2) != '?':
                at = _Tok('at', value, '')
                at.extglob = True
                push(at)
                continue
            push(_Tok('text', value))
            continue
        if value != '*':
            if value in ('$', '^'):
                value = f'\\{value}'
            m = _REGEX_NON_SPECIAL_CHARS.match(remaining())
            if m:
                value += m.group()
                st.index += len(m.group())
            push(_Tok('text', value))
            continue
        if prev.type == 'globstar' or prev.star:
            prev.type = 'star'
            prev.star = True
            prev.value += value
            prev.output = star
            st.backtrack = True
            continue
        rest = remaining()
        if re.match(r'\([^?]', rest):
            extglob_open('star', value)
            continue
        if prev.type == 'star':
            prior = prev.prev
            assert prior is not None
            before = prior.prev
            is_start = prior.type in ('slash', 'bos')
            after_star = before is not None and before.type in ('star', 'globstar')
            is_brace = st.braces > 0 and prior.type in ('comma', 'brace')
            is_extglob = bool(extglobs) and prior.type in ('pipe', 'paren')
            if not is_start and prior.type != 'paren' and not is_brace and not is_extglob:
                push(_Tok('star', value, ''))
                continue
            while rest[:3] == '/**':
                after = input[st.index + 4] if st.index + 4 < n else ''
                if after and after != '/':
                    break
                rest = rest[3:]
                st.index += 3
            prior_prev_type = prior.prev.type if prior.prev is not None else ''
            if prior.type == 'bos' and eos():
                prev.type = 'globstar'
                prev.value += value
                prev.output = _globstar(dot)
                st.output = prev.output
                continue
            if prior.type == 'slash' and prior_prev_type != 'bos' and not after_star and eos():
                st.output = st.output[:-len((prior.output or '') + (prev.output or ''))]
                prior.output = f'(?:{prior.output}'
                prev.type = 'globstar'
                prev.output = _globstar(dot) + '|$)'
                prev.value += value
                st.output += prior.output + prev.output
                continue
            if prior.type == 'slash' and prior_prev_type != 'bos' and rest[:1] == '/':
                end = '|$' if len(rest) > 1 else ''
                st.output = st.output[:-len((prior.output or '') + (prev.output or ''))]
                prior.output = f'(?:{prior.output}'
                prev.type = 'globstar'
                prev.output = f'{_globstar(dot)}{SLASH_LITERAL}|{SLASH_LITERAL}{end})'
                prev.value += value
                st.output += prior.output + prev.output
                advance()
                push(_Tok('slash', '/', ''))
                continue
            if prior.type == 'bos' and rest[:1] == '/':
                prev.type = 'globstar'
                prev.value += value
                prev.output = f'(?:^|{SLASH_LITERAL}|{_globstar(dot)}{SLASH_LITERAL})'
                st.output = prev.output
                advance()
                push(_Tok('slash', '/', ''))
                continue
            st.output = st.output[:-len(prev.output or '')]
            prev.type = 'globstar'
            prev.output = _globstar(dot)
            prev.value += value
            st.output += prev.output
            continue
        token = _Tok('star', value, star)
        if st.index == st.start or prev.type in ('slash', 'dot'):
            if prev.type == 'dot':
                extra = NO_DOT_SLASH
            elif dot:
                extra = NO_DOTS_SLASH
            else:
                extra = nodot
            if peek() != '*':
                extra += ONE_CHAR
            st.output += extra
            prev.output = (prev.output if prev.output is not None else prev.value) + extra
        push(token)

    while st.brackets > 0:
        st.output = _escape_last(st.output, '[')
        decrement('brackets')
    while st.parens > 0:
        st.output = _escape_last(st.output, '(')
        decrement('parens')
    while st.braces > 0:
        st.output = _escape_last(st.output, '{')
        decrement('braces')
    if prev.type in ('star', 'bracket'):
        push(_Tok('maybe_slash', '', f'{SLASH_LITERAL}?'))
    if st.backtrack:
        st.output = ''.join(t.output if t.output is not None else t.value for t in tokens)
    return st.output, bool(st.negated)


def _expand_range(args: list[str]) -> str:
    args.sort(key=_utf16)
    value = f'[{"-".join(args)}]'
    if _to_python(value) is None:
        return '..'.join(_escape_regex(v) for v in args)
    return value


def _utf16(s: str) -> bytes:
    return s.encode('utf-16-be', 'surrogatepass')


_ASTRAL = '[\U00010000-\U0010FFFF]'   # (compiled when a name needs it)


@functools.lru_cache(maxsize=1)
def _astral() -> re.Pattern[str]:
    return re.compile(_ASTRAL)


def js_units(s: str) -> str:
    """``s`` with each astral character as its UTF-16 surrogate pair (JS strings)."""
    if s.isascii() or not _astral().search(s):
        return s
    out = []
    for c in s:
        o = ord(c)
        if o > 0xFFFF:
            o -= 0x10000
            out.append(chr(0xD800 + (o >> 10)))
            out.append(chr(0xDC00 + (o & 0x3FF)))
        else:
            out.append(c)
    return ''.join(out)


# JavaScript (no `u` flag) escapes with a meaning; any other `\X` is X itself
_JS_CLASS_ESCAPES = {
    'd': '0-9', 'w': 'A-Za-z0-9_',
    's': ' \\t\\n\\v\\f\\r\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f'
         '\\u3000\\ufeff',
}
_JS_NEGATED = {'D': 'd', 'W': 'w', 'S': 's'}
_LINE_TERMINATORS = '[^\\n\\r\\u2028\\u2029]'


# Case-insensitive matching: JavaScript (no `u` flag) folds a character to its
# toUpperCase() when that is one character and not ASCII from non-ASCII; Python's
# re.IGNORECASE folds more (ı ſ K İ match ASCII letters, ß/ẞ, Ω/Ω, Å/Å, ϴ/θ, ...).
# These characters (closed under JS folding) are matched through private-use
# stand-ins, one per JS fold class, in both the pattern and the path.
_JS_FOLD_CHARS = (
    '\xc5\xdf\xe5\u0130\u0131\u017f\u0398\u03a9\u03b8\u03c9\u03d1\u03f4\u1e9e'
    '\u1f80\u1f81\u1f82\u1f83\u1f84\u1f85\u1f86\u1f87\u1f88\u1f89\u1f8a\u1f8b\u1f8c\u1f8d'
    '\u1f8e\u1f8f\u1f90\u1f91\u1f92\u1f93\u1f94\u1f95\u1f96\u1f97\u1f98\u1f99\u1f9a\u1f9b'
    '\u1f9c\u1f9d\u1f9e\u1f9f\u1fa0\u1fa1\u1fa2\u1fa3\u1fa4\u1fa5\u1fa6\u1fa7\u1fa8\u1fa9'
    '\u1faa\u1fab\u1fac\u1fad\u1fae\u1faf\u1fb3\u1fbc\u1fc3\u1fcc\u1ff3\u1ffc\u2126\u212a'
    '\u212b'
)


def _js_canonical(c: str) -> str:
    u = c.upper()
    if len(u) != 1 or (ord(c) >= 128 and ord(u) < 128):
        return c
    return u


def _fold_table() -> dict[str, str]:
    classes: dict[str, str] = {}
    out = {}
    for c in _JS_FOLD_CHARS:
        key = _js_canonical(c)
        out[c] = classes.setdefault(key, chr(0xE000 + len(classes)))
    return out


_FOLD = _fold_table()
_FOLD_TRANSLATE = str.maketrans({k: v for k, v in _FOLD.items()})


def _fold_subject(s: str) -> str:
    return s if s.isascii() else s.translate(_FOLD_TRANSLATE)


def _class_text(members: list[tuple[str, int | None]], fold: bool) -> str:
    """A class body; folded: plus the stand-ins of the fold characters it holds."""
    text = ''.join(t for t, _ in members)
    if not fold:
        return text
    extra: list[str] = []
    cps = [cp for _, cp in members]
    i = 0
    while i < len(cps):
        lo = cps[i]
        hi = cps[i + 2] if i + 2 < len(cps) and cps[i + 1] == -1 else None
        if lo is not None and lo >= 0 and hi is not None and hi >= 0:
            i += 3                      # a range lo-hi
        else:
            hi = lo
            i += 1
        if lo is None or lo < 0 or hi is None:
            continue
        extra.extend(re.escape(v) for k, v in _FOLD.items() if lo <= ord(k) <= hi)
    return text + ''.join(extra)


def _to_python(source: str, flags: int = 0) -> re.Pattern[str] | None:
    """Python's twin of a JavaScript (no ``u`` flag) regex source, or None."""
    fold = bool(flags & re.IGNORECASE)
    out: list[str] = []
    members: list[tuple[str, int | None]] | None = None   # inside a class
    i, n = 0, len(source)

    def emit(text: str, cp: int | None) -> None:
        if members is not None:
            members.append((text, cp))
        elif fold and cp is not None and cp >= 0 and chr(cp) in _FOLD:
            out.append(re.escape(_FOLD[chr(cp)]))
        else:
            out.append(text)

    while i < n:
        c = source[i]
        if c == '\\':
            if i + 1 >= n:
                return None          # JS: \ at end of pattern is a syntax error
            e = source[i + 1]
            i += 2
            if e in _JS_CLASS_ESCAPES:
                body = _JS_CLASS_ESCAPES[e]
                emit(body if members is not None else f'[{body}]', None)
            elif e in _JS_NEGATED:
                if members is not None:
                    return None      # rare: a negated class escape inside a class
                out.append(f'[^{_JS_CLASS_ESCAPES[_JS_NEGATED[e]]}]')
            elif e in 'bB' and members is None:
                out.append('(?:(?<=[A-Za-z0-9_])(?![A-Za-z0-9_])|(?<![A-Za-z0-9_])(?=[A-Za-z0-9_]))'
                           if e == 'b' else
                           '(?:(?<=[A-Za-z0-9_])(?=[A-Za-z0-9_])|(?<![A-Za-z0-9_])(?![A-Za-z0-9_]))')
            elif e == 'b':
                emit('\\x08', 8)
            elif e in 'nrtfv':
                emit('\\' + e, ord({'n': '\n', 'r': '\r', 't': '\t', 'f': '\f', 'v': '\v'}[e]))
            elif e == '0' and not (i < n and source[i].isdigit()):
                emit('\\x00', 0)
            elif e in '123456789' and members is None:
                return None          # backreferences: left to JS
            elif e == 'x' and re.match(r'[0-9A-Fa-f]{2}', source[i:i + 2]):
                emit('\\x' + source[i:i + 2], int(source[i:i + 2], 16))
                i += 2
            elif e == 'u' and re.match(r'[0-9A-Fa-f]{4}', source[i:i + 4]):
                emit('\\u' + source[i:i + 4], int(source[i:i + 4], 16))
                i += 4
            elif e == 'c' and i < n and source[i].isascii() and source[i].isalpha():
                emit(f'\\x{ord(source[i]) % 32:02x}', ord(source[i]) % 32)
                i += 1
            else:
                emit(re.escape(e), ord(e))
            continue
        if members is not None:
            if c == ']':
                out.append(_class_text(members, fold) + ']')
                members = None
            elif c == '[':
                emit('\\[', ord(c))
            elif c == '-':
                emit('-', -1)
            else:
                emit(c, ord(c))
            i += 1
            continue
        if c == '[':
            if source.startswith('[]', i):
                out.append('(?!)')
                i += 2
                continue
            if source.startswith('[^]', i):
                out.append('[\\s\\S]')
                i += 3
                continue
            out.append('[')
            i += 1
            if i < n and source[i] == '^':
                out.append('^')
                i += 1
            if i < n and source[i] == ']':   # cannot happen after the checks above
                return None
            members = []
            continue
        if c == '.':
            out.append(_LINE_TERMINATORS)
        elif c == '$':
            out.append('\\Z')
        elif c == '(' and source.startswith('(?<', i) and source[i + 3:i + 4] not in ('=', '!'):
            return None              # named groups: not produced by picomatch
        elif c in '^()|*+?{},:=!':
            out.append(c)
        else:
            emit(c, ord(c))
        i += 1
    if members is not None:
        return None
    try:
        return re.compile(''.join(out), flags)
    except (re.error, RecursionError, OverflowError):
        return None


@functools.lru_cache(maxsize=4096)
def _regex(glob: str, dot: bool, nocase: bool) -> re.Pattern[str] | None:
    """picomatch(glob, {dot, nocase})'s regex (None: it matches nothing), on JS strings."""
    if not glob:
        raise ValueError('Expected pattern to be a non-empty string')
    source: str | None = None
    negated = False
    if glob[0] in '.*':
        source = _fastpaths(glob, dot)
    if not source:
        source, negated = _parse(glob, dot)
    source = f'^(?:{source})$'
    if negated:
        source = f'^(?!{source}).*$'
    return _to_python(source, re.IGNORECASE if nocase else 0)


@functools.lru_cache(maxsize=4096)
def _matcher(glob: str, dot: bool, nocase: bool) -> Callable[[str], bool]:
    """picomatch(glob, {dot, nocase}) without the basename option, on JS strings."""
    regex = _regex(glob, dot, nocase)
    if regex is None:
        return lambda s: False
    return lambda s: regex.match(s) is not None


@functools.lru_cache(maxsize=1024)
def _any_matcher(globs: tuple[str, ...], dot: bool, nocase: bool,
                 ) -> tuple[frozenset[str], list[re.Pattern[str]]]:
    """Every glob's regex joined into one per flag set: a path matches the list
    when it equals a glob or one alternative matches (what is_match loops over)."""
    regexes = [_regex(js_units(glob), dot, nocase) for glob in globs]
    return frozenset(globs), _joined([r for r in regexes if r is not None])


def _joined(regexes: list[re.Pattern[str]]) -> list[re.Pattern[str]]:
    """The regexes as one alternation per flag set (a lone one as it is)."""
    by_flags: dict[int, list[re.Pattern[str]]] = {}
    for regex in regexes:
        by_flags.setdefault(regex.flags, []).append(regex)
    return [group[0] if len(group) == 1 else
            re.compile('|'.join(f'(?:{r.pattern})' for r in group), flags)
            for flags, group in by_flags.items()]


def is_match_any(path: str, globs: tuple[str, ...], *, dot: bool = True, nocase: bool = True,
                 basename: bool = False) -> bool:
    """``is_match(path, globs, ...)`` for a list matched again and again (compiled once)."""
    if not globs or not path:
        return False
    if not all(globs):
        raise ValueError('Expected pattern to be a non-empty string')
    exact, joined = _any_matcher(globs, dot, nocase)
    if path in exact:
        return True
    subject = js_units(_basename(path) if basename else path)
    if nocase:
        subject = _fold_subject(subject)
    return any(r.match(subject) is not None for r in joined)


def any_matcher(globs: tuple[str, ...], *, dot: bool = True, nocase: bool = True,
                basename: bool = False) -> Callable[[str], bool]:
    """``is_match_any(path, globs, ...)`` as a function of ``path``, for a list that
    stays the same along a whole walk (no per-call hashing of the list)."""
    if not globs:
        return lambda path: False
    if not all(globs):
        raise ValueError('Expected pattern to be a non-empty string')
    exact = frozenset(globs)
    matches: list[Callable[[str], re.Match[str] | None]] = []   # compiled on first use
    # an ASCII path (most of them) needs no UTF-16 units nor folding, and meets the
    # globs whose regex is a plain string as a set lookup; compiled on first use too
    # (a list a walk never consults, yarn's `**/*` below a folder nothing rescues
    # from, costs no regex)
    ascii_state: list[tuple[frozenset[str], list[Callable[[str], re.Match[str] | None]]]] = []

    def ascii_match(subject: str) -> bool:
        if not ascii_state:
            literal, rest = _ascii_literals(globs, dot, nocase)
            ascii_state.append((literal, [r.match for r in rest]))
        literal, ascii_matches = ascii_state[0]
        if (subject.lower() if nocase else subject) in literal:
            return True
        for m in ascii_matches:
            if m(subject) is not None:
                return True
        return False

    def match(path: str) -> bool:
        if not path:
            return False
        if path in exact:
            return True
        if path.isascii():
            return ascii_match(_basename(path) if basename else path)
        subject = js_units(_basename(path) if basename else path)
        if nocase:
            subject = _fold_subject(subject)
        if not matches:
            matches.extend(r.match for r in _any_matcher(globs, dot, nocase)[1])
            matches.append(_no_match)   # (none may compile)
        for m in matches:
            if m(subject) is not None:
                return True
        return False

    if not basename or any('/' in glob for glob in globs):
        return match

    def match_basename(path: str) -> bool:
        # a path with a / equals no glob (none has one): its ASCII basename is enough
        if '/' not in path or not path.isascii():
            return match(path)
        if path[-1] == '/':
            path = path.rstrip('/')
        return ascii_match(path[path.rfind('/') + 1:])
    return match_basename


_WRAPPED = re.compile(r'\^\(\?:(.*)\)\\Z', re.DOTALL)
_REGEX_LITERAL = re.compile(r'(?:[^\\.^$*+?()\[\]{}|]|\\[^A-Za-z0-9])*', re.DOTALL)
_REGEX_ESCAPE = re.compile(r'\\(.)', re.DOTALL)


def _no_match(subject: str) -> None:
    return None


def _literal(regex: re.Pattern[str]) -> str | None:
    r"""The one string ``regex`` matches when its source is a plain string (``^(?:a\.b)\Z``,
    maybe wrapped twice), else None."""
    source = regex.pattern
    while (m := _WRAPPED.fullmatch(source)) is not None:
        source = m.group(1)
    if source == regex.pattern or _REGEX_LITERAL.fullmatch(source) is None:
        return None
    return _REGEX_ESCAPE.sub(lambda m: m.group(1), source)


def _literal_prefix(regex: re.Pattern[str]) -> str | None:
    r"""The string that starts every name ``regex`` matches when its source is a plain
    string then ``[^/]*?`` (``^(?:\.\#[^/]*?)\Z``: any rest without a /), else None."""
    source = regex.pattern
    while (m := _WRAPPED.fullmatch(source)) is not None:
        source = m.group(1)
    for tail in ('[^/]*?', '[^/]*?/?'):
        head = source.removesuffix(tail)
        if head != source and _REGEX_LITERAL.fullmatch(head) is not None \
                and not head.endswith('\\'):
            return _REGEX_ESCAPE.sub(lambda m: m.group(1), head)
    return None


@functools.lru_cache(maxsize=256)
def name_sets(globs: tuple[str, ...], *, dot: bool = True,
              ) -> tuple[frozenset[str], tuple[str, ...]] | None:
    """For basename globs matched with ``{basename: true, nocase: true}``: the lower-case
    names and name prefixes they match, so that on an ASCII path with a ``/``,
    ``any_matcher(globs, basename=True)(path)`` is ``name in names or
    name.startswith(prefixes)`` for its lower-cased basename; None when a glob is
    neither a plain name nor a plain name then ``*`` (as picomatch compiles it)."""
    names: set[str] = set()
    prefixes: list[str] = []
    for glob in globs:
        if not glob or not glob.isascii() or '/' in glob:
            return None
        if _plain_glob(glob):   # its own literal: no regex to build (tests check it)
            names.add(glob.lower())
            continue
        regex = _regex(glob, dot, True)
        if regex is None:
            continue
        if regex.flags & re.VERBOSE or not regex.flags & re.IGNORECASE:
            return None
        text = _literal(regex)
        if text is not None:
            names.add(text.lower())
            continue
        prefix = _literal_prefix(regex)
        if prefix is None or '/' in prefix:
            return None
        prefixes.append(prefix.lower())
    return frozenset(names), tuple(prefixes)


@functools.lru_cache(maxsize=1024)
def _ascii_literals(globs: tuple[str, ...], dot: bool, nocase: bool,
                    ) -> tuple[frozenset[str], list[re.Pattern[str]]]:
    """For ASCII paths: the strings the ASCII globs whose regex is a plain string match
    (lower case when ``nocase``), and the other globs joined into one regex per flag set."""
    literal: set[str] = set()
    rest = []
    for glob in globs:
        if _plain_glob(glob):   # no regex to build: it matches itself (tests check it)
            literal.add(glob.lower() if nocase else glob)
            continue
        regex = _regex(js_units(glob), dot, nocase)
        if regex is None:
            continue
        text = _literal(regex) if glob.isascii() else None
        if text is not None and text.isascii() and not regex.flags & re.VERBOSE \
                and bool(regex.flags & re.IGNORECASE) == nocase:
            literal.add(text.lower() if nocase else text)
        else:
            rest.append(regex)
    return frozenset(literal), _joined(rest)


_PLAIN_CHARS = frozenset('abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-./')


def _plain_glob(glob: str) -> bool:
    """A glob of letters, digits, ``_-.`` and ``/`` between names (no ``.``/``..``
    segment, no empty one): picomatch's regex for it is the string itself."""
    if not glob or not _PLAIN_CHARS.issuperset(glob):
        return False
    parts = glob.split('/')
    if parts[0] == '':   # a leading '/' anchors like any other character
        parts = parts[1:]
    return all(p not in ('', '.', '..') for p in parts)


def path_matcher(glob: str, *, dot: bool, nocase: bool) -> Callable[[str], bool]:
    """``_matcher(glob, dot, nocase)`` for a path with no empty, ``.`` or ``..``
    segment and no trailing ``/`` (a folder a walk lists), with string tests for
    a plain glob and a plain folder then ``*`` (``packages/*``); tests check
    them against the regex."""
    if not nocase and _plain_glob(glob):
        return glob.__eq__
    head, _, last = glob.rpartition('/')
    if not nocase and not dot and last == '*' and _plain_glob(head):
        start = head + '/'
        cut = len(start)

        def one_below(path: str) -> bool:
            return (path.startswith(start) and len(path) > cut and path[cut] != '.'
                    and '/' not in path[cut:])
        return one_below
    return _matcher(glob, dot, nocase)


def _basename(path: str) -> str:
    """node's ``path.posix.basename``."""
    path = path.rstrip('/')
    return path[path.rfind('/') + 1:] if path else ''


def is_match(path: str, patterns: Sequence[str], *, dot: bool = True, nocase: bool = True,
             basename: bool = False) -> bool:
    """``micromatch.isMatch(path, patterns, {dot, nocase, basename})``.

    Raises ValueError for an empty pattern (picomatch throws a TypeError).
    """
    if not all(patterns):
        raise ValueError('Expected pattern to be a non-empty string')
    if not path:
        return False
    subject = js_units(_basename(path)) if basename else js_units(path)
    if nocase:
        subject = _fold_subject(subject)
    for glob in patterns:
        if path == glob:
            return True
        if _matcher(js_units(glob), dot, nocase)(subject):
            return True
    return False
