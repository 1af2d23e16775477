// Uniform grid over seat coordinates for hit testing and viewport culling. Cells are stored
// in compressed form (cellStart offsets into one items array), built in two counting passes:
// no per-cell arrays, so 60,000 seats build in a few milliseconds and a query touches only
// the few cells around the pointer. Pure: no DOM.

export class GridIndex {
  /** xs, ys: seat coordinates; cellSize in the same units (a few seat pitches works well). */
  constructor(xs, ys, cellSize) {
    if (!(cellSize > 0)) throw new Error("cellSize must be positive");
    const n = xs.length;
    let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
    for (let i = 0; i < n; i++) {
      if (xs[i] < minX) minX = xs[i];
      if (xs[i] > maxX) maxX = xs[i];
      if (ys[i] < minY) minY = ys[i];
      if (ys[i] > maxY) maxY = ys[i];
    }
    if (n === 0) { minX = minY = 0; maxX = maxY = 0; }
    Object.assign(this, { xs, ys, cellSize, minX, minY });
    this.cols = Math.floor((maxX - minX) / cellSize) + 1;
    this.rows = Math.floor((maxY - minY) / cellSize) + 1;
    const cellOf = new Uint32Array(n);
    this.cellStart = new Uint32Array(this.cols * this.rows + 1);
    for (let i = 0; i < n; i++) {
      const c = this.cellIndex(this.col(xs[i]), this.row(ys[i]));
      cellOf[i] = c;
      this.cellStart[c + 1]++;
    }
    for (let c = 0; c < this.cols * this.rows; c++) this.cellStart[c + 1] += this.cellStart[c];
    this.items = new Uint32Array(n);
    const fill = this.cellStart.slice(0, -1);
    for (let i = 0; i < n; i++) this.items[fill[cellOf[i]]++] = i;
  }

  col(x) { return Math.min(this.cols - 1, Math.max(0, Math.floor((x - this.minX) / this.cellSize))); }
  row(y) { return Math.min(this.rows - 1, Math.max(0, Math.floor((y - this.minY) / this.cellSize))); }
  cellIndex(col, row) { return row * this.cols + col; }

  /** Nearest seat within maxDist of (x, y), or -1. Ties go to the lower seat index. */
  nearest(x, y, maxDist) {
    let best = -1;
    let bestD2 = maxDist * maxDist;
    this.forEachIn(x - maxDist, y - maxDist, x + maxDist, y + maxDist, (i) => {
      const dx = this.xs[i] - x, dy = this.ys[i] - y;
      const d2 = dx * dx + dy * dy;
      if (d2 < bestD2 || (d2 === bestD2 && (best === -1 || i < best))) {
        best = i;
        bestD2 = d2;
      }
    });
    return best;
  }

  /** Calls fn(seat) for every seat in cells overlapping the rectangle (a superset; callers clip). */
  forEachIn(x0, y0, x1, y1, fn) {
    if (x1 < this.minX || y1 < this.minY) return;
    if (x0 > this.minX + this.cols * this.cellSize || y0 > this.minY + this.rows * this.cellSize) return;
    const c0 = this.col(x0), c1 = this.col(x1), r0 = this.row(y0), r1 = this.row(y1);
    for (let r = r0; r <= r1; r++) {
      for (let c = c0; c <= c1; c++) {
        const cell = this.cellIndex(c, r);
        for (let k = this.cellStart[cell]; k < this.cellStart[cell + 1]; k++) fn(this.items[k]);
      }
    }
  }
}
