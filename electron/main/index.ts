/**
 * Electron main: the table of contents of the app's start. Main never touches packet data; the
 * engine runs in a utilityProcess and the renderer talks to it over a MessagePort.
 */
import { app, dialog, session } from 'electron';
import { EngineSupervisor } from './engine-supervisor.js';
import { registerShellIpc } from './ipc.js';
import { FileOpener } from './file-opener.js';
import {
  askToRestartEngine,
  keepSingleInstance,
  manageMainWindow,
  receiveOpenedFiles,
  stopEngineOnQuit,
} from './lifecycle.js';
import { installMenu } from './menu.js';
import { appPaths } from './paths.js';
import { hardenApp, hardenSession } from './security.js';

const paths = appPaths();
const opener = new FileOpener();

function start(): void {
  hardenSession(session.defaultSession);
  const engine = new EngineSupervisor({
    script: paths.engine,
    args: ['--samples', paths.samples],
    onGiveUp: (reason) => void askToRestartEngine(reason, engine),
  });
  engine.start();
  stopEngineOnQuit(engine);
  const window = manageMainWindow(paths, engine, opener);
  registerShellIpc({ window: window.current, pageUrl: paths.pageUrl });
  installMenu({ platform: process.platform, isDev: !app.isPackaged, appName: 'Hammerhead' });
}

if (keepSingleInstance()) {
  hardenApp(paths.pageUrl);
  receiveOpenedFiles(opener);
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      dialog.showErrorBox('Hammerhead could not start', String(error));
      app.exit(1);
    });
}
