// GateClient against a local server speaking the waiting room's SSE status stream.
import { test } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import { GateClient } from "./gate_client.js";

function sseServer() {
  const seen = { authorization: null, closed: false };
  const server = http.createServer((req, res) => {
    seen.authorization = req.headers.authorization;
    res.writeHead(200, { "Content-Type": "text/event-stream" });
    res.write('data: {"position":3}\n\n');
    const timer = setInterval(() => res.write('data: {"position":2}\n\n'), 20);
    req.on("close", () => {
      clearInterval(timer);
      seen.closed = true;
    });
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve({ server, seen })));
}

test("status pushes arrive until stop(), which closes the stream", async () => {
  const { server, seen } = await sseServer();
  try {
    await followThenStop(server, seen);
  } finally {
    server.closeAllConnections();
    server.close();
  }
});

async function followThenStop(server, seen) {
  const statuses = [];
  const client = new GateClient({ eventId: "e1", token: "t0k", deviceId: "d1", onStatus: (s) => statuses.push(s) });
  client.base = `http://127.0.0.1:${server.address().port}/api/v1/events/e1/queue`;
  client.receipt = "r1";
  const following = client.follow();
  while (statuses.length < 3) await new Promise((r) => setTimeout(r, 10));
  assert.equal(seen.authorization, "Bearer t0k");
  assert.deepEqual(statuses[0], { position: 3 });
  client.stop();
  // The read loop ends instead of hanging on the open stream.
  const ended = await Promise.race([following.then(() => true), new Promise((r) => setTimeout(() => r(false), 2000))]);
  assert.ok(ended, "follow() returned after stop()");
  const count = statuses.length;
  await new Promise((r) => setTimeout(r, 80));
  assert.equal(statuses.length, count);  // nothing more after stop()
  for (let i = 0; i < 50 && !seen.closed; ++i) await new Promise((r) => setTimeout(r, 10));
  assert.ok(seen.closed, "the server saw the stream closed");
}
