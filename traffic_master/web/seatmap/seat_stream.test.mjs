// node --test traffic_master/web/seatmap/seat_stream.test.mjs - frame decoding per
// docs/seat-stream.md (frames written byte by byte here, not with the module's own encoder),
// the mirror's version/gap/stale rules, and the socket client's resync and reconnect.
import { test } from "node:test";
import assert from "node:assert/strict";
import { decodeFrame, encodeDelta, encodeSnapshot, SeatMirror } from "./seat_stream_codec.js";
import { SeatStream, backoffDelay, BACKOFF_MAX_MS, BACKOFF_MIN_MS } from "./seat_stream.js";

// Hand-written frames from the document's tables.
function snapshotBytes(version, status) {
  const b = [1, 1, 0, 0];
  for (let i = 0; i < 8; i++) b.push(Number((BigInt(version) >> BigInt(8 * i)) & 0xffn));
  for (let i = 0; i < 4; i++) b.push((status.length >>> (8 * i)) & 0xff);
  return new Uint8Array([...b, ...status]).buffer;
}
function deltaBytes(from, to, changes) {
  const b = [2, 1, 0, 0];
  for (const v of [from, to]) for (let i = 0; i < 8; i++) b.push(Number((BigInt(v) >> BigInt(8 * i)) & 0xffn));
  for (let i = 0; i < 4; i++) b.push((changes.length >>> (8 * i)) & 0xff);
  for (const [seat, st] of changes) {
    for (let i = 0; i < 4; i++) b.push((seat >>> (8 * i)) & 0xff);
    b.push(st);
  }
  return new Uint8Array(b).buffer;
}

test("decodes a snapshot, little-endian, 16 + N bytes", () => {
  const f = decodeFrame(snapshotBytes(0x0102030405n, [0, 1, 2, 0]));
  assert.equal(f.type, 1);
  assert.equal(f.version, 0x0102030405n);
  assert.deepEqual([...f.status], [0, 1, 2, 0]);
  assert.equal(snapshotBytes(7, new Array(15000).fill(0)).byteLength, 15016, "the document's size example");
});

test("decodes a delta, 24 + 5C bytes, with seat indexes past 16 bits", () => {
  const buf = deltaBytes(41, 43, [[3, 1], [70000, 2]]);
  assert.equal(buf.byteLength, 34);
  const f = decodeFrame(buf);
  assert.equal(f.type, 2);
  assert.equal(f.fromVersion, 41n);
  assert.equal(f.version, 43n);
  assert.deepEqual([...f.seats], [3, 70000]);
  assert.deepEqual([...f.statuses], [1, 2]);
  assert.equal(deltaBytes(1, 2, new Array(40).fill([0, 1])).byteLength, 224, "the document's size example");
});

test("decodes from a view into a larger buffer (a Uint8Array with an offset)", () => {
  const inner = new Uint8Array(snapshotBytes(9, [2, 2]));
  const outer = new Uint8Array(inner.length + 5);
  outer.set(inner, 5);
  const f = decodeFrame(outer.subarray(5));
  assert.equal(f.version, 9n);
  assert.deepEqual([...f.status], [2, 2]);
});

test("the module's encoder writes the documented bytes", () => {
  assert.deepEqual(new Uint8Array(encodeSnapshot(5, new Uint8Array([0, 2]))), new Uint8Array(snapshotBytes(5, [0, 2])));
  assert.deepEqual(new Uint8Array(encodeDelta(5, 6, [[1, 1]])), new Uint8Array(deltaBytes(5, 6, [[1, 1]])));
});

test("malformed frames are refused", () => {
  assert.equal(decodeFrame(new ArrayBuffer(3)), null, "too short");
  const wrongFormat = new Uint8Array(snapshotBytes(1, [0])); wrongFormat[1] = 2;
  assert.equal(decodeFrame(wrongFormat.buffer), null, "unknown format");
  const wrongType = new Uint8Array(snapshotBytes(1, [0])); wrongType[0] = 3;
  assert.equal(decodeFrame(wrongType.buffer), null, "unknown type");
  assert.equal(decodeFrame(snapshotBytes(1, [0, 0]).slice(0, 17)), null, "snapshot shorter than N");
  assert.equal(decodeFrame(deltaBytes(1, 2, [[0, 1]]).slice(0, 28)), null, "delta shorter than 5C");
  assert.equal(decodeFrame(new Uint8Array([...new Uint8Array(deltaBytes(1, 2, [])), 0]).buffer), null, "trailing byte");
});

test("mirror applies deltas only from its version and keeps counts", () => {
  const m = new SeatMirror(4);
  assert.equal(m.apply(decodeFrame(snapshotBytes(10, [0, 0, 1, 2]))), "snapshot");
  assert.deepEqual(m.counts, [2, 1, 1]);
  assert.equal(m.apply(decodeFrame(deltaBytes(10, 12, [[0, 1], [2, 0]]))), "applied");
  assert.equal(m.version, 12n);
  assert.deepEqual([...m.status], [1, 0, 0, 2]);
  assert.deepEqual(m.counts, [2, 1, 1]);
  assert.deepEqual([...m.lastChanged], [0, 2]);
});

test("a gap asks for a resync; later deltas are dropped until the snapshot", () => {
  const m = new SeatMirror(3);
  m.apply(decodeFrame(snapshotBytes(5, [0, 0, 0])));
  assert.equal(m.apply(decodeFrame(deltaBytes(6, 7, [[0, 2]]))), "gap", "from 6 while at 5");
  assert.deepEqual([...m.status], [0, 0, 0], "nothing applied on a gap");
  assert.equal(m.apply(decodeFrame(deltaBytes(7, 8, [[1, 2]]))), "stale", "queued before the snapshot");
  assert.equal(m.apply(decodeFrame(deltaBytes(5, 6, [[1, 2]]))), "stale", "even one that would have matched");
  assert.equal(m.apply(decodeFrame(snapshotBytes(8, [2, 2, 0]))), "snapshot");
  assert.equal(m.apply(decodeFrame(deltaBytes(8, 9, [[2, 1]]))), "applied");
  assert.deepEqual([...m.status], [2, 2, 1]);
});

test("a delta already contained in the mirror is stale, not a gap", () => {
  const m = new SeatMirror(2);
  m.apply(decodeFrame(snapshotBytes(20, [0, 1])));
  assert.equal(m.apply(decodeFrame(deltaBytes(18, 20, [[0, 1]]))), "stale");
  assert.equal(m.synced, true);
  assert.deepEqual([...m.status], [0, 1]);
});

test("a delta before any snapshot, or naming a seat out of range, is a gap", () => {
  const m = new SeatMirror(2);
  assert.equal(m.apply(decodeFrame(deltaBytes(0, 1, [[0, 1]]))), "gap");
  const n = new SeatMirror(2);
  n.apply(decodeFrame(snapshotBytes(1, [0, 0])));
  assert.equal(n.apply(decodeFrame(deltaBytes(1, 2, [[0, 1], [2, 1]]))), "gap");
  assert.deepEqual([...n.status], [0, 0], "all or nothing");
});

test("a snapshot whose size differs from the venue is refused", () => {
  assert.throws(() => new SeatMirror(3).apply(decodeFrame(snapshotBytes(1, [0, 0]))), /2 seats, the venue 3/);
});

// A fake WebSocket: records what the client sends; the test pushes frames and closes.
class FakeSocket {
  static all = [];
  constructor(url) { this.url = url; this.sent = []; this.readyState = 1; FakeSocket.all.push(this); }
  send(text) { this.sent.push(text); }
  close() { this.readyState = 3; }
  push(buf) { this.onmessage({ data: buf }); }
  drop() { this.readyState = 3; this.onclose({}); }
}
function fakeTimers() {
  const pending = [];
  return { pending, setTimeout: (fn, ms) => { pending.push({ fn, ms }); return pending.length; }, clearTimeout: () => {} };
}

test("client sends resync on a gap, once, and reports updates", () => {
  FakeSocket.all = [];
  const updates = [];
  const s = new SeatStream({ url: "ws://x/ws/events/e/seats", seatCount: 2, WebSocketImpl: FakeSocket, timers: fakeTimers(),
                             onUpdate: (m, kind) => updates.push([kind, m.version]) });
  s.connect();
  const ws = FakeSocket.all[0];
  assert.equal(ws.binaryType, "arraybuffer");
  ws.push(snapshotBytes(1, [0, 0]));
  ws.push(deltaBytes(1, 2, [[0, 1]]));
  ws.push(deltaBytes(3, 4, [[1, 1]]));  // 2 -> 3 was lost
  ws.push(deltaBytes(4, 5, [[1, 2]]));
  assert.deepEqual(ws.sent, ["resync"], "one resync for the gap, nothing for the stale delta");
  ws.push(snapshotBytes(5, [1, 2]));
  assert.deepEqual(updates, [["snapshot", 1n], ["applied", 2n], ["snapshot", 5n]]);
  assert.deepEqual(s.stats, { snapshots: 2, deltas: 1, gaps: 1, stale: 1, malformed: 0, reconnects: 0 });
});

test("a malformed frame triggers a resync", () => {
  FakeSocket.all = [];
  const s = new SeatStream({ url: "u", seatCount: 1, WebSocketImpl: FakeSocket, timers: fakeTimers(), onUpdate: () => {} });
  s.connect();
  FakeSocket.all[0].push(snapshotBytes(1, [0]));
  FakeSocket.all[0].push(new Uint8Array([2, 1, 0]).buffer);
  assert.deepEqual(FakeSocket.all[0].sent, ["resync"]);
  assert.equal(s.stats.malformed, 1);
});

test("client reconnects with growing backoff and starts from the new snapshot", () => {
  FakeSocket.all = [];
  const timers = fakeTimers();
  const states = [];
  const s = new SeatStream({ url: "u", seatCount: 1, WebSocketImpl: FakeSocket, timers, random: () => 1,
                             onUpdate: () => {}, onState: (st) => states.push(st) });
  s.connect();
  FakeSocket.all[0].drop();
  assert.equal(timers.pending.length, 1);
  assert.equal(timers.pending[0].ms, BACKOFF_MIN_MS);
  timers.pending[0].fn();
  FakeSocket.all[1].drop();
  assert.equal(timers.pending[1].ms, BACKOFF_MIN_MS * 2, "doubles while no snapshot arrives");
  timers.pending[1].fn();
  // A delta on the new socket before its snapshot cannot apply: the mirror was reset.
  FakeSocket.all[2].push(deltaBytes(0, 1, [[0, 1]]));
  FakeSocket.all[2].push(snapshotBytes(3, [2]));
  assert.equal(s.mirror.version, 3n);
  FakeSocket.all[2].drop();
  assert.equal(timers.pending[2].ms, BACKOFF_MIN_MS, "a snapshot resets the backoff");
  assert.ok(states.includes("live") && states.includes("offline"));
  s.close();
  assert.equal(FakeSocket.all.length, 3);
});

test("close() stops reconnecting; frames from a replaced socket are ignored", () => {
  FakeSocket.all = [];
  const timers = fakeTimers();
  let updates = 0;
  const s = new SeatStream({ url: "u", seatCount: 1, WebSocketImpl: FakeSocket, timers, onUpdate: () => updates++ });
  s.connect();
  const old = FakeSocket.all[0];
  s.close();
  old.onclose({});
  old.push(snapshotBytes(1, [0]));
  assert.equal(timers.pending.length, 0);
  assert.equal(updates, 0);
});

test("backoff is capped and jittered", () => {
  assert.equal(backoffDelay(30, () => 1), BACKOFF_MAX_MS);
  assert.equal(backoffDelay(30, () => 0), BACKOFF_MAX_MS / 2);
  assert.equal(backoffDelay(0, () => 0), BACKOFF_MIN_MS / 2);
});
