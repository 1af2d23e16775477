// Behavioural telemetry the shield scores (docs/shield.md, features 2 and 6-10): pointer path
// shape and speed variation, focus/visibility changes, the automation flag, and the time from
// seat map to hold. Summaries only - no coordinates or keystrokes leave the page.

export class Telemetry {
  constructor() {
    this.moves = 0;
    this.path = 0;
    this.speeds = [];
    this.focusChanges = 0;
    this.seatMapShownAt = null;
    this.segmentStart = null;
    this.last = null;
    this.chord = 0;
    addEventListener("pointermove", (e) => this.onMove(e), { passive: true });
    addEventListener("focus", () => this.focusChanges++);
    addEventListener("blur", () => this.focusChanges++);
    document.addEventListener("visibilitychange", () => this.focusChanges++);
  }

  onMove(e) {
    this.moves++;
    const p = { x: e.clientX, y: e.clientY, t: e.timeStamp };
    if (this.last) {
      const d = Math.hypot(p.x - this.last.x, p.y - this.last.y);
      this.path += d;
      const dt = p.t - this.last.t;
      if (dt > 0 && this.speeds.length < 2000) this.speeds.push(d / dt);
    }
    // Straightness is measured per gesture: a pause over 300 ms starts a new one.
    if (!this.segmentStart || (this.last && p.t - this.last.t > 300)) {
      if (this.segmentStart && this.last) this.chord += Math.hypot(this.last.x - this.segmentStart.x, this.last.y - this.segmentStart.y);
      this.segmentStart = p;
    }
    this.last = p;
  }

  seatMapShown() { this.seatMapShownAt = performance.now(); }

  summary({ holding = false } = {}) {
    const chord = this.chord + (this.segmentStart && this.last ? Math.hypot(this.last.x - this.segmentStart.x, this.last.y - this.segmentStart.y) : 0);
    const mean = this.speeds.reduce((a, b) => a + b, 0) / (this.speeds.length || 1);
    const sd = Math.sqrt(this.speeds.reduce((a, b) => a + (b - mean) ** 2, 0) / (this.speeds.length || 1));
    const out = {
      pointer_moves: this.moves,
      pointer_straightness: this.path > 0 ? Math.min(1, chord / this.path) : 0.5,
      pointer_speed_cv: mean > 0 ? Math.min(100, sd / mean) : 1,
      focus_changes: this.focusChanges,
      webdriver: navigator.webdriver === true,
    };
    if (holding && this.seatMapShownAt !== null) out.seat_map_to_hold_ms = Math.round(performance.now() - this.seatMapShownAt);
    return out;
  }

  async send({ token, deviceId, holding = false }) {
    await fetch("/api/v1/shield/telemetry", {
      method: "POST",
      headers: { Authorization: `Bearer ${token}`, "X-Device-Id": deviceId, "Content-Type": "application/json" },
      body: JSON.stringify(this.summary({ holding })),
    });
  }
}
