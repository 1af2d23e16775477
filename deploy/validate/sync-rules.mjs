#!/usr/bin/env node
// Regenerates deploy/k8s/<product>/base/prometheus-rules.yaml from deploy/monitoring.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, relative, resolve } from 'node:path';
import { ruleDrift } from './lib/rules-sync.mjs';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const drift = ruleDrift(repoRoot);
for (const d of drift) {
  writeFileSync(d.path, d.expected);
  console.log(`wrote ${relative(repoRoot, d.path)}`);
}
if (drift.length === 0) console.log('PrometheusRule objects are up to date');
