"""Who may do what through the API, by permission codename (roles are groups holding them).

Reading needs `claims.view_claim` (api-consumers, reviewers, fact-checkers); posting a
verdict needs `claims.add_review` (reviewers); posting an article needs
`claims.add_article` (fact-checkers). The same codenames guard the admin, so a role changed
there changes the API too.
"""
from __future__ import annotations

from rest_framework.permissions import BasePermission


class _CodenamePermission(BasePermission):
    codename = ""
    message = ""

    def has_permission(self, request, view) -> bool:
        user = request.user
        # An anonymous caller fails here too; DRF then answers 401 (with WWW-Authenticate)
        # because the first authentication class, a TokenAuthentication, names a scheme.
        return bool(user and user.is_authenticated and user.is_active and user.has_perm(self.codename))


class CanReadClaims(_CodenamePermission):
    codename = "claims.view_claim"
    message = "your account cannot read claims: it needs the claims.view_claim permission (role api-consumers)"


class CanSubmitVerdicts(_CodenamePermission):
    codename = "claims.add_review"
    message = "only reviewers may give verdicts: your account lacks the claims.add_review permission"


class CanSubmitArticles(_CodenamePermission):
    codename = "claims.add_article"
    message = "only fact-checkers may submit articles: your account lacks the claims.add_article permission"
