#!/usr/bin/env python3
"""Untranslated blocks inserted into MAC-Dev chapters: how many of their sentences the aligner
links to something (issue 18: what the whole grid buys over a band).

    inserted_blocks.py --eval-dir DIR --out DIR [--set DIR] BIN [BIN...]

For each MAC-Dev chapter, blocks of 5 to 25 consecutive sentences of another chapter (the next
one, same language) are inserted at random places, three blocks into the Chinese side and three
into the English side (a fixed random seed, so every run makes the same pairs). Each binary
aligns every pair (`align --presplit --format links`); an inserted sentence is counted as
linked when it sits in a link whose other side is not empty. The best an aligner can do is 0:
an inserted sentence translates nothing on the other side.

Prints, per binary, the inserted sentences linked out of all inserted, and whether its links
equal the first binary's on every pair. `--set DIR` takes the documents from DIR/zh and DIR/en
instead of MAC-Dev (e.g. the news-size documents `make_bench_data.py news` cuts from the Bible,
which are searched in a narrower trial band first). Writes the pairs and the links under OUT (never
committed: use a folder under target/). Exit status 0; 2 on usage errors; 3 without the data.
"""

import argparse
import os
import random
import subprocess
import sys

BLOCKS_PER_SIDE = 3
BLOCK_SIZES = (5, 25)
SEED = 18


def read_lines(path):
    with open(path, encoding="utf-8") as f:
        return f.read().splitlines()


def insert_blocks(lines, donor, rng):
    """`lines` with BLOCKS_PER_SIDE blocks of `donor` inserted; the new line numbers of the
    inserted sentences."""
    places = sorted(rng.randrange(len(lines) + 1) for _ in range(BLOCKS_PER_SIDE))
    out, inserted, prev = [], set(), 0
    for at in places:
        out.extend(lines[prev:at])
        size = rng.randint(*BLOCK_SIZES)
        start = rng.randrange(max(1, len(donor) - size))
        for line in donor[start:start + size]:
            inserted.add(len(out))
            out.append(line)
        prev = at
    out.extend(lines[prev:])
    return out, inserted


def make_pairs(eval_dir, out, doc_set=None):
    mac = doc_set or os.path.join(eval_dir, "mac-dev")
    if not os.path.isdir(os.path.join(mac, "zh")):
        print(f"evaluation data not found at {mac} (set --eval-dir)", file=sys.stderr)
        sys.exit(3)
    docs = sorted(d for d in os.listdir(os.path.join(mac, "zh"))
                  if os.path.isfile(os.path.join(mac, "en", d)))
    rng = random.Random(SEED)
    pairs = []
    os.makedirs(out, exist_ok=True)
    for k, doc in enumerate(docs):
        donor = docs[(k + 1) % len(docs)]
        sides = {}
        for lang in ("zh", "en"):
            lines = read_lines(os.path.join(mac, lang, doc))
            donor_lines = read_lines(os.path.join(mac, lang, donor))
            text, inserted = insert_blocks(lines, donor_lines, rng)
            path = os.path.join(out, f"{doc}.{lang}")
            with open(path, "w", encoding="utf-8") as f:
                f.write("\n".join(text) + "\n")
            sides[lang] = (path, inserted)
        pairs.append((doc, sides))
    return pairs


def parse_side(text):
    text = text.strip()[1:-1]
    return [int(x) for x in text.split(",") if x.strip()]


def count_linked(links_text, zh_inserted, en_inserted):
    linked = 0
    for line in links_text.splitlines():
        if ":" not in line:
            continue
        zh_text, en_text = line.split(":", 1)
        zh, en = parse_side(zh_text), parse_side(en_text)
        if zh and en:
            linked += sum(1 for i in zh if i in zh_inserted)
            linked += sum(1 for j in en if j in en_inserted)
    return linked


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--eval-dir", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--set", dest="doc_set", help="folder with zh/ and en/ (default: MAC-Dev)")
    p.add_argument("bins", nargs="+")
    args = p.parse_args()
    pairs = make_pairs(args.eval_dir, args.out, args.doc_set)
    total = sum(len(s["zh"][1]) + len(s["en"][1]) for _, s in pairs)
    first = None
    for b, binary in enumerate(args.bins):
        linked, outputs = 0, []
        for doc, sides in pairs:
            (zh, zi), (en, ei) = sides["zh"], sides["en"]
            run = subprocess.run([binary, "-q", "align", "--presplit", "--zh", zh, "--en", en,
                                  "--format", "links"], capture_output=True, text=True, check=True)
            with open(os.path.join(args.out, f"{doc}.links.{b}"), "w", encoding="utf-8") as f:
                f.write(run.stdout)
            outputs.append(run.stdout)
            linked += count_linked(run.stdout, zi, ei)
        first = first or outputs
        same = "same links as the first" if outputs == first else "LINKS DIFFER from the first"
        print(f"{binary}: {linked} of {total} inserted sentences linked; {same}")


if __name__ == "__main__":
    main()
