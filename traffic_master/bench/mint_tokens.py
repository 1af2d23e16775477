#!/usr/bin/env python3
"""Writes bearer tokens for N bench accounts, one "account token" line each.

Signs exactly what POST /api/v1/dev/login signs (JWS HS256, claims sub/iat/exp/exp_ms, kid
"tm-1") with the server's token key from <data-dir>/keys, so thousands of accounts need no
thousands of login requests before the measured run.
usage: mint_tokens.py DATA_DIR COUNT > tokens.txt
"""
import base64, hashlib, hmac, json, sys, time


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def main() -> None:
    data_dir, count = sys.argv[1], int(sys.argv[2])
    with open(f"{data_dir}/keys") as f:
        key = bytes.fromhex(f.readline().strip())
    now_ms = int(time.time() * 1000)
    ttl_ms = 3600 * 1000
    header = b64(json.dumps({"alg": "HS256", "typ": "JWT", "kid": "tm-1"}, separators=(",", ":")).encode())
    for i in range(count):
        claims = {"sub": f"bench-{i}", "iat": now_ms // 1000, "exp": (now_ms + ttl_ms) // 1000, "exp_ms": now_ms + ttl_ms}
        signing_input = header + "." + b64(json.dumps(claims, separators=(",", ":")).encode())
        sig = b64(hmac.new(key, signing_input.encode(), hashlib.sha256).digest())
        print(f"bench-{i} {signing_input}.{sig}")


if __name__ == "__main__":
    main()
