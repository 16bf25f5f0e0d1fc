#!/usr/bin/env python3
"""Generate benchmark inputs for scripts/bench.sh (never committed: they go under target/).

    make_bench_data.py long   --eval-dir DIR --out DIR SIZE...
        The Bible pair (bible/zh/001, bible/en/001, one sentence a line) repeated until the
        Chinese side holds at least SIZE sentences: both sides are repeated the same number of
        times k = ceil(SIZE / zh lines), so the alignment stays valid (copy i of the Chinese
        side translates copy i of the English side). Writes OUT/long-SIZE.zh and .en and prints
        "SIZE K ZH_LINES EN_LINES" per size. Existing files of the right length are kept.

    make_bench_data.py repetitive --out DIR SIZE...
        A repetitive document of issue 12: SIZE / 3 paragraphs, each the same two sentences and a
        third that differs only by its number ("我们期望…（第3段）" / "We hope… (Paragraph 3.)"),
        SIZE sentences a side, as two texts with blank lines between paragraphs (split by the
        aligner, not presplit). Writes OUT/rep-SIZE.zh and .en and prints "SIZE ZH_SENTENCES
        EN_SENTENCES" per size.

    make_bench_data.py corpus --eval-dir DIR --seeds DIR --out DIR --files N
        N article files under OUT (folders of 1,000 files), made round-robin from the seed
        articles and from MAC-Dev chapters, each chapter combined into one bilingual article
        (its Chinese lines, a blank line, its English lines). The folder is rebuilt when it does
        not already hold exactly the same N files. Prints "FILES SOURCES".

    make_bench_data.py news --eval-dir DIR --out DIR --links N
        News-size presplit documents for `eval`: the Bible pair cut, between gold links, into
        documents of N gold links each (about 1.3 N Chinese and 1.05 N English sentences), with
        each document's gold re-indexed. Writes OUT/zh/NNN, OUT/en/NNN and OUT/gold/NNN and prints
        "DOCUMENTS ZH_LINES EN_LINES". Rebuilt only when N or the Bible changed.

Exit status: 0 on success; 3 when the Bible is missing for `long` or `news` (a message on stderr; `corpus`
then uses the seeds alone, with a message); 2 on usage errors.
"""

import argparse
import math
import os
import shutil
import sys


def read_lines(path):
    with open(path, encoding="utf-8") as f:
        return f.read().splitlines()


def missing(what):
    print(f"evaluation data not found: {what} (set EVAL_DIR to the eval folder)", file=sys.stderr)
    sys.exit(3)


def cmd_long(args):
    zh_path = os.path.join(args.eval_dir, "bible", "zh", "001")
    en_path = os.path.join(args.eval_dir, "bible", "en", "001")
    if not (os.path.isfile(zh_path) and os.path.isfile(en_path)):
        missing(os.path.join(args.eval_dir, "bible"))
    zh, en = read_lines(zh_path), read_lines(en_path)
    os.makedirs(args.out, exist_ok=True)
    for size in args.sizes:
        k = max(1, math.ceil(size / len(zh)))
        for lines, ext in ((zh, "zh"), (en, "en")):
            path = os.path.join(args.out, f"long-{size}.{ext}")
            want = k * len(lines)
            if os.path.isfile(path) and count_lines(path) == want:
                continue
            tmp = path + ".tmp"
            with open(tmp, "w", encoding="utf-8") as f:
                block = "\n".join(lines) + "\n"
                for _ in range(k):
                    f.write(block)
            os.replace(tmp, path)
        print(size, k, k * len(zh), k * len(en))


REP_ZH = "我们期望中美关系回暖。从对抗到对话，美中关系是否将迎来转机？"
REP_EN = "We hope China-US relations warm up. From confrontation to dialogue, will relations turn a corner?"


def cmd_repetitive(args):
    os.makedirs(args.out, exist_ok=True)
    for size in args.sizes:
        paragraphs = math.ceil(size / 3)
        texts = {
            "zh": "\n\n".join(f"{REP_ZH}（第{i}段）" for i in range(paragraphs)) + "\n",
            "en": "\n\n".join(f"{REP_EN} (Paragraph {i}.)" for i in range(paragraphs)) + "\n",
        }
        for ext, text in texts.items():
            path = os.path.join(args.out, f"rep-{size}.{ext}")
            tmp = path + ".tmp"
            with open(tmp, "w", encoding="utf-8") as f:
                f.write(text)
            os.replace(tmp, path)
        print(size, 3 * paragraphs, 3 * paragraphs)


def count_lines(path):
    with open(path, "rb") as f:
        return sum(1 for _ in f)


def cmd_corpus(args):
    sources = []  # (name, text)
    for name in sorted(os.listdir(args.seeds)):
        path = os.path.join(args.seeds, name)
        if os.path.isfile(path) and name.endswith(".txt"):
            with open(path, encoding="utf-8") as f:
                sources.append((os.path.splitext(name)[0], f.read()))
    mac = os.path.join(args.eval_dir, "mac-dev")
    have_mac = os.path.isdir(os.path.join(mac, "zh")) and os.path.isdir(os.path.join(mac, "en"))
    if not have_mac:
        print(f"evaluation data not found at {mac}: corpus made from the seeds alone", file=sys.stderr)
    for doc in sorted(os.listdir(os.path.join(mac, "zh"))) if have_mac else []:
        en_path = os.path.join(mac, "en", doc)
        if not os.path.isfile(en_path):
            continue
        zh_lines = read_lines(os.path.join(mac, "zh", doc))
        en_lines = read_lines(en_path)
        text = "\n".join(zh_lines) + "\n\n" + "\n".join(en_lines) + "\n"
        sources.append((f"macdev_{doc}", text))
    if not sources:
        print("no source articles found", file=sys.stderr)
        sys.exit(2)

    names = []
    for i in range(args.files):
        src_name, _ = sources[i % len(sources)]
        names.append(os.path.join(f"{i // 1000:03d}", f"{i:06d}_{src_name}.txt"))

    stamp = os.path.join(args.out + ".stamp")
    stamp_text = f"{args.files} {len(sources)} {sorted(n for n, _ in sources)}\n"
    if os.path.isdir(args.out) and os.path.isfile(stamp):
        with open(stamp, encoding="utf-8") as f:
            if f.read() == stamp_text:
                print(args.files, len(sources))
                return
    if os.path.isdir(args.out):
        shutil.rmtree(args.out)
    texts = dict(sources)
    for i, rel in enumerate(names):
        path = os.path.join(args.out, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            f.write(texts[sources[i % len(sources)][0]])
    with open(stamp, "w", encoding="utf-8") as f:
        f.write(stamp_text)
    print(args.files, len(sources))


def parse_link(line):
    """`[1,2]:[3]` → ([1, 2], [3])."""
    zh, en = line.strip().split(":")
    side = lambda t: [int(x) for x in t.strip("[]").split(",") if x.strip()]
    return side(zh), side(en)


def fmt_link(zh, en):
    return "[" + ",".join(map(str, zh)) + "]:[" + ",".join(map(str, en)) + "]"


def cmd_news(args):
    bible = os.path.join(args.eval_dir, "bible")
    paths = [os.path.join(bible, p) for p in ("zh/001", "en/001", "gold/001")]
    for path in paths:
        if not os.path.isfile(path):
            missing(path)
    zh, en, gold = (read_lines(p) for p in paths)
    links = [parse_link(line) for line in gold if line.strip()]
    stamp = os.path.join(args.out + ".stamp")
    stamp_text = f"{args.links} {len(zh)} {len(en)} {len(links)}\n"
    docs = math.ceil(len(links) / args.links)
    if os.path.isfile(stamp):
        with open(stamp, encoding="utf-8") as f:
            if f.read() == stamp_text:
                print(docs, len(zh), len(en))
                return
    if os.path.isdir(args.out):
        shutil.rmtree(args.out)
    for sub in ("zh", "en", "gold"):
        os.makedirs(os.path.join(args.out, sub))
    for d in range(docs):
        chunk = links[d * args.links : (d + 1) * args.links]
        # Gold links are monotone and cover every sentence, so a run of them spans one block of
        # each side: from the first sentence of the run to the last.
        zs = [i for z, _ in chunk for i in z]
        es = [j for _, e in chunk for j in e]
        z0, e0 = (min(zs) if zs else 0), (min(es) if es else 0)
        z1, e1 = (max(zs) + 1 if zs else z0), (max(es) + 1 if es else e0)
        name = f"{d:03d}"
        with open(os.path.join(args.out, "zh", name), "w", encoding="utf-8") as f:
            f.write("".join(line + "\n" for line in zh[z0:z1]))
        with open(os.path.join(args.out, "en", name), "w", encoding="utf-8") as f:
            f.write("".join(line + "\n" for line in en[e0:e1]))
        with open(os.path.join(args.out, "gold", name), "w", encoding="utf-8") as f:
            f.write("".join(fmt_link([i - z0 for i in z], [j - e0 for j in e]) + "\n" for z, e in chunk))
    with open(stamp, "w", encoding="utf-8") as f:
        f.write(stamp_text)
    print(docs, len(zh), len(en))


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="cmd", required=True)
    lp = sub.add_parser("long")
    lp.add_argument("--eval-dir", required=True)
    lp.add_argument("--out", required=True)
    lp.add_argument("sizes", nargs="+", type=int)
    rp = sub.add_parser("repetitive")
    rp.add_argument("--out", required=True)
    rp.add_argument("sizes", nargs="+", type=int)
    cp = sub.add_parser("corpus")
    cp.add_argument("--eval-dir", required=True)
    cp.add_argument("--seeds", required=True)
    cp.add_argument("--out", required=True)
    cp.add_argument("--files", type=int, default=10000)
    np_ = sub.add_parser("news")
    np_.add_argument("--eval-dir", required=True)
    np_.add_argument("--out", required=True)
    np_.add_argument("--links", type=int, default=100)
    args = p.parse_args()
    {"long": cmd_long, "repetitive": cmd_repetitive, "corpus": cmd_corpus, "news": cmd_news}[args.cmd](args)


if __name__ == "__main__":
    main()
