"""TF-IDF + LinearSVC / LogisticRegression peers for `npm run bench:classify` (one model per process).

Run by Debian's /usr/bin/python3 (python3-sklearn), pinned to one core by the parent:
    peers_sklearn.py --model svc|logreg --dir SPLIT_DIR --c C [--dual true|false] --out OUT.json
SPLIT_DIR holds train.jsonl and test.jsonl ({"text","label"} per line) and, for CLINC150, val.jsonl,
oos_val.jsonl and oos_test.jsonl, which are predicted too (the parent picks the OOS threshold on them).
The recipe is the one in /work/shared/notes/classifier-peers.md; it must not be tuned here.
"""

import argparse
import json
import os
import resource
import sys
import time

import numpy as np
import sklearn
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import FeatureUnion, make_pipeline
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.svm import LinearSVC

EXTRA_SPLITS = ("val", "oos_val", "oos_test")
TIMING_RUNS = 3


def read_jsonl(path):
    with open(path, encoding="utf-8") as f:
        rows = [json.loads(line) for line in f if line.strip()]
    return [r["text"] for r in rows], [r["label"] for r in rows]


def features():
    return FeatureUnion(
        [
            ("word", TfidfVectorizer(analyzer="word", ngram_range=(1, 2), sublinear_tf=True, lowercase=True)),
            ("char", TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, lowercase=True)),
        ]
    )


def classifier(model, c, dual):
    if model == "svc":
        return LinearSVC(C=c, random_state=0)
    options = {"solver": "liblinear", "C": c, "tol": 1e-3, "dual": dual}
    # multi_class was deprecated in 1.5 (liblinear is one-vs-rest anyway); pass it where it exists.
    if tuple(int(p) for p in sklearn.__version__.split(".")[:2]) < (1, 5):
        options["multi_class"] = "ovr"
    return LogisticRegression(**options)


def predict(pipeline, model, texts):
    """Label and confidence per text, from raw text: SVC's top decision score, LogReg's max probability."""
    if not texts:
        return []
    scores = pipeline.decision_function(texts) if model == "svc" else pipeline.predict_proba(texts)
    classes = pipeline.classes_
    if scores.ndim == 1:  # binary decision_function: one column, positive class = classes[1]
        scores = np.column_stack([-scores, scores])
    best = scores.argmax(axis=1)
    return [[str(classes[i]), float(scores[row, i])] for row, i in enumerate(best)]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", choices=["svc", "logreg"], required=True)
    parser.add_argument("--dir", required=True)
    parser.add_argument("--c", type=float, required=True)
    parser.add_argument("--dual", choices=["true", "false"], default="true")
    parser.add_argument("--out", required=True)
    args = parser.parse_args()

    train_x, train_y = read_jsonl(os.path.join(args.dir, "train.jsonl"))
    test_x, _ = read_jsonl(os.path.join(args.dir, "test.jsonl"))

    started = time.perf_counter()
    cpu_started = time.process_time()
    pipeline = make_pipeline(features(), classifier(args.model, args.c, args.dual == "true"))
    pipeline.fit(train_x, train_y)
    train_s = time.perf_counter() - started
    train_cpu_s = time.process_time() - cpu_started

    best = float("inf")
    for _ in range(TIMING_RUNS):
        started = time.perf_counter()
        test_predictions = predict(pipeline, args.model, test_x)
        best = min(best, time.perf_counter() - started)

    predictions = {"test": test_predictions}
    for name in EXTRA_SPLITS:
        path = os.path.join(args.dir, f"{name}.jsonl")
        if os.path.exists(path):
            predictions[name] = predict(pipeline, args.model, read_jsonl(path)[0])

    # ru_maxrss is in KiB on Linux.
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    result = {
        "predictions": predictions,
        "train_s": train_s,
        "train_cpu_s": train_cpu_s,
        "predict_per_s": len(test_x) / best if best > 0 else None,
        "peak_rss_mb": peak_kib / 1024,
        "versions": {"python": sys.version.split()[0], "sklearn": sklearn.__version__},
    }
    with open(args.out, "w", encoding="utf-8") as f:
        json.dump(result, f)


if __name__ == "__main__":
    main()
