// Seat-stream frames (docs/seat-stream.md, byte by byte) and the client mirror that applies
// them. Pure: no socket, no DOM, so node tests it with frames built from the document.
// The C++ reference is traffic_master/engine/seat_stream_codec.hpp; this follows it, plus
// the "stale" rule a live client needs after asking for a resync.

export const FRAME_SNAPSHOT = 1;
export const FRAME_DELTA = 2;
export const FRAME_FORMAT = 1;
export const SNAPSHOT_HEADER = 16;
export const DELTA_HEADER = 24;
export const STATUS_FREE = 0;
export const STATUS_HELD = 1;
export const STATUS_SOLD = 2;

// Versions are u64 on the wire. BigInt keeps them exact; they are compared, never added.
/** Decodes one binary frame (ArrayBuffer or typed array). Returns null for a malformed frame. */
export function decodeFrame(data) {
  const bytes = data instanceof ArrayBuffer ? new Uint8Array(data) : new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  if (bytes.length < 4 || bytes[1] !== FRAME_FORMAT) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const type = bytes[0];
  if (type === FRAME_SNAPSHOT) {
    if (bytes.length < SNAPSHOT_HEADER) return null;
    const n = view.getUint32(12, true);
    if (bytes.length !== SNAPSHOT_HEADER + n) return null;
    // A copy: the frame's buffer belongs to the socket and the mirror keeps the array.
    return { type, version: view.getBigUint64(4, true), status: bytes.slice(SNAPSHOT_HEADER) };
  }
  if (type === FRAME_DELTA) {
    if (bytes.length < DELTA_HEADER) return null;
    const count = view.getUint32(20, true);
    if (bytes.length !== DELTA_HEADER + count * 5) return null;
    const seats = new Uint32Array(count);
    const statuses = new Uint8Array(count);
    for (let i = 0, at = DELTA_HEADER; i < count; i++, at += 5) {
      seats[i] = view.getUint32(at, true);
      statuses[i] = bytes[at + 4];
    }
    return { type, fromVersion: view.getBigUint64(4, true), version: view.getBigUint64(12, true), seats, statuses };
  }
  return null;
}

/**
 * What a subscriber does with frames. apply() answers one of:
 *   "snapshot" - the whole status array was replaced;
 *   "applied"  - a delta starting at our version was applied (changed seats in lastChanged);
 *   "gap"      - a delta did not start at our version (or named a seat we do not have): the
 *                caller must send "resync"; until the snapshot arrives every delta is dropped;
 *   "stale"    - dropped: either we are waiting for the snapshot we asked for, or the delta
 *                ends at or before our version (already contained in what we have).
 */
export class SeatMirror {
  constructor(expectedSeats = null) {
    this.expectedSeats = expectedSeats;  // the venue's seat count; a snapshot of another size is refused
    this.status = null;
    this.version = 0n;
    this.synced = false;
    this.awaitingSnapshot = false;
    this.counts = [0, 0, 0];  // free, held, sold
    this.lastChanged = new Uint32Array(0);
  }

  apply(frame) {
    if (frame.type === FRAME_SNAPSHOT) {
      if (this.expectedSeats !== null && frame.status.length !== this.expectedSeats) {
        throw new Error(`seat stream has ${frame.status.length} seats, the venue ${this.expectedSeats}`);
      }
      this.status = frame.status;
      this.version = frame.version;
      this.synced = true;
      this.awaitingSnapshot = false;
      this.counts = countStatuses(frame.status);
      this.lastChanged = new Uint32Array(0);
      return "snapshot";
    }
    if (this.awaitingSnapshot) return "stale";
    if (this.synced && frame.version <= this.version) return "stale";
    if (!this.synced || frame.fromVersion !== this.version) return this.lose();
    for (let i = 0; i < frame.seats.length; i++) {
      if (frame.seats[i] >= this.status.length) return this.lose();
    }
    for (let i = 0; i < frame.seats.length; i++) {
      const seat = frame.seats[i];
      const next = frame.statuses[i];
      const prev = this.status[seat];
      if (prev < 3) this.counts[prev]--;
      if (next < 3) this.counts[next]++;
      this.status[seat] = next;
    }
    this.version = frame.version;
    this.lastChanged = frame.seats;
    return "applied";
  }

  // The connection was replaced: the next frame is a snapshot, nothing to ask for.
  reset() {
    this.synced = false;
    this.awaitingSnapshot = false;
  }

  lose() {
    this.synced = false;
    this.awaitingSnapshot = true;
    return "gap";
  }
}

function countStatuses(status) {
  const counts = [0, 0, 0];
  for (let i = 0; i < status.length; i++) if (status[i] < 3) counts[status[i]]++;
  return counts;
}

/** Builders used by tests and tools; the same layout the server writes. */
export function encodeSnapshot(version, status) {
  const out = new Uint8Array(SNAPSHOT_HEADER + status.length);
  const view = new DataView(out.buffer);
  out[0] = FRAME_SNAPSHOT;
  out[1] = FRAME_FORMAT;
  view.setBigUint64(4, BigInt(version), true);
  view.setUint32(12, status.length, true);
  out.set(status, SNAPSHOT_HEADER);
  return out.buffer;
}

export function encodeDelta(fromVersion, toVersion, changes) {
  const out = new Uint8Array(DELTA_HEADER + changes.length * 5);
  const view = new DataView(out.buffer);
  out[0] = FRAME_DELTA;
  out[1] = FRAME_FORMAT;
  view.setBigUint64(4, BigInt(fromVersion), true);
  view.setBigUint64(12, BigInt(toVersion), true);
  view.setUint32(20, changes.length, true);
  changes.forEach(([seat, status], i) => {
    view.setUint32(DELTA_HEADER + i * 5, seat, true);
    out[DELTA_HEADER + i * 5 + 4] = status;
  });
  return out.buffer;
}
