#!/usr/bin/env node
// The `hammerhead` command: runs the bundled CLI (build it once with `npm run build`).
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const bundle = fileURLToPath(new URL('../out/cli/hammerhead.js', import.meta.url));
if (!existsSync(bundle)) {
  process.stderr.write('hammerhead: the CLI is not built yet; run `npm run build` in the checkout first\n');
  process.exit(2);
}
await import(pathToFileURL(bundle).href);
