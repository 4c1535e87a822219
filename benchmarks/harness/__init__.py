"""Benchmark-only Django settings, URLconf and seed data (never used in production).

`benchmarks/run.py` copies this package beside the checkout it measures, so the same
harness runs against the current code and against an older commit.
"""
