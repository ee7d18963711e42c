"""The benchmark harness: `.venv/bin/python -m bench` (or `make bench BENCH_EMPLOYEES=N`). See bench/__main__.py."""
