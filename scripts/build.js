// Bundles the Node entry points (CLI, web host, benchmark) with esbuild. The Electron entries (main,
// preload, renderer) are built by electron-vite; the engine code is shared and has no electron import.
import { build } from 'esbuild';

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  sourcemap: true,
  logLevel: 'warning',
  // ESM bundles have no `require`; a few dependencies still call it.
  banner: {
    js: "import { createRequire as __hhCreateRequire } from 'node:module'; const require = __hhCreateRequire(import.meta.url);",
  },
  // ssh2 stays a package: it finds its files through __dirname (absent in an ESM bundle) and
  // probes for optional native parts (denied by allowScripts) at run time.
  external: ['ssh2'],
};

await build({
  ...common,
  // The parallel decode's worker is a file of its own beside the CLI (decode-parallel.ts loads it by URL).
  entryPoints: {
    'cli/hammerhead': 'electron/cli/main.ts',
    'cli/decode-worker': 'electron/cli/decode-worker.ts',
  },
  outdir: 'out',
});
await build({ ...common, entryPoints: { 'web/host': 'electron/web/main.ts' }, outdir: 'out' });
await build({
  ...common,
  entryPoints: {
    'bench/decode-bench': 'test/bench/decode-bench.ts',
    'bench/ui-bench': 'test/bench/ui-bench.ts',
    'bench/capture-bench': 'test/bench/capture-bench.ts',
    'bench/filter-bench': 'test/bench/filter-bench.ts',
    'bench/tls-bench': 'test/bench/tls-bench.ts',
  },
  outdir: 'out',
  // playwright-core loads its own files at run time; it stays a package, not part of the bundle.
  external: ['playwright-core', ...common.external],
});
await build({
  ...common,
  entryPoints: { 'bench/ssh-capture-bench': 'test/bench/ssh-capture-bench.ts' },
  outdir: 'out',
  // It brings the lab up: the lab finds target.py and healthcheck.py beside its sources (as scripts/lab.js).
  define: { 'import.meta.url': JSON.stringify(new URL('../test/lab/source-dir.ts', import.meta.url).href) },
});
