"""factory_boy factories shared by the tests. Append new factories; do not rewrite others'."""
import hashlib

import factory

from claims.models import Article, Claim, ClaimGroup, Outlet, Quote, Speaker


class OutletFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Outlet
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Outlet {n}")
    domain = factory.LazyAttribute(lambda o: o.name.lower().replace(" ", "") + ".example")


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article

    outlet = factory.SubFactory(OutletFactory)
    title = factory.Sequence(lambda n: f"Council votes on budget, part {n}")
    body = factory.Sequence(lambda n: f"The council approved a budget of $12 million on Tuesday (story {n}).")
    raw = factory.LazyAttribute(lambda a: a.body)
    content_hash = factory.LazyAttribute(lambda a: hashlib.sha256(a.body.encode()).hexdigest())
    status = Article.Status.EXTRACTED


class SpeakerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Speaker
        django_get_or_create = ("key",)

    name = factory.Sequence(lambda n: f"Speaker {n}")
    key = factory.LazyAttribute(lambda s: s.name.lower())
    kind = Speaker.Kind.PERSON


class ClaimGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ClaimGroup

    kind = "money"
    unit = "USD"
    subject = "budget"
    key = factory.Sequence(lambda n: f"money|USD|budget|{n}")
    label = "budget (USD)"


class QuoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Quote

    article = factory.SubFactory(ArticleFactory)
    speaker = factory.SubFactory(SpeakerFactory)
    speaker_mention = factory.LazyAttribute(lambda q: q.speaker.name)
    text = "We kept every library open"
    start = 0
    end = factory.LazyAttribute(lambda q: len(q.text))
    kind = Quote.Kind.DIRECT
    cue = "said"
    confidence = 0.9
    fingerprint = factory.Sequence(lambda n: f"q{n:063d}")


class ClaimFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Claim

    article = factory.SubFactory(ArticleFactory)
    kind = Claim.Kind.MONEY
    text = "$12 million"
    start = 38
    end = 49
    value = 12000000
    unit = "USD"
    subject = "budget"
    sentence = factory.LazyAttribute(lambda c: c.article.body)
    fingerprint = factory.Sequence(lambda n: f"c{n:063d}")
