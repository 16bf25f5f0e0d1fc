#!/usr/bin/env python3
"""Sentences deleted from one side of MAC-Dev and the Bible: what real omissions cost and why
(issue 15).

    deleted_sentences.py --eval-dir DIR --out DIR [--sides en,zh] [--seeds 1,2,3] BIN [BIN...]

For each set, side and seed, a share (`--fraction`, 10%) of that side's sentences is deleted
at random (fixed seeds: every run makes the same sets) and the gold rewritten: links lose the
deleted ids, and a link left with one side empty becomes an omission (the sentence whose
translation was deleted, an "orphan", should now be left out). The Bible's verse file of that
side loses the same lines. The sets go under OUT (never committed: use a folder under /tmp or
target/).

Prints, per binary, set and side:
* strict and lax F1 from `zhen-align eval` on the clean set and on each noisy draw;
* what became of each orphan group: left out (right), merged into a neighbouring link whose
  other sentences make a gold link, merged into a link that is wrong anyway, or linked alone
  to sentences of the other side (a shift);
* gold links untouched by the deletion but next to one (found on the clean set, missed on the
  noisy one), gold links that lost a sentence (found / missed), the precision of predicted
  omissions;
* an oracle: strict F1 if every orphan were split out of whatever link holds it, the bound of
  what deciding omissions better could win.
Exit status 0; 2 on usage errors; 3 without the data.
"""

import argparse
import collections
import os
import random
import re
import subprocess
import sys

LINK = re.compile(r"\[(.*)\]:\[(.*)\]")
SETS = (("mac-dev", False), ("bible", True))


def read_lines(path):
    with open(path, encoding="utf-8") as f:
        return f.read().splitlines()


def write_lines(path, lines):
    with open(path, "w", encoding="utf-8") as f:
        f.write("".join(line + "\n" for line in lines))


def parse_links(text):
    ids = lambda s: tuple(int(x) for x in s.split(",") if x.strip())
    return [(ids(m.group(1)), ids(m.group(2)))
            for m in map(LINK.match, text.splitlines()) if m]


def show(ids):
    return "[" + ",".join(map(str, ids)) + "]"


def make_noisy(src, dst, side, seed, fraction, verses):
    """A copy of the set `src` at `dst` with `fraction` of `side`'s sentences deleted; per
    document, the deleted ids (old numbering) and the gold links' new forms by old link."""
    for sub in ("zh", "en", "gold"):
        os.makedirs(os.path.join(dst, sub), exist_ok=True)
    docs = sorted(os.listdir(os.path.join(src, "gold")))
    deleted = {}
    for index, doc in enumerate(docs):
        text = {s: read_lines(os.path.join(src, s, doc)) for s in ("zh", "en")}
        rng = random.Random(seed * 1000 + index)
        n = len(text[side])
        gone = set(rng.sample(range(n), round(n * fraction)))
        renumber = {}
        for i in range(n):
            if i not in gone:
                renumber[i] = len(renumber)
        text[side] = [t for i, t in enumerate(text[side]) if i not in gone]
        gold = []
        for zh, en in parse_links(open(os.path.join(src, "gold", doc)).read()):
            if side == "zh":
                zh = tuple(renumber[i] for i in zh if i in renumber)
            else:
                en = tuple(renumber[i] for i in en if i in renumber)
            if zh or en:
                gold.append(show(zh) + ":" + show(en))
        for s in ("zh", "en"):
            write_lines(os.path.join(dst, s, doc), text[s])
        write_lines(os.path.join(dst, "gold", doc), gold)
        deleted[doc] = gone
    if verses:
        for s in ("zh", "en"):
            labels = read_lines(os.path.join(src, s + ".verse"))
            if s == side:
                gone = deleted[docs[0]]
                labels = [v for i, v in enumerate(labels) if i not in gone]
            write_lines(os.path.join(dst, s + ".verse"), labels)
    return deleted


def eval_f1(binary, d, verses):
    """(strict F1, lax F1) of `zhen-align eval` on the set at `d`."""
    cmd = [binary, "-q", "eval", "--zh", f"{d}/zh", "--en", f"{d}/en", "--gold", f"{d}/gold"]
    if verses:
        cmd += ["--verses", f"{d}/zh.verse", f"{d}/en.verse"]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    row = next(line.split() for line in out.splitlines() if line.startswith("all "))
    return float(row[3]), float(row[6])


def align(binary, d, doc):
    cmd = [binary, "-q", "align", "--presplit", "--format", "links",
           "--zh", f"{d}/zh/{doc}", "--en", f"{d}/en/{doc}"]
    return parse_links(subprocess.run(cmd, capture_output=True, text=True, check=True).stdout)


def merge_verses(links, d):
    """Consecutive links inside one verse merged, as `eval --verses` does (src/eval/verses.rs)."""
    zv, ev = read_lines(f"{d}/zh.verse"), read_lines(f"{d}/en.verse")
    out, previous = [], None
    for zh, en in links:
        labels = {zv[i].strip() for i in zh} | {ev[i].strip() for i in en}
        verse = next(iter(labels)) if len(labels) == 1 else None
        if verse is not None and out and previous == verse:
            z, e = out[-1]
            out[-1] = (tuple(sorted(z + zh)), tuple(sorted(e + en)))
        else:
            out.append((zh, en))
        previous = verse
    return out


def classify(counts, side, clean_gold, gone, gold, pred, clean_pred):
    """Add to `counts` what became of one document's deletions (see the module comment)."""
    mine = lambda link: link[0] if side == "zh" else link[1]
    other = lambda link: link[1] if side == "zh" else link[0]
    gold_set, pred_set, clean_set = set(gold), set(pred), set(clean_pred)
    holder = {i: link for link in pred for i in other(link)}
    touched = [any(i in gone for i in mine(link)) for link in clean_gold]
    orphans = set()
    for g in gold:
        if other(g) and not mine(g):
            orphans |= set(other(g))
            links = {holder[i] for i in other(g)}
            if all(not mine(link) for link in links):
                kind = "orphan left out (right)"
            elif len(links) == 1 and set(other(next(iter(links)))) == set(other(g)):
                kind = "orphan linked alone to other sentences (shift)"
            else:
                rest = [tuple(i for i in other(link) if i not in other(g)) for link in links]
                neighbour_right = any(
                    ((r, mine(link)) if side == "en" else (mine(link), r)) in gold_set
                    for r, link in zip(rest, links) if r)
                kind = ("orphan merged into a neighbour, otherwise right" if neighbour_right
                        else "orphan merged into a link wrong anyway")
            counts[kind] += 1
    old_to_new = {}
    for i in range(max((max(mine(link), default=-1) for link in clean_gold), default=-1) + 1):
        if i not in gone:
            old_to_new[i] = len(old_to_new)
    for k, link in enumerate(clean_gold):
        kept = tuple(old_to_new[i] for i in mine(link) if i in old_to_new)
        new = (kept, link[1]) if side == "zh" else (link[0], kept)
        if not (new[0] and new[1]):
            continue
        if touched[k]:
            group = "gold link that lost a sentence"
        elif any(touched[j] for j in (k - 1, k + 1) if 0 <= j < len(clean_gold)):
            group = "gold link next to a deletion"
        else:
            group = "gold link far from deletions"
        was = "found clean" if link in clean_set else "missed clean"
        counts[f"{group}: {was}, {'found' if new in pred_set else 'missed'} noisy"] += 1
    for link in pred:
        if not (link[0] and link[1]):
            shape = f"{len(link[0])}-{len(link[1])}"
            counts[f"predicted omission {shape}: {'right' if link in gold_set else 'wrong'}"] += 1
    oracle = []
    for link in pred:
        out = [i for i in other(link) if i in orphans]
        if out and mine(link):
            rest = tuple(i for i in other(link) if i not in orphans)
            for o in ((rest, mine(link)), (tuple(out), ())):
                oracle.append(o if side == "en" else (o[1], o[0]))
        else:
            oracle.append(link)
    for name, links in (("actual", pred), ("oracle", oracle)):
        found = set(links)
        pairs = [g for g in gold if g[0] and g[1]]
        counts[(name, "p")] += sum(link in gold_set for link in links)
        counts[(name, "pn")] += len(links)
        counts[(name, "r")] += sum(g in found for g in pairs)
        counts[(name, "rn")] += len(pairs)


def f1(counts, name):
    p = counts[(name, "p")] / max(1, counts[(name, "pn")])
    r = counts[(name, "r")] / max(1, counts[(name, "rn")])
    return 2 * p * r / (p + r) if p + r else 0.0


def run(binary, args):
    for name, verses in SETS:
        src = os.path.join(args.eval_dir, name)
        docs = sorted(os.listdir(os.path.join(src, "gold")))
        strict, lax = eval_f1(binary, src, verses)
        print(f"== {binary} {name}: clean strict {strict:.3f} lax {lax:.3f}")
        clean_pred = {doc: align(binary, src, doc) for doc in docs}
        if verses:
            clean_pred = {doc: merge_verses(p, src) for doc, p in clean_pred.items()}
        for side in args.sides:
            counts, scores = collections.Counter(), []
            for seed in args.seeds:
                dst = os.path.join(args.out, f"{name}-{side}{seed}")
                gone = make_noisy(src, dst, side, seed, args.fraction, verses)
                scores.append(eval_f1(binary, dst, verses))
                for doc in docs:
                    pred = align(binary, dst, doc)
                    if verses:
                        pred = merge_verses(pred, dst)
                    classify(counts, side, parse_links(open(f"{src}/gold/{doc}").read()),
                             gone[doc], parse_links(open(f"{dst}/gold/{doc}").read()), pred,
                             clean_pred[doc])
            mean = [sum(s[k] for s in scores) / len(scores) for k in (0, 1)]
            draws = " ".join(f"{s:.3f}" for s, _ in scores)
            print(f"-- {side} deleted ({args.fraction:.0%}, seeds {args.seeds}): strict {draws}"
                  f" mean {mean[0]:.4f} (lax {mean[1]:.4f}); oracle, every orphan left out:"
                  f" {f1(counts, 'oracle'):.4f} against {f1(counts, 'actual'):.4f}")
            for key in sorted(k for k in counts if isinstance(k, str)):
                print(f"   {counts[key]:6}  {key}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--eval-dir", default=os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared", "eval"))
    parser.add_argument("--out", required=True)
    parser.add_argument("--sides", default="en,zh")
    parser.add_argument("--seeds", default="1,2,3")
    parser.add_argument("--fraction", type=float, default=0.10)
    parser.add_argument("binaries", nargs="+")
    args = parser.parse_args()
    args.sides = [s for s in args.sides.split(",") if s]
    args.seeds = [int(s) for s in args.seeds.split(",") if s]
    if any(s not in ("zh", "en") for s in args.sides) or not args.seeds:
        parser.error("--sides takes zh and/or en, --seeds at least one number")
    if not os.path.isdir(os.path.join(args.eval_dir, "mac-dev", "gold")):
        print(f"evaluation data not found at {args.eval_dir} (set --eval-dir)", file=sys.stderr)
        sys.exit(3)
    for binary in args.binaries:
        run(binary, args)


if __name__ == "__main__":
    main()
