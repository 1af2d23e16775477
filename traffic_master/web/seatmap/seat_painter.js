// Draws the seat map into a CanvasRenderingContext2D-like object. Kept free of the DOM (it
// only calls context methods) so node checks the drawing plan and its cost with a recording
// context. Smoothness comes from three rules: seats outside the view are skipped; seats are
// bucketed by colour with a counting sort so each colour is ONE path and ONE fill call
// (a few fills per frame instead of 60,000); and the caller redraws only when something
// changed (a frame of the stream, a hover, the view), never in a loop.
import { colourKey } from "./seat_style.js";
import { visibleWorld } from "./viewport.js";

export const SECTION_LABELS_BELOW_PX = 7;  // seat pitch in CSS px under which sections are named
export const SEAT_NUMBERS_FROM_PX = 24;    // seat pitch in CSS px from which numbers are printed

export class SeatPainter {
  constructor(model, palette) {
    this.model = model;
    this.palette = palette;
    this.keys = new Uint8Array(model.count);
    this.order = new Uint32Array(model.count);
    this.bucketStart = new Uint32Array(palette.colours.length + 1);
  }

  /**
   * state: {status (Uint8Array|null), mine (Set), selected (Set), hover (index or -1)}.
   * Returns what it drew, for tests and the page's debug line.
   */
  paint(ctx, view, width, height, state) {
    const { model, palette, keys, order, bucketStart } = this;
    const colours = palette.colours.length;
    const pitchPx = model.pitch * view.scale;
    const size = Math.max(1.5, pitchPx * 0.8);
    const round = size >= 6;
    const r = size / 2;
    // Culling margin of one seat so half-visible seats at the edge are drawn.
    const w = visibleWorld(view, width, height);
    const m = model.pitch;
    ctx.clearRect(0, 0, width, height);
    this.paintStage(ctx, view);

    bucketStart.fill(0);
    let visible = 0;
    const { xs, ys, category } = model;
    const status = state.status;
    const hidden = 255;
    for (let i = 0; i < model.count; i++) {
      const x = xs[i], y = ys[i];
      if (x < w.minX - m || x > w.maxX + m || y < w.minY - m || y > w.maxY + m) { keys[i] = hidden; continue; }
      const k = colourKey(palette, status ? status[i] : 0, category[i], state.mine.has(i), state.selected.has(i));
      keys[i] = k;
      bucketStart[k + 1]++;
      visible++;
    }
    for (let k = 0; k < colours; k++) bucketStart[k + 1] += bucketStart[k];
    const fill = bucketStart.slice(0, colours);
    for (let i = 0; i < model.count; i++) if (keys[i] !== hidden) order[fill[keys[i]]++] = i;

    let fills = 0;
    const s = view.scale, tx = view.tx, ty = view.ty;
    for (let k = 0; k < colours; k++) {
      const from = bucketStart[k], to = bucketStart[k + 1];
      if (from === to) continue;
      ctx.fillStyle = palette.colours[k];
      ctx.beginPath();
      for (let j = from; j < to; j++) {
        const i = order[j];
        const px = xs[i] * s + tx, py = ys[i] * s + ty;
        if (round) {
          ctx.moveTo(px + r, py);
          ctx.arc(px, py, r, 0, 2 * Math.PI);
        } else {
          ctx.rect(px - r, py - r, size, size);
        }
      }
      ctx.fill();
      fills++;
    }
    this.paintSelectionRing(ctx, view, state.selected, size);
    if (state.hover >= 0 && keys[state.hover] !== hidden) this.paintHover(ctx, view, state.hover, size);
    if (pitchPx < SECTION_LABELS_BELOW_PX) this.paintSectionLabels(ctx, view, width, height);
    else if (pitchPx >= SEAT_NUMBERS_FROM_PX) this.paintSeatNumbers(ctx, view, bucketStart[colours], size);
    return { visible, fills, pitchPx };
  }

  paintStage(ctx, view) {
    const stage = this.model.stage;
    if (!stage) return;
    const x = stage.x * view.scale + view.tx, y = stage.y * view.scale + view.ty;
    ctx.fillStyle = "#2b2f36";
    ctx.beginPath();
    ctx.arc(x, y, Math.max(6, this.model.pitch * view.scale * 3), 0, 2 * Math.PI);
    ctx.fill();
    ctx.fillStyle = "#ffffff";
    ctx.font = "600 12px system-ui, sans-serif";
    ctx.textAlign = "center";
    ctx.textBaseline = "middle";
    ctx.fillText("STAGE", x, y);
  }

  // A ring as well as a colour: selection must not rely on colour alone.
  paintSelectionRing(ctx, view, selected, size) {
    if (selected.size === 0) return;
    ctx.strokeStyle = "#111111";
    ctx.lineWidth = Math.max(1, size * 0.15);
    ctx.beginPath();
    for (const i of selected) {
      const px = this.model.xs[i] * view.scale + view.tx, py = this.model.ys[i] * view.scale + view.ty;
      ctx.moveTo(px + size * 0.7, py);
      ctx.arc(px, py, size * 0.7, 0, 2 * Math.PI);
    }
    ctx.stroke();
  }

  paintHover(ctx, view, i, size) {
    const px = this.model.xs[i] * view.scale + view.tx, py = this.model.ys[i] * view.scale + view.ty;
    ctx.strokeStyle = "#ff9f0a";
    ctx.lineWidth = 2;
    ctx.beginPath();
    ctx.arc(px, py, Math.max(5, size * 0.85), 0, 2 * Math.PI);
    ctx.stroke();
  }

  // At low zoom single seats are specks; section names tell people where they are.
  paintSectionLabels(ctx, view, width, height) {
    ctx.font = "600 11px system-ui, sans-serif";
    ctx.textAlign = "center";
    ctx.textBaseline = "middle";
    ctx.lineWidth = 3;
    ctx.strokeStyle = "rgba(255,255,255,0.85)";
    ctx.fillStyle = "#1d1f23";
    for (const s of this.model.sections) {
      if (s.count === 0) continue;
      const x = s.cx * view.scale + view.tx, y = s.cy * view.scale + view.ty;
      if (x < 0 || y < 0 || x > width || y > height) continue;
      ctx.strokeText(s.id, x, y);
      ctx.fillText(s.id, x, y);
    }
  }

  // Close up, print seat numbers on the (visible, so few) seats.
  paintSeatNumbers(ctx, view, visibleCount, size) {
    ctx.font = `${Math.min(12, Math.floor(size * 0.45))}px system-ui, sans-serif`;
    ctx.textAlign = "center";
    ctx.textBaseline = "middle";
    ctx.fillStyle = "#ffffff";
    for (let j = 0; j < visibleCount; j++) {
      const i = this.order[j];
      ctx.fillText(this.model.numbers[i], this.model.xs[i] * view.scale + view.tx, this.model.ys[i] * view.scale + view.ty);
    }
  }
}
