// Monitoring stage: promtool checks every rule file, runs the rule unit tests, and the
// generated PrometheusRule objects must match their source files.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { join, relative } from 'node:path';
import { ruleDrift, ruleFiles } from './rules-sync.mjs';

function promtool(args, cwd) {
  try {
    return { ok: true, output: execFileSync('promtool', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }) };
  } catch (err) {
    return { ok: false, output: `${err.stdout ?? ''}${err.stderr ?? ''}`.trim() || String(err.message) };
  }
}

// GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens.
function anchors(markdown) {
  return new Set(markdown.split('\n').filter((l) => /^#{1,6} /.test(l))
    .map((l) => l.replace(/^#+ /, '').trim().toLowerCase().replace(/[^\p{L}\p{N} _-]/gu, '').replace(/ /g, '-')));
}

// Every alert carries a severity and a runbook link that resolves to a heading in the repo.
function checkAlertMetadata(repoRoot, path) {
  const problems = [];
  const subject = relative(repoRoot, path);
  let doc;
  try {
    doc = parse(readFileSync(path, 'utf8'));
  } catch {
    return problems; // promtool reports the syntax error
  }
  for (const group of doc?.groups ?? []) {
    for (const rule of group.rules ?? []) {
      if (!rule.alert) continue;
      if (!['page', 'ticket'].includes(rule.labels?.severity)) {
        problems.push({ check: 'alert-metadata', subject, message: `${rule.alert}: severity must be page or ticket` });
      }
      const url = rule.annotations?.runbook_url ?? '';
      const [file, anchor] = url.split('#');
      if (!file || !anchor) {
        problems.push({ check: 'alert-metadata', subject, message: `${rule.alert}: runbook_url must be docs/runbooks/<file>.md#<heading>` });
      } else if (!existsSync(join(repoRoot, file))) {
        problems.push({ check: 'alert-metadata', subject, message: `${rule.alert}: runbook ${file} does not exist` });
      } else if (!anchors(readFileSync(join(repoRoot, file), 'utf8')).has(anchor)) {
        problems.push({ check: 'alert-metadata', subject, message: `${rule.alert}: ${file} has no heading for #${anchor}` });
      }
    }
  }
  return problems;
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
    problems.push(...checkAlertMetadata(repoRoot, path));
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
