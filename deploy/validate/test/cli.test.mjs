// The command line: a broken manifest makes it exit 1 with one REJECTED line per fault; the
// container health probe script works against a real HTTP server.
import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';
import { fixture, repoRoot, validateDir } from './helpers.mjs';

test('a broken manifest is rejected with exit code 1', () => {
  const r = spawnSync(process.execPath, [join(validateDir, 'validate.mjs'), '--manifests', fixture('k8s', 'broken-deployment.yaml')], { encoding: 'utf8' });
  assert.equal(r.status, 1, r.stdout + r.stderr);
  for (const expected of [
    /REJECTED \[schema\] Deployment\/broken\/broken: .*replicas must be integer/,
    /REJECTED \[policy:run-as-non-root\] Deployment\/broken\/broken/,
    /REJECTED \[policy:image-pinned\] Deployment\/broken\/broken/,
    /REJECTED \[policy:probes\] Deployment\/broken\/broken/,
    /REJECTED \[policy:resources\] Deployment\/broken\/broken/,
    /REJECTED \[policy:no-inline-secrets\] Secret\/broken\/db/,
    /REJECTED \[policy:pod-security-restricted\] Namespace\/broken/,
    /REJECTED \[policy:default-deny\] Namespace\/broken/,
  ]) assert.match(r.stdout, expected);
  assert.match(r.stdout, /deploy validation failed: \d+ problem\(s\)/);
});

test('an unknown argument is a usage error (exit 2)', () => {
  const r = spawnSync(process.execPath, [join(validateDir, 'validate.mjs'), 'everything'], { encoding: 'utf8' });
  assert.equal(r.status, 2);
});

test('the container health probe passes on 200 and fails on 503 or a closed port', async (t) => {
  let status = 200;
  const server = createServer((req, res) => { res.writeHead(req.url === '/healthz' ? status : 404); res.end('ok'); });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  t.after(() => server.close());
  const port = String(server.address().port);
  const probe = (p) => promisify(execFile)('bash', [join(repoRoot, 'deploy/containers/healthcheck.sh'), p]).then(() => 0, (e) => e.code);
  assert.equal(await probe(port), 0);
  status = 503;
  assert.notEqual(await probe(port), 0);
  server.close();
  await new Promise((r) => setTimeout(r, 50));
  assert.notEqual(await probe(port), 0);
});
