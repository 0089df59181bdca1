/**
 * An engine in a process of its own, for orphan.test.ts to kill: it starts a capture on lo through
 * the real start path, prints its helper's pid, and waits (at most a minute) to be killed.
 */
import { Engine } from '../../electron/engine/engine.js';
import { localCaptureOf } from '../../electron/engine/capture/local-handlers.js';

const engine = new Engine();
const { lanes } = await engine.handle('capture.start', { interfaces: ['lo'], filter: process.argv[2] ?? '' });
process.stdout.write(`${JSON.stringify({ helper: localCaptureOf(engine).helperPid(lanes[0]!.lane) })}\n`);
setTimeout(() => process.exit(1), 60_000);
