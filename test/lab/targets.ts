/**
 * The targets' web servers (target.py: python's http.server with keep-alive, X-Served-By and an
 * echo endpoint) and the load balancer's health checker (healthcheck.py), each a tracked daemon.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DaemonRecord } from './daemons.js';
import { startDaemon } from './daemons.js';
import { LAB_SOURCE_DIR } from './source-dir.js';
import type { LabPlan, TargetPlan } from './plan.js';
import { HTTP_PORT } from './plan.js';
import { patternBytes } from './workload.js';

/** Static files every target serves, by URL path: a small page and a multi-segment download. */
export const STATIC_FILES = { index: '/', small: '/static/hello.txt', large: '/static/large.bin' } as const;
export const LARGE_FILE_BYTES = 40_000;

export function python(): string {
  // Debian's own interpreter when present: a pyenv shim on PATH would be a shell wrapper.
  return existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
}

function writeWebRoot(target: TargetPlan): string {
  const root = join(target.dir, 'www');
  mkdirSync(join(root, 'static'), { recursive: true });
  writeFileSync(
    join(root, 'index.html'),
    `<!doctype html><title>${target.name}</title><p>${target.name}</p>\n`,
  );
  writeFileSync(join(root, 'static', 'hello.txt'), `hello from the lab (${target.name})\n`);
  // The same bytes on both targets: a response's hash must not depend on which target served it.
  writeFileSync(join(root, 'static', 'large.bin'), patternBytes('large.bin', LARGE_FILE_BYTES));
  return root;
}

export function startTarget(plan: LabPlan, target: TargetPlan): Promise<DaemonRecord> {
  const root = writeWebRoot(target);
  return startDaemon(plan.dir, {
    name: `http-${target.name}`,
    namespace: target.namespace,
    argv: [
      python(),
      '-u',
      join(LAB_SOURCE_DIR, 'target.py'),
      '--name',
      target.name,
      '--bind',
      target.address,
      '--port',
      String(HTTP_PORT),
      '--root',
      root,
    ],
  });
}

export interface HealthCheckOptions {
  readonly intervalSeconds: number;
  /** The checker stops by itself after this long, even if nobody calls `down`. */
  readonly maxLifetimeSeconds: number;
}

export function startHealthChecks(plan: LabPlan, options: HealthCheckOptions): Promise<DaemonRecord> {
  const count = Math.max(1, Math.ceil(options.maxLifetimeSeconds / options.intervalSeconds));
  return startDaemon(plan.dir, {
    name: 'healthcheck',
    namespace: plan.loadBalancer.namespace,
    argv: [
      python(),
      '-u',
      join(LAB_SOURCE_DIR, 'healthcheck.py'),
      '--interval',
      String(options.intervalSeconds),
      '--count',
      String(count),
      ...plan.targets.map((t) => `${t.address}:${HTTP_PORT}`),
    ],
  });
}
