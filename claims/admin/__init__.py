"""The reviewers' UI. Verdicts go through claims.services.review, new articles through
claims.services.ingest, deletions and speaker fixes through claims.services.articles and
claims.services.speakers; fixes to extracted rows are plain edits kept in history
(django-simple-history) and re-matched after commit.

One module per model admin (articles, speakers, quotes, claims, groups, reviews), what they
share in base.py, the desk's list and history helpers in desk.py, the pages that are not a
model's (queue, dashboard, verdict and add-article forms) in views.py, and people and roles
on the Users page in people.py.
"""
from claims.admin import articles, claims, groups, people, quotes, reviews, speakers

__all__ = ["articles", "claims", "groups", "people", "quotes", "reviews", "speakers"]
