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
new EngineHost(parentPort, new Engine());
