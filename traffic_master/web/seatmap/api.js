// Calls to the Traffic-Master API (docs/api/traffic-master.yaml). Every failure becomes an
// Error carrying the problem document's code, title and detail (problem() from the gate
// client, so both halves of the page read errors the same way).
import { problem } from "../gate/gate_client.js";

export { problem };

/** A stable per-browser device id: the admission token is bound to it (X-Device-Id). */
export function deviceId(storage = globalThis.localStorage) {
  let id = storage.getItem("tm.device");
  if (!id) {
    id = `web-${crypto.randomUUID()}`;
    storage.setItem("tm.device", id);
  }
  return id;
}

/** Idempotency keys are made once per user action and reused if that action is retried. */
export function newIdempotencyKey() { return crypto.randomUUID(); }

export class Api {
  constructor() {
    this.token = sessionStorage.getItem("tm.token") || "";
    this.account = sessionStorage.getItem("tm.account") || "";
    this.device = deviceId();
    this.admission = null;  // {eventId, token} once the waiting room admits us
  }

  async request(method, path, { body, idempotencyKey, admission = false } = {}) {
    const headers = { "X-Device-Id": this.device };
    if (this.token) headers.Authorization = `Bearer ${this.token}`;
    if (body !== undefined) headers["Content-Type"] = "application/json";
    if (idempotencyKey) headers["Idempotency-Key"] = idempotencyKey;
    if (admission && this.admission) headers["X-Admission-Token"] = this.admission.token;
    const res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    if (!res.ok) throw await problem(res);
    return { status: res.status, body: res.status === 204 ? null : await res.json() };
  }

  async login(accountId) {
    const { body } = await this.request("POST", "/api/v1/dev/login", { body: { account_id: accountId } });
    this.token = body.token;
    this.account = body.account_id;
    sessionStorage.setItem("tm.token", this.token);
    sessionStorage.setItem("tm.account", this.account);
    return body;
  }

  logout() {
    this.token = this.account = "";
    this.admission = null;
    sessionStorage.removeItem("tm.token");
    sessionStorage.removeItem("tm.account");
  }

  events() { return this.request("GET", "/api/v1/events").then((r) => r.body.events); }
  event(id) { return this.request("GET", `/api/v1/events/${encodeURIComponent(id)}`).then((r) => r.body); }
  venue(id) { return this.request("GET", `/api/v1/venues/${encodeURIComponent(id)}`).then((r) => r.body); }

  hold(eventId, seatIds, key) {
    return this.request("POST", `/api/v1/events/${encodeURIComponent(eventId)}/holds`,
                        { body: { seats: seatIds }, idempotencyKey: key, admission: true }).then((r) => r.body);
  }
  bestAvailable(eventId, category, count, key) {
    return this.request("POST", `/api/v1/events/${encodeURIComponent(eventId)}/holds/best-available`,
                        { body: { category, count }, idempotencyKey: key, admission: true }).then((r) => r.body);
  }
  getHold(eventId, holdId) {
    return this.request("GET", `/api/v1/events/${encodeURIComponent(eventId)}/holds/${encodeURIComponent(holdId)}`).then((r) => r.body);
  }
  release(eventId, holdId, key) {
    return this.request("DELETE", `/api/v1/events/${encodeURIComponent(eventId)}/holds/${encodeURIComponent(holdId)}`,
                        { idempotencyKey: key, admission: true }).then((r) => r.body);
  }
  /** 201: an order (paid and confirmed). 202: a pending payment the webhook settles later. */
  pay(eventId, holdId, cardNumber, key) {
    return this.request("POST", `/api/v1/events/${encodeURIComponent(eventId)}/holds/${encodeURIComponent(holdId)}/payment`,
                        { body: { card_number: cardNumber }, idempotencyKey: key, admission: true });
  }
  orders() { return this.request("GET", "/api/v1/orders").then((r) => r.body.orders); }

  /** The QR route needs the bearer token, which an <img src> cannot send: fetch it as a blob. */
  async ticketQrUrl(ticketId) {
    const res = await fetch(`/api/v1/tickets/${encodeURIComponent(ticketId)}/qr.svg`,
                            { headers: { Authorization: `Bearer ${this.token}` } });
    if (!res.ok) throw await problem(res);
    return URL.createObjectURL(await res.blob());
  }
}
