#!/usr/bin/env python3
"""Lower bound on the mean CAT length per skill for a bank, an SE target and an exposure cap.

An oracle that knows each person's true θ and may give any item to any share of persons cannot do
better than the linear programme below, so a real CAT (which must estimate θ) needs at least as many
items. Posterior precision is approximated by 1 (the N(0,1) prior) + Σ Fisher information at θ.

  minimise   Σ_g w_g Σ_i x_gi                         (mean items per skill)
  subject to Σ_i x_gi I_i(θ_g) ≥ need(θ_g)            (precision 1/SE² − 1 at every ability)
             Σ_g w_g x_gi ≤ r                          (exposure of every item at most r)
             Σ_i x_gi ≤ max_items, 0 ≤ x_gi ≤ 1
need(θ_g) is 1/SE² − prior precision (1, or with --correlation ρ the precision a skill's prior has
once the other skills are known to the SE target: 1 / (1 − mρ² / (1 − ρ + SE² + mρ)) for m other
equicorrelated skills, an end-of-test figure, so generous early in a test), or what the best max_items items give at θ_g if that is less (the CAT stops
at the maximum there too). θ_g is a 121-point grid on [−4, 4] with N(0,1) weights.

usage: python3 cat_bound.py PARAMS.json [--se 0.4] [--correlation ρ] [--max-items 12] [--core 2] [--exposure 1 0.5 0.35 0.25]
"inf" means no assignment meets the constraints: not every person can reach the SE with every exposure ≤ r.
"""
import argparse, json, math, sys
from collections import defaultdict
import numpy as np
from scipy.optimize import linprog


def info(a, b, theta):
    """GRM Fisher information a² Σ_k (W_k − W_{k+1})² / P_k."""
    pstar = [np.ones_like(theta)] + [1 / (1 + np.exp(-a * (theta - bk))) for bk in b] + [np.zeros_like(theta)]
    total = np.zeros_like(theta)
    for k in range(len(b) + 1):
        p = pstar[k] - pstar[k + 1]
        dw = pstar[k] * (1 - pstar[k]) - pstar[k + 1] * (1 - pstar[k + 1])
        total += np.where(p > 1e-300, dw * dw / np.maximum(p, 1e-300), 0)
    return a * a * total


def bound(items, se, max_items, r, grid, core=math.inf, prior=1.0):
    w = np.exp(-0.5 * grid ** 2); w /= w.sum()
    I = np.array([info(it["a"], it["b"], grid) for it in items])  # items × grid
    n, G = I.shape
    best = np.sort(I, axis=0)[::-1][:max_items].sum(axis=0)
    need = np.minimum(1 / se ** 2 - prior, best - 1e-9)
    need = np.where(np.abs(grid) <= core, need, 0)  # --core: require the SE only for |θ| ≤ core
    # variables x[g, i] flattened g-major
    c = np.repeat(w, n)
    rows, rhs = [], []
    for g in range(G):  # -Σ_i x_gi I_i(θ_g) ≤ -need
        row = np.zeros(G * n); row[g * n:(g + 1) * n] = -I[:, g]; rows.append(row); rhs.append(-need[g])
    for g in range(G):  # Σ_i x_gi ≤ max_items
        row = np.zeros(G * n); row[g * n:(g + 1) * n] = 1; rows.append(row); rhs.append(max_items)
    for i in range(n):  # Σ_g w_g x_gi ≤ r
        row = np.zeros(G * n); row[i::n] = w; rows.append(row); rhs.append(r)
    res = linprog(c, A_ub=np.array(rows), b_ub=np.array(rhs), bounds=(0, 1), method="highs")
    return res.fun if res.status == 0 else math.inf


def min_feasible_exposure(items, se, max_items, grid, core, prior=1.0):
    """Smallest r for which the programme is feasible (bisection to 0.002)."""
    lo, hi = 0.0, 1.0
    while hi - lo > 0.002:
        mid = (lo + hi) / 2
        if bound(items, se, max_items, mid, grid, core, prior) < math.inf: hi = mid
        else: lo = mid
    return hi


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("params")
    ap.add_argument("--se", type=float, default=0.4)
    ap.add_argument("--max-items", type=int, default=12)
    ap.add_argument("--core", type=float, default=math.inf,
                    help="require the SE target only for |θ| ≤ CORE (a more generous bound)")
    ap.add_argument("--correlation", type=float, default=0.0,
                    help="correlation ρ between every pair of skills; the prior then has the precision above")
    ap.add_argument("--exposure", type=float, nargs="+", default=[1.0, 0.5, 0.35, 0.3, 0.25])
    args = ap.parse_args()
    skills = defaultdict(list)
    for it in json.load(open(args.params))["items"]:
        skills[it.get("skill") or "-"].append(it)
    grid = np.linspace(-4, 4, 121)
    w = np.exp(-0.5 * grid ** 2); w /= w.sum()
    m, rho = len(skills) - 1, args.correlation
    prior = 1 / (1 - m * rho ** 2 / (1 - rho + args.se ** 2 + m * rho)) if rho > 0 else 1.0
    need = 1 / args.se ** 2 - prior
    print(f"SE {args.se}: posterior precision {1 / args.se ** 2:.2f}, prior gives {prior:.2f} (ρ = {rho:g}), items must give {need:.2f}")
    peak, at0, avg = [], [], []
    for its in skills.values():
        I = np.array([info(it["a"], it["b"], grid) for it in its])
        peak += list(I.max(axis=1)); at0 += list(I[:, 60]); avg += list((I * w).sum(axis=1))
    peak, at0, avg = map(np.array, (peak, at0, avg))
    print(f"item information: at its peak mean {peak.mean():.3f} (max {peak.max():.3f}); at θ=0 mean {at0.mean():.3f}; "
          f"averaged over θ~N(0,1) mean {avg.mean():.3f}")
    print(f"-> items needed if every item gave its peak: {need / peak.mean():.2f}; the N(0,1)-average item: {need / avg.mean():.2f}")
    print("skill," + ",".join(f"r={r:g}" for r in args.exposure) + ",smallest_feasible_r")
    totals = defaultdict(list)
    for name, its in skills.items():
        vals = [bound(its, args.se, args.max_items, r, grid, args.core, prior) for r in args.exposure]
        for r, v in zip(args.exposure, vals): totals[r].append(v)
        rmin = min_feasible_exposure(its, args.se, args.max_items, grid, args.core, prior)
        totals["rmin"].append(rmin)
        print(name + "," + ",".join(f"{v:.2f}" for v in vals) + f",{rmin:.3f}")
    print("mean," + ",".join(f"{np.mean(totals[r]):.2f}" for r in args.exposure) + f",{np.mean(totals['rmin']):.3f}")


if __name__ == "__main__":
    main()
