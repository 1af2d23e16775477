// Monitoring stage: promtool checks every rule file, runs the rule unit tests, and the
// generated PrometheusRule objects must match their source files.
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ruleDrift, ruleFiles } from './rules-sync.mjs';

function promtool(args, cwd) {
  try {
    return { ok: true, output: execFileSync('promtool', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }) };
  } catch (err) {
    return { ok: false, output: `${err.stdout ?? ''}${err.stderr ?? ''}`.trim() || String(err.message) };
  }
}

export function checkMonitoring(repoRoot, log) {
  const problems = [];
  const dir = join(repoRoot, 'deploy/monitoring');
  const files = ruleFiles(repoRoot);
  if (files.length === 0) problems.push({ check: 'promtool', subject: 'deploy/monitoring', message: 'no *.rules.yml files' });
  for (const { path } of files) {
    const r = promtool(['check', 'rules', path], dir);
    log(`promtool check rules ${relative(repoRoot, path)}: ${r.ok ? 'ok' : 'FAILED'}`);
    if (!r.ok) problems.push({ check: 'promtool', subject: relative(repoRoot, path), message: r.output });
  }
  const testDir = join(dir, 'tests');
  const tests = readdirSync(testDir).filter((f) => f.endsWith('.test.yml')).sort();
  if (tests.length === 0) problems.push({ check: 'promtool-test', subject: 'deploy/monitoring/tests', message: 'no rule unit tests' });
  for (const t of tests) {
    const r = promtool(['test', 'rules', t], testDir);
    log(`promtool test rules tests/${t}: ${r.ok ? 'ok' : 'FAILED'}`);
    if (!r.ok) problems.push({ check: 'promtool-test', subject: `deploy/monitoring/tests/${t}`, message: r.output });
  }
  for (const d of ruleDrift(repoRoot)) {
    problems.push({ check: 'rules-drift', subject: relative(repoRoot, d.path), message: 'out of date with deploy/monitoring; run node deploy/validate/sync-rules.mjs' });
  }
  return problems;
}
