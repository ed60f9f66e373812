"""Judging sizes: the unpacked budget and the baseline (growth, new kinds of file)."""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from hooks.findings import Finding
from hooks.judge.inspect import Inspected
from hooks.judge.rules import BASELINE_NAME
from hooks.judge.rules import RULE_GROWTH
from hooks.judge.rules import RULE_NEW_KIND
from hooks.judge.rules import RULE_UNPACKED_SIZE
from hooks.judge.rules import Context
from hooks.judge.rules import percent


def judge_sizes(ctx: Context, items: Sequence[Inspected], baseline: Any) -> list[Finding]:
    """Item 4: the unpacked budget and the baseline (growth, new kinds of file)."""
    from hooks.judge.sourcemap import human_size

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
    if baseline is None:
        return out
    growth = ctx.options.max_growth
    before = baseline.unpacked_size
    if total > before * (1 + growth):
        rise = (total - before) / before if before else float('inf')
        rise_s = percent(rise) if before else 'from nothing'
        out.append(ctx.finding(
            BASELINE_NAME,
            f'{ctx.label} would publish {human_size(total)} unpacked, up {rise_s} from '
            f'{human_size(before)} in the baseline, past --max-growth {percent(growth)}; '
            f'find what was added (packguard ls), or run packguard baseline if it is meant',
            RULE_GROWTH, 'error',
        ))
    known = set(baseline.kinds.values())
    firsts: dict[str, Inspected] = {}
    for i in files:
        if i.kind in ('source map', 'binary') and i.kind not in known and i.kind not in firsts:
            firsts[i.kind] = i
    for kind, i in firsts.items():
        if ctx.allowed(i.file.path):
            continue
        out.append(ctx.finding(
            i.file.path,
            f'first {kind} in {ctx.label}: the baseline has none, so this is a new kind of '
            f'file to publish; leave it out, or run packguard baseline if it is meant',
            RULE_NEW_KIND, 'error',
        ))
    return out
