// Workflow and Containerfile checks reject the unsafe fixtures for each of their faults.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkContainerfile } from '../lib/containers.mjs';
import { checkWorkflowFile } from '../lib/workflows.mjs';
import { fixture, repoRoot } from './helpers.mjs';

test('the unsafe workflow is rejected for every fault it has', async () => {
  const problems = await checkWorkflowFile(fixture('workflows', 'unsafe.yml'), repoRoot);
  const text = problems.map((p) => `${p.check}: ${p.message}`).join('\n');
  assert.match(text, /actionlint:job-needs: .*"lint" which does not exist/);
  assert.match(text, /workflow:pinned-actions: .*actions\/checkout@main/);
  assert.match(text, /workflow:least-privilege: top-level permissions/);
  assert.match(text, /workflow:test-sequence: load tests must wait for integration tests/);
  assert.match(text, /workflow:gitflow: job deploy-prod deploys prod but is not limited to refs\/heads\/main/);
  assert.match(text, /workflow:shellcheck: .*SC2164/);
});

test('the bad Containerfile is rejected for every fault it has', () => {
  const problems = checkContainerfile(fixture('containers', 'bad.Containerfile'), repoRoot);
  const rules = new Set(problems.map((p) => p.check));
  for (const r of ['multi-stage', 'base-pinned', 'non-root-user', 'healthcheck', 'exec-entrypoint', 'no-baked-secrets', 'lean-apt', 'copy-source']) {
    assert.ok(rules.has(`containerfile:${r}`), `missing containerfile:${r} in ${[...rules]}`);
  }
});

test('the product Containerfiles pass', () => {
  for (const name of ['traffic-master', 'mind-log']) {
    assert.deepEqual(checkContainerfile(`${repoRoot}/deploy/containers/${name}.Containerfile`, repoRoot), []);
  }
});
