"""What a published file is and whether it may ship: source maps, secrets,
risky names, licenses, sizes, the files/.npmignore policy.

Imports hooks.publish and hooks.findings; never an entry point.
"""
