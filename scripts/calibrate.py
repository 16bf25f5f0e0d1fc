#!/usr/bin/env python3
"""Fit the score's logistic calibration (src/align/calibration.rs, WEIGHTS) on link features.

Reads the TSVs `zhen-align eval --calibration-data` writes (doc, link, right, then the
features named in the header, the first being the constant `bias`). The first file is the
training set (MAC-Dev): it is fitted with leave-one-document-out cross-validation (one
document is one chapter) and then on all of it; every further file (the Bible) is only
scored, with the weights fitted on the whole training set.

For each set it prints, as `zhen-align eval` does: links, share right, AUROC, ECE (10 bins),
log loss (nats per link),
precision and share kept at 0.5 and 0.9; the cross-validated figures are those of each
chapter's links scored by weights fitted on the other chapters. Then the weights, as the Rust
array to paste into calibration.rs.

The fit: L2-penalised logistic regression (penalty LAMBDA on every weight but the bias),
maximised by Newton's method. Pure Python (no numpy needed): a dozen features and a few
thousand links.

Usage: scripts/calibrate.py TRAIN.tsv [TEST.tsv ...]
"""

import math
import sys

LAMBDA = 1.0
BINS = 10
THRESHOLDS = (0.5, 0.9)


def read(path):
    with open(path, encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        names = header[3:]
        rows = []
        for line in f:
            cells = line.rstrip("\n").split("\t")
            rows.append((cells[0], int(cells[2]), [float(x) for x in cells[3:]]))
    return names, rows


def solve(a, b):
    """Gaussian elimination with partial pivoting: a x = b."""
    n = len(b)
    m = [row[:] + [b[i]] for i, row in enumerate(a)]
    for c in range(n):
        p = max(range(c, n), key=lambda r: abs(m[r][c]))
        m[c], m[p] = m[p], m[c]
        if abs(m[c][c]) < 1e-12:
            continue
        for r in range(n):
            if r != c and m[r][c] != 0.0:
                f = m[r][c] / m[c][c]
                for k in range(c, n + 1):
                    m[r][k] -= f * m[c][k]
    return [m[i][n] / m[i][i] if abs(m[i][i]) >= 1e-12 else 0.0 for i in range(n)]


def sigmoid(z):
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


def fit(rows, k):
    w = [0.0] * k
    for _ in range(50):
        grad = [0.0] * k
        hess = [[0.0] * k for _ in range(k)]
        for _, y, x in rows:
            p = sigmoid(sum(a * b for a, b in zip(w, x)))
            g = p - y
            h = p * (1 - p)
            for i in range(k):
                grad[i] += g * x[i]
                if x[i] != 0.0:
                    xi = h * x[i]
                    for j in range(k):
                        hess[i][j] += xi * x[j]
        for i in range(1, k):
            grad[i] += LAMBDA * w[i]
            hess[i][i] += LAMBDA
        for i in range(k):
            hess[i][i] += 1e-9
        step = solve(hess, grad)
        w = [a - b for a, b in zip(w, step)]
        if max(abs(s) for s in step) < 1e-8:
            break
    return w


def predict(w, x):
    return sigmoid(sum(a * b for a, b in zip(w, x)))


def auroc(judged):
    s = sorted(judged)
    rank_sum, k = 0.0, 0
    while k < len(s):
        t = k
        while t < len(s) and s[t][0] == s[k][0]:
            t += 1
        mean = k + (t - k + 1) / 2.0
        rank_sum += mean * sum(1 for x in s[k:t] if x[1])
        k = t
    pos = sum(1 for x in judged if x[1])
    neg = len(judged) - pos
    if pos == 0 or neg == 0:
        return 0.5
    return (rank_sum - pos * (pos + 1) / 2.0) / (pos * neg)


def ece(judged):
    sums = [[0.0, 0.0] for _ in range(BINS)]
    for p, y in judged:
        b = min(int(p * BINS), BINS - 1)
        sums[b][0] += p
        sums[b][1] += y
    return sum(abs(a - b) for a, b in sums) / max(len(judged), 1)


def log_loss(judged):
    eps = 1e-12
    return -sum(math.log(max(p if y else 1 - p, eps)) for p, y in judged) / max(len(judged), 1)


def line(name, judged):
    n = len(judged)
    right = sum(y for _, y in judged)
    cells = [name.ljust(24), "%6d" % n, "%6.3f" % (right / max(n, 1)),
             "%6.3f" % auroc(judged), "%6.3f" % ece(judged), "%6.3f" % log_loss(judged)]
    for t in THRESHOLDS:
        kept = [y for p, y in judged if p >= t]
        prec = sum(kept) / len(kept) if kept else 0.0
        cells += ["%6.3f" % prec, "%8.3f" % (len(kept) / max(n, 1))]
    return " ".join(cells)


def header():
    cells = ["set".ljust(24), "%6s" % "links", "%6s" % "right", "%6s" % "AUROC", "%6s" % "ECE",
             "%6s" % "loss"]
    for t in THRESHOLDS:
        cells += ["%6s" % ("P@%g" % t), "%8s" % ("kept@%g" % t)]
    return " ".join(cells)


def main(argv):
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    names, train = read(argv[1])
    k = len(names)
    docs = sorted({d for d, _, _ in train})
    cv = []
    for held in docs:
        w = fit([r for r in train if r[0] != held], k)
        cv += [(predict(w, x), y) for d, y, x in train if d == held]
    w = fit(train, k)
    print(header())
    print(line("train, cross-validated", cv))
    print(line("train, pairs, cross-val.", [c for c, r in zip(cv, train) if r[2][names.index("omission")] == 0]))
    print(line("train, fitted on all", [(predict(w, x), y) for _, y, x in train]))
    for path in argv[2:]:
        _, rows = read(path)
        print(line(path.rsplit("/", 1)[-1], [(predict(w, x), y) for _, y, x in rows]))
    print()
    print("pub const WEIGHTS: [f64; %d] = [" % k)
    for name, x in zip(names, w):
        print("    %.4f, // %s" % (x, name))
    print("];")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
