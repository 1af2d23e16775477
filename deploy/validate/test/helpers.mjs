// Shared by the validator self-tests: paths, fixture loading, rule lookups.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readYamlFile } from '../lib/render.mjs';

export const validateDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const repoRoot = resolve(validateDir, '../..');
export const fixture = (...parts) => join(validateDir, 'fixtures', ...parts);

export function loadGoodService() {
  return readYamlFile(fixture('k8s', 'good-service.yaml'));
}

export function find(objects, kind, name) {
  const o = objects.find((x) => x.kind === kind && x.metadata?.name === name);
  if (!o) throw new Error(`fixture has no ${kind}/${name}`);
  return o;
}

export function container(objects) {
  return find(objects, 'Deployment', 'shop').spec.template.spec.containers[0];
}

export function checks(problems) {
  return [...new Set(problems.map((p) => p.check))].sort();
}
