"""Every write that spans rows or models. Views, admin, tasks and commands call these."""
from claims.services.extraction_runs import (
    article_extract,
    article_mark_failed,
    article_store_extraction,
    articles_extract_batch,
    articles_requeue,
)
from claims.services.groups import article_match, article_queue_matching, groups_rebuild
from claims.services.ingest import (
    IngestError,
    IngestResult,
    article_fetch,
    article_ingest,
    article_ingest_path,
    article_ingest_url,
    article_queue_extraction,
    article_submit_url,
    articles_requeue_fetches,
)
from claims.services.review import review_submit, reviews_submit_bulk

__all__ = [
    "IngestError",
    "IngestResult",
    "article_extract",
    "article_fetch",
    "article_submit_url",
    "articles_requeue_fetches",
    "article_ingest",
    "article_ingest_path",
    "article_ingest_url",
    "article_mark_failed",
    "article_match",
    "article_queue_matching",
    "article_queue_extraction",
    "article_store_extraction",
    "articles_extract_batch",
    "articles_requeue",
    "groups_rebuild",
    "review_submit",
    "reviews_submit_bulk",
]
