// A venue document (docs/venue-format.md) flattened into typed arrays indexed by seat index,
// the order the seat stream uses. Typed arrays keep 60,000 seats at a few hundred kilobytes
// and let the renderer and hit test loop without touching objects. Pure: no DOM.

export function buildVenueModel(venue) {
  let n = 0;
  for (const section of venue.sections) for (const row of section.rows) n += row.seats.length;
  const xs = new Float32Array(n);
  const ys = new Float32Array(n);
  const category = new Uint8Array(n);
  const section = new Uint16Array(n);
  const rowOf = new Uint32Array(n);
  const numbers = new Array(n);
  const ids = new Array(n);
  const rows = [];
  const categoryIndex = new Map(venue.categories.map((c, i) => [c, i]));
  const sections = venue.sections.map((s) => ({ id: s.id, name: s.name, first: 0, count: 0, cx: 0, cy: 0 }));
  const bounds = { minX: Infinity, minY: Infinity, maxX: -Infinity, maxY: -Infinity };
  let i = 0;
  venue.sections.forEach((s, si) => {
    const info = sections[si];
    info.first = i;
    for (const row of s.rows) {
      const ri = rows.length;
      rows.push({ label: row.label, section: si });
      for (const seat of row.seats) {
        xs[i] = seat.x;
        ys[i] = seat.y;
        const ci = categoryIndex.get(seat.category);
        if (ci === undefined) throw new Error(`seat ${i}: unknown category ${seat.category}`);
        category[i] = ci;
        section[i] = si;
        rowOf[i] = ri;
        numbers[i] = seat.number;
        ids[i] = seat.id ?? `${s.id}-${row.label}-${seat.number}`;
        info.cx += seat.x;
        info.cy += seat.y;
        if (seat.x < bounds.minX) bounds.minX = seat.x;
        if (seat.x > bounds.maxX) bounds.maxX = seat.x;
        if (seat.y < bounds.minY) bounds.minY = seat.y;
        if (seat.y > bounds.maxY) bounds.maxY = seat.y;
        i++;
      }
    }
    info.count = i - info.first;
    if (info.count > 0) { info.cx /= info.count; info.cy /= info.count; }
  });
  // The stage belongs in the picture even when no seat is beside it.
  if (venue.stage) {
    bounds.minX = Math.min(bounds.minX, venue.stage.x); bounds.maxX = Math.max(bounds.maxX, venue.stage.x);
    bounds.minY = Math.min(bounds.minY, venue.stage.y); bounds.maxY = Math.max(bounds.maxY, venue.stage.y);
  }
  const indexById = new Map();
  ids.forEach((id, k) => indexById.set(id, k));
  return {
    id: venue.id, name: venue.name, stage: venue.stage ?? null, categories: venue.categories,
    count: n, xs, ys, category, section, rowOf, rows, numbers, ids, indexById, sections, bounds,
    pitch: typicalPitch(xs, ys, rowOf),
  };
}

/** "Section 101, Row A, Seat 7" - the same words the API uses for a seat label. */
export function seatLabel(model, i) {
  const row = model.rows[model.rowOf[i]];
  return `${model.sections[row.section].name}, Row ${row.label}, Seat ${model.numbers[i]}`;
}

// Median distance between consecutive seats of a row: the size a seat is drawn at and the
// reach of a pointer hit. Measured, because venues use their own units.
function typicalPitch(xs, ys, rowOf) {
  const d = [];
  const step = Math.max(1, Math.floor(xs.length / 2000));  // a sample is enough for a median
  for (let i = 1; i < xs.length; i += step) {
    if (rowOf[i] !== rowOf[i - 1]) continue;
    const v = Math.hypot(xs[i] - xs[i - 1], ys[i] - ys[i - 1]);
    if (v > 0) d.push(v);
  }
  if (d.length === 0) return 1;
  d.sort((a, b) => a - b);
  return d[d.length >> 1];
}

/** Free seats per section and per category for a status array (null: everything free). */
export function freeCounts(model, status) {
  const bySection = new Uint32Array(model.sections.length);
  const byCategory = new Uint32Array(model.categories.length);
  for (let i = 0; i < model.count; i++) {
    if (status && status[i] !== 0) continue;
    bySection[model.section[i]]++;
    byCategory[model.category[i]]++;
  }
  return { bySection, byCategory };
}
