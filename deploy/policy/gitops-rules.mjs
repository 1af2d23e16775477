// Argo CD Applications follow GitFlow: develop deploys the dev overlay, main deploys prod.
// Every Application syncs automatically, prunes, heals drift and retries with backoff.
import { finding } from './objects.mjs';

const BRANCH_FOR_OVERLAY = { dev: 'develop', prod: 'main' };

export function checkGitOps(objects, { pathExists = () => true } = {}) {
  const out = [];
  for (const app of objects.filter((o) => o.kind === 'Application')) {
    const src = app.spec?.source ?? {};
    // A region-specific overlay is named <environment>-<region> (prod-tokyo) and follows its environment.
    const overlay = /overlays\/([a-z]+)(?:-[a-z0-9]+)?\/?$/.exec(src.path ?? '')?.[1];
    if (!overlay || !BRANCH_FOR_OVERLAY[overlay]) {
      out.push(finding('gitflow', app, `source path "${src.path}" is not a dev or prod overlay`));
    } else if (src.targetRevision !== BRANCH_FOR_OVERLAY[overlay]) {
      out.push(finding('gitflow', app, `overlay "${overlay}" must track branch "${BRANCH_FOR_OVERLAY[overlay]}", not "${src.targetRevision}"`));
    }
    // The release pipeline selects the Applications to sync by this label.
    if (overlay && app.metadata?.labels?.environment !== overlay) {
      out.push(finding('gitflow', app, `label environment must be "${overlay}" so the ${overlay} release syncs it`));
    }
    if (src.path && !pathExists(src.path)) out.push(finding('gitflow', app, `source path "${src.path}" does not exist in the repository`));
    const auto = app.spec?.syncPolicy?.automated;
    if (!auto || auto.prune !== true || auto.selfHeal !== true) {
      out.push(finding('automated-sync', app, 'syncPolicy.automated must prune and selfHeal'));
    }
    if (!app.spec?.syncPolicy?.retry?.backoff) out.push(finding('automated-sync', app, 'sync retries need a backoff'));
    if (!app.spec?.destination?.namespace) out.push(finding('gitflow', app, 'destination namespace missing'));
  }
  return out;
}
