"""Experiment (issue #12, next step): does a learned quote detector generalise better than rules?

Rule passes lift the articles they study but barely move unseen ones (docs/quotes.md). This
script measures one learned alternative: a linear-chain CRF (python-crfsuite, already a
dependency) over the pipeline's own tokens that labels quote content (B/I) and cue tokens (C),
*stacked* on the rule stage: the rule stage's quote spans are input features, so the model
learns where to trust, drop or extend them. It is trained on one folder of gold pairs (the news
gold's dev split) and scored on another with the official scorer, in four combinations:

- ``rules``: the pipeline as it stands;
- ``filter``: the rule quotes a model span confirms (IoU >= 0.5), speakers kept;
- ``add``: the rule quotes plus model spans that overlap none of them (no speaker yet);
- ``filter+add``: both;
- ``add+guess``: ``add``, each added span given the first person named earlier in its sentence,
  else its paragraph's current speaker (the speaker of the nearest rule quote before it in the
  paragraph, else after it, else the last earlier one).

Nothing here ships: the figures go to docs/quotes.md. Usage::

    python scripts/news_gold.py build --split dev OUT          # training folder (dev split)
    python scripts/learned_quotes.py OUT/dev TEST_DIR [--c1 0.1 --c2 0.01]
"""
from __future__ import annotations

import argparse
import bisect
import json
import tempfile
from pathlib import Path
from typing import Any, Iterator

import pycrfsuite

import zhpolicy_nlp
from zhpolicy_nlp import lexicon
from zhpolicy_nlp.evaluate import iou, score_doc, summarise
from zhpolicy_nlp.tokenizer import jieba_dict

Token = tuple[int, int, str]  # start, end, text
_PUNCT = frozenset("，。！？；：、“”‘’（）《》—…\n ")
_SENT_END = frozenset("。！？\n")


class Featuriser:
    """Per-token features: the word, its jieba tag, entity label, speech-cue class, the words
    and tags around it, whether it sits inside “…”, and whether (and where) a rule quote
    covers it."""

    def __init__(self) -> None:
        self.tags = jieba_dict.base_word_tags()
        self.cues = {row[0]: row[1] for row in lexicon.rows("speech_cues")}

    def _tag(self, w: str) -> str:
        return "PU" if w in _PUNCT else self.tags.get(w, "UNK")

    def __call__(self, doc: Any, rule_quotes: list[tuple[int, int]]) -> tuple[list[Token], list[dict]]:
        ents: dict[int, str] = {}
        for e in doc.ents:
            for t in e:
                ents[t.i] = ("B-" if t.i == e.start else "I-") + e.label_
        toks = [(t.idx, t.idx + len(t.text), t.text) for t in doc]
        first_quote: list[Any] = [None] * len(toks)  # the first rule quote covering each token
        for q in rule_quotes:
            for i in _covered(toks, q[0], q[1]):
                if first_quote[i] is None:
                    first_quote[i] = q
        feats: list[dict] = []
        depth, sent_start, cues_seen, last_punct = 0, True, 0, ""
        for i, (s, e, w) in enumerate(toks):
            q = first_quote[i]
            rule = ("B" if q[0] == s else "I") if q is not None else "O"
            f: dict[str, Any] = {
                "w": w, "tag": self._tag(w), "ent": ents.get(i, "O"), "len": str(min(len(w), 4)),
                "first": w[0], "last": w[-1], "quoted": depth > 0, "cue": self.cues.get(w, "no"),
                "sent_start": sent_start, "cues_seen": str(min(cues_seen, 2)),
                "last_punct": last_punct, "rule": rule, "rule|w": f"{rule}|{w}"}
            for d in (-2, -1, 1, 2):
                j = i + d
                if 0 <= j < len(toks):
                    wj = toks[j][2]
                    f.update({f"w{d}": wj, f"tag{d}": self._tag(wj), f"cue{d}": self.cues.get(wj, "no"),
                              f"ent{d}": ents.get(j, "O")[:1]})
                else:
                    f[f"w{d}"] = "BOS" if d < 0 else "EOS"
            f["w-1|w"] = f"{f['w-1']}|{w}"
            f["w|w1"] = f"{w}|{f['w1']}"
            feats.append(f)
            depth += (w == "“") - (w == "”" and depth > 0)
            last_punct = w if w in _PUNCT else last_punct
            if w in _SENT_END:
                sent_start, cues_seen = True, 0
            elif w.strip():
                sent_start = False
            cues_seen += w in self.cues
        return toks, feats


def _covered(toks: list[Token], a: int, b: int) -> range:
    """Indices of the tokens inside ``[a, b)``: tokens are in text order and do not overlap, so
    they are a run found by bisection (a scan of every token per quote is quadratic)."""
    i = bisect.bisect_left(toks, a, key=lambda t: t[0])
    j = i
    while j < len(toks) and toks[j][1] <= b:
        j += 1
    return range(i, j)


def gold_labels(toks: list[Token], gold: dict, tiers: tuple[str, ...] = ("core", "implicit")) -> list[str]:
    """B/I on the tokens of each gold quote of ``tiers``, C on its cue's tokens, O elsewhere."""
    lab = ["O"] * len(toks)
    for q in gold["quotes"]:
        if q["tier"] not in tiers:
            continue
        first = True
        for i in _covered(toks, q["start"], q["end"]):
            if toks[i][2].strip():
                lab[i], first = ("B" if first else "I"), False
        cue = q.get("cue")
        for i in _covered(toks, cue["start"], cue["end"]) if cue else ():
            if lab[i] == "O":
                lab[i] = "C"
    return lab


def spans(toks: list[Token], lab: list[str]) -> list[tuple[int, int]]:
    """Character spans of the B/I runs."""
    out: list[list[int]] = []
    open_ = False
    for (s, e, _), tag in zip(toks, lab):
        if tag == "B" or (tag == "I" and not open_):
            out.append([s, e])
            open_ = True
        elif tag == "I":
            out[-1][1] = e
        else:
            open_ = False
    return [(a, b) for a, b in out]


def read_folder(folder: Path, ex: Any, feat: Featuriser) -> Iterator[dict]:
    """Each gold pair with the pipeline's result, tokens and features."""
    for g in sorted(folder.glob("*.gold.json")):
        gold = json.loads(g.read_text(encoding="utf-8"))
        text = g.with_name(g.name[: -len(".gold.json")] + ".txt").read_text(encoding="utf-8")
        pred = ex.extract(text).to_dict()
        toks, feats = feat(ex.nlp(text), [(q["start"], q["end"]) for q in pred["quotes"]])
        yield {"gold": gold, "pred": pred, "text": text, "toks": toks, "feats": feats}


def sentence_subject(text: str, people: list[dict], a: int) -> Any:
    """The first person named in the sentence before ``a``: the subject of an action clause
    a cueless quote follows (某某提起地笼，“…”)."""
    lo = max(text.rfind(ch, 0, a) for ch in "。！？\n") + 1
    named = [(m["start"], p["name"]) for p in people for m in p.get("mentions", [])
             if lo <= m["start"] and m["end"] <= a]
    return min(named)[1] if named else None


def paragraph_speaker(text: str, quotes: list[dict], a: int) -> Any:
    """The speaker of the rule quote nearest before ``a`` in its paragraph, else of the
    nearest after it, else of the last one in earlier paragraphs: the current speaker, the
    simplest discourse guess."""
    lo, hi = text.rfind("\n", 0, a) + 1, text.find("\n", a) % (len(text) + 1)
    before = [q for q in quotes if lo <= q["start"] < a and q.get("speaker")]
    after = [q for q in quotes if a < q["start"] < hi and q.get("speaker")]
    earlier = [q for q in quotes if q["start"] < lo and q.get("speaker")]
    for found, pick in ((before, max), (after, min), (earlier, max)):
        if found:
            return pick(found, key=lambda q: q["start"])["speaker"]
    return None


def combine(d: dict, model_spans: list[tuple[int, int]], keep: bool, add: bool,
            guess: bool = False) -> dict:
    """The rule result with its quotes filtered by and/or extended with the model's spans;
    with ``guess``, an added span takes a guessed speaker."""
    rule = d["pred"]["quotes"]
    quotes = [q for q in rule if not keep or any(iou((q["start"], q["end"]), m) >= 0.5 for m in model_spans)]
    if add:
        for a, b in model_spans:
            if not any(iou((q["start"], q["end"]), (a, b)) > 0 for q in rule):
                quoted = d["text"][a - 1:a] == "“"
                quotes.append({"start": a, "end": b, "text": d["text"][a:b],
                               "speaker": (sentence_subject(d["text"], d["pred"]["people"], a)
                                           or paragraph_speaker(d["text"], rule, a)) if guess else None,
                               "kind": "direct" if quoted else "indirect"})
    return {**d["pred"], "quotes": quotes}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("train", type=Path, help="folder of NAME.txt + NAME.gold.json pairs to learn from")
    ap.add_argument("test", type=Path, help="folder to score on (never one you tune the rules on)")
    ap.add_argument("--c1", type=float, default=0.1)
    ap.add_argument("--c2", type=float, default=0.01)
    ap.add_argument("--iterations", type=int, default=150)
    args = ap.parse_args()
    ex, feat = zhpolicy_nlp.load(), Featuriser()
    train = list(read_folder(args.train, ex, feat))
    test = list(read_folder(args.test, ex, feat))
    trainer = pycrfsuite.Trainer(verbose=False)
    for d in train:
        trainer.append(d["feats"], gold_labels(d["toks"], d["gold"]))
    trainer.set_params({"c1": args.c1, "c2": args.c2, "max_iterations": args.iterations})
    with tempfile.TemporaryDirectory() as tmp:
        path = str(Path(tmp) / "quotes.crfsuite")
        trainer.train(path)
        tagger = pycrfsuite.Tagger()
        tagger.open(path)
        model = [spans(d["toks"], tagger.tag(d["feats"])) for d in test]
    print(f"train {args.train}: {len(train)} docs; test {args.test}: {len(test)} docs")
    for name, keep, add, guess in (("rules", False, False, False), ("filter", True, False, False),
                                   ("add", False, True, False), ("filter+add", True, True, False),
                                   ("add+guess", False, True, True)):
        s = summarise(score_doc(d["gold"], combine(d, m, keep, add, guess))
                      for d, m in zip(test, model))
        w, det = s["quotes/who_said_what"], s["quotes/detect"]
        print(f"{name:11s} who-said-what P {w['p']:.3f} R {w['r']:.3f} F {w['f']:.3f} | detect P "
              f"{det['p']:.3f} R {det['r']:.3f} F {det['f']:.3f} | recall direct "
              f"{s['quotes/recall_direct']['acc']:.3f} indirect {s['quotes/recall_indirect']['acc']:.3f}")


if __name__ == "__main__":
    main()
