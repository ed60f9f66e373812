"""A file a config names that is not there (yet): not bad input.

A fresh checkout has no node_modules (pre-commit.ci never installs them) and no
generated files (Nuxt's .nuxt/tsconfig.json, a config named through $INIT_CWD).
An analyser that meets one raises :class:`NotThere`; the entry point turns it
into a "may emit" verdict that says what it could not see, never exit 2.
"""
from __future__ import annotations

from hooks.findings import BadInput


class NotThere(BadInput):
    """``path`` names a file that does not exist on this checkout."""
