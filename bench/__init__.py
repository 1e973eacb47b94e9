"""Benchmarks (not run by the test suite): `make bench` writes bench/results/*.json."""
