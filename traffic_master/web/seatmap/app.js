// The seat-map page: pick an event, sign in (development login), pass the waiting room
// (GateClient, shared with the gate pages), pick seats on the live map or ask for the best
// available ones, hold them, pay with a sandbox card, and see the tickets.
import { Api } from "./api.js";
import { GateClient } from "../gate/gate_client.js";
import { showChallenge } from "../gate/challenge.js";
import { Telemetry } from "../gate/telemetry.js";
import { Checkout } from "./checkout.js";
import { el, announce, problemText } from "./dom.js";
import { formatMoney } from "./format.js";
import { SeatMap } from "./seat_map.js";
import { SeatStream, seatStreamUrl } from "./seat_stream.js";
import { SidePanel } from "./side_panel.js";
import { buildVenueModel, freeCounts, seatLabel } from "./venue_model.js";

const $ = (id) => document.getElementById(id);
const STATUS_WORDS = ["free", "held", "sold"];
const api = new Api();
const telemetry = new Telemetry();
let current = null;  // the open event: {event, model, map, stream, panel, checkout, gate, selected}

function showAlert(message, error = false) { announce($("alert"), message, { error }); }

// ---- account ----
function renderAccount() {
  const box = $("account");
  if (api.token) {
    box.replaceChildren(el("span", {}, `Signed in as ${api.account}`),
                        el("button", { type: "button", class: "secondary", onclick: () => { api.logout(); renderAccount(); refreshGate(); } }, "Sign out"));
  } else {
    const input = el("input", { id: "account-id", name: "account", required: true, pattern: "[A-Za-z0-9_\\-]{1,64}", autocomplete: "username", placeholder: "account id" });
    const form = el("form", { class: "login" }, el("label", { for: "account-id" }, "Account"), input, el("button", { type: "submit" }, "Sign in"));
    form.addEventListener("submit", async (e) => {
      e.preventDefault();
      try {
        await api.login(input.value);
        renderAccount();
        refreshGate();
      } catch (err) { showAlert(problemText(err), true); }
    });
    box.replaceChildren(form);
  }
}

// ---- events ----
async function loadEvents() {
  try {
    const events = await api.events();
    $("event-list").replaceChildren(...events.map((ev) => el("li", {},
      el("a", { href: `#event=${encodeURIComponent(ev.id)}` }, ev.name),
      ` - ${ev.status.replace("_", " ")}, ${ev.seats_free.toLocaleString()} of ${ev.capacity.toLocaleString()} free, on sale ${new Date(ev.on_sale_at).toLocaleString()}`)));
    if (events.length === 0) $("event-list").replaceChildren(el("li", {}, "No events yet."));
  } catch (err) { showAlert(problemText(err), true); }
}

async function openEvent(eventId) {
  closeEvent();
  $("picker").hidden = true;
  $("event-view").hidden = false;
  showAlert("Loading the venue...");
  try {
    const event = await api.event(eventId);
    const model = buildVenueModel(await api.venue(event.venue_id));
    $("event-title").textContent = event.name;
    $("event-meta").textContent = `${model.name} - ${model.count.toLocaleString()} seats - up to ${event.per_account_limit} per account`;
    const c = { event, model, selected: [], mine: [] };
    current = c;
    c.map = new SeatMap($("map"), model, { describe: (i) => describe(c, i), onSeatClick: (i) => toggleSeat(c, i) });
    c.panel = new SidePanel({ legend: $("legend"), sectionsBody: $("sections-body"), bestForm: $("best-form") }, model, c.map.palette, event,
                            { onFocusSection: (si) => { c.map.focusSection(si); $("map").scrollIntoView({ block: "nearest" }); },
                              onBestAvailable: (cat, n) => bestAvailable(c, cat, n) });
    c.checkout = new Checkout({ holdPanel: $("hold-panel"), orderPanel: $("order-panel"), alert: $("alert") }, api, event.id,
                              { onHoldChanged: (hold) => { c.mine = hold ? hold.seats.map((s) => model.indexById.get(s.id)).filter((i) => i !== undefined) : []; c.map.setMine(c.mine); renderSelection(c); } });
    c.stream = new SeatStream({ url: seatStreamUrl(event.id), seatCount: model.count,
                                onUpdate: (mirror, kind) => onSeats(c, mirror, kind), onState: (st, err) => { c.panel.setStreamState(st); if (err) showAlert(err.message, true); } });
    c.stream.connect();
    telemetry.seatMapShown();
    renderSelection(c);
    refreshGate();
    showAlert("");
  } catch (err) {
    showAlert(problemText(err), true);
  }
}

function closeEvent() {
  if (!current) return;
  current.stream.close();
  current.gate?.stop();
  current.checkout.clear();
  $("map").replaceChildren();
  $("sections-body").replaceChildren();
  $("best-form").querySelector("select").replaceChildren();
  current = null;
}

// Stream updates arrive up to every 75 ms; counting 60,000 bytes is well under a millisecond
// but the DOM work is batched into the map's next frame anyway.
function onSeats(c, mirror, kind) {
  c.map.setStatus(mirror.status, kind === "applied" ? mirror.lastChanged : null);
  if (c.countsPending) return;
  c.countsPending = true;
  requestAnimationFrame(() => {
    c.countsPending = false;
    c.panel.update(mirror.counts, freeCounts(c.model, mirror.status));
    // A selected seat someone else just took cannot be held; drop it and say so.
    const lost = c.selected.filter((i) => mirror.status[i] !== 0);
    if (lost.length) {
      c.selected = c.selected.filter((i) => mirror.status[i] === 0);
      c.map.setSelected(c.selected);
      renderSelection(c);
      showAlert(`${lost.map((i) => seatLabel(c.model, i)).join("; ")} just became unavailable.`, true);
    }
  });
}

function describe(c, i) {
  const cat = c.model.categories[c.model.category[i]];
  const price = c.event.prices?.[cat];
  const status = c.mine.includes(i) ? "held by you" : STATUS_WORDS[c.stream.mirror.status?.[i] ?? 0] ?? "unavailable";
  return [seatLabel(c.model, i), `${cat}${price !== undefined ? ` - ${formatMoney(price, c.event.currency)}` : ""}`, status];
}

// ---- selection ----
function toggleSeat(c, i) {
  const at = c.selected.indexOf(i);
  if (at >= 0) c.selected.splice(at, 1);
  else if ((c.stream.mirror.status?.[i] ?? 0) !== 0) return showAlert(`${seatLabel(c.model, i)} is not available.`, true);
  else if (c.selected.length >= Math.min(64, c.event.per_account_limit || 64)) return showAlert(`At most ${c.event.per_account_limit} seats per account.`, true);
  else c.selected.push(i);
  c.map.setSelected(c.selected);
  renderSelection(c);
}

function renderSelection(c) {
  const box = $("selection");
  const items = c.selected.map((i) => el("li", {}, seatLabel(c.model, i), " ",
    el("button", { type: "button", class: "link", "aria-label": `Remove ${seatLabel(c.model, i)}`, onclick: () => toggleSeat(c, i) }, "remove")));
  const hold = el("button", { type: "button", disabled: c.selected.length === 0 || !!c.checkout.hold, onclick: () => holdSelected(c) },
                  c.selected.length ? `Hold ${c.selected.length} seat${c.selected.length > 1 ? "s" : ""}` : "Hold seats");
  box.replaceChildren(el("h2", {}, "Your selection"),
    c.selected.length ? el("ul", {}, ...items) : el("p", { class: "note" }, "Click free seats on the map, or use the best-available form."),
    hold);
}

async function holdSelected(c) {
  if (!requireAdmission(c)) return;
  await telemetry.send({ token: api.token, deviceId: api.device, holding: true }).catch(() => {});
  const ids = c.selected.map((i) => c.model.ids[i]);
  try {
    const received = Date.now();
    const hold = await c.checkout.once(`hold:${ids.join(",")}`, (key) => api.hold(c.event.id, ids, key));
    c.selected = [];
    c.map.setSelected([]);
    c.checkout.showHold(hold, received);
    showAlert(`Held ${hold.seats.length} seat(s).`);
  } catch (err) { onActionError(c, err); }
}

async function bestAvailable(c, category, count) {
  if (!requireAdmission(c)) return;
  if (c.checkout.hold) return showAlert("Release or pay for your current hold first.", true);
  await telemetry.send({ token: api.token, deviceId: api.device, holding: true }).catch(() => {});
  try {
    const received = Date.now();
    const hold = await c.checkout.once(`best:${category}:${count}`, (key) => api.bestAvailable(c.event.id, category, count, key));
    c.checkout.showHold(hold, received);
    const first = c.model.indexById.get(hold.seats[0]?.id);
    if (first !== undefined) c.map.focusSection(c.model.section[first]);
    showAlert(`Held ${hold.seats.map((s) => s.label).join("; ")}.`);
  } catch (err) { onActionError(c, err); }
}

function onActionError(c, err) {
  showAlert(problemText(err), true);
  if (err.code?.startsWith("admission-")) {
    api.admission = null;
    refreshGate();
  } else if (err.code === "shield-challenge-required") {
    showChallenge($("challenge"), { token: api.token, onPassed: () => { $("challenge").replaceChildren(); showAlert("Thanks - please try again."); } });
  }
}

function requireAdmission(c) {
  if (!api.token) { showAlert("Sign in first.", true); return false; }
  if (!api.admission || api.admission.eventId !== c.event.id) { showAlert("Join the waiting room first; holds open once you are admitted.", true); return false; }
  return true;
}

// ---- waiting room ----
function refreshGate() {
  const box = $("gate-status");
  const join = $("join");
  if (!current) return;
  join.hidden = !api.token || (api.admission && api.admission.eventId === current.event.id);
  if (!api.token) box.textContent = "Sign in to join the waiting room.";
  else if (api.admission?.eventId === current.event.id) box.textContent = "You are in: choose seats and hold them.";
  else if (!current.gate) box.textContent = "Join the waiting room to buy tickets.";
}

function onGateStatus(c, st) {
  if (c !== current) return;  // a stream of an event the visitor has left
  const box = $("gate-status");
  if (st.admission_token) {
    const fresh = !api.admission;
    api.admission = { eventId: c.event.id, token: st.admission_token, expiresAt: st.admission_expires_at_ms };
    if (fresh) showAlert("It's your turn: choose seats and hold them.");
  } else if (["waiting"].includes(st.state)) {
    const eta = st.eta?.known ? `, about ${st.eta.low_s}-${st.eta.high_s} s` : "";
    box.textContent = `In the waiting room: position ${st.position.toLocaleString()}${eta}${st.eta?.reason ? ` (${st.eta.reason})` : ""}.`;
  } else {
    api.admission = null;
    c.gate?.stop();
    c.gate = null;
    box.textContent = `Your place is ${st.state}. Join again to continue.`;
  }
  refreshGate();
}

async function joinGate() {
  const c = current;
  if (!c || !api.token) return;
  $("join").disabled = true;
  c.gate?.stop();
  c.gate = new GateClient({ eventId: c.event.id, token: api.token, deviceId: api.device, onStatus: (st) => onGateStatus(c, st),
                            onProgress: (tried) => { $("gate-status").textContent = `Checking this browser... (${tried.toLocaleString()} tries)`; } });
  try {
    $("gate-status").textContent = "Checking this browser...";
    onGateStatus(c, await c.gate.join());
  } catch (err) {
    c.gate = null;
    if (err.code === "shield-challenge-required") {
      showChallenge($("challenge"), { token: api.token, onPassed: () => { $("challenge").replaceChildren(); joinGate(); } });
    } else if (err.retryAfter) {
      showAlert(`${problemText(err)} - retrying in ${err.retryAfter} s.`, true);
      setTimeout(joinGate, err.retryAfter * 1000);
    } else {
      showAlert(problemText(err), true);
    }
  } finally {
    $("join").disabled = false;
  }
}

// ---- boot ----
function route() {
  const m = /^#event=(.+)$/.exec(location.hash);
  if (m) openEvent(decodeURIComponent(m[1]));
  else { closeEvent(); $("event-view").hidden = true; $("picker").hidden = false; loadEvents(); }
}

$("join").addEventListener("click", joinGate);
addEventListener("hashchange", route);
renderAccount();
route();
