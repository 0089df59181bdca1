/**
 * Where the lab's non-TypeScript files (target.py, healthcheck.py) and client.ts live. A module of
 * its own because scripts/lab.js bundles the lab with esbuild and then defines this module's
 * `import.meta.url` as this file's real location.
 */
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const LAB_SOURCE_DIR = dirname(fileURLToPath(import.meta.url));
