"""Demo data: ``manage.py seed_demo`` (logins and a few hundred reports) and
``manage.py generate_reports`` (bulk reports for benchmarks)."""
