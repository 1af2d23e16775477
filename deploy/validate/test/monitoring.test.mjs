// Prometheus rules (the clean repository is covered by the deploy_monitoring test): promtool
// rejects a broken expression, a failing rule unit test fails the stage, a PrometheusRule
// that drifted from its source file is reported, and alerts need severity and runbook.
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { checkMonitoring } from '../lib/monitoring.mjs';
import { repoRoot } from './helpers.mjs';

function copyRepoPart(t) {
  const dir = mkdtempSync(join(tmpdir(), 'mon-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  cpSync(join(repoRoot, 'deploy/monitoring'), join(dir, 'deploy/monitoring'), { recursive: true });
  cpSync(join(repoRoot, 'docs/runbooks'), join(dir, 'docs/runbooks'), { recursive: true });
  for (const product of ['traffic-master', 'mind-log']) {
    mkdirSync(join(dir, 'deploy/k8s', product, 'base'), { recursive: true });
    cpSync(join(repoRoot, 'deploy/k8s', product, 'base/prometheus-rules.yaml'), join(dir, 'deploy/k8s', product, 'base/prometheus-rules.yaml'));
  }
  return dir;
}

const quiet = () => {};
const edit = (path, from, to) => {
  const text = readFileSync(path, 'utf8');
  assert.ok(text.includes(from), `${path} lacks ${from}`);
  writeFileSync(path, text.replace(from, to));
};

test('a broken expression is rejected by promtool (and the generated object drifts)', (t) => {
  const dir = copyRepoPart(t);
  edit(join(dir, 'deploy/monitoring/mind-log.rules.yml'), 'absent(up{namespace="mind-log"} == 1)', 'absent(up{namespace="mind-log"} == )');
  const checks = checkMonitoring(dir, quiet).map((p) => p.check);
  assert.ok(checks.includes('promtool'), checks.join());
  assert.ok(checks.includes('rules-drift'), checks.join());
});

test('an alert that no longer fires on its failure fails the rule unit tests', (t) => {
  const dir = copyRepoPart(t);
  edit(join(dir, 'deploy/monitoring/traffic-master.rules.yml'), 'namespace:traffic_master_shield_block:ratio_rate5m > 0.5', 'namespace:traffic_master_shield_block:ratio_rate5m > 0.9');
  const checks = checkMonitoring(dir, quiet).map((p) => p.check);
  assert.ok(checks.includes('promtool-test'), checks.join());
});

test('an alert whose runbook heading is gone, or without severity, is rejected', (t) => {
  const dir = copyRepoPart(t);
  edit(join(dir, 'docs/runbooks/mind-log.md'), '## CDC lag', '## Replication lag');
  edit(join(dir, 'deploy/monitoring/traffic-master.rules.yml'), 'severity: ticket', 'severity: info');
  const messages = checkMonitoring(dir, quiet).filter((p) => p.check === 'alert-metadata').map((p) => p.message);
  assert.deepEqual(messages, [
    'MindLogCdcLagHigh: docs/runbooks/mind-log.md has no heading for #cdc-lag',
    'TrafficMasterErrorBudgetSlowBurn: severity must be page or ticket',
  ]);
});

test('a rule or rollout analysis querying a metric no product exports is rejected', (t) => {
  const dir = copyRepoPart(t);
  // The products' sources decide which names exist; the copy links to the real ones.
  for (const d of ['platform', 'traffic_master', 'mind_log']) symlinkSync(join(repoRoot, d), join(dir, d));
  mkdirSync(join(dir, 'deploy/k8s/traffic-master/base'), { recursive: true });
  cpSync(join(repoRoot, 'deploy/k8s/traffic-master/base/analysis-templates.yaml'), join(dir, 'deploy/k8s/traffic-master/base/analysis-templates.yaml'));
  assert.deepEqual(checkMonitoring(dir, quiet).filter((p) => p.check === 'metric-names'), []);
  // The name the shield's counter had in an earlier design, and a renamed HTTP histogram.
  edit(join(dir, 'deploy/monitoring/traffic-master.rules.yml'), 'rate(tm_shield_decisions_total{namespace="traffic-master"}[5m])) > 50',
    'rate(traffic_master_shield_decisions_total{namespace="traffic-master"}[5m])) > 50');
  edit(join(dir, 'deploy/k8s/traffic-master/base/analysis-templates.yaml'), 'http_request_duration_seconds_bucket{', 'http_request_latency_seconds_bucket{');
  const messages = checkMonitoring(dir, quiet).filter((p) => p.check === 'metric-names').map((p) => p.message);
  assert.deepEqual(messages, [
    'TrafficMasterBotSurge: queries traffic_master_shield_decisions_total, which no product exports',
    'latency-p95/latency-p95: queries http_request_latency_seconds_bucket, which no product exports',
  ]);
});
