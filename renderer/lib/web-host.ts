/**
 * The web host's transport: the contract's envelopes as JSON over one WebSocket to
 * `/engine?token=…` on the page's own origin (the token comes from the address the host printed).
 * The shell half has no native dialogs: it asks for paths in the page, and uploads dropped files.
 */
import type { HammerheadApi, ShellApi, ShellCommand } from '../../shared/contract/index.js';
import { createContractClient } from '../../shared/contract/client.js';
import { askForPath } from './path-prompt.js';

type Location = Pick<globalThis.Location, 'host' | 'protocol' | 'search'>;

const commandListeners = new Set<(command: ShellCommand) => void>();
const restartListeners = new Set<(reason: string) => void>();

/** Keyboard shortcuts and the in-page menu raise shell commands here (Electron's come from its menu). */
export function raiseCommand(command: ShellCommand): void {
  for (const listener of commandListeners) listener(command);
}

export function tokenOf(location: Location): string {
  return new URLSearchParams(location.search).get('token') ?? '';
}

export function connectWebHost(location: Location): HammerheadApi {
  const token = tokenOf(location);
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  const socket = new WebSocket(`${scheme}//${location.host}/engine?token=${encodeURIComponent(token)}`);
  const queue: string[] = [];
  const client = createContractClient((message) => {
    const text = JSON.stringify(message);
    if (socket.readyState === WebSocket.OPEN) socket.send(text);
    else if (socket.readyState === WebSocket.CONNECTING) queue.push(text);
    else throw new Error('the connection to the Hammerhead web host is closed');
  });
  socket.addEventListener('open', () => queue.splice(0).forEach((text) => socket.send(text)));
  socket.addEventListener('message', (event) => {
    if (typeof event.data === 'string') client.receive(JSON.parse(event.data));
  });
  socket.addEventListener('close', () => {
    const reason = token
      ? 'the connection to the Hammerhead web host closed (is it still running?)'
      : 'no access token in the address: open the exact address the web host printed';
    client.failAll(reason);
    for (const listener of restartListeners) listener(reason);
  });
  return { engine: client, shell: webShell() };
}

function webShell(): ShellApi {
  return {
    kind: 'web',
    async openCaptureDialog() {
      const path = await askForPath('open');
      return path ? [path] : [];
    },
    openKeyLogDialog: () => askForPath('keylog'),
    saveCaptureDialog: (suggestedName) => askForPath('save', suggestedName),
    pathForDroppedFile: () => null,
    onCommand(listener) {
      commandListeners.add(listener);
      return () => void commandListeners.delete(listener);
    },
    // A browser page is never asked by the OS to open a file.
    onOpenFiles: () => () => {},
    onEngineRestarted(listener) {
      restartListeners.add(listener);
      return () => void restartListeners.delete(listener);
    },
  };
}

/** A dropped file has no path in a browser: send its bytes to the host, which keeps them privately. */
export async function uploadDroppedFile(file: File, location: Location = window.location): Promise<string> {
  const url = `/upload?token=${encodeURIComponent(tokenOf(location))}&name=${encodeURIComponent(file.name)}`;
  const response = await fetch(url, { method: 'POST', body: file });
  if (!response.ok)
    throw new Error(`upload of ${file.name} refused: ${response.status} ${await response.text()}`);
  const { path } = (await response.json()) as { path?: unknown };
  if (typeof path !== 'string') throw new Error(`upload of ${file.name}: the host gave no path`);
  return path;
}
