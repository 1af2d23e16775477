// The visitor's hold and what follows: countdown, release, sandbox card payment (including a
// pending payment settled later by the gateway's webhook), then the order and its tickets.
import { el, announce, problemText } from "./dom.js";
import { formatCountdown, formatMoney } from "./format.js";
import { newIdempotencyKey } from "./api.js";

const TEST_CARDS = [
  ["4242 4242 4242 4242", "approved"],
  ["4000 0000 0000 0002", "declined"],
  ["4000 0000 0000 0119", "gateway timeout"],
  ["4000 0000 0000 3220", "pending, approved a few seconds later"],
];
const PENDING_POLL_MS = 2000;
const PENDING_GIVE_UP_MS = 120_000;

export class Checkout {
  /** onHoldChanged(hold|null): the page recolours "mine" seats. */
  constructor({ holdPanel, orderPanel, alert }, api, eventId, { onHoldChanged }) {
    Object.assign(this, { holdPanel, orderPanel, alert, api, eventId, onHoldChanged });
    this.hold = null;
    this.timer = null;
    this.clockOffset = 0;  // server time minus local time, from the hold answer
    this.keys = new Map();  // action -> idempotency key, kept until a definite answer
  }

  // A retry after a network failure must reuse the key so the server answers the first
  // outcome instead of acting twice; a definite answer (success or problem) retires it.
  async once(action, fn) {
    if (!this.keys.has(action)) this.keys.set(action, newIdempotencyKey());
    try {
      const out = await fn(this.keys.get(action));
      this.keys.delete(action);
      return out;
    } catch (err) {
      if (!(err instanceof TypeError)) this.keys.delete(action);
      throw err;
    }
  }

  showHold(hold, receivedAt = Date.now()) {
    this.hold = hold;
    if (hold.created_at) this.clockOffset = hold.created_at - receivedAt;
    this.orderPanel.replaceChildren();
    this.onHoldChanged(hold);
    this.renderHold();
    clearInterval(this.timer);
    this.timer = setInterval(() => this.tick(), 500);
    this.tick();
  }

  renderHold() {
    const h = this.hold;
    this.countdown = el("strong", { class: "countdown" });
    const cardInput = el("input", { id: "card", name: "card", autocomplete: "off", inputmode: "numeric", required: true,
                                    value: TEST_CARDS[0][0], list: "test-cards" });
    const payButton = el("button", { type: "submit" }, `Pay ${formatMoney(h.amount_cents, h.currency)}`);
    const form = el("form", { class: "pay", "aria-label": "Payment" },
      el("label", { for: "card" }, "Card number (sandbox)"), cardInput,
      el("datalist", { id: "test-cards" }, ...TEST_CARDS.map(([n, what]) => el("option", { value: n }, what))),
      payButton);
    form.addEventListener("submit", (e) => { e.preventDefault(); this.pay(cardInput.value, payButton); });
    const release = el("button", { type: "button", class: "secondary", onclick: () => this.release() }, "Release seats");
    const orphanNote = h.orphan_rule_relaxed ? el("p", { class: "note" }, "Only a choice leaving a single seat alone was possible.") : "";
    this.holdPanel.replaceChildren(
      el("h2", {}, "Your hold"),
      el("p", {}, "Held for you for ", this.countdown, h.extended_for_payment ? " (extended for payment)" : ""),
      el("ul", {}, ...h.seats.map((s) => el("li", {}, `${s.label} - ${s.category} - ${formatMoney(s.price_cents, h.currency)}`))),
      orphanNote,
      el("p", {}, "Total ", el("strong", {}, formatMoney(h.amount_cents, h.currency))),
      form, release);
  }

  remainingMs() { return this.hold ? this.hold.expires_at - (Date.now() + this.clockOffset) : 0; }

  tick() {
    if (!this.hold) return;
    const left = this.remainingMs();
    this.countdown.textContent = formatCountdown(left);
    if (left <= 0) this.expired();
  }

  async expired() {
    clearInterval(this.timer);
    // The server decides: ask it rather than trusting the local clock.
    try {
      const h = await this.api.getHold(this.eventId, this.hold.hold_id);
      if (h.status === "active") { this.showHold(h); return; }
      if (h.status === "confirmed") return this.findOrder(h.hold_id);
    } catch { /* gone or unreachable: treat as expired */ }
    this.clear();
    announce(this.alert, "Your hold expired and the seats went back on sale.", { error: true });
  }

  clear() {
    clearInterval(this.timer);
    this.hold = null;
    this.holdPanel.replaceChildren();
    this.onHoldChanged(null);
  }

  async release() {
    const h = this.hold;
    try {
      await this.once(`release:${h.hold_id}`, (key) => this.api.release(this.eventId, h.hold_id, key));
      this.clear();
      announce(this.alert, "Seats released.");
    } catch (err) {
      announce(this.alert, problemText(err), { error: true });
      if (["hold-expired", "hold-released"].includes(err.code)) this.clear();
    }
  }

  async pay(card, button) {
    const h = this.hold;
    button.disabled = true;
    announce(this.alert, "Paying...");
    try {
      const sent = Date.now();
      const res = await this.once(`pay:${h.hold_id}:${card.replace(/\s/g, "")}`,
                                  (key) => this.api.pay(this.eventId, h.hold_id, card, key));
      if (res.status === 202) {
        announce(this.alert, "Payment pending: waiting for the bank's answer.");
        await this.waitForPending(h.hold_id, sent);
      } else {
        this.showOrder(res.body);
      }
    } catch (err) {
      announce(this.alert, problemText(err), { error: true });
      if (["hold-expired", "hold-released"].includes(err.code)) this.clear();
      else if (this.hold) {
        // The hold may have been extended for payment before the card failed.
        try { this.showHold(await this.api.getHold(this.eventId, h.hold_id)); } catch { /* keep what we show */ }
      }
    } finally {
      button.disabled = false;
    }
  }

  async waitForPending(holdId, since) {
    while (Date.now() - since < PENDING_GIVE_UP_MS) {
      await new Promise((r) => setTimeout(r, PENDING_POLL_MS));
      const h = await this.api.getHold(this.eventId, holdId);
      if (h.status === "confirmed") return this.findOrder(holdId);
      if (h.status !== "active") {
        this.clear();
        announce(this.alert, "The hold ended before the payment was approved; a late approval is refunded.", { error: true });
        return;
      }
    }
    announce(this.alert, "The payment is still pending. Your orders page will show it once approved.", { error: true });
  }

  async findOrder(holdId) {
    const order = (await this.api.orders()).find((o) => o.hold_id === holdId && o.event_id === this.eventId);
    if (order) this.showOrder(order);
  }

  async showOrder(order) {
    clearInterval(this.timer);
    this.hold = null;
    this.holdPanel.replaceChildren();
    this.onHoldChanged(null, order);
    announce(this.alert, `Order ${order.order_id} confirmed.`);
    const tickets = el("ul", { class: "tickets" });
    this.orderPanel.replaceChildren(
      el("h2", {}, `Order ${order.order_id}`),
      el("p", {}, `${order.event_name || order.event_id} - ${formatMoney(order.amount_cents, order.currency)}`),
      tickets);
    for (const t of order.tickets || []) {
      const item = el("li", {}, el("p", {}, t.seat_label));
      tickets.append(item);
      try {
        const url = await this.api.ticketQrUrl(t.ticket_id);
        item.append(el("img", { src: url, width: 160, height: 160, alt: `Ticket QR code for ${t.seat_label}` }));
      } catch (err) {
        item.append(el("p", { class: "error" }, problemText(err)));
      }
    }
  }
}
