"""Root pytest configuration, loaded before Django's settings are read.

Tests talk to a Redis broker only where they say so (the real-worker tests); everything
else runs Celery tasks inline. The broker URL is fixed here, before the Celery app reads
its configuration, so that those tests publish to the same Redis their worker consumes.
"""
import os

os.environ.setdefault(
    "CELERY_BROKER_URL", os.environ.get("FACTCHECK_TEST_BROKER_URL", "redis://127.0.0.1:6379/15")
)
# The page cache's listener for writes outside Django holds a database connection for the
# life of the process: not in the test process, whose test database is dropped at the end.
# The tests that need it run a web server process with it on.
os.environ.setdefault("API_PAGE_CACHE_LISTEN", "false")
