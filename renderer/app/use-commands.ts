/**
 * Menu commands (Electron's menu, or the toolbar and shortcuts in a browser) turned into actions:
 * open and save dialogs (a save asks which TLS sessions' secrets go in the file, when any are known),
 * the TLS keys panel, close the active lane, switch the time format.
 */
import { useCallback, useEffect, useRef } from 'react';
import type { HammerheadApi, LaneId, ShellCommand } from '../../shared/contract/index.js';
import type { TimeFormat } from '../../shared/time-format.js';
import { raiseCommand } from '../lib/web-host.js';
import { chooseSecrets } from '../features/save-secrets/index.js';
import type { KeysIntent } from '../features/tls-keys/index.js';
import type { Session } from './use-session.js';

export function useCommands(
  api: HammerheadApi,
  session: Session,
  activeLane: LaneId | null,
  setTimeFormat: (format: TimeFormat) => void,
  openKeys: (intent: KeysIntent) => void,
) {
  const savedPath = useRef<string | null>(null);
  const state = useRef({ session, activeLane });
  state.current = { session, activeLane };

  const run = useCallback(
    async (command: ShellCommand) => {
      const { session, activeLane } = state.current;
      const all = session.lanes.map((lane) => lane.lane);
      switch (command) {
        case 'file.open':
          return session.open(await api.shell.openCaptureDialog());
        case 'file.save':
        case 'file.save-as': {
          if (all.length === 0) return session.notify('info', 'Nothing to save: open a capture first.');
          const path =
            command === 'file.save' && savedPath.current
              ? savedPath.current
              : await api.shell.saveCaptureDialog(suggestedName(session));
          if (!path) return;
          const secrets = await chooseSecrets(api.engine, session.lanes, path);
          if (secrets !== null && (await session.save(path, all, secrets))) savedPath.current = path;
          return;
        }
        case 'keys.load':
          return openKeys('add');
        case 'keys.launch-browser':
          return openKeys('launch');
        case 'lane.close': {
          const lane = activeLane ?? all[all.length - 1];
          return lane === undefined ? undefined : session.close(lane);
        }
        case 'view.time.absolute':
        case 'view.time.relative':
        case 'view.time.delta':
          return setTimeFormat(command.slice('view.time.'.length) as TimeFormat);
      }
    },
    [api, setTimeFormat, openKeys],
  );

  useEffect(() => api.shell.onCommand((command) => void run(command)), [api, run]);
  useEffect(() => (api.shell.kind === 'web' ? bindWebShortcuts() : undefined), [api]);
  return run;
}

function suggestedName(session: Session): string {
  const only = session.lanes.length === 1 ? session.lanes[0] : undefined;
  return only ? `${only.title.replace(/\.(pcapng|pcap|cap)$/i, '')}.pcapng` : 'hammerhead-session.pcapng';
}

/** In a browser there is no application menu: Ctrl/Cmd+O, Ctrl/Cmd+S and Shift+Ctrl/Cmd+S come from the page. */
function bindWebShortcuts(): () => void {
  const onKey = (event: KeyboardEvent) => {
    if (!(event.ctrlKey || event.metaKey) || event.altKey) return;
    const key = event.key.toLowerCase();
    const command: ShellCommand | null =
      key === 'o' ? 'file.open' : key === 's' ? (event.shiftKey ? 'file.save-as' : 'file.save') : null;
    if (!command) return;
    event.preventDefault();
    raiseCommand(command);
  };
  window.addEventListener('keydown', onKey);
  return () => window.removeEventListener('keydown', onKey);
}
