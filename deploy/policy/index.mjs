// Policy checks over rendered Kubernetes manifests. Pure functions of the object list (and a
// little context), so they run the same on an overlay and on a test fixture.
import { checkGitOps } from './gitops-rules.mjs';
import { checkNamespaces } from './namespace-rules.mjs';
import { checkReferences } from './reference-rules.mjs';
import { checkScaling } from './scaling-rules.mjs';
import { checkWorkloadSecurity } from './workload-security.mjs';

export { imageIsPinned } from './workload-security.mjs';

// context: { environment: 'dev' | 'prod' | undefined, pathExists(path) }
export function checkManifests(objects, context = {}) {
  return [
    ...checkWorkloadSecurity(objects),
    ...checkNamespaces(objects),
    ...checkReferences(objects),
    ...checkScaling(objects, context),
    ...checkGitOps(objects, context),
  ];
}
