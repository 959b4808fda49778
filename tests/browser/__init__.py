"""Browser tests: a package, so that its helper module and conftest never clash with tests/conftest.py."""
