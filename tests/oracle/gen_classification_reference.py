#!/usr/bin/python3
"""Writes tests/data/oracles/classification_metrics.json: binary classification metrics and
calibration curves computed by scikit-learn, for src/analytics/classification_metrics_test.cc and
calibration_test.cc to replay.

Run with Debian's interpreter, which has scikit-learn 1.2 (apt-get install python3-sklearn):

    /usr/bin/python3 tests/oracle/gen_classification_reference.py

Every case is built deterministically (seeded numpy generators or literal lists), so a rerun with
the same scikit-learn and numpy versions writes the same file. Predicted classes are
probability >= threshold, applied here because sklearn's metrics take predicted labels.
"""

import json
import os
import sys

import numpy as np
import sklearn
from sklearn.calibration import calibration_curve
from sklearn.metrics import (accuracy_score, brier_score_loss, confusion_matrix, f1_score,
                             log_loss, precision_score, recall_score, roc_auc_score)

N_BINS = 10
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "oracles",
                   "classification_metrics.json")


def cases():
    """(name, probabilities, labels, threshold) for every case."""
    rng = np.random.default_rng(20240611)
    p = rng.uniform(0.0, 1.0, 200)
    yield "random_calibrated", p, (rng.uniform(size=200) < p).astype(int), 0.5

    rng = np.random.default_rng(7)
    y = (rng.uniform(size=400) < 0.08).astype(int)  # about 8 % positives
    p = np.clip(rng.beta(2.0, 9.0, 400) + 0.25 * y, 0.0, 1.0)
    yield "imbalanced_8pct", p, y, 0.5
    yield "imbalanced_8pct_threshold_0.2", p, y, 0.2

    rng = np.random.default_rng(11)
    y = rng.integers(0, 2, 150)
    # One decimal: heavy ties, and most values sit on (or next to) a bin edge.
    p = np.round(np.clip(0.35 + 0.3 * y + rng.normal(0, 0.2, 150), 0, 1), 1)
    yield "ties_one_decimal", p, y, 0.5
    yield "ties_one_decimal_threshold_0.3", p, y, 0.3

    rng = np.random.default_rng(12)
    y = rng.integers(0, 2, 5000)
    p = np.round(np.clip(0.5 + 0.15 * (2 * y - 1) + rng.normal(0, 0.25, 5000), 0, 1), 3)
    yield "large_three_decimals", p, y, 0.5

    edges = np.linspace(0.0, 1.0, N_BINS + 1)
    p = []
    for e in edges:  # every edge, its neighbours, and the decimal literal where it differs
        p += [e, np.nextafter(e, 0.0), np.nextafter(e, 1.0), round(float(e), 1)]
    p = np.clip(np.array(p, dtype=float), 0.0, 1.0)
    y = np.array([(i // 2) % 2 for i in range(len(p))])
    yield "bin_edges", p, y, 0.5

    p = np.array([0.0, 1.0, 0.0, 1.0, 0.5, 0.5, 1.0, 0.0, 0.25, 0.75])
    y = np.array([0, 1, 1, 0, 1, 0, 1, 0, 1, 0])  # two confident misses: log-loss clipping
    yield "exact_zero_one_half", p, y, 0.5

    rng = np.random.default_rng(3)
    y = rng.integers(0, 2, 60)
    p = np.where(y == 1, rng.uniform(0.6, 1.0, 60), rng.uniform(0.0, 0.4, 60))
    yield "separable", p, y, 0.5

    rng = np.random.default_rng(4)
    yield "all_negative", rng.uniform(0.0, 1.0, 40), np.zeros(40, dtype=int), 0.5
    rng = np.random.default_rng(5)
    yield "all_positive", rng.uniform(0.0, 1.0, 40), np.ones(40, dtype=int), 0.5
    yield "all_negative_none_predicted", np.array([0.1, 0.2, 0.05]), np.zeros(3, dtype=int), 0.5


def bin_counts(p):
    """Rows per uniform bin, assigned as calibration_curve does in sklearn 1.2
    (np.searchsorted over the inner edges of np.linspace(0, 1, n_bins + 1))."""
    edges = np.linspace(0.0, 1.0, N_BINS + 1)
    return np.bincount(np.searchsorted(edges[1:-1], p), minlength=N_BINS)


def expected(p, y, threshold):
    pred = (p >= threshold).astype(int)
    out = {
        "accuracy": accuracy_score(y, pred),
        "precision": precision_score(y, pred, zero_division=0),
        "recall": recall_score(y, pred, zero_division=0),
        "f1": f1_score(y, pred, zero_division=0),
        "log_loss": log_loss(y, p, labels=[0, 1]),
        "brier": brier_score_loss(y, p),
    }
    out["roc_auc"] = roc_auc_score(y, p) if len(np.unique(y)) == 2 else None  # sklearn raises
    tn, fp, fn, tp = confusion_matrix(y, pred, labels=[0, 1]).ravel()
    out["confusion"] = {"tn": int(tn), "fp": int(fp), "fn": int(fn), "tp": int(tp)}

    prob_true, prob_pred = calibration_curve(y, p, n_bins=N_BINS, strategy="uniform")
    counts = bin_counts(p)
    filled = counts[counts > 0]
    # The counts must describe the same bins calibration_curve averaged over.
    assert len(filled) == len(prob_true), "bin counts disagree with calibration_curve"
    assert int(round(float(np.sum(filled * prob_true)))) == int(np.sum(y))
    assert abs(float(np.sum(filled * prob_pred)) - float(np.sum(p))) < 1e-9 * max(1, len(p))
    out["calibration"] = {
        "bin_count": [int(c) for c in counts],
        "prob_true": [float(v) for v in prob_true],  # non-empty bins only, in bin order
        "prob_pred": [float(v) for v in prob_pred],
    }
    out["ece"] = float(np.sum(filled / len(p) * np.abs(prob_true - prob_pred)))
    return {k: (float(v) if isinstance(v, (np.floating, float)) else v) for k, v in out.items()}


def main():
    doc = {
        "source": f"scikit-learn {sklearn.__version__}, numpy {np.__version__}",
        "generator": "tests/oracle/gen_classification_reference.py",
        "n_bins": N_BINS,
        "cases": [],
    }
    for name, p, y, threshold in cases():
        p = np.asarray(p, dtype=float)
        y = np.asarray(y, dtype=int)
        doc["cases"].append({
            "name": name,
            "threshold": threshold,
            "probability": [float(v) for v in p],
            "label": [int(v) for v in y],
            "expected": expected(p, y, threshold),
        })
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as f:
        json.dump(doc, f, allow_nan=False, indent=1)
        f.write("\n")
    print(f"wrote {len(doc['cases'])} cases to {os.path.normpath(OUT)} ({doc['source']})",
          file=sys.stderr)


if __name__ == "__main__":
    main()
