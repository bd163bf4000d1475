"""Sending a task to the broker without losing the row it is about when the broker is down."""
from __future__ import annotations

import logging

logger = logging.getLogger(__name__)


def task_queued(task, *args, what: str, **kwargs) -> bool:
    """Queue `task` with these arguments; False, with a warning naming `what`, when the broker
    cannot be reached. The row stays as it was (pending, fetching, unmatched) and the sweeper
    or the next run queues it again: a broker that is down must not lose an article."""
    try:
        task.delay(*args, **kwargs)
    except Exception as exc:  # kombu raises OperationalError and friends, by transport
        logger.warning("could not queue %s: %s", what, exc)
        return False
    return True
