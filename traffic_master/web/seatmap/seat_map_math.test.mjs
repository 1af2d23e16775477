// node --test traffic_master/web/seatmap/seat_map_math.test.mjs - the map's pure parts: the
// venue flattening, the grid hit test (checked against brute force on 60,000 seats) and the
// fit/zoom/pan maths.
import { test } from "node:test";
import assert from "node:assert/strict";
import { buildVenueModel, freeCounts, seatLabel } from "./venue_model.js";
import { GridIndex } from "./grid_index.js";
import { fitView, pan, pinchView, toScreen, toWorld, visibleWorld, wheelFactor, zoomAt, zoomLimits } from "./viewport.js";

const venue = {
  format: "traffic-master/venue@1", id: "v", name: "V", stage: { x: 0, y: 0 }, categories: ["P1", "P2"],
  sections: [
    { id: "101", name: "Section 101", rows: [
      { label: "A", seats: [{ number: "1", x: 1, y: 2, category: "P1" }, { number: "2", x: 1.5, y: 2, category: "P1" },
                            { number: "3", x: 2.5, y: 2, category: "P2", gap_before: true, id: "box-3" }] },
      { label: "B", seats: [{ number: "1", x: 1, y: 3, category: "P2" }] }] },
    { id: "102", name: "Section 102", rows: [{ label: "A", seats: [{ number: "9", x: -4, y: 6, category: "P2" }] }] },
  ],
};

test("venue model follows document order, the seat-stream index", () => {
  const m = buildVenueModel(venue);
  assert.equal(m.count, 5);
  assert.deepEqual(m.ids, ["101-A-1", "101-A-2", "box-3", "101-B-1", "102-A-9"]);
  assert.equal(m.indexById.get("box-3"), 2);
  assert.deepEqual([...m.category], [0, 0, 1, 1, 1]);
  assert.deepEqual([...m.section], [0, 0, 0, 0, 1]);
  assert.equal(seatLabel(m, 3), "Section 101, Row B, Seat 1");
  assert.deepEqual(m.bounds, { minX: -4, minY: 0, maxX: 2.5, maxY: 6 }, "the stage at (0,0) is inside");
  assert.equal(m.sections[1].first, 4);
  assert.equal(m.sections[0].count, 4);
  assert.equal(m.pitch, 1, "median of 0.5 and 1 within rows");
});

test("free counts per section and category follow the status bytes", () => {
  const m = buildVenueModel(venue);
  const c = freeCounts(m, new Uint8Array([0, 1, 0, 2, 0]));
  assert.deepEqual([...c.bySection], [2, 1]);
  assert.deepEqual([...c.byCategory], [1, 2]);
  assert.deepEqual([...freeCounts(m, null).bySection], [4, 1]);
});

test("venue model refuses a seat of an unknown category", () => {
  const bad = structuredClone(venue);
  bad.sections[0].rows[0].seats[0].category = "VIP";
  assert.throws(() => buildVenueModel(bad), /unknown category VIP/);
});

function lcg(seed) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

test("grid nearest agrees with brute force on 60,000 seats", () => {
  const rnd = lcg(42);
  const n = 60_000;
  const xs = new Float32Array(n), ys = new Float32Array(n);
  for (let i = 0; i < n; i++) { xs[i] = rnd() * 300 - 150; ys[i] = rnd() * 200 - 20; }
  const t0 = performance.now();
  const grid = new GridIndex(xs, ys, 2);
  const buildMs = performance.now() - t0;
  assert.ok(buildMs < 500, `built in ${buildMs.toFixed(1)} ms`);
  for (let q = 0; q < 300; q++) {
    const x = rnd() * 320 - 160, y = rnd() * 220 - 30, r = 0.2 + rnd() * 3;
    let want = -1, wantD2 = r * r;
    for (let i = 0; i < n; i++) {
      const d2 = (xs[i] - x) ** 2 + (ys[i] - y) ** 2;
      if (d2 < wantD2 || (d2 === wantD2 && (want === -1 || i < want))) { want = i; wantD2 = d2; }
    }
    assert.equal(grid.nearest(x, y, r), want, `query ${q} at (${x}, ${y}) r=${r}`);
  }
});

test("grid handles points on cell edges, outside queries and a single seat", () => {
  const g = new GridIndex(new Float32Array([0, 2, 4]), new Float32Array([0, 0, 0]), 2);
  assert.equal(g.nearest(2.9, 0, 1), 1);
  assert.equal(g.nearest(3.1, 0, 1), 2);
  assert.equal(g.nearest(100, 100, 5), -1);
  assert.equal(g.nearest(-0.5, 0, 0.4), -1, "just out of reach");
  const one = new GridIndex(new Float32Array([5]), new Float32Array([5]), 1);
  assert.equal(one.nearest(5.2, 5, 0.5), 0);
  const seen = [];
  g.forEachIn(2.1, -1, 10, 1, (i) => seen.push(i));
  assert.deepEqual(seen.sort(), [1, 2], "only cells overlapping the rectangle");
});

test("fit centres the venue and keeps its aspect ratio", () => {
  const b = { minX: -50, minY: 0, maxX: 50, maxY: 40 };
  const v = fitView(b, 1000, 600, 0);
  assert.equal(v.scale, 10, "width-bound: 1000 px / 100 units");
  const centre = toScreen(v, 0, 20);
  assert.deepEqual(centre, { x: 500, y: 300 });
  const tall = fitView(b, 1000, 200, 0);
  assert.equal(tall.scale, 5, "height-bound: 200 px / 40 units");
  const padded = fitView(b, 1000, 600, 50);
  assert.equal(padded.scale, 9);
});

test("zoom keeps the point under the pointer fixed and respects limits", () => {
  const v = { scale: 10, tx: 100, ty: 50 };
  const limits = zoomLimits(10, 0.5);
  assert.deepEqual(limits, { min: 5, max: 160 });
  const before = toWorld(v, 321, 123);
  const z = zoomAt(v, 2, 321, 123, limits);
  assert.equal(z.scale, 20);
  const after = toWorld(z, 321, 123);
  assert.ok(Math.abs(after.x - before.x) < 1e-9 && Math.abs(after.y - before.y) < 1e-9);
  assert.equal(zoomAt(v, 100, 0, 0, limits).scale, 160, "clamped in");
  assert.equal(zoomAt(v, 0.01, 0, 0, limits).scale, 5, "clamped out");
  assert.ok(wheelFactor(-100) > 1 && wheelFactor(100) < 1, "wheel up zooms in");
  assert.equal(wheelFactor(10000), wheelFactor(300), "one wheel event zooms a bounded amount");
  assert.ok(Math.abs(wheelFactor(3, 1) - wheelFactor(48)) < 1e-12, "lines are 16 px");
});

test("pan, visible rectangle and pinch", () => {
  const v = { scale: 2, tx: 0, ty: 0 };
  assert.deepEqual(pan(v, 10, -4), { scale: 2, tx: 10, ty: -4 });
  assert.deepEqual(visibleWorld(v, 200, 100), { minX: 0, minY: 0, maxX: 100, maxY: 50 });
  const limits = { min: 0.1, max: 100 };
  // Fingers spread from 100 px apart to 200 px apart around the same midpoint: zoom x2 there.
  const p = pinchView(v, { x: 50, y: 50 }, { x: 150, y: 50 }, { x: 0, y: 50 }, { x: 200, y: 50 }, limits);
  assert.equal(p.scale, 4);
  assert.deepEqual(toWorld(p, 100, 50), toWorld(v, 100, 50));
  // Both fingers moved right by 30 px without spreading: a pan.
  const q = pinchView(v, { x: 0, y: 0 }, { x: 10, y: 0 }, { x: 30, y: 0 }, { x: 40, y: 0 }, limits);
  assert.deepEqual(q, { scale: 2, tx: 30, ty: 0 });
});
