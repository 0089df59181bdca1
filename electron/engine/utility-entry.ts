/**
 * Entry of the engine's Electron utilityProcess (built to out/main/engine.js). Electron gives a
 * utility process `process.parentPort`; the engine may not import `electron`, so the port is read
 * through the local `HostParentPort` type.
 */
import { Engine } from './engine.js';
import { EngineHost, type HostParentPort } from './utility-host.js';

const { parentPort } = process as unknown as { parentPort?: HostParentPort };
if (!parentPort) {
  throw new Error('out/main/engine.js runs only inside an Electron utilityProcess (no process.parentPort)');
}
// Main passes `--samples DIR`: where the bundled sample captures are in this installation.
const samplesAt = process.argv.indexOf('--samples');
const samplesDir = samplesAt >= 0 ? (process.argv[samplesAt + 1] ?? null) : null;
new EngineHost(parentPort, new Engine({ samplesDir }));
