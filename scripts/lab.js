// The network-namespace lab by hand (test/lab/README.md): `node scripts/lab.js up|down|list|...`.
// Node 20 cannot run TypeScript, so this bundles test/lab/cli.ts with esbuild (a dev dependency)
// into out/lab/ and runs it. Needs root, like the lab itself.
import { build } from 'esbuild';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outfile = join(root, 'out', 'lab', 'cli.mjs');
await build({
  entryPoints: [join(root, 'test', 'lab', 'cli.ts')],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  outfile,
  logLevel: 'warning',
  // source-dir.ts finds target.py and client.ts next to itself: point it at the sources, not out/.
  define: {
    'import.meta.url': JSON.stringify(pathToFileURL(join(root, 'test', 'lab', 'source-dir.ts')).href),
  },
});
const { main } = await import(pathToFileURL(outfile).href);
process.exitCode = await main(process.argv.slice(2));
