"""Speaker accuracy of quote extraction, beside the current release in the same run.

    python bench/eval_speakers.py [--gold tests/gold/ecbplus_quotes.json] [--no-polnear] [--misses FILE]
    python bench/eval_speakers.py --no-release --polnear-split train --polnear-limit 300 --polnear-misses FILE

Two sets, each run through this tree's extractor and the release's (bench/baseline.py: the
driver below runs in a subprocess that imports the release's ``claims.extraction``):

* **ECB+ quotes** (tests/gold/ecbplus_quotes.json: hand-annotated quotes with the speaker a
  reader names, over raw files of ``../shared/eval/ecbplus/``, read where they are). Topics
  1-11 are the set to study and tune on; topics 12-22 are the check, printed apart. A gold
  quote is *found* when one predicted quote covers at least half of it (as PolNeAR's scorer
  counts recall); its speaker is *right* when the predicted canonical speaker names the
  gold one:

  - a person named in the article: the same normalised full name, or the same surname with a
    compatible given name ("Matt O'Connor" for "Matthew O'Connor", "Mark Heller" for "Mark
    Jay Heller"); a bare surname is right only when the article gives no more ("White");
  - an organisation: the same normalised name, its acronym, or one name's words inside the
    other's ("TMZ" for "TMZ.com");
  - a speaker the article never names ("a friend of the actress"): a description sharing a
    content word with the gold description or its mention, and not resolved to a named
    person or organisation of the story.

  Names are compared after folding case, diacritics, punctuation, a possessive and leading
  titles ("Dr.", "Sen."); the comparison is written here, not borrowed from the code under
  test.
* **PolNeAR dev** through ``../shared/eval/score.py`` (its ``speaker_acc``, mention-based,
  and ``f1_speech``).

Targets (issue 13): speaker accuracy >= 0.92 on both sets; PolNeAR dev f1_speech >= 0.88.
``--misses FILE`` writes this tree's ECB+ misses (topics 1-11 only) as JSON lines, for study;
``--polnear-split train`` scores PolNeAR's train split the same way (the split to study, dev
being the check) and ``--polnear-misses FILE`` lists its speaker misses.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT.parent / "shared" / "eval"
GOLD = ROOT / "tests" / "gold" / "ecbplus_quotes.json"
TUNE_TOPICS = range(1, 12)
TARGETS = {"speaker right (ECB+ 1-11)": ">= 0.92", "speaker right (ECB+ 12-22)": ">= 0.92",
           "PolNeAR dev speaker_acc": ">= 0.92", "PolNeAR dev f1_speech": ">= 0.88"}


# -- driver: runs in a subprocess, importing whichever claims.extraction is first on the path --


def drive() -> None:
    """Read [{"id", "text"}] on stdin; write {id: [quote, ...]} on stdout."""
    from claims.extraction import extract_many
    from claims.extraction.nlp import load_pipeline
    from claims.extraction.pipeline import DEFAULT_MODEL

    docs = json.load(sys.stdin)
    nlp = load_pipeline(DEFAULT_MODEL)
    out = {}
    results = extract_many(((d["text"], None) for d in docs), nlp=nlp, errors=True)
    for d, result in zip(docs, results, strict=True):
        if isinstance(result, Exception):
            out[d["id"]] = {"error": str(result), "quotes": []}
            continue
        out[d["id"]] = {"quotes": [{
            "start": q.start, "end": q.end, "text": q.text, "kind": q.kind,
            "speaker": q.speaker.name if q.speaker else None,
            "speaker_kind": q.speaker.kind if q.speaker else None,
            "speaker_mention": ({"text": q.speaker_mention.text, "start": q.speaker_mention.start,
                                 "end": q.speaker_mention.end} if q.speaker_mention else None),
            "cue": {"text": q.cue.text, "start": q.cue.start, "end": q.cue.end} if q.cue else None,
            "confidence": q.confidence,
        } for q in result.quotes]}
    json.dump(out, sys.stdout)


# -- names --------------------------------------------------------------------------------

_TITLES = frozenset("mr mrs ms miss dr prof sir dame sen rep gov gen col capt lt sgt det officer judge "
                    "president senator governor mayor minister chief coach st".split())
_DETERMINERS = frozenset("the a an this that".split())
_STOP = frozenset("the a an of and or to in on at for from by with as s".split())
_ORG_SUFFIXES = frozenset("inc corp corporation co ltd llc plc com company group".split())


def _words(name: str | None) -> list[str]:
    if not name:
        return []
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = re.sub(r"['’]s\b", "", text)
    words = re.findall(r"[a-z0-9]+", text.replace("'", "").replace("’", ""))
    while words and words[0] in _DETERMINERS:
        words = words[1:]
    return words


def _person_words(name: str | None) -> list[str]:
    words = _words(name)
    while len(words) > 1 and words[0] in _TITLES:
        words = words[1:]
    return [w for w in words if w not in ("jr", "sr", "ii", "iii")]


def _given_compatible(a: str, b: str) -> bool:
    """"Matt" / "Matthew", "J" / "John": one given name a prefix of the other."""
    return a.startswith(b) or b.startswith(a)


def person_named(predicted: str | None, gold: str) -> bool:
    p, g = _person_words(predicted), _person_words(gold)
    if not p or not g:
        return False
    if p == g:
        return True
    if p[-1] != g[-1]:
        return False
    if len(g) == 1:
        return True  # the article gives only the surname; any form with it names them
    if len(p) == 1:
        return False  # "Reid" where the story names "Tara Reid": not resolved to the person
    return _given_compatible(p[0], g[0])


def organisation_named(predicted: str | None, gold: str) -> bool:
    p = [w for w in _words(predicted) if w not in _ORG_SUFFIXES] or _words(predicted)
    g = [w for w in _words(gold) if w not in _ORG_SUFFIXES] or _words(gold)
    if not p or not g:
        return False
    if p == g:
        return True
    for short, long in ((p, g), (g, p)):
        if len(short) == 1 and len(long) > 1 and short[0] == "".join(w[0] for w in long if w not in _STOP):
            return True
    ps, gs = set(p) - _STOP, set(g) - _STOP
    return bool(ps and gs) and (ps <= gs or gs <= ps)


def description_named(predicted: dict, gold: dict) -> bool:
    if not predicted.get("speaker") or predicted.get("speaker_kind") == "person":
        return False
    described = set(_words(gold["speaker"])) | set(_words((gold.get("mention") or {}).get("text")))
    return bool((set(_words(predicted["speaker"])) - _STOP) & (described - _STOP))


def speaker_right(predicted: dict, gold: dict) -> bool:
    if not gold["named"]:
        return description_named(predicted, gold)
    if gold["speaker_kind"] == "organisation":
        return organisation_named(predicted.get("speaker"), gold["speaker"])
    return person_named(predicted.get("speaker"), gold["speaker"])


# -- scoring ------------------------------------------------------------------------------


def _best(gold: dict, predicted: list[dict]) -> dict | None:
    """The predicted quote covering most of the gold one, if it covers at least half."""
    length = gold["end"] - gold["start"]
    best, best_key = None, None
    for q in predicted:
        overlap = min(q["end"], gold["end"]) - max(q["start"], gold["start"])
        # The largest overlap; of equal ones the tightest quote (a report nested in another's).
        key = (overlap, -(q["end"] - q["start"]))
        if overlap >= 0.5 * length and (best_key is None or key > best_key):
            best, best_key = q, key
    return best


def score_ecbplus(gold: dict, predictions: dict, topics) -> dict:
    quotes = [g for g in gold["quotes"] if int(Path(g["doc"]).name.split("_")[0]) in topics]
    found = right = named = named_right = 0
    misses = []
    for g in quotes:
        q = _best(g, predictions.get(g["doc"], {}).get("quotes", []))
        if q is None:
            misses.append({"why": "not found", **g})
            continue
        found += 1
        ok = speaker_right(q, g)
        right += ok
        named += g["named"]
        named_right += ok and g["named"]
        if not ok:
            misses.append({"why": "speaker", "predicted": q["speaker"], "predicted_kind": q["speaker_kind"],
                           "predicted_mention": (q["speaker_mention"] or {}).get("text"), **g})
    return {"quotes": len(quotes), "found": found / len(quotes) if quotes else None,
            "right": right / found if found else None, "named_right": named_right / named if named else None,
            "misses": misses}


def _polnear_split(split: str, limit: int | None = None) -> list:
    sys.path.insert(0, str(EVAL))
    import polnear  # noqa: PLC0415

    docs = polnear.load_split(split)
    return docs[:limit] if limit else docs


def score_polnear(predictions: dict, split: str = "dev", limit: int | None = None) -> dict:
    docs = _polnear_split(split, limit)
    import score  # noqa: PLC0415

    metrics, _ = score.score(docs, predictions)
    return metrics


def polnear_misses(predictions: dict, split: str = "train", limit: int | None = None) -> list[dict]:
    """The matched (gold, prediction) pairs whose speaker ../shared/eval/score.py counts wrong,
    with the text a reader needs to classify them (for the study split, never dev)."""
    docs = _polnear_split(split, limit)
    import score  # noqa: PLC0415

    misses = []
    for d in docs:
        quotes = [q for q in predictions.get(d.id, {}).get("quotes", []) if q["end"] > q["start"]]
        for g in d.attributions:
            if g.content is None or g.source is None:
                continue
            best, best_overlap = None, -1
            for q in quotes:
                overlap = g.content.overlap(q["start"], q["end"])
                if overlap >= score.THRESHOLD * g.content.length and overlap > best_overlap:
                    best, best_overlap = q, overlap
            if best is None or score._speaker_ok(best, g, d.text):
                continue
            misses.append({"doc": d.id, "gold_source": g.source.surface(d.text),
                           "gold_cue": g.cue.surface(d.text) if g.cue else None,
                           "content": g.content.surface(d.text)[:200], "predicted": best["speaker"],
                           "predicted_mention": (best["speaker_mention"] or {}).get("text"),
                           "predicted_text": best["text"][:120]})
    return misses


def polnear_docs(split: str = "dev", limit: int | None = None) -> list[dict]:
    folder = EVAL / "polnear" / "data" / split / "text"
    paths = sorted(folder.glob("*.txt"))[:limit]
    return [{"id": p.stem, "text": p.read_text(encoding="utf-8")} for p in paths]


def ecbplus_docs(gold: dict) -> list[dict]:
    docs = []
    for doc in gold["documents"]:
        with open(EVAL / doc, encoding="utf-8", newline="") as f:
            docs.append({"id": doc, "text": f.read()})
    return docs


def main() -> int:
    if "--driver" in sys.argv:
        drive()
        return 0
    sys.path.insert(0, str(ROOT))
    from bench.baseline import release_tree, run_in, side_by_side  # noqa: PLC0415

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--no-polnear", action="store_true", help="skip PolNeAR dev (a minute per tree)")
    parser.add_argument("--no-release", action="store_true", help="this tree only (while studying misses)")
    parser.add_argument("--misses", type=Path, help="write this tree's ECB+ 1-11 misses here (JSON lines)")
    parser.add_argument("--polnear-split", choices=("dev", "train"), default="dev",
                        help="train: score the study split the same way (dev is the check)")
    parser.add_argument("--polnear-limit", type=int, help="only the first N articles of the split")
    parser.add_argument("--polnear-misses", type=Path,
                        help="write this tree's PolNeAR train speaker misses here (JSON lines)")
    args = parser.parse_args()
    gold = json.loads(args.gold.read_text(encoding="utf-8"))
    docs = ecbplus_docs(gold)
    trees = {"now": ROOT} if args.no_release else {"now": ROOT, "release": release_tree()}
    figures: dict[str, dict[str, object]] = {}
    for label, tree in trees.items():
        driver = Path(__file__).resolve()
        ecb = run_in(tree, driver, "--driver", stdin=json.dumps(docs))
        tune = score_ecbplus(gold, ecb, TUNE_TOPICS)
        check = score_ecbplus(gold, ecb, set(range(12, 23)))
        row = figures.setdefault(label, {})
        for name, part in (("1-11", tune), ("12-22", check)):
            row[f"ECB+ {name} gold quotes"] = part["quotes"]
            row[f"quotes found (ECB+ {name})"] = part["found"]
            row[f"speaker right (ECB+ {name})"] = part["right"]
            row[f"named speaker right (ECB+ {name})"] = part["named_right"]
        if label == "now" and args.misses:
            args.misses.write_text("".join(json.dumps(m) + "\n" for m in tune["misses"]), encoding="utf-8")
        if not args.no_polnear:
            split, limit = args.polnear_split, args.polnear_limit
            predicted = run_in(tree, driver, "--driver", stdin=json.dumps(polnear_docs(split, limit)))
            pol = score_polnear(predicted, split, limit)
            for name in ("speaker_acc", "f1_speech", "precision", "recall_speech"):
                row[f"PolNeAR {split} {name}"] = pol[name]
            if label == "now" and args.polnear_misses and split == "train":
                misses = polnear_misses(predicted, split, limit)
                args.polnear_misses.write_text("".join(json.dumps(m) + "\n" for m in misses), encoding="utf-8")
    names = list(figures["now"])
    print(side_by_side([(n, figures["now"][n], figures.get("release", {}).get(n)) for n in names], target=TARGETS))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
