"""scipy's side of the whole-process comparison with `crossgen assign` (bench/match.ts).

Usage: assign-scipy.py <scores.json>. Reads the same file as `crossgen assign` ({"scores":
[[...], ...]}, null = forbidden pair), solves it with linear_sum_assignment (maximize) and prints
what `crossgen assign` prints: {"pairs": [[row, col], ...], "total": ...}. Timed from outside,
start-up and reading included.
"""
import json
import sys

import numpy as np
from scipy.optimize import linear_sum_assignment

with open(sys.argv[1], encoding="utf-8") as f:
    scores = np.array(json.load(f)["scores"], dtype=float)  # null -> nan
scores = np.where(np.isnan(scores), -np.inf, scores)
rows, cols = linear_sum_assignment(scores, maximize=True)
pairs = [[int(r), int(c)] for r, c in zip(rows, cols) if np.isfinite(scores[r, c])]
total = float(sum(scores[r, c] for r, c in pairs))
print(json.dumps({"pairs": pairs, "total": total}))
