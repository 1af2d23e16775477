// Terraform stage: parse every .tf and .tfvars file with @cdktf/hcl2json (the HCL parser
// Terraform uses, compiled to WebAssembly), then apply deploy/policy/terraform-rules.mjs per
// directory, resolve local module sources, require each live stack's resource types, and
// check that every environment's tfvars sets exactly the stack's variables.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { parse } from '@cdktf/hcl2json';
import { checkTerraformConfig, checkTerraformReferences, REQUIRED_TYPES, resourceTypesWithModules } from '../../policy/terraform-rules.mjs';

function* walk(dir) {
  for (const f of readdirSync(dir).sort()) {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) yield* walk(p);
    else yield p;
  }
}

// hcl2json gives one object per file; a directory is the union of its files.
function merge(into, from) {
  for (const [k, v] of Object.entries(from)) {
    if (Array.isArray(v)) into[k] = [...(into[k] ?? []), ...v];
    else if (v && typeof v === 'object') into[k] = merge(into[k] ?? {}, v);
    else into[k] = v;
  }
  return into;
}

async function parseDir(root) {
  const configs = new Map();
  const tfvars = new Map();
  const problems = [];
  for (const path of walk(root)) {
    if (!path.endsWith('.tf') && !path.endsWith('.tfvars')) continue;
    let json;
    try {
      json = await parse(basename(path), readFileSync(path, 'utf8'));
    } catch (err) {
      problems.push({ check: 'terraform-parse', subject: path, message: String(err.message ?? err).trim() });
      continue;
    }
    if (path.endsWith('.tfvars')) tfvars.set(path, json);
    else configs.set(dirname(path), merge(configs.get(dirname(path)) ?? {}, json));
  }
  return { configs, tfvars, problems };
}

export async function checkTerraformDir(root, repoRoot, requiredTypes = REQUIRED_TYPES) {
  const { configs, tfvars, problems } = await parseDir(root);
  const rel = (p) => relative(repoRoot, p) || '.';
  if (configs.size === 0 && problems.length === 0) problems.push({ check: 'terraform', subject: rel(root), message: 'no .tf files' });
  const resolveSource = (dir, source) => resolve(dir, source);

  for (const [dir, config] of configs) {
    for (const f of checkTerraformConfig(config)) problems.push({ check: `terraform:${f.rule}`, subject: `${rel(dir)} ${f.resource}`, message: f.message });
    for (const f of checkTerraformReferences(dir, configs, resolveSource)) problems.push({ check: `terraform:${f.rule}`, subject: rel(dir), message: f.message });
    for (const [name, bodies] of Object.entries(config.module ?? {})) {
      for (const m of bodies) {
        if (typeof m.source === 'string' && m.source.startsWith('.') && !configs.has(resolveSource(dir, m.source))) {
          problems.push({ check: 'terraform:module-source', subject: `${rel(dir)} module.${name}`, message: `source ${m.source} has no .tf files` });
        }
      }
    }
  }

  // Live stacks: deploy/terraform/live/<product>.
  for (const [dir, config] of configs) {
    if (basename(dirname(dir)) !== 'live') continue;
    const product = basename(dir);
    const have = resourceTypesWithModules(dir, configs, resolveSource);
    for (const t of [...(requiredTypes.common ?? []), ...(requiredTypes[product] ?? [])]) {
      if (!have.has(t)) problems.push({ check: 'terraform:stack-complete', subject: rel(dir), message: `the ${product} stack has no ${t}` });
    }
    const declared = Object.entries(config.variable ?? {}).map(([name, bodies]) => ({ name, required: !('default' in (bodies[0] ?? {})) }));
    const envFiles = [...tfvars.keys()].filter((p) => dirname(p) === join(dir, 'envs'));
    if (envFiles.length === 0) problems.push({ check: 'terraform:tfvars', subject: rel(dir), message: 'no envs/*.tfvars' });
    for (const f of envFiles) {
      const given = tfvars.get(f);
      for (const v of declared) if (v.required && !(v.name in given)) problems.push({ check: 'terraform:tfvars', subject: rel(f), message: `required variable "${v.name}" is not set` });
      for (const k of Object.keys(given)) if (!declared.some((v) => v.name === k)) problems.push({ check: 'terraform:tfvars', subject: rel(f), message: `"${k}" is not a variable of the stack` });
    }
  }
  return problems;
}

export async function checkTerraform(repoRoot, log) {
  const root = join(repoRoot, 'deploy/terraform');
  if (!existsSync(root)) return [{ check: 'terraform', subject: 'deploy/terraform', message: 'missing' }];
  const problems = await checkTerraformDir(root, repoRoot);
  log(`deploy/terraform: ${problems.length} problem(s)`);
  return problems;
}
