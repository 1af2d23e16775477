// Colours of the map and the rule choosing one per seat. Free seats show their price
// category; held and sold seats are greys that differ in lightness (not only hue) so the map
// still reads for colour-blind people and in forced-colours mode; the visitor's own held
// seats and current selection get strong accent colours. Pure.
import { STATUS_FREE, STATUS_HELD, STATUS_SOLD } from "./seat_stream_codec.js";

// Okabe-Ito-like hues: distinguishable with the common colour-vision deficiencies.
const CATEGORY_COLOURS = ["#0072b2", "#009e73", "#e69f00", "#cc79a7", "#56b4e9", "#d55e00", "#f0e442", "#7f3c8d"];

export function categoryColour(i) {
  if (i < CATEGORY_COLOURS.length) return CATEGORY_COLOURS[i];
  return hslHex((i * 137.5) % 360, 0.55, 0.45);  // golden-angle hues past the fixed palette
}

// Hex, not hsl(): the pixel painter packs colours itself.
function hslHex(h, s, l) {
  const f = (n) => {
    const k = (n + h / 30) % 12;
    const c = l - s * Math.min(l, 1 - l) * Math.max(-1, Math.min(k - 3, 9 - k, 1));
    return Math.round(c * 255).toString(16).padStart(2, "0");
  };
  return `#${f(0)}${f(8)}${f(4)}`;
}

/** "#rrggbb" as the Uint32 an ImageData holds on little-endian machines (every browser's). */
export function packedRgba(hex) {
  const v = parseInt(hex.slice(1), 16);
  return ((0xff << 24) | ((v & 0xff) << 16) | (v & 0xff00) | (v >> 16)) >>> 0;
}

/** Palette for a venue: one entry per category, then held, sold, mine, selected. */
export function makePalette(categoryCount) {
  const colours = [];
  for (let i = 0; i < categoryCount; i++) colours.push(categoryColour(i));
  const held = colours.length, sold = held + 1, mine = held + 2, selected = held + 3;
  colours.push("#b8bcc4", "#5b6069", "#111111", "#ff2d55");
  const names = { held: "Held by someone", sold: "Sold", mine: "Held by you", selected: "Selected" };
  return { colours, held, sold, mine, selected, names };
}

/** Colour index of one seat. Mine wins over status (a held seat of ours is "mine"). */
export function colourKey(palette, status, category, isMine, isSelected) {
  if (isMine) return palette.mine;
  if (status === STATUS_SOLD) return palette.sold;
  if (status === STATUS_HELD) return palette.held;
  if (isSelected && status === STATUS_FREE) return palette.selected;
  return category;
}
