// Three Electron entries (main, preload, renderer) plus the engine's utilityProcess entry.
// The preload is one self-contained CommonJS file: a sandboxed window can load nothing else.
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          index: resolve('electron/main/index.ts'),
          engine: resolve('electron/engine/utility-entry.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve('electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'renderer',
    plugins: [react()],
    build: {
      outDir: 'out/renderer',
      // electron-vite leaves bundles unminified by default; the renderer is parsed on every start.
      minify: true,
      rollupOptions: { input: resolve('renderer/index.html') },
    },
  },
});
