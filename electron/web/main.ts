/**
 * `npm run web` (out/web/host.js): the engine and the built renderer on 127.0.0.1, for a browser.
 * Prints exactly one line on stdout, `Hammerhead web UI: <url>` (tests parse it); everything else
 * goes to stderr.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Engine } from '../engine/engine.js';
import { USAGE, parseHostArgs, type HostArgs } from './args.js';
import { startWebHost, type WebHost } from './server.js';

/** The bundle lives in out/web/, the renderer build in out/renderer/. */
const RENDERER_DIR = fileURLToPath(new URL('../renderer/', import.meta.url));
/** The bundled sample captures of the checkout the host runs from. */
const SAMPLES_DIR = fileURLToPath(new URL('../../assets/samples/', import.meta.url));

async function main(argv: readonly string[]): Promise<number | null> {
  const parsed = parseHostArgs(argv);
  if (parsed.kind === 'help') {
    process.stdout.write(USAGE);
    return 0;
  }
  if (parsed.kind === 'error') return fail(`${parsed.message}\n${USAGE}`, 2);
  if (!existsSync(join(RENDERER_DIR, 'index.html')))
    return fail(`no renderer build in ${RENDERER_DIR}: run npm run build first\n`, 1);
  await serve(parsed.args);
  return null;
}

async function serve(args: HostArgs): Promise<void> {
  const engine = new Engine({ samplesDir: SAMPLES_DIR });
  const host = await startWebHost({ engine, rendererDir: RENDERER_DIR, port: args.port, host: args.host });
  process.stdout.write(`Hammerhead web UI: ${host.url}\n`);
  stopOnSignals(engine, host);
  if (args.open) openBrowser(host.url);
}

function stopOnSignals(engine: Engine, host: WebHost): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    // A second Ctrl-C means "now", whatever is still closing.
    if (stopping) process.exit(130);
    stopping = true;
    process.stderr.write(`hammerhead web: ${signal}, shutting down\n`);
    Promise.all([host.close(), engine.dispose()]).then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`hammerhead web: shutdown failed: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

/**
 * Best effort: without a desktop (CI, SSH) the printed address is all the user needs. The token is
 * on the browser's command line, visible to other local users in the process list; on a shared
 * machine use --no-open and paste the address.
 */
function openBrowser(url: string): void {
  const command = process.platform === 'darwin' ? 'open' : 'xdg-open';
  const child = spawn(command, [url], { stdio: 'ignore', detached: true });
  child.on('error', () =>
    process.stderr.write(`hammerhead web: could not run ${command}; open the address yourself\n`),
  );
  child.unref();
}

function fail(message: string, code: number): number {
  process.stderr.write(`hammerhead web: ${message}`);
  return code;
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== null) process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`hammerhead web: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
