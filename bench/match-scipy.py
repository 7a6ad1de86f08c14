"""Times scipy's linear_sum_assignment on a matrix written by bench/match.ts.

Usage: match-scipy.py <file> <rows> <cols>; the file holds rows*cols little-endian float64
scores, NaN = forbidden. Prints one JSON line: solve seconds, total, pairs. Only the solve is timed.
"""
import json
import sys
import time

try:
    import numpy as np
    from scipy.optimize import linear_sum_assignment
except ImportError:
    print(json.dumps({"error": "scipy is not installed: run `apt-get update && apt-get install -y python3-scipy`"}))
    sys.exit(3)

path, rows, cols = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
scores = np.fromfile(path, dtype="<f8").reshape(rows, cols)
# scipy marks forbidden pairs with -inf when maximising.
scores = np.where(np.isnan(scores), -np.inf, scores)
start = time.perf_counter()
r, c = linear_sum_assignment(scores, maximize=True)
seconds = time.perf_counter() - start
print(json.dumps({"seconds": seconds, "total": float(scores[r, c].sum()), "pairs": int(len(r))}))
