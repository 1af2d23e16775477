// GitHub Actions rules beyond actionlint's syntax and expression checks: third-party actions
// pinned to a release, least-privilege tokens, tests in the order unit -> integration ->
// load before any image is pushed, GitFlow environments, and a rollback after deploy.
const FLOATING_REFS = new Set(['main', 'master', 'latest', 'HEAD', 'develop']);

function needsOf(job) {
  const n = job?.needs;
  return Array.isArray(n) ? n : n ? [n] : [];
}

// True if `job` depends on `dependency`, directly or through other jobs.
function dependsOn(jobs, job, dependency, seen = new Set()) {
  for (const n of needsOf(jobs[job])) {
    if (n === dependency) return true;
    if (!seen.has(n)) { seen.add(n); if (dependsOn(jobs, n, dependency, seen)) return true; }
  }
  return false;
}

function stepsOf(job) {
  return job?.steps ?? [];
}

export function checkWorkflow(workflow, file) {
  const out = [];
  const add = (rule, message) => out.push({ rule, file, message });
  const jobs = workflow?.jobs ?? {};

  const perms = workflow?.permissions;
  if (perms === undefined || perms === 'write-all' || (typeof perms === 'object' && Object.values(perms).every((v) => v === 'write'))) {
    add('least-privilege', 'top-level permissions must be declared and read-only; jobs ask for more themselves');
  }
  for (const [id, job] of Object.entries(jobs)) {
    const uses = [job.uses, ...stepsOf(job).map((s) => s.uses)].filter(Boolean);
    for (const u of uses) {
      if (u.startsWith('./') || u.startsWith('docker://')) continue;
      const at = u.lastIndexOf('@');
      const ref = at < 0 ? '' : u.slice(at + 1);
      if (!ref || FLOATING_REFS.has(ref)) add('pinned-actions', `job ${id}: "${u}" must name a release tag or commit`);
    }
    if (job.permissions && typeof job.permissions === 'object' && job.permissions['id-token'] === 'write') {
      const pushesOrDeploys = uses.some((u) => /configure-aws-credentials|deploy\.yml/.test(u));
      if (!pushesOrDeploys) add('least-privilege', `job ${id} asks for an OIDC token it never uses`);
    }
  }

  // The test sequence, when a workflow has it, must gate images.
  const order = ['unit-tests', 'integration-tests', 'load-tests'];
  if (order.some((j) => jobs[j])) {
    for (const j of order) if (!jobs[j]) add('test-sequence', `job "${j}" is missing`);
    if (jobs['integration-tests'] && !dependsOn(jobs, 'integration-tests', 'unit-tests')) add('test-sequence', 'integration tests must wait for unit tests');
    if (jobs['load-tests'] && !dependsOn(jobs, 'load-tests', 'integration-tests')) add('test-sequence', 'load tests must wait for integration tests');
    for (const [id, job] of Object.entries(jobs)) {
      const pushesImages = stepsOf(job).some((s) => /build-push-action/.test(s.uses ?? '') && s.with?.push !== false);
      if (pushesImages && !dependsOn(jobs, id, 'load-tests')) add('test-sequence', `job ${id} pushes images before the load tests pass`);
    }
  }

  // GitFlow: a job that calls the deploy workflow for an environment runs only on its branch.
  const branchFor = { dev: 'refs/heads/develop', prod: 'refs/heads/main' };
  for (const [id, job] of Object.entries(jobs)) {
    if (!/deploy\.yml$/.test(job.uses ?? '')) continue;
    const env = job.with?.environment;
    if (!branchFor[env]) { add('gitflow', `job ${id} deploys to unknown environment "${env}"`); continue; }
    if (!String(job.if ?? '').includes(`github.ref == '${branchFor[env]}'`)) {
      add('gitflow', `job ${id} deploys ${env} but is not limited to ${branchFor[env]}`);
    }
    const other = Object.entries(branchFor).find(([e]) => e !== env)?.[1];
    if (String(job.if ?? '').includes(other)) add('gitflow', `job ${id} deploys ${env} from ${other}`);
  }

  // A workflow that syncs Argo CD must check health afterwards and roll back on failure.
  const syncs = Object.values(jobs).some((j) => stepsOf(j).some((s) => /argocd app sync/.test(s.run ?? '')));
  if (syncs) {
    const rollback = Object.entries(jobs).find(([, j]) => /failure\(\)/.test(String(j.if ?? '')) && stepsOf(j).some((s) => /git revert|argocd app rollback/.test(s.run ?? '')));
    if (!rollback) add('rollback', 'deploys without a job that rolls back on failure');
    const waits = Object.values(jobs).some((j) => stepsOf(j).some((s) => /argocd app wait[^\n]*--health/.test(s.run ?? '')));
    if (!waits) add('rollback', 'never waits for Argo CD to report the applications healthy');
  }
  return out;
}
