// node traffic_master/web/gate/pow.test.mjs - the browser solver must agree with the server:
// SHA-256 against node's crypto, leading-zero counting, and a solved challenge's digest.
import { createHash } from "node:crypto";
import assert from "node:assert/strict";
import { sha256Hex, sha256Words, leadingZeroBits, solve } from "./pow.js";

for (const text of ["", "abc", "a".repeat(55), "a".repeat(56), "a".repeat(64), "pow1.x.16.1800000000000.mac:12345"]) {
  assert.equal(sha256Hex(text), createHash("sha256").update(text, "latin1").digest("hex"), `sha256(${text.length} chars)`);
}
assert.equal(leadingZeroBits(new Uint32Array([0, 0x0fffffff, 0, 0, 0, 0, 0, 0])), 36);
assert.equal(leadingZeroBits(new Uint32Array([0x80000000, 0, 0, 0, 0, 0, 0, 0])), 0);

const challenge = "pow1.AAAAAAAAAAAAAAAAAAAAAA.12.1800000000000.abcdefghijklmnopqrstuv";
const counter = solve(challenge, 12);
const digest = createHash("sha256").update(`${challenge}:${counter}`).digest();
assert.ok(digest[0] === 0 && (digest[1] & 0xf0) === 0, "12 leading zero bits");
assert.ok(leadingZeroBits(sha256Words(`${challenge}:${counter}`)) >= 12);
console.log("pow.js agrees with node crypto; solved 12 bits with counter", counter);
