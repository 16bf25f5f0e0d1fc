#!/usr/bin/env python3
"""Run zhen-align as a Spark mapper and check that the result equals the single-machine corpus.

The driver turns every article under INPUT into one JSON line {"id": doc, "text": text}, where
doc is the article's path relative to INPUT (as `zhen-align corpus` names it). Spark spreads the
lines over partitions and pipes each partition through `zhen-align stream` (rdd.pipe): no code of
ours runs on the executors but the binary. Each partition prints the TSV header once; the driver
drops those and keeps the rows, which come back in partition order, i.e. input order.

The same articles are then aligned by `zhen-align corpus INPUT`, and the two sets of rows must
be identical, in the same order. Exit status 0 when they are, 1 when they differ.

Usage: scripts/spark_mapper.py [--input seeds] [--binary target/release/zhen-align]
                               [--master local[2]] [--partitions 3] [--output FILE]
Needs pyspark (pip install pyspark) and Java 17; scripts/spark_mapper.sh sets both up.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile

HEADER = "doc\tzh\ten\tscore\tlink"


def articles(root):
    """(doc, text) of every file under root, in the order `zhen-align corpus` walks them.

    corpus sorts each folder's entries by path and skips hidden ones; sorting by the path
    components gives the same order. Files are read as UTF-8 (with a BOM removed): the driver
    is only for UTF-8 inputs, unlike corpus, which also decodes legacy encodings.
    """
    if os.path.isfile(root):
        with open(root, encoding="utf-8-sig") as f:
            return [(os.path.basename(root), f.read())]
    found = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            if not name.startswith("."):
                found.append(os.path.relpath(os.path.join(folder, name), root).split(os.sep))
    found.sort()
    result = []
    for parts in found:
        with open(os.path.join(root, *parts), encoding="utf-8-sig") as f:
            result.append(("/".join(parts), f.read()))
    return result


def spark_rows(lines, binary, master, partitions):
    """The TSV rows of `zhen-align stream` run as a mapper on every partition."""
    from pyspark import SparkConf, SparkContext

    conf = SparkConf().setMaster(master).setAppName("zhen-align-mapper")
    conf.set("spark.ui.enabled", "false")
    # Local mode: the driver and executors talk over loopback only.
    conf.set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1")
    sc = SparkContext(conf=conf)
    sc.setLogLevel("ERROR")
    try:
        rdd = sc.parallelize(lines, partitions)
        # Each element is one line on the mapper's stdin; --quiet keeps executor logs short.
        out = rdd.pipe(f"{binary} stream --quiet --threads 1", env={"LC_ALL": "C.UTF-8"})
        return [row for row in out.collect() if row != HEADER]
    finally:
        sc.stop()


def corpus_rows(binary, input_path):
    """The rows of `zhen-align corpus` on one machine."""
    with tempfile.TemporaryDirectory() as out:
        subprocess.run([binary, "corpus", input_path, "-o", out, "--quiet"], check=True)
        with open(os.path.join(out, "corpus.tsv"), encoding="utf-8") as f:
            lines = f.read().splitlines()
    assert lines and lines[0] == HEADER, "corpus.tsv has no header"
    return lines[1:]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--input", default="seeds")
    parser.add_argument("--binary", default="target/release/zhen-align")
    parser.add_argument("--master", default="local[2]")
    parser.add_argument("--partitions", type=int, default=3)
    parser.add_argument("--output", help="also write the Spark rows (with a header) to this TSV")
    args = parser.parse_args()
    binary = os.path.abspath(args.binary)

    docs = articles(args.input)
    lines = [json.dumps({"id": doc, "text": text}, ensure_ascii=False) for doc, text in docs]
    spark = spark_rows(lines, binary, args.master, args.partitions)
    single = corpus_rows(binary, args.input)

    if args.output:
        with open(args.output, "w", encoding="utf-8") as f:
            f.write("\n".join([HEADER] + spark) + "\n")
    print(f"articles: {len(docs)}; partitions: {args.partitions}; master: {args.master}")
    print(f"rows from Spark (zhen-align stream as mapper): {len(spark)}")
    print(f"rows from zhen-align corpus on one machine:    {len(single)}")
    if spark == single:
        print("identical: same rows in the same order")
        return 0
    first = next((i for i, (a, b) in enumerate(zip(spark, single)) if a != b), min(len(spark), len(single)))
    print(f"DIFFERENT: first difference at row {first + 1}", file=sys.stderr)
    print(f"  spark:  {spark[first] if first < len(spark) else '(none)'}", file=sys.stderr)
    print(f"  corpus: {single[first] if first < len(single) else '(none)'}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
