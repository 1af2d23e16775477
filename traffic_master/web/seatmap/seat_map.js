// The seat map widget: a <canvas> that shows a venue's seats with live status, zooms (wheel,
// pinch, keys) and pans (drag, arrow keys), answers hover with a tooltip and click with a
// selection toggle. Drawing is the SeatPainter's; hit testing is the GridIndex's; the view
// maths is viewport.js. Redraws are requested, not looped: one requestAnimationFrame per
// burst of changes, so an idle map costs nothing and a 75 ms stream tick costs one frame.
import { GridIndex } from "./grid_index.js";
import { SeatPainter } from "./seat_painter.js";
import { makePalette } from "./seat_style.js";
import { fitView, pan, pinchView, toWorld, wheelFactor, zoomAt, zoomLimits } from "./viewport.js";

const DRAG_THRESHOLD_PX = 5;   // a press that moves less is a click
const HIT_REACH_PX = 8;        // pointer reach when seats are tiny (touch needs slack)

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
    this.width = 0;
    this.height = 0;
    this.frame = 0;
    this.pointers = new Map();
    this.lastPaint = null;
    this.bind();
    new ResizeObserver(() => this.resize()).observe(container);
    this.resize();
  }

  setStatus(status) { this.state.status = status; this.invalidate(); }
  setMine(indexes) { this.state.mine = new Set(indexes); this.invalidate(); }
  setSelected(indexes) { this.state.selected = new Set(indexes); this.invalidate(); }

  fit() {
    this.view = fitView(this.model.bounds, this.width, this.height);
    this.limits = zoomLimits(this.view.scale, this.model.pitch);
    this.invalidate();
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
    this.invalidate();
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
    this.canvas.width = Math.round(w * dpr);
    this.canvas.height = Math.round(h * dpr);
    this.canvas.style.width = `${w}px`;
    this.canvas.style.height = `${h}px`;
    if (first || !this.view) this.fit();
    else this.invalidate();
  }

  paint() {
    const ctx = this.canvas.getContext("2d");
    // Draw in CSS pixels; the backing store has devicePixelRatio times more, so seats stay sharp.
    ctx.setTransform(this.dpr, 0, 0, this.dpr, 0, 0);
    this.lastPaint = this.painter.paint(ctx, this.view, this.width, this.height, this.state);
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
      this.invalidate();
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
      this.invalidate();
      return;
    }
    if (!p.dragged && Math.hypot(e.clientX - p.startX, e.clientY - p.startY) < DRAG_THRESHOLD_PX) return;
    p.dragged = true;
    this.view = pan(this.view, e.clientX - p.x, e.clientY - p.y);
    p.x = e.clientX; p.y = e.clientY;
    this.hover(-1);
    this.invalidate();
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
    this.invalidate();
  }

  hover(i, clientX, clientY) {
    if (i !== this.state.hover) {
      this.state.hover = i;
      this.invalidate();
    }
    if (i < 0) { this.tooltip.hidden = true; return; }
    this.tooltip.replaceChildren(...this.describe(i).map((line) => Object.assign(document.createElement("div"), { textContent: line })));
    const rect = this.container.getBoundingClientRect();
    this.tooltip.style.left = `${Math.min(clientX - rect.left + 14, this.width - 220)}px`;
    this.tooltip.style.top = `${clientY - rect.top + 14}px`;
    this.tooltip.hidden = false;
  }
}
