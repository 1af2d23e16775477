// Containerfile stage: dockerfile-utils lint (syntax, casing, JSON form, ...) plus the
// structural rules of deploy/policy/containerfile-rules.mjs.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { DockerfileParser } from 'dockerfile-ast';
import { validate as lint } from 'dockerfile-utils';
import { checkContainerfileInstructions } from '../../policy/containerfile-rules.mjs';

function instructionsOf(text) {
  return DockerfileParser.parse(text).getInstructions().map((i) => ({
    keyword: i.getKeyword().toUpperCase(),
    args: i.getArgumentsContent() ?? '',
    line: i.getRange().start.line + 1,
    flags: typeof i.getFlags === 'function' ? i.getFlags().map((f) => f.getName()) : [],
  }));
}

export function checkContainerfile(path, repoRoot) {
  const name = relative(repoRoot, path);
  const text = readFileSync(path, 'utf8');
  const problems = [];
  for (const d of lint(text)) {
    problems.push({ check: 'containerfile-lint', subject: `${name}:${d.range.start.line + 1}`, message: d.message });
  }
  for (const f of checkContainerfileInstructions(instructionsOf(text))) {
    problems.push({ check: `containerfile:${f.rule}`, subject: `${name}:${f.line}`, message: f.message });
  }
  // Every file copied from the context into the image must exist.
  for (const ins of instructionsOf(text).filter((i) => i.keyword === 'COPY' && !i.flags.includes('from'))) {
    const sources = ins.args.trim().split(/\s+/).filter((w) => !w.startsWith('--')).slice(0, -1);
    for (const src of sources) {
      try {
        readdirSync(join(repoRoot, src.replace(/\/$/, '')));
      } catch (err) {
        if (err.code === 'ENOTDIR') continue;
        problems.push({ check: 'containerfile:copy-source', subject: `${name}:${ins.line}`, message: `COPY source "${src}" does not exist in the repository` });
      }
    }
  }
  return problems;
}

export function checkContainerfiles(repoRoot, log) {
  const dir = join(repoRoot, 'deploy/containers');
  const files = readdirSync(dir).filter((f) => f.endsWith('.Containerfile')).sort();
  const problems = files.length === 0 ? [{ check: 'containerfile', subject: 'deploy/containers', message: 'no Containerfiles' }] : [];
  for (const f of files) {
    const found = checkContainerfile(join(dir, f), repoRoot);
    log(`${f}: ${found.length} problem(s)`);
    problems.push(...found);
  }
  return problems;
}
