#!/usr/bin/env node
// Offline validation of the delivery: Kubernetes manifests (render, schemas, policies),
// Prometheus rules, Terraform, GitHub Actions workflows and Containerfiles.
//
//   node deploy/validate/validate.mjs [all|kubernetes|monitoring|terraform|workflows|containers]...
//   node deploy/validate/validate.mjs --manifests FILE... [--environment dev|prod]
//   node deploy/validate/validate.mjs --terraform DIR | --workflow FILE | --containerfile FILE
//
// Prints one "REJECTED" line per problem and exits 1 when there is any; exit 0 otherwise.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(process.env.REPO_ROOT ?? resolve(dirname(fileURLToPath(import.meta.url)), '../..'));
// Each stage loads only its own libraries (the schema packages alone take seconds to load
// on a busy machine).
const here = dirname(fileURLToPath(import.meta.url));
if (!existsSync(join(here, 'node_modules'))) {
  console.error(`deploy/validate has no node_modules: run ./dev setup (or npm ci in ${here})`);
  process.exit(3);
}
const lib = (name) => import(`./lib/${name}.mjs`);
const STAGES = {
  kubernetes: async () => (await lib('kubernetes')).checkKubernetes(repoRoot, log),
  monitoring: async () => (await lib('monitoring')).checkMonitoring(repoRoot, log),
  terraform: async () => (await lib('terraform')).checkTerraform(repoRoot, log),
  workflows: async () => (await lib('workflows')).checkWorkflows(repoRoot, log),
  containers: async () => (await lib('containers')).checkContainerfiles(repoRoot, log),
};

function log(line) {
  console.log(`  ${line}`);
}

function usage(message) {
  console.error(`${message}\nusage: validate.mjs [all|${Object.keys(STAGES).join('|')}]... | --manifests FILE... [--environment ENV] | --terraform DIR | --workflow FILE | --containerfile FILE`);
  process.exit(2);
}

async function main(argv) {
  const jobs = [];
  let environment;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const next = () => argv[++i] ?? usage(`${arg} needs a value`);
    if (arg === '--environment') environment = next();
    else if (arg === '--manifests') {
      const files = [];
      while (argv[i + 1] && !argv[i + 1].startsWith('--')) files.push(resolve(argv[++i]));
      if (files.length === 0) usage('--manifests needs files');
      jobs.push(['manifests', async () => (await lib('kubernetes')).checkManifestFiles(files, environment, repoRoot)]);
    } else if (arg === '--terraform') { const d = resolve(next()); jobs.push(['terraform', async () => (await lib('terraform')).checkTerraformDir(d, repoRoot)]); }
    else if (arg === '--workflow') { const f = resolve(next()); jobs.push(['workflow', async () => (await lib('workflows')).checkWorkflowFile(f, repoRoot)]); }
    else if (arg === '--containerfile') { const f = resolve(next()); jobs.push(['containerfile', async () => (await lib('containers')).checkContainerfile(f, repoRoot)]); }
    else if (arg === 'all') for (const [name, fn] of Object.entries(STAGES)) jobs.push([name, fn]);
    else if (STAGES[arg]) jobs.push([arg, STAGES[arg]]);
    else usage(`unknown argument: ${arg}`);
  }
  if (jobs.length === 0) for (const [name, fn] of Object.entries(STAGES)) jobs.push([name, fn]);

  let total = 0;
  for (const [name, fn] of jobs) {
    console.log(`[${name}]`);
    const started = Date.now();
    const problems = await fn();
    for (const p of problems) console.log(`REJECTED [${p.check}] ${p.subject}: ${p.message}`);
    console.log(`[${name}] ${problems.length === 0 ? 'ok' : `${problems.length} problem(s)`} in ${Date.now() - started} ms`);
    total += problems.length;
  }
  console.log(total === 0 ? 'deploy validation passed' : `deploy validation failed: ${total} problem(s)`);
  return total === 0 ? 0 : 1;
}

main(process.argv.slice(2)).then((code) => process.exit(code), (err) => {
  console.error(err.stack ?? String(err));
  process.exit(3);
});
