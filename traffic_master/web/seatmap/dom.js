// Tiny DOM helper: el("button", {type: "button", onclick}, "text", child...). Attributes go
// through setAttribute except on* handlers; text children become text nodes (never HTML), so
// names from the API cannot inject markup.
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith("on") && typeof v === "function") node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? "" : String(v));
  }
  for (const c of children) if (c !== null && c !== undefined) node.append(c instanceof Node ? c : String(c));
  return node;
}

/** Shows a message in a live region; problems show their title and detail. */
export function announce(region, message, { error = false } = {}) {
  region.classList.toggle("error", error);
  region.textContent = message;
}

export function problemText(err) {
  if (err instanceof TypeError) return "The server could not be reached. Check the connection and try again.";
  return err.detail ? `${err.message}: ${err.detail}` : err.message;
}
