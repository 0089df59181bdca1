// The project's test command: type-check, lint, format check, build, then every vitest suite; it ends with one plain line
// "N passed, N failed[, N skipped]" so that a run which executed no test is visible to CI.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const run = (cmd, args) => spawnSync(cmd, args, { stdio: 'inherit' }).status ?? 1;
const steps = [];

steps.push(['typecheck', run('npx', ['tsc', '-b'])]);
steps.push(['lint', run('npx', ['eslint', '.'])]);
steps.push(['format', run('npx', ['prettier', '--check', '--log-level', 'warn', '.'])]);
steps.push(['build', run('npm', ['run', '--silent', 'build'])]);

mkdirSync('out', { recursive: true });
const report = 'out/vitest-report.json';
rmSync(report, { force: true });
steps.push([
  'vitest',
  run('npx', [
    'vitest',
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${report}`,
    ...process.argv.slice(2),
  ]),
]);

let passed = 0,
  failed = 0,
  skipped = 0;
if (existsSync(report)) {
  const r = JSON.parse(readFileSync(report, 'utf8'));
  passed = r.numPassedTests;
  failed = r.numFailedTests;
  skipped = r.numPendingTests + (r.numTodoTests ?? 0);
  // A suite that fails to load has no tests to count: count it as a failure, not as nothing.
  failed += r.testResults.filter((s) => s.status === 'failed' && s.assertionResults.length === 0).length;
}
for (const [name, status] of steps)
  if (status !== 0 && name !== 'vitest') {
    console.log(`${name} failed`);
    failed += 1;
  }
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 || steps.some(([, s]) => s !== 0) ? 1 : 0);
