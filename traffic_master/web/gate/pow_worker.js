// Web Worker: solves a proof-of-work challenge off the main thread so the page stays
// responsive. Message in: {challenge, bits}. Messages out: {progress} and {counter}.
import { solve } from "./pow.js";

self.onmessage = (event) => {
  const { challenge, bits } = event.data;
  const counter = solve(challenge, bits, (tried) => self.postMessage({ progress: tried }));
  self.postMessage({ counter });
};
