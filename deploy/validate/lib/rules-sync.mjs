// The Prometheus rule files in deploy/monitoring are the source; each product's PrometheusRule
// object in deploy/k8s/<product>/base is generated from its file so promtool checks and unit
// tests cover exactly what the cluster loads.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';

export function ruleFiles(repoRoot) {
  const dir = join(repoRoot, 'deploy/monitoring');
  return readdirSync(dir).filter((f) => f.endsWith('.rules.yml')).sort().map((f) => ({
    product: f.replace(/\.rules\.yml$/, ''),
    path: join(dir, f),
  }));
}

export function prometheusRuleTarget(repoRoot, product) {
  return join(repoRoot, 'deploy/k8s', product, 'base/prometheus-rules.yaml');
}

export function renderPrometheusRule(product, rulesText) {
  const spec = parse(rulesText);
  const object = {
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'PrometheusRule',
    metadata: {
      name: product,
      labels: { 'app.kubernetes.io/name': product, 'prometheus.example.com/rules': 'product' },
    },
    spec,
  };
  return `# Generated from deploy/monitoring/${product}.rules.yml by deploy/validate/sync-rules.mjs.\n`
    + '# Edit the rules file, then run: node deploy/validate/sync-rules.mjs\n'
    + stringify(object, { lineWidth: 0 });
}

// Returns [{ product, path, expected, actual }] for every generated file out of date.
export function ruleDrift(repoRoot) {
  const drift = [];
  for (const { product, path } of ruleFiles(repoRoot)) {
    const target = prometheusRuleTarget(repoRoot, product);
    if (!existsSync(join(repoRoot, 'deploy/k8s', product))) continue;
    const expected = renderPrometheusRule(product, readFileSync(path, 'utf8'));
    const actual = existsSync(target) ? readFileSync(target, 'utf8') : '';
    if (expected !== actual) drift.push({ product, path: target, expected, actual });
  }
  return drift;
}
