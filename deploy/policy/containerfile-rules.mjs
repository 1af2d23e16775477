// Containerfile rules over a simplified instruction list ({ keyword, args, line }), so they
// do not depend on a parser: multi-stage with a separate runtime stage, pinned bases,
// numeric non-root user, healthcheck, exec-form entrypoint, no secrets baked in.

const SECRET_NAME = /(PASSWORD|SECRET|TOKEN|API_KEY|PRIVATE_KEY|CREDENTIAL)/i;

function stagesOf(instructions) {
  const stages = [];
  for (const ins of instructions) {
    if (ins.keyword === 'FROM') stages.push({ from: ins, body: [] });
    else if (stages.length > 0) stages[stages.length - 1].body.push(ins);
  }
  return stages;
}

// Resolves ${NAME} in a FROM line against the ARG defaults declared before the first FROM.
function resolveImage(fromArgs, globalArgs) {
  const image = fromArgs.trim().split(/\s+/).filter((w) => !w.startsWith('--'))[0] ?? '';
  return image.replace(/\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/g, (_, name) => globalArgs.get(name) ?? '');
}

export function checkContainerfileInstructions(instructions) {
  const out = [];
  const add = (rule, line, message) => out.push({ rule, line, message });
  const globalArgs = new Map();
  for (const ins of instructions) {
    if (ins.keyword === 'FROM') break;
    if (ins.keyword === 'ARG') {
      const [name, ...value] = ins.args.trim().split('=');
      globalArgs.set(name, value.join('='));
    }
  }
  const stages = stagesOf(instructions);
  if (stages.length < 2) add('multi-stage', 1, 'build and runtime must be separate stages');
  const stageNames = new Set(stages.map((s) => /\bAS\s+(\S+)/i.exec(s.from.args)?.[1]?.toLowerCase()).filter(Boolean));
  for (const s of stages) {
    const image = resolveImage(s.from.args, globalArgs);
    if (stageNames.has(image.toLowerCase())) continue;
    const tag = image.includes('@') ? 'digest' : image.split('/').pop().split(':')[1];
    if (!tag || tag === 'latest') add('base-pinned', s.from.line, `base image "${image}" must carry a release tag or digest`);
  }
  const final = stages[stages.length - 1];
  if (!final) return out;
  const finalImage = resolveImage(final.from.args, globalArgs);
  if (stages.length >= 2 && !/slim|distroless|scratch|minimal/.test(finalImage)) {
    add('slim-runtime', final.from.line, `runtime stage should be a slim base, not "${finalImage}"`);
  }
  const user = [...final.body].reverse().find((i) => i.keyword === 'USER');
  const uid = user?.args.trim().split(':')[0];
  if (!user) add('non-root-user', final.from.line, 'runtime stage never switches away from root (USER)');
  else if (!/^\d+$/.test(uid) || uid === '0') {
    add('non-root-user', user.line, 'USER must be a numeric non-zero uid so Kubernetes can verify runAsNonRoot');
  }
  if (!final.body.some((i) => i.keyword === 'HEALTHCHECK' && !/^\s*NONE\b/i.test(i.args))) {
    add('healthcheck', final.from.line, 'runtime stage has no HEALTHCHECK');
  }
  const entry = final.body.find((i) => i.keyword === 'ENTRYPOINT');
  if (!entry) add('exec-entrypoint', final.from.line, 'runtime stage has no ENTRYPOINT');
  else if (!entry.args.trim().startsWith('[')) {
    add('exec-entrypoint', entry.line, 'ENTRYPOINT must use the exec (JSON) form so the process gets SIGTERM');
  }
  for (const s of stages) {
    for (const i of s.body) {
      if (i.keyword === 'ADD' && /https?:\/\//.test(i.args)) add('no-remote-add', i.line, 'ADD of a URL is unverified; download in RUN with a checksum');
      if (i.keyword === 'ENV' || i.keyword === 'ARG') {
        for (const pair of i.args.split(/\s+/)) {
          const [name, value] = pair.split('=');
          if (SECRET_NAME.test(name) && value) add('no-baked-secrets', i.line, `${i.keyword} ${name} bakes a secret into the image`);
        }
      }
      if (i.keyword === 'RUN' && /apt-get\s+install/.test(i.args)) {
        if (!/--no-install-recommends/.test(i.args)) add('lean-apt', i.line, 'apt-get install without --no-install-recommends');
        if (!/rm -rf \/var\/lib\/apt\/lists/.test(i.args)) add('lean-apt', i.line, 'apt lists are left in the layer');
      }
    }
  }
  return out;
}
