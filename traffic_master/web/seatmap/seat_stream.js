// Live seat status over WebSocket (/ws/events/{id}/seats, docs/seat-stream.md): keeps a
// SeatMirror in step, asks for a snapshot ("resync") after a gap, and reconnects with
// exponential backoff and jitter so a server restart is not met by every page at once.
// The socket constructor and timers are injectable so node tests drive it with a fake.
import { SeatMirror, decodeFrame } from "./seat_stream_codec.js";

export const BACKOFF_MIN_MS = 500;
export const BACKOFF_MAX_MS = 15_000;

/** Delay before reconnect attempt `attempt` (0-based): doubling, capped, with 50-100% jitter. */
export function backoffDelay(attempt, random = Math.random) {
  const ceiling = Math.min(BACKOFF_MAX_MS, BACKOFF_MIN_MS * 2 ** Math.min(attempt, 16));
  return Math.round(ceiling * (0.5 + 0.5 * random()));
}

export class SeatStream {
  /**
   * onUpdate(mirror, kind): after every snapshot or applied delta ("snapshot" | "applied").
   * onState(state): "connecting" | "live" | "resyncing" | "offline".
   */
  constructor({ url, seatCount, onUpdate, onState = () => {}, WebSocketImpl = globalThis.WebSocket,
                timers = globalThis, random = Math.random }) {
    Object.assign(this, { url, onUpdate, onState, WebSocketImpl, timers, random });
    this.mirror = new SeatMirror(seatCount);
    this.attempt = 0;
    this.socket = null;
    this.retryTimer = null;
    this.closed = false;
    this.stats = { snapshots: 0, deltas: 0, gaps: 0, stale: 0, malformed: 0, reconnects: 0 };
  }

  connect() {
    this.closed = false;
    this.onState("connecting");
    const ws = new this.WebSocketImpl(this.url);
    ws.binaryType = "arraybuffer";
    this.socket = ws;
    this.mirror.reset();
    ws.onmessage = (e) => { if (this.socket === ws) this.receive(e.data); };
    ws.onclose = () => { if (this.socket === ws) this.lost(); };
    // An error is always followed by close; reconnecting happens there, once.
    ws.onerror = () => {};
  }

  receive(data) {
    if (typeof data === "string") return;  // the protocol has no text frames from the server
    const frame = decodeFrame(data);
    if (!frame) {
      // A frame we cannot read leaves the mirror in an unknown state: start again from a snapshot.
      this.stats.malformed++;
      this.requestResync();
      return;
    }
    let kind;
    try {
      kind = this.mirror.apply(frame);
    } catch (err) {
      // The stream does not match the venue we drew: reconnecting cannot fix that.
      this.onState("offline", err);
      this.close();
      return;
    }
    if (kind === "snapshot") {
      this.stats.snapshots++;
      this.attempt = 0;  // a snapshot proves the connection works; reset the backoff
      this.onState("live");
    } else if (kind === "applied") {
      this.stats.deltas++;
    } else if (kind === "stale") {
      this.stats.stale++;
      return;
    } else if (kind === "gap") {
      this.stats.gaps++;
      this.sendResync();
      return;
    }
    this.onUpdate(this.mirror, kind);
  }

  requestResync() {
    this.mirror.lose();
    this.sendResync();
  }

  sendResync() {
    this.onState("resyncing");
    if (this.socket && this.socket.readyState === 1) this.socket.send("resync");
  }

  lost() {
    this.socket = null;
    if (this.closed) return;
    this.onState("offline");
    const delay = backoffDelay(this.attempt++, this.random);
    this.stats.reconnects++;
    this.retryTimer = this.timers.setTimeout(() => { this.retryTimer = null; this.connect(); }, delay);
  }

  close() {
    this.closed = true;
    if (this.retryTimer !== null) this.timers.clearTimeout(this.retryTimer);
    this.retryTimer = null;
    const ws = this.socket;
    this.socket = null;
    if (ws) ws.close();
  }
}

/** ws:// or wss:// URL of an event's seat stream, relative to the page's origin. */
export function seatStreamUrl(eventId, location = globalThis.location) {
  const scheme = location.protocol === "https:" ? "wss:" : "ws:";
  return `${scheme}//${location.host}/ws/events/${encodeURIComponent(eventId)}/seats`;
}
