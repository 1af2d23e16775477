// Maths of the map's view: world (venue units) to CSS pixels and back, fit-to-screen, zoom
// about a point, pan. A view is {scale, tx, ty}: screen = world * scale + t. Pure: no DOM,
// so the zoom and fit rules are tested in node.

export const MIN_ZOOM_OF_FIT = 0.5;  // zoom out to half the fitted scale at most
export const MAX_SEAT_PIXELS = 80;   // zoom in until a seat pitch spans this many CSS pixels

/** The view showing bounds centred in a width x height box with `padding` pixels around. */
export function fitView(bounds, width, height, padding = 16) {
  const w = Math.max(bounds.maxX - bounds.minX, 1e-6);
  const h = Math.max(bounds.maxY - bounds.minY, 1e-6);
  const scale = Math.max(1e-6, Math.min((width - 2 * padding) / w, (height - 2 * padding) / h));
  return {
    scale,
    tx: width / 2 - ((bounds.minX + bounds.maxX) / 2) * scale,
    ty: height / 2 - ((bounds.minY + bounds.maxY) / 2) * scale,
  };
}

export function toScreen(view, x, y) { return { x: x * view.scale + view.tx, y: y * view.scale + view.ty }; }
export function toWorld(view, px, py) { return { x: (px - view.tx) / view.scale, y: (py - view.ty) / view.scale }; }

/** Scale limits for a venue: from half the fitted view to a seat pitch of MAX_SEAT_PIXELS. */
export function zoomLimits(fitScale, pitch) {
  return { min: fitScale * MIN_ZOOM_OF_FIT, max: Math.max(fitScale, MAX_SEAT_PIXELS / pitch) };
}

/** Zooms by `factor` keeping the world point under (px, py) fixed on screen; clamps the scale. */
export function zoomAt(view, factor, px, py, limits) {
  const scale = Math.min(limits.max, Math.max(limits.min, view.scale * factor));
  const k = scale / view.scale;
  return { scale, tx: px - (px - view.tx) * k, ty: py - (py - view.ty) * k };
}

export function pan(view, dx, dy) { return { scale: view.scale, tx: view.tx + dx, ty: view.ty + dy }; }

/** World rectangle visible in a width x height box. */
export function visibleWorld(view, width, height) {
  const a = toWorld(view, 0, 0), b = toWorld(view, width, height);
  return { minX: Math.min(a.x, b.x), minY: Math.min(a.y, b.y), maxX: Math.max(a.x, b.x), maxY: Math.max(a.y, b.y) };
}

/** Wheel delta (pixels, or lines when deltaMode is 1) to a zoom factor; smooth for trackpads. */
export function wheelFactor(deltaY, deltaMode = 0) {
  const pixels = deltaMode === 1 ? deltaY * 16 : deltaMode === 2 ? deltaY * 400 : deltaY;
  return Math.exp(-Math.max(-300, Math.min(300, pixels)) * 0.0015);
}

/** Two-finger pinch: the view after the pair of pointers moved from (a0, b0) to (a1, b1). */
export function pinchView(view, a0, b0, a1, b1, limits) {
  const d0 = Math.hypot(b0.x - a0.x, b0.y - a0.y), d1 = Math.hypot(b1.x - a1.x, b1.y - a1.y);
  const m0 = { x: (a0.x + b0.x) / 2, y: (a0.y + b0.y) / 2 }, m1 = { x: (a1.x + b1.x) / 2, y: (a1.y + b1.y) / 2 };
  const zoomed = d0 > 0 ? zoomAt(view, d1 / d0, m0.x, m0.y, limits) : view;
  return pan(zoomed, m1.x - m0.x, m1.y - m0.y);
}
