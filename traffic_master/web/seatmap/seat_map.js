// The seat map widget: a <canvas> that shows a venue's seats with live status, zooms (wheel,
// pinch, keys) and pans (drag, arrow keys), answers hover with a tooltip and click with a
// selection toggle. Drawing is the SeatPainter's; hit testing is the GridIndex's; the view
// maths is viewport.js.
//
// Seats are painted into a layer canvas; the visible canvas is that layer plus a light
// overlay (stage, rings, labels). A stream delta patches the changed seats in the layer; a
// pan or zoom moves and scales the layer image at once and repaints it sharp once the
// gesture rests. Redraws are requested, not looped: one requestAnimationFrame per burst of
// changes, so an idle map costs nothing and a 75 ms stream tick costs one cheap frame.
import { GridIndex } from "./grid_index.js";
import { SeatPainter } from "./seat_painter.js";
import { makePalette } from "./seat_style.js";
import { fitView, pan, pinchView, toWorld, wheelFactor, zoomAt, zoomLimits } from "./viewport.js";

const DRAG_THRESHOLD_PX = 5;   // a press that moves less is a click
const HIT_REACH_PX = 8;        // pointer reach when seats are tiny (touch needs slack)
const SETTLE_MS = 140;         // a gesture pause this long repaints the seat layer sharp

export class SeatMap {
  /**
   * container: an element the map fills. describe(i) -> tooltip text lines for seat i.
   * onSeatClick(i): the page decides what a click does (toggle selection, refuse sold seats).
   */
  constructor(container, model, { describe, onSeatClick }) {
    Object.assign(this, { container, model, describe, onSeatClick });
    this.palette = makePalette(model.categories.length);
    this.painter = new SeatPainter(model, this.palette);
    this.grid = new GridIndex(model.xs, model.ys, model.pitch * 4);
    this.state = { status: null, mine: new Set(), selected: new Set(), hover: -1 };
    this.canvas = document.createElement("canvas");
    this.canvas.tabIndex = 0;
    this.canvas.setAttribute("role", "img");
    this.canvas.setAttribute("aria-label",
      `Seat map of ${model.name}. Plus and minus zoom, arrow keys pan, 0 fits the venue. ` +
      "The section table and the best-available form below offer the same choices without the map.");
    this.tooltip = document.createElement("div");
    this.tooltip.className = "seat-tooltip";
    this.tooltip.hidden = true;
    container.append(this.canvas, this.tooltip);
    this.layer = document.createElement("canvas");
    this.layerView = null;
    this.layerDirty = true;
    this.pendingPatch = [];
    this.settleTimer = 0;
    this.width = 0;
    this.height = 0;
    this.frame = 0;
    this.pointers = new Map();
    this.lastPaint = null;
    this.bind();
    new ResizeObserver(() => this.resize()).observe(container);
    this.resize();
  }

  /** changed: seat indexes of a delta (patched), or null after a snapshot (full repaint). */
  setStatus(status, changed = null) {
    const replaced = this.state.status !== status;
    this.state.status = status;
    if (changed && !replaced) this.patch(changed);
    else this.repaintLayer();
  }
  setMine(indexes) { this.patch(this.swapSet("mine", indexes)); }
  setSelected(indexes) { this.patch(this.swapSet("selected", indexes)); }

  // Replaces a set in the state and returns the seats that entered or left it.
  swapSet(name, indexes) {
    const before = this.state[name], after = new Set(indexes);
    this.state[name] = after;
    const changed = [];
    for (const i of before) if (!after.has(i)) changed.push(i);
    for (const i of after) if (!before.has(i)) changed.push(i);
    return changed;
  }

  patch(seats) {
    for (const i of seats) this.pendingPatch.push(i);
    this.invalidate();
  }

  repaintLayer() {
    this.layerDirty = true;
    this.invalidate();
  }

  // The view moved: show the moved layer now, paint it sharp when the gesture rests.
  moved() {
    clearTimeout(this.settleTimer);
    this.settleTimer = setTimeout(() => this.repaintLayer(), SETTLE_MS);
    this.invalidate();
  }

  fit() {
    this.view = fitView(this.model.bounds, this.width, this.height);
    this.limits = zoomLimits(this.view.scale, this.model.pitch);
    this.repaintLayer();
  }

  /** Centres and zooms on one section (from the accessible section table). */
  focusSection(si) {
    const s = this.model.sections[si];
    let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
    for (let i = s.first; i < s.first + s.count; i++) {
      minX = Math.min(minX, this.model.xs[i]); maxX = Math.max(maxX, this.model.xs[i]);
      minY = Math.min(minY, this.model.ys[i]); maxY = Math.max(maxY, this.model.ys[i]);
    }
    // zoomAt by 1 only clamps: a small section must not zoom past the map's limit.
    const fitted = fitView({ minX, minY, maxX, maxY }, this.width, this.height, 40);
    this.view = zoomAt(fitted, 1, this.width / 2, this.height / 2, this.limits);
    this.repaintLayer();
  }

  invalidate() {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => { this.frame = 0; this.paint(); });
  }

  resize() {
    const rect = this.container.getBoundingClientRect();
    const w = Math.max(1, Math.floor(rect.width)), h = Math.max(1, Math.floor(rect.height));
    const dpr = window.devicePixelRatio || 1;
    const first = this.width === 0;
    // Keep the world point at the centre where it was when the box changes size.
    if (!first && this.view) this.view = pan(this.view, (w - this.width) / 2, (h - this.height) / 2);
    this.width = w;
    this.height = h;
    this.dpr = dpr;
    for (const c of [this.canvas, this.layer]) {
      c.width = Math.round(w * dpr);
      c.height = Math.round(h * dpr);
    }
    this.canvas.style.width = `${w}px`;
    this.canvas.style.height = `${h}px`;
    if (first || !this.view) this.fit();
    else this.repaintLayer();
  }

  paint() {
    const layerCtx = this.layer.getContext("2d");
    // Draw in CSS pixels; the backing stores have devicePixelRatio times more, so seats stay sharp.
    layerCtx.setTransform(this.dpr, 0, 0, this.dpr, 0, 0);
    if (this.layerDirty || !this.layerView) {
      this.layerDirty = false;
      this.pendingPatch = [];
      this.layerView = this.view;
      this.lastPaint = this.painter.paintSeats(layerCtx, this.view, this.width, this.height, this.state, this.dpr);
    } else if (this.pendingPatch.length) {
      this.painter.patchSeats(layerCtx, this.pendingPatch, this.state);
      this.pendingPatch = [];
    }
    const ctx = this.canvas.getContext("2d");
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, this.canvas.width, this.canvas.height);
    // The layer was painted for layerView; place it where the current view puts that world.
    const k = this.view.scale / this.layerView.scale;
    const dx = (this.view.tx - this.layerView.tx * k) * this.dpr, dy = (this.view.ty - this.layerView.ty * k) * this.dpr;
    ctx.drawImage(this.layer, dx, dy, this.layer.width * k, this.layer.height * k);
    ctx.setTransform(this.dpr, 0, 0, this.dpr, 0, 0);
    this.painter.paintOverlay(ctx, this.view, this.width, this.height, this.state);
    // The hovered seat may have changed status (a stream tick, our own hold): keep its text true.
    if (this.state.hover >= 0 && !this.tooltip.hidden) this.fillTooltip(this.state.hover);
  }

  fillTooltip(i) {
    this.tooltip.replaceChildren(...this.describe(i).map((line) => Object.assign(document.createElement("div"), { textContent: line })));
  }

  seatAt(clientX, clientY) {
    const rect = this.canvas.getBoundingClientRect();
    const p = toWorld(this.view, clientX - rect.left, clientY - rect.top);
    const reach = Math.max(this.model.pitch * 0.6, HIT_REACH_PX / this.view.scale);
    return this.grid.nearest(p.x, p.y, reach);
  }

  bind() {
    const c = this.canvas;
    c.addEventListener("wheel", (e) => {
      e.preventDefault();  // the page must not scroll while zooming the map
      const rect = c.getBoundingClientRect();
      this.view = zoomAt(this.view, wheelFactor(e.deltaY, e.deltaMode), e.clientX - rect.left, e.clientY - rect.top, this.limits);
      this.moved();
    }, { passive: false });
    c.addEventListener("pointerdown", (e) => {
      c.setPointerCapture(e.pointerId);
      this.pointers.set(e.pointerId, { x: e.clientX, y: e.clientY, startX: e.clientX, startY: e.clientY, dragged: false });
    });
    c.addEventListener("pointermove", (e) => this.onPointerMove(e));
    c.addEventListener("pointerup", (e) => this.onPointerUp(e));
    c.addEventListener("pointercancel", (e) => this.pointers.delete(e.pointerId));
    c.addEventListener("pointerleave", () => this.hover(-1));
    c.addEventListener("keydown", (e) => this.onKey(e));
  }

  onPointerMove(e) {
    const p = this.pointers.get(e.pointerId);
    if (!p) return this.hover(this.seatAt(e.clientX, e.clientY), e.clientX, e.clientY);
    if (this.pointers.size === 2) {
      const [a, b] = [...this.pointers.values()];
      const before = [{ x: a.x, y: a.y }, { x: b.x, y: b.y }];
      p.x = e.clientX; p.y = e.clientY;
      p.dragged = true;
      const rect = this.canvas.getBoundingClientRect();
      const off = (q) => ({ x: q.x - rect.left, y: q.y - rect.top });
      this.view = pinchView(this.view, off(before[0]), off(before[1]), off(a), off(b), this.limits);
      for (const q of this.pointers.values()) q.dragged = true;
      this.moved();
      return;
    }
    if (!p.dragged && Math.hypot(e.clientX - p.startX, e.clientY - p.startY) < DRAG_THRESHOLD_PX) return;
    p.dragged = true;
    this.view = pan(this.view, e.clientX - p.x, e.clientY - p.y);
    p.x = e.clientX; p.y = e.clientY;
    this.hover(-1);
    this.moved();
  }

  onPointerUp(e) {
    const p = this.pointers.get(e.pointerId);
    this.pointers.delete(e.pointerId);
    if (!p || p.dragged) return;
    const i = this.seatAt(e.clientX, e.clientY);
    if (i >= 0) this.onSeatClick(i);
  }

  onKey(e) {
    const step = 60;
    const centre = [this.width / 2, this.height / 2];
    const actions = {
      "+": () => (this.view = zoomAt(this.view, 1.25, ...centre, this.limits)),
      "=": () => (this.view = zoomAt(this.view, 1.25, ...centre, this.limits)),
      "-": () => (this.view = zoomAt(this.view, 0.8, ...centre, this.limits)),
      "0": () => this.fit(),
      ArrowLeft: () => (this.view = pan(this.view, step, 0)),
      ArrowRight: () => (this.view = pan(this.view, -step, 0)),
      ArrowUp: () => (this.view = pan(this.view, 0, step)),
      ArrowDown: () => (this.view = pan(this.view, 0, -step)),
    };
    const act = actions[e.key];
    if (!act) return;
    e.preventDefault();
    act();
    this.moved();
  }

  hover(i, clientX, clientY) {
    if (i !== this.state.hover) {
      this.state.hover = i;
      this.invalidate();
    }
    if (i < 0) { this.tooltip.hidden = true; return; }
    this.fillTooltip(i);
    const rect = this.container.getBoundingClientRect();
    this.tooltip.style.left = `${Math.min(clientX - rect.left + 14, this.width - 220)}px`;
    this.tooltip.style.top = `${clientY - rect.top + 14}px`;
    this.tooltip.hidden = false;
  }
}
