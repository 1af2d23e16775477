// Waiting-room client: proof of work in a worker, join, live status over SSE, heartbeats.
// Plain ES module; the page passes its bearer token and a stable device id.

export class GateClient {
  constructor({ eventId, token, deviceId, onStatus, onProgress }) {
    Object.assign(this, { eventId, token, deviceId, onStatus, onProgress });
    this.base = `/api/v1/events/${encodeURIComponent(eventId)}/queue`;
  }

  headers(json = false) {
    const h = { Authorization: `Bearer ${this.token}`, "X-Device-Id": this.deviceId };
    if (json) h["Content-Type"] = "application/json";
    return h;
  }

  async solvePow() {
    const res = await fetch(`${this.base}/pow`, { headers: this.headers() });
    if (!res.ok) throw await problem(res);
    const { challenge, bits } = await res.json();
    const worker = new Worker(new URL("./pow_worker.js", import.meta.url), { type: "module" });
    try {
      const counter = await new Promise((resolve) => {
        worker.onmessage = (e) => {
          if (e.data.counter !== undefined) resolve(e.data.counter);
          else if (this.onProgress) this.onProgress(e.data.progress, bits);
        };
        worker.postMessage({ challenge, bits });
      });
      return { challenge, counter };
    } finally {
      worker.terminate();
    }
  }

  async join() {
    const pow = await this.solvePow();
    const res = await fetch(`${this.base}/join`, { method: "POST", headers: this.headers(true), body: JSON.stringify({ pow }) });
    if (!res.ok) throw await problem(res);
    const place = await res.json();
    this.receipt = place.receipt;
    this.follow();
    this.heartbeat = setInterval(() => this.beat(), 10_000);
    return place;
  }

  // EventSource cannot send headers; the stream is same-origin and the bearer token travels
  // in the Authorization header only for fetch, so use fetch streaming for SSE.
  async follow() {
    this.streamAbort = new AbortController();
    let res;
    try {
      res = await fetch(`${this.base}/stream?receipt=${encodeURIComponent(this.receipt)}`,
                        { headers: this.headers(), signal: this.streamAbort.signal });
    } catch {
      return;  // aborted by stop(), or the network went away; the page re-joins
    }
    if (!res.ok || !res.body) return;
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = "";
    for (;;) {
      let chunk;
      try {
        chunk = await reader.read();
      } catch {
        break;  // stop() aborted the stream
      }
      const { value, done } = chunk;
      if (done) break;
      buffer += value;
      let end;
      while ((end = buffer.indexOf("\n\n")) >= 0) {
        const frame = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = frame.split("\n").find((l) => l.startsWith("data: "));
        if (data && this.onStatus) this.onStatus(JSON.parse(data.slice(6)));
      }
    }
  }

  async beat() {
    const res = await fetch(`${this.base}/heartbeat`, { method: "POST", headers: this.headers(true), body: JSON.stringify({ receipt: this.receipt }) });
    if (res.status === 410) clearInterval(this.heartbeat);  // the place is gone; the page offers to re-join
  }

  // Leaving the event: no more heartbeats and no more status pushes.
  stop() {
    clearInterval(this.heartbeat);
    if (this.streamAbort) this.streamAbort.abort();
  }
}

export async function problem(res) {
  try {
    const p = await res.json();
    const err = new Error(p.title || res.statusText);
    Object.assign(err, { code: (p.type || "").replace("/problems/", ""), status: res.status, detail: p.detail,
                         retryAfter: Number(res.headers.get("Retry-After")) || 0 });
    return err;
  } catch {
    return Object.assign(new Error(res.statusText), { status: res.status });
  }
}
