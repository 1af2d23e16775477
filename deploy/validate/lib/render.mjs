// Rendering kustomizations with the installed kubectl (its built-in kustomize), and reading
// multi-document YAML.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';

export function parseYamlDocuments(text, source) {
  const objects = [];
  for (const doc of parseAllDocuments(text)) {
    if (doc.errors.length > 0) throw new Error(`${source}: ${doc.errors.map((e) => e.message).join('; ')}`);
    const value = doc.toJS();
    if (value !== null && value !== undefined) objects.push(value);
  }
  return objects;
}

export function readYamlFile(path) {
  return parseYamlDocuments(readFileSync(path, 'utf8'), path);
}

export function renderKustomization(dir) {
  const text = execFileSync('kubectl', ['kustomize', dir], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 << 20 });
  return parseYamlDocuments(text, dir);
}
