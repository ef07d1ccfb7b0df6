import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { SparseRows } from "../features/featurizer.ts";
import { logCountRatios } from "./log-count-ratio.ts";
import { createRandom } from "./random.ts";

// Four rows over three features: feature 0 only in class 0, feature 1 only in class 1, feature 2 everywhere.
const rows: SparseRows = {
  rows: 4,
  cols: 3,
  offsets: Int32Array.from([0, 2, 4, 6, 8]),
  indices: Int32Array.from([0, 2, 0, 2, 1, 2, 1, 2]),
  values: Float32Array.from([0.5, 0.5, 0.9, 0.1, 0.7, 0.7, 0.3, 0.3]),
};
const targets = { offsets: Int32Array.from([0, 1, 2, 3, 4]), ids: Int32Array.from([0, 0, 1, 1]) };

describe("logCountRatios", () => {
  it("follows Wang & Manning's formula on binarised counts (values ignored)", () => {
    const r = logCountRatios(rows, targets, Int32Array.from([0, 1, 2, 3]), 2, 1);
    // Class 0: p = (1+2, 1+0, 1+2) → |p| = 7; q = (1+0, 1+2, 1+2) → |q| = 7.
    assert.ok(Math.abs((r[0 * 2 + 0] as number) - Math.log(3 / 7 / (1 / 7))) < 1e-6);
    assert.ok(Math.abs((r[1 * 2 + 0] as number) - Math.log(1 / 7 / (3 / 7))) < 1e-6);
    assert.ok(Math.abs(r[2 * 2 + 0] as number) < 1e-6, "a feature of every row says nothing");
    assert.ok((r[1 * 2 + 1] as number) > 0 && (r[0 * 2 + 1] as number) < 0, "class 1 mirrors class 0");
  });

  it("counts only the rows of the sample", () => {
    const r = logCountRatios(rows, targets, Int32Array.from([0, 2]), 2, 1);
    // Class 0 over rows 0 and 2: p = (2, 1, 2) → 5; q = (1, 2, 2) → 5.
    assert.ok(Math.abs((r[0] as number) - Math.log(2 / 1)) < 1e-6);
  });

  it("softens each ratio to sign(r)·|r|^power, keeping its sign", () => {
    const sample = Int32Array.from([0, 1, 2, 3]);
    const plain = logCountRatios(rows, targets, sample, 2, 1);
    const soft = logCountRatios(rows, targets, sample, 2, 1, 0.5);
    for (let i = 0; i < plain.length; i++) {
      const r = plain[i] as number;
      assert.ok(Math.abs((soft[i] as number) - Math.sign(r) * Math.sqrt(Math.abs(r))) < 1e-6, `ratio ${i}`);
    }
    // |ln 3| > 1, so the softened ratio is smaller in size and keeps its sign.
    assert.ok((soft[0] as number) > 0 && (soft[0] as number) < (plain[0] as number));
  });

  it("equals the formula term by term on random data, where most ratios take the shared p = 0 path", () => {
    const random = createRandom(5);
    const n = 60;
    const F = 40;
    const K = 3;
    const offsets = new Int32Array(n + 1);
    const indices: number[] = [];
    for (let r = 0; r < n; r++) {
      const picked = new Set<number>();
      while (picked.size < 4) picked.add(Math.floor(random() * F));
      indices.push(...[...picked].sort((a, b) => a - b));
      offsets[r + 1] = indices.length;
    }
    const data: SparseRows = {
      rows: n,
      cols: F,
      offsets,
      indices: Int32Array.from(indices),
      values: new Float32Array(indices.length).fill(1),
    };
    const labels = Int32Array.from({ length: n }, () => Math.floor(random() * K));
    const byRow = { offsets: Int32Array.from({ length: n + 1 }, (_, i) => i), ids: labels };
    const sample = Int32Array.from({ length: n }, (_, i) => i).filter((i) => i % 5 !== 0);
    const [alpha, power] = [0.5, 0.75];
    const got = logCountRatios(data, byRow, sample, K, alpha, power);
    // The formula as written: p and q count the sample's rows of class k, and of the other classes, with f.
    const p = new Float64Array(F * K);
    const all = new Float64Array(F);
    for (const r of sample) {
      for (let j = offsets[r] as number; j < (offsets[r + 1] as number); j++) {
        const f = indices[j] as number;
        p[f * K + (labels[r] as number)] = (p[f * K + (labels[r] as number)] as number) + 1;
        all[f] = (all[f] as number) + 1;
      }
    }
    let zeros = 0;
    for (let k = 0; k < K; k++) {
      let pSum = 0;
      let qSum = 0;
      for (let f = 0; f < F; f++) {
        pSum += (p[f * K + k] as number) + alpha;
        qSum += (all[f] as number) - (p[f * K + k] as number) + alpha;
      }
      for (let f = 0; f < F; f++) {
        const pk = p[f * K + k] as number;
        if (pk === 0) zeros++;
        const r = Math.log((pk + alpha) / pSum / (((all[f] as number) - pk + alpha) / qSum));
        const want = Math.sign(r) * Math.abs(r) ** power;
        assert.ok(Math.abs((got[f * K + k] as number) - want) < 1e-5, `feature ${f}, class ${k}`);
      }
    }
    assert.ok(zeros > 0, "the data exercises the p = 0 path");
  });
});
