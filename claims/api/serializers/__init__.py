"""What the API shows and accepts, one module per resource.

Output serializers nest what a consumer would otherwise fetch row by row (a claim's
speaker, article, outlet and group state); the views' querysets load those relations in a
fixed number of queries per page. Claims, groups and quotes are shaped in
claims.api.shapes, which their serializers' fields and fast paths follow. Workflow actions
(submitting an article, giving a verdict) have explicit Input and Output serializers: the
input is checked here, the work is done by a service.
"""
from claims.api.serializers.articles import (
    ArticleDetailSerializer,
    ArticleSerializer,
    ArticleSubmitInputSerializer,
    ArticleSubmitOutputSerializer,
)
from claims.api.serializers.base import (
    JSON_COLUMN,
    ArticleBriefSerializer,
    DecimalTextField,
    GroupBriefSerializer,
    LinkField,
    OutletSerializer,
    QuoteBriefSerializer,
    RelatedLinkField,
    ShapedSerializer,
    SpeakerBriefSerializer,
    fast_path,
)
from claims.api.serializers.claims import ClaimSerializer
from claims.api.serializers.groups import GroupClaimSerializer, GroupSerializer
from claims.api.serializers.quotes import QuoteSerializer
from claims.api.serializers.reviews import DecisionSerializer, ReviewSerializer, VerdictInputSerializer
from claims.api.serializers.speakers import SpeakerSerializer

__all__ = [
    "JSON_COLUMN", "ArticleBriefSerializer", "ArticleDetailSerializer", "ArticleSerializer",
    "ArticleSubmitInputSerializer", "ArticleSubmitOutputSerializer", "ClaimSerializer", "DecimalTextField",
    "DecisionSerializer", "GroupBriefSerializer", "GroupClaimSerializer", "GroupSerializer", "LinkField",
    "OutletSerializer", "QuoteBriefSerializer", "QuoteSerializer", "RelatedLinkField", "ReviewSerializer",
    "ShapedSerializer", "SpeakerBriefSerializer", "SpeakerSerializer", "VerdictInputSerializer", "fast_path",
]
