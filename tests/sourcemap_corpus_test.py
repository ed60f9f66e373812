"""The analyser against the ground truth of the real bundlers.

Oracle: the real build tools.  Every case in tests/sourcemap_corpus/ is a small
project whose production build was run with the real tool (webpack, Vite,
Rollup, esbuild, tsc, ...; versions in truth.json), and truth.json records what
it wrote.  bench/sourcemap_corpus.py re-derives that truth; these tests hold the
static analysis to it: every build that writes a map is reported (as emitting
or "may emit"), and at most 5% of the reports are false alarms.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from hooks.check_sourcemap_config import analyse_project

CORPUS = Path(__file__).resolve().parent / 'sourcemap_corpus'
TRUTH: dict[str, dict[str, Any]] = json.loads((CORPUS / 'truth.json').read_text(encoding='utf-8'))
ORDER = {'yes': 2, 'maybe': 1, 'no': 0}


def _emits(case: str) -> str:
    verdicts = analyse_project(CORPUS / case)
    return max((v.emits for v in verdicts), key=ORDER.__getitem__, default='no')


def _writes_map(truth: dict[str, Any]) -> bool:
    return bool(truth['map_file'] or truth['inline'])


EMITTING = sorted(c for c, t in TRUTH.items() if _writes_map(t))
SILENT = sorted(c for c, t in TRUTH.items() if not _writes_map(t))


WITH_SOURCES = sorted(c for c in EMITTING if TRUTH[c]['sources_content'])


def test_every_truth_has_its_case_folder():
    folders = {p.name for p in CORPUS.iterdir() if p.is_dir()}
    assert set(TRUTH) <= folders


@pytest.mark.parametrize('case', EMITTING)
def test_real_build_writes_maps_and_the_analyser_says_so(case):
    """Recall: the real production build wrote a map; the analyser must not stay silent."""
    assert _emits(case) in ('yes', 'maybe')


@pytest.mark.parametrize('case', WITH_SOURCES)
def test_sources_content_is_not_understated(case):
    """When the real maps carried the sources, some emitting verdict says so (or may)."""
    verdicts = [v for v in analyse_project(CORPUS / case) if v.emits != 'no']
    assert any(v.sources_content is not False for v in verdicts)


def test_precision_on_the_builds_that_write_no_maps():
    """Precision >= 95%: builds the real tool ran without maps are rarely reported."""
    false_alarms = [c for c in SILENT if _emits(c) != 'no']
    true_reports = [c for c in EMITTING if _emits(c) != 'no']
    precision = len(true_reports) / (len(true_reports) + len(false_alarms))
    assert precision >= 0.95, false_alarms
    assert len(EMITTING) + len(SILENT) >= 100  # the corpus is really there
