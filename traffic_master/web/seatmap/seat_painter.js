// Draws the seat map into CanvasRenderingContext2D-like objects. Kept free of the DOM (it
// only calls context methods) so node checks the drawing plan and its cost with a recording
// context. Smoothness comes from four rules: seats outside the view are skipped; seats are
// bucketed by colour with a counting sort so each colour is ONE path and ONE fill call (a
// few fills per frame instead of 60,000); seats live in a layer of their own that a stream
// delta patches seat by seat instead of repainting; and the caller redraws only when
// something changed (a frame of the stream, a hover, the view), never in a loop.
// Small seats (the whole venue in view: the most seats at once) are not paths at all but
// squares written straight into an ImageData: no rasteriser work per seat, so 60,000 seats
// cost a few milliseconds even where the canvas is drawn on the CPU.
import { colourKey, packedRgba } from "./seat_style.js";
import { visibleWorld } from "./viewport.js";

// Seat pitch in CSS px from which seat numbers replace the section names.
export const SEAT_NUMBERS_FROM_PX = 24;
const HIDDEN = 255;                        // colour key of a seat outside the painted view

export class SeatPainter {
  constructor(model, palette) {
    this.model = model;
    this.palette = palette;
    this.keys = new Uint8Array(model.count);
    this.order = new Uint32Array(model.count);
    this.bucketStart = new Uint32Array(palette.colours.length + 1);
    this.rgba = Uint32Array.from(palette.colours, packedRgba);
    this.image = null;   // the layer's pixels in pixel mode
    this.pixels = null;  // a Uint32 view of image.data
  }

  /**
   * Seats only, into the seat layer (a canvas of its own). state: {status (Uint8Array|null),
   * mine (Set), selected (Set), hover (index or -1)}. Returns what it drew.
   */
  paintSeats(ctx, view, width, height, state, dpr = 1) {
    const { model, palette, keys, order, bucketStart } = this;
    const colours = palette.colours.length;
    const geo = this.geometry(view);
    // Culling margin of one seat so half-visible seats at the edge are drawn.
    const w = visibleWorld(view, width, height);
    const m = model.pitch;
    ctx.clearRect(0, 0, width, height);

    bucketStart.fill(0);
    let visible = 0;
    const { xs, ys, category } = model;
    const status = state.status;
    for (let i = 0; i < model.count; i++) {
      const x = xs[i], y = ys[i];
      if (x < w.minX - m || x > w.maxX + m || y < w.minY - m || y > w.maxY + m) { keys[i] = HIDDEN; continue; }
      const k = colourKey(palette, status ? status[i] : 0, category[i], state.mine.has(i), state.selected.has(i));
      keys[i] = k;
      bucketStart[k + 1]++;
      visible++;
    }
    for (let k = 0; k < colours; k++) bucketStart[k + 1] += bucketStart[k];
    const fill = bucketStart.slice(0, colours);
    for (let i = 0; i < model.count; i++) if (keys[i] !== HIDDEN) order[fill[keys[i]]++] = i;
    this.visibleCount = visible;
    this.layerView = view;
    this.layerDpr = dpr;
    this.pixelMode = !geo.round && typeof ctx.createImageData === "function";

    if (this.pixelMode) {
      const dw = Math.round(width * dpr), dh = Math.round(height * dpr);
      if (!this.image || this.image.width !== dw || this.image.height !== dh) {
        this.image = ctx.createImageData(dw, dh);
        this.pixels = new Uint32Array(this.image.data.buffer);
      }
      this.pixels.fill(0);
      for (let j = 0; j < visible; j++) this.writeSeat(order[j], geo);
      ctx.putImageData(this.image, 0, 0);
      return { visible, fills: 0, pitchPx: geo.pitchPx, mode: "pixels" };
    }
    let fills = 0;
    for (let k = 0; k < colours; k++) {
      const from = bucketStart[k], to = bucketStart[k + 1];
      if (from === to) continue;
      this.fillSeats(ctx, k, order, from, to, view, geo);
      fills++;
    }
    return { visible, fills, pitchPx: geo.pitchPx, mode: "paths" };
  }

  // Pixel mode: a square of the seat's colour, snapped to device pixels, clipped to the
  // layer. Returns its rectangle for putImageData's dirty region.
  writeSeat(i, geo) {
    const { image, pixels, layerView: v, layerDpr: dpr } = this;
    const side = Math.max(1, Math.round(geo.size * dpr));
    const cx = (this.model.xs[i] * v.scale + v.tx) * dpr, cy = (this.model.ys[i] * v.scale + v.ty) * dpr;
    const x0 = Math.max(0, Math.round(cx - side / 2)), y0 = Math.max(0, Math.round(cy - side / 2));
    const x1 = Math.min(image.width, Math.round(cx - side / 2) + side), y1 = Math.min(image.height, Math.round(cy - side / 2) + side);
    const colour = this.rgba[this.keys[i]];
    for (let y = y0; y < y1; y++) pixels.fill(colour, y * image.width + x0, y * image.width + x1);
    return [x0, y0, x1 - x0, y1 - y0];
  }

  /**
   * Repaints only the given seats (a stream delta, a selection change) in the layer painted
   * last, each over its old shape: seats never overlap, so nothing else is touched and a tick
   * of 40 changed seats costs a few fills instead of a 60,000-seat repaint. Returns fills.
   */
  patchSeats(ctx, seats, state) {
    const { model, palette, keys } = this;
    const byColour = new Map();
    for (const i of seats) {
      if (keys[i] === HIDDEN) continue;
      const k = colourKey(palette, state.status ? state.status[i] : 0, model.category[i], state.mine.has(i), state.selected.has(i));
      if (k === keys[i]) continue;
      keys[i] = k;
      if (!byColour.has(k)) byColour.set(k, []);
      byColour.get(k).push(i);
    }
    const geo = this.geometry(this.layerView);
    if (this.pixelMode) {
      for (const list of byColour.values()) {
        for (const i of list) {
          const [x, y, w, h] = this.writeSeat(i, geo);
          if (w > 0 && h > 0) ctx.putImageData(this.image, 0, 0, x, y, w, h);
        }
      }
      return byColour.size;
    }
    for (const [k, list] of byColour) this.fillSeats(ctx, k, list, 0, list.length, this.layerView, geo, true);
    return byColour.size;
  }

  geometry(view) {
    const pitchPx = this.model.pitch * view.scale;
    const size = Math.max(1.5, pitchPx * 0.8);
    return { pitchPx, size, r: size / 2, round: size >= 6 };
  }

  // One path and one fill for every seat of one colour. A patch first clears each seat's
  // square so antialiased edges of the old colour do not show through.
  fillSeats(ctx, k, list, from, to, view, { size, r, round }, clear = false) {
    const { xs, ys } = this.model;
    const s = view.scale, tx = view.tx, ty = view.ty;
    if (clear) {
      for (let j = from; j < to; j++) {
        const i = list[j];
        ctx.clearRect(xs[i] * s + tx - r - 0.5, ys[i] * s + ty - r - 0.5, size + 1, size + 1);
      }
    }
    ctx.fillStyle = this.palette.colours[k];
    ctx.beginPath();
    for (let j = from; j < to; j++) {
      const i = list[j];
      const px = xs[i] * s + tx, py = ys[i] * s + ty;
      if (round) {
        ctx.moveTo(px + r, py);
        ctx.arc(px, py, r, 0, 2 * Math.PI);
      } else {
        ctx.rect(px - r, py - r, size, size);
      }
    }
    ctx.fill();
  }

  /** What is drawn over the seat layer every frame: stage, selection rings, hover, labels. */
  paintOverlay(ctx, view, width, height, state) {
    const geo = this.geometry(view);
    this.paintStage(ctx, view);
    this.paintSelectionRing(ctx, view, state.selected, geo.size);
    if (state.hover >= 0) this.paintHover(ctx, view, state.hover, geo.size);
    if (geo.pitchPx < SEAT_NUMBERS_FROM_PX) this.paintSectionLabels(ctx, view, width, height);
    else this.paintSeatNumbers(ctx, view, this.visibleCount, geo.size);
  }

  /** Seats and overlay into one context (tests, and pages without a separate layer). */
  paint(ctx, view, width, height, state) {
    const out = this.paintSeats(ctx, view, width, height, state);
    this.paintOverlay(ctx, view, width, height, state);
    return out;
  }

  paintStage(ctx, view) {
    const stage = this.model.stage;
    if (!stage) return;
    const x = stage.x * view.scale + view.tx, y = stage.y * view.scale + view.ty;
    ctx.fillStyle = "#2b2f36";
    ctx.beginPath();
    const r = Math.max(20, this.model.pitch * view.scale * 3);
    ctx.arc(x, y, r, 0, 2 * Math.PI);
    ctx.fill();
    ctx.fillStyle = "#ffffff";
    ctx.font = `600 ${Math.min(14, Math.round(r / 2.4))}px system-ui, sans-serif`;
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

  // Until seat numbers are readable, section names tell people where they are.
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
