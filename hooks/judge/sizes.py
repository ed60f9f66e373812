"""Judging sizes: the per-file and unpacked budgets, and one comparison engine for
what was published before, the committed baseline or a previous release
(``--against``): growth, a first file of a new kind, a new file larger than a
normal release adds."""
from __future__ import annotations

from collections.abc import Sequence

from hooks.findings import Finding
from hooks.judge.inspect import Inspected
from hooks.judge.rules import BASELINE_NAME
from hooks.judge.rules import DEFAULT_MAX_FILE_SIZE
from hooks.judge.rules import NEW_FILE_SIZE
from hooks.judge.rules import RULE_AGAINST
from hooks.judge.rules import RULE_FILE_SIZE
from hooks.judge.rules import RULE_GROWTH
from hooks.judge.rules import RULE_NEW_KIND
from hooks.judge.rules import RULE_NEW_LARGE
from hooks.judge.rules import RULE_UNPACKED_SIZE
from hooks.judge.rules import Context
from hooks.judge.rules import in_test_folder
from hooks.judge.rules import percent
from hooks.judge.sourcemap import human_size
from hooks.judge.sourcemap import plural

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import NamedTuple

    from hooks.findings import Severity
    from hooks.judge.baseline import Baseline
    from hooks.judge.baseline import NotCompared
else:
    from hooks.records import NamedTuple

# The kinds whose first appearance is a finding, in the order they are reported.
NEW_KINDS = ('source map', 'binary', 'env file', 'credential file')
# Against a release, growth past --max-growth that adds less than this is a
# warning, not an error: compared with the version before, 17 of the 400 most
# downloaded packages grew past 25% (small packages adding a few kB, majors
# moving to dual builds), all but one by under 100 kB; 2.1.88 added 56 MB.
GROWTH_FLOOR = 100 * 1000


class Totals(NamedTuple):
    """What one package (or tarball) publishes, for the summary line."""
    label: str
    files: int
    unpacked: int
    compared: str | None = None   # '+120% since 2.1.87', 'no previous version published', ...


def _name_kinds(path: str) -> set[str]:
    from hooks.judge import risky
    from hooks.judge.secrets import credential_file_kind
    from hooks.judge.secrets import env_file_kind

    out = set()
    if env_file_kind(path) == 'env':
        out.add('env file')
    kind = credential_file_kind(path)
    if kind is not None and kind not in risky.CONFIRM_BY_CONTENT:
        out.add('credential file')
    return out


def item_kinds(item: Inspected) -> set[str]:
    """The kinds of one published file, judged as hooks.judge.files judges it."""
    from hooks.judge.secrets import credential_file_kind

    out = {item.kind} | _name_kinds(item.file.path)
    if credential_file_kind(item.file.path) is not None and any(
            'private key' in h.kind for h in item.secrets):
        out.add('credential file')
    return out


def baseline_kinds(path: str, kind: str) -> set[str]:
    """The kinds of a file published before (a private key file by its name alone)."""
    from hooks.judge.secrets import credential_file_kind

    out = {kind} | _name_kinds(path)
    if credential_file_kind(path) is not None:
        out.add('credential file')
    return out


def growth_text(before: int, after: int) -> str:
    """``+120%`` / ``-54%`` / ``from nothing``."""
    if before == 0:
        return 'from nothing' if after else '+0%'
    change = (after - before) / before
    shown = percent(abs(change))
    return ('-' if change < 0 and shown != '0%' else '+') + shown


def judge_sizes(
        ctx: Context, items: Sequence[Inspected], baseline: Baseline | None,
        previous: Baseline | NotCompared | None = None,
) -> list[Finding]:
    """The budgets, then the comparison with the baseline and with the previous release."""
    out: list[Finding] = []
    files = [i for i in items if i.file.path != BASELINE_NAME]
    total = sum(i.file.size for i in files)
    limit = ctx.options.max_unpacked_size
    if limit is not None and total > limit:
        out.append(ctx.finding(
            'package.json',
            f'{ctx.label} would publish {human_size(total)} unpacked, over '
            f'--max-unpacked-size {human_size(limit)}; see what grew with packguard ls',
            RULE_UNPACKED_SIZE, 'error',
        ))
    out.extend(_default_budget(ctx, files))
    if baseline is not None:
        out.extend(_compare(ctx, files, baseline))
    if previous is not None:   # (hooks.judge.baseline is read only for a comparison)
        from hooks.judge.baseline import NotCompared

        if isinstance(previous, NotCompared):
            out.append(ctx.finding('package.json', previous.message, RULE_AGAINST,
                                   previous.severity))
        else:
            out.extend(_compare(ctx, files, previous))
    return out


def _default_budget(ctx: Context, files: Sequence[Inspected]) -> list[Finding]:
    """With no --max-file-size: any file over the default budget (25 MB)."""
    if ctx.options.max_file_size is not None:
        return []  # hooks.judge.files judges the budget the user set
    out = []
    for i in files:
        if i.file.size <= DEFAULT_MAX_FILE_SIZE or ctx.allowed(i.file.path):
            continue
        if i.binary:
            out.append(ctx.finding(
                i.file.path,
                f'{human_size(i.file.size)} binary would be published by {ctx.label}, over '
                f'the default budget of {human_size(DEFAULT_MAX_FILE_SIZE)} for one file; '
                f'native binaries can be this large: if it is meant, set --max-file-size '
                f'(or "packguard": {{"maxFileSize"}}) to the budget you expect',
                RULE_FILE_SIZE, 'warning',
            ))
            continue
        out.append(ctx.finding(
            i.file.path,
            f'{human_size(i.file.size)} file would be published by {ctx.label}, over the '
            f'default budget of {human_size(DEFAULT_MAX_FILE_SIZE)} for one file (the most '
            f'downloaded packages ship none over 6 MB); leave it out of the package, or set '
            f'--max-file-size if it is meant',
            RULE_FILE_SIZE, 'error',
        ))
    return out


def _over_budget(ctx: Context, size: int) -> bool:
    limit = ctx.options.max_file_size
    return size > (DEFAULT_MAX_FILE_SIZE if limit is None else limit)


def _compare(ctx: Context, files: Sequence[Inspected], before: Baseline) -> list[Finding]:
    """The one comparison engine: growth past --max-growth, first files of a kind,
    (for a release) new files over NEW_FILE_SIZE and a note on what changed."""
    release = before.version is not None
    out: list[Finding] = []
    total = sum(i.file.size for i in files)
    growth = ctx.options.max_growth
    old = before.unpacked_size
    new_files = [i for i in files if i.file.path not in before.sizes]
    new_files.sort(key=lambda i: -i.file.size)
    if total > old * (1 + growth):
        if release:
            largest = (f'; the largest new file is {new_files[0].file.path} '
                       f'({human_size(new_files[0].file.size)})' if new_files else '')
            small = total - old < GROWTH_FLOOR
            out.append(ctx.finding(
                'package.json',
                f'{ctx.label} grew {human_size(old)} -> {human_size(total)} '
                f'({growth_text(old, total)}) since {before.source}, past --max-growth '
                f'{percent(growth)}{largest}; find what was added (packguard ls) and leave it '
                f'out, or raise --max-growth if it is meant',
                RULE_GROWTH, 'warning' if small else 'error',
            ))
        else:
            rise = (total - old) / old if old else float('inf')
            rise_s = percent(rise) if old else 'from nothing'
            out.append(ctx.finding(
                BASELINE_NAME,
                f'{ctx.label} would publish {human_size(total)} unpacked, up {rise_s} from '
                f'{human_size(old)} in the baseline, past --max-growth {percent(growth)}; '
                f'find what was added (packguard ls), or run packguard baseline if it is meant',
                RULE_GROWTH, 'error',
            ))
    known: set[str] = set()
    for path, kind in before.kinds.items():
        known |= baseline_kinds(path, kind)
    firsts: dict[str, Inspected] = {}
    for i in files:
        for kind in sorted(item_kinds(i) - known, key=_kind_order):
            if kind in NEW_KINDS and kind not in firsts and not ctx.allowed(i.file.path):
                firsts[kind] = i
    flagged = set()
    for kind in sorted(firsts, key=_kind_order):
        i = firsts[kind]
        flagged.add(i.file.path)
        # as hooks.judge.files judges the file itself: an open-source package's maps and
        # a fixture's env file are warnings
        severity: Severity = 'warning' if (
            (kind in ('env file', 'credential file') and in_test_folder(i.file.path))
            or (kind == 'source map' and ctx.open_source)) else 'error'
        if release:
            message = (
                f'first {kind} in {ctx.label}: {before.source} published none '
                f'({plural(len(before.sizes), "file")}, {human_size(old)}), so this is a new '
                f'kind of file to publish; leave it out, or --allow it if it is meant'
            )
        else:
            message = (
                f'first {kind} in {ctx.label}: the baseline has none, so this is a new '
                f'kind of file to publish; leave it out, or run packguard baseline if it is meant'
            )
        out.append(ctx.finding(i.file.path, message, RULE_NEW_KIND, severity))
    if not release:
        return out
    for i in new_files:
        size = i.file.size
        if size <= NEW_FILE_SIZE:
            break
        if i.file.path in flagged or ctx.allowed(i.file.path) or _over_budget(ctx, size):
            continue
        out.append(ctx.finding(
            i.file.path,
            f'new {human_size(size)} {"binary" if i.binary else "file"} in {ctx.label}, not in '
            f'{before.source}; a release seldom adds a file over {human_size(NEW_FILE_SIZE)}; '
            f'leave it out of the package, or --allow it if it is meant',
            RULE_NEW_LARGE, 'warning' if i.binary else 'error',
        ))
    out.append(ctx.finding('package.json', _changes(ctx, files, before), RULE_AGAINST, 'note'))
    return out


def _kind_order(kind: str) -> int:
    return NEW_KINDS.index(kind) if kind in NEW_KINDS else len(NEW_KINDS)


def _listed(entries: list[str], limit: int = 3) -> str:
    if not entries:
        return 'none'
    shown = ', '.join(entries[:limit])
    return shown + (f' and {len(entries) - limit:,} more' if len(entries) > limit else '')


def _changes(ctx: Context, files: Sequence[Inspected], before: Baseline) -> str:
    """One line: what changed since the previous release (files new, gone, grown)."""
    now = {i.file.path: i.file.size for i in files}
    total = sum(now.values())
    new = sorted((p for p in now if p not in before.sizes), key=lambda p: -now[p])
    gone = sorted((p for p in before.sizes if p not in now), key=lambda p: -before.sizes[p])
    grown = sorted(
        (p for p in now if p in before.sizes and now[p] > before.sizes[p]),
        key=lambda p: before.sizes[p] - now[p],
    )
    return (
        f'{ctx.label} against {before.source}: {len(before.sizes):,} -> '
        f'{plural(len(now), "file")}, {human_size(before.unpacked_size)} -> '
        f'{human_size(total)} ({growth_text(before.unpacked_size, total)}); '
        f'new: {_listed([f"{p} ({human_size(now[p])})" for p in new])}; '
        f'gone: {_listed([f"{p} ({human_size(before.sizes[p])})" for p in gone])}; '
        f'grown: {_listed([f"{p} (+{human_size(now[p] - before.sizes[p])})" for p in grown])}'
    )


def compared_text(
        items: Sequence[Inspected], previous: Baseline | NotCompared | None,
) -> str | None:
    """The summary's word on the comparison: ``+120% since 2.1.87``, or why none."""
    if previous is None:
        return None
    from hooks.judge.baseline import NotCompared

    if isinstance(previous, NotCompared):
        return previous.short
    total = sum(i.file.size for i in items if i.file.path != BASELINE_NAME)
    return f'{growth_text(previous.unpacked_size, total)} since {previous.source}'


def totals_of(ctx: Context, items: Sequence[Inspected],
              previous: Baseline | NotCompared | None) -> Totals:
    files = [i for i in items if i.file.path != BASELINE_NAME]
    return Totals(ctx.label, len(files), sum(i.file.size for i in files),
                  compared_text(files, previous))


def size_summary(totals: Sequence[Totals]) -> str | None:
    """The summary's size part: ``19 files, 46.6 MB unpacked, +0% since 2.1.86``."""
    if not totals:
        return None
    files = sum(t.files for t in totals)
    unpacked = sum(t.unpacked for t in totals)
    text = f'{plural(files, "file")}, {human_size(unpacked)} unpacked'
    if len(totals) > 1:
        return f'{len(totals)} packages, {text}'
    if totals[0].compared:
        text += f', {totals[0].compared}'
    return text
