#!/usr/bin/env python3
"""Side-by-side check of EmPass's IRT calibration and EAP scoring against the PyPI packages
`mirt` (1.2.0) and `girth` (0.8.0).

For each scenario it simulates 1,500 persons from known parameters (a ~ U(0.8, 2.0); thresholds
sorted N(0,1) draws at least 0.3 apart; theta ~ N(0,1)), calibrates with `empass calibrate`
(release build), mirt.fit_mirt and girth (twopl_mml / grm_mml), and prints RMSE of a and b against
the truth, the marginal log-likelihood of every solution under one common accurate quadrature
(201-point grid on [-6, 6]), and wall time. Ours and mirt use the same rule: Gauss-Hermite with
--points nodes (mirt's only rule); girth uses its own 41-point grid on [-4.5, 4.5]. Ours is also run
with its default (61-point grid on [-6, 6]). EAP: ours (`empass score`) vs mirt.fscores with the
true parameters and the same Gauss-Hermite rule (max abs difference of theta and SE).

Targets (exit 1 in --small mode when a recovery/EAP target fails; speed is reported, not asserted):
RMSE of a and b within +-0.005 of mirt's, EAP within 1e-3 of mirt's.

Usage: python3 Benchmarks/psychometrics/compare.py [--small] [--empass PATH] [--points N]
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

import numpy as np

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


def simulate(rng, persons, items, categories):
    a = rng.uniform(0.8, 2.0, items)
    k = categories - 1
    b = np.sort(rng.normal(0, 1, (items, k)), axis=1)
    for j in range(1, k):  # the same minimum gap as `empass simulate-responses`
        b[:, j] = np.maximum(b[:, j], b[:, j - 1] + 0.3)
    theta = rng.normal(0, 1, persons)
    cumulative = 1 / (1 + np.exp(-a[None, :, None] * (theta[:, None, None] - b[None, :, :])))
    x = (rng.uniform(size=(persons, items))[:, :, None] < cumulative).sum(axis=2)
    return a, b, x


def log_likelihood(a, b, x, points=201):
    """Marginal log-likelihood under a fine N(0,1) grid (the common yardstick)."""
    nodes = np.linspace(-6, 6, points)
    w = np.exp(-0.5 * nodes ** 2)
    w /= w.sum()
    k = b.shape[1]
    star = 1 / (1 + np.exp(-a[:, None, None] * (nodes[None, None, :] - b[:, :, None])))  # J, K-1, Q
    upper = np.concatenate([np.ones((len(a), 1, points)), star], axis=1)
    lower = np.concatenate([star, np.zeros((len(a), 1, points))], axis=1)
    logp = np.log(np.maximum(upper - lower, 1e-300))  # J, K, Q
    ll = np.zeros((x.shape[0], points))
    for j in range(len(a)):
        ll += logp[j][x[:, j]]
    top = ll.max(axis=1, keepdims=True)
    return float((top[:, 0] + np.log((np.exp(ll - top) * w).sum(axis=1))).sum())


def rmse(est, truth):
    return float(np.sqrt(np.mean((np.asarray(est) - np.asarray(truth)) ** 2)))


def write_csv(path, x):
    with open(path, "w") as f:
        f.write("person," + ",".join(f"i{j + 1}" for j in range(x.shape[1])) + "\n")
        for p, row in enumerate(x):
            f.write(f"p{p + 1}," + ",".join(str(int(v)) for v in row) + "\n")


def write_params(path, model, a, b):
    items = [{"id": f"i{j + 1}", "model": model, "a": float(a[j]), "b": [float(v) for v in b[j]]} for j in range(len(a))]
    with open(path, "w") as f:
        json.dump({"items": items}, f)


def run_ours(empass, model, csv, out, quad, points, se=True):
    cmd = [empass, "calibrate", "--model", model, csv, "--out", out, "--quadrature", quad, "--quadrature-points", str(points)]
    if not se:
        cmd.append("--no-standard-errors")
    start = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"empass calibrate failed: {done.stderr}")
    with open(out) as f:
        params = json.load(f)
    a = np.array([i["a"] for i in params["items"]])
    b = np.array([i["b"] for i in params["items"]])
    return a, b, elapsed, params["convergence"]


def run_mirt(model, x, points, se=True):
    import mirt
    start = time.perf_counter()
    result = mirt.fit_mirt(x, model="2PL" if model == "2pl" else "GRM", n_quadpts=points, compute_standard_errors=se)
    elapsed = time.perf_counter() - start
    a = np.asarray(result.model.parameters["discrimination"], dtype=float).reshape(-1)
    b = np.asarray(result.model.parameters["difficulty" if model == "2pl" else "thresholds"], dtype=float).reshape(len(a), -1)
    return a, b, elapsed, result


def run_girth(model, x):
    import girth
    start = time.perf_counter()
    if model == "2pl":
        out = girth.twopl_mml(x.T)
        b = np.asarray(out["Difficulty"], dtype=float).reshape(-1, 1)
    else:
        out = girth.grm_mml(x.T)
        b = np.asarray(out["Difficulty"], dtype=float)
    elapsed = time.perf_counter() - start
    return np.asarray(out["Discrimination"], dtype=float), b, elapsed


def eap_check(empass, model, a, b, x, fit_result, points, tmp):
    import mirt
    params = os.path.join(tmp, "true.json")
    csv = os.path.join(tmp, "eap.csv")
    write_params(params, model, a, b)
    write_csv(csv, x)
    done = subprocess.run([empass, "score", "--params", params, csv, "--quadrature", "gauss-hermite",
                           "--quadrature-points", str(points)], capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"empass score failed: {done.stderr}")
    rows = [line.split(",") for line in done.stdout.strip().splitlines()[1:]]
    ours_theta = np.array([float(r[1]) for r in rows])
    ours_se = np.array([float(r[2]) for r in rows])
    fitted = fit_result.model
    fitted._parameters["discrimination"] = np.array(a, dtype=float)
    if model == "2pl":
        fitted._parameters["difficulty"] = np.array(b[:, 0], dtype=float)
    else:
        fitted._parameters["thresholds"] = np.array(b, dtype=float)
    scores = mirt.fscores(fitted, x, method="EAP", n_quadpts=points)
    theirs_theta = np.asarray(scores.theta, dtype=float).reshape(-1)
    theirs_se = np.asarray(scores.standard_error, dtype=float).reshape(-1)
    return float(np.max(np.abs(ours_theta - theirs_theta))), float(np.max(np.abs(ours_se - theirs_se)))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--small", action="store_true", help="CI mode: 2PL 30 and GRM 30 items only; exit 1 on a failed target")
    parser.add_argument("--empass", default=os.path.join(ROOT, ".build", "release", "empass"))
    parser.add_argument("--points", type=int, default=61, help="Gauss-Hermite points shared by ours and mirt")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--no-girth", action="store_true")
    args = parser.parse_args()
    if not os.path.exists(args.empass):
        sys.exit(f"{args.empass} not found: run `swift build -c release --product empass` first")

    scenarios = [("2pl", 30, 2), ("grm", 30, 4)]
    if not args.small:
        scenarios.append(("grm", 132, 4))
    rng = np.random.default_rng(args.seed)
    failures = []
    header = f"{'scenario':<16}{'estimator':<26}{'RMSE a':>8}{'RMSE b':>8}{'logLik':>14}{'time s':>9}{'ratio':>8}"
    lines = [header, "-" * len(header)]
    eap_lines = []
    with tempfile.TemporaryDirectory() as tmp:
        for model, items, categories in scenarios:
            name = f"{model.upper()} {items}x{categories}"
            a, b, x = simulate(rng, 1500, items, categories)
            csv = os.path.join(tmp, f"{model}{items}.csv")
            write_csv(csv, x)
            true_ll = log_likelihood(a, b, x)
            lines.append(f"{name:<16}{'truth':<26}{'':>8}{'':>8}{true_ll:>14.2f}")

            oa, ob, ot, conv = run_ours(args.empass, model, csv, os.path.join(tmp, "ours.json"), "gauss-hermite", args.points)
            _, _, ot_nose, _ = run_ours(args.empass, model, csv, os.path.join(tmp, "ours2.json"), "gauss-hermite", args.points, se=False)
            ga, gb, gt, _ = run_ours(args.empass, model, csv, os.path.join(tmp, "ours3.json"), "grid", 61)
            ma, mb, mt, fit = run_mirt(model, x, args.points)
            _, _, mt_nose, _ = run_mirt(model, x, args.points, se=False)
            ours_rmse = (rmse(oa, a), rmse(ob, b))
            mirt_rmse = (rmse(ma, a), rmse(mb, b))
            lines.append(f"{'':<16}{f'ours GH{args.points} (+SE)':<26}{ours_rmse[0]:>8.4f}{ours_rmse[1]:>8.4f}"
                         f"{log_likelihood(oa, ob, x):>14.2f}{ot:>9.3f}{mt / ot:>7.1f}x")
            lines.append(f"{'':<16}{f'mirt GH{args.points} (+SE)':<26}{mirt_rmse[0]:>8.4f}{mirt_rmse[1]:>8.4f}"
                         f"{log_likelihood(ma, mb, x):>14.2f}{mt:>9.3f}{'1.0x':>8}")
            lines.append(f"{'':<16}{'ours GH, no SE':<26}{'':>8}{'':>8}{'':>14}{ot_nose:>9.3f}{mt_nose / ot_nose:>7.1f}x")
            lines.append(f"{'':<16}{'mirt GH, no SE':<26}{'':>8}{'':>8}{'':>14}{mt_nose:>9.3f}{'1.0x':>8}")
            lines.append(f"{'':<16}{'ours grid61 (+SE)':<26}{rmse(ga, a):>8.4f}{rmse(gb, b):>8.4f}"
                         f"{log_likelihood(ga, gb, x):>14.2f}{gt:>9.3f}")
            if not args.no_girth:
                try:
                    ra, rb, rt = run_girth(model, x)
                    lines.append(f"{'':<16}{'girth (grid41 +-4.5)':<26}{rmse(ra, a):>8.4f}{rmse(rb, b):>8.4f}"
                                 f"{log_likelihood(ra, rb, x):>14.2f}{rt:>9.3f}{rt / ot:>7.1f}x")
                except Exception as error:  # report, do not hide
                    lines.append(f"{'':<16}girth failed: {error}")
            lines.append(f"{'':<16}ours: {conv['iterations']} EM iterations, converged={conv['converged']}; "
                         f"ratio = other's time / ours")
            for label, ours_v, mirt_v in (("a", ours_rmse[0], mirt_rmse[0]), ("b", ours_rmse[1], mirt_rmse[1])):
                if abs(ours_v - mirt_v) > 0.005:
                    failures.append(f"{name}: RMSE {label} ours {ours_v:.4f} vs mirt {mirt_v:.4f} (differ by > 0.005)")
            d_theta, d_se = eap_check(args.empass, model, a, b, x, fit, args.points, tmp)
            eap_lines.append(f"{name:<16}EAP max |ours - mirt|: theta {d_theta:.2e}, SE {d_se:.2e} (GH{args.points}, true parameters)")
            if d_theta > 1e-3 or d_se > 1e-3:
                failures.append(f"{name}: EAP differs from mirt by {max(d_theta, d_se):.2e} > 1e-3")
    print("\n".join(lines))
    print()
    print("\n".join(eap_lines))
    print()
    if failures:
        print("FAILED targets:\n  " + "\n  ".join(failures))
    else:
        print("all recovery and EAP targets met")
    if failures and args.small:
        sys.exit(1)


if __name__ == "__main__":
    main()
