// Kubernetes stage: render every overlay (and the Argo CD applications), schema-validate each
// object and run the policy checks of deploy/policy over the rendered set.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { checkManifests } from '../../policy/index.mjs';
import { readYamlFile, renderKustomization } from './render.mjs';
import { validateObject } from './schemas.mjs';

function describe(obj) {
  return `${obj?.kind ?? '?'}/${obj?.metadata?.namespace ? `${obj.metadata.namespace}/` : ''}${obj?.metadata?.name ?? '?'}`;
}

export function checkObjects(objects, context) {
  const problems = [];
  for (const obj of objects) {
    for (const message of validateObject(obj)) problems.push({ check: 'schema', subject: describe(obj), message });
  }
  for (const f of checkManifests(objects, context)) problems.push({ check: `policy:${f.rule}`, subject: f.object, message: f.message });
  return problems;
}

// Every deployable unit: <product>/overlays/<env>, plus the Argo CD folder.
export function findRenderTargets(repoRoot) {
  const k8s = join(repoRoot, 'deploy/k8s');
  const targets = [];
  for (const product of readdirSync(k8s).sort()) {
    const overlays = join(k8s, product, 'overlays');
    if (existsSync(overlays)) {
      for (const env of readdirSync(overlays).sort()) {
        if (statSync(join(overlays, env)).isDirectory()) targets.push({ dir: join(overlays, env), environment: env.split('-')[0] });
      }
    } else if (existsSync(join(k8s, product, 'kustomization.yaml'))) {
      targets.push({ dir: join(k8s, product), environment: undefined });
    }
  }
  return targets;
}

export function checkKubernetes(repoRoot, log) {
  const problems = [];
  const targets = findRenderTargets(repoRoot);
  if (targets.length === 0) problems.push({ check: 'render', subject: 'deploy/k8s', message: 'nothing to render' });
  const pathExists = (p) => existsSync(join(repoRoot, p));
  for (const t of targets) {
    const name = relative(repoRoot, t.dir);
    let objects;
    try {
      objects = renderKustomization(t.dir);
    } catch (err) {
      problems.push({ check: 'render', subject: name, message: String(err.stderr || err.message).trim() });
      continue;
    }
    const found = checkObjects(objects, { environment: t.environment, pathExists });
    log(`${name}: ${objects.length} objects, ${found.length} problem(s)`);
    problems.push(...found.map((p) => ({ ...p, subject: `${name} ${p.subject}` })));
  }
  return problems;
}

export function checkManifestFiles(files, environment, repoRoot) {
  const objects = files.flatMap((f) => readYamlFile(f));
  return checkObjects(objects, { environment, pathExists: (p) => existsSync(join(repoRoot, p)) });
}
