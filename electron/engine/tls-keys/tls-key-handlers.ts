/**
 * The engine's handlers for the key channels of tls-channels.ts (sources, browsers, save with
 * secrets), and the `keys.changed` event: every change of the key store is announced to the hosts.
 * `tls.sessions` is the dissection's (session-status.ts).
 */
import type { tlsRequests } from '../../../shared/contract/tls-channels.js';
import { EngineError, type Engine, type HandlersFor } from '../engine.js';
import { launchBrowser } from './browser-launch.js';
import { findBrowsers } from './browsers.js';
import { saveWithSecrets } from './save-secrets.js';

type KeyChannels = Exclude<keyof typeof tlsRequests, 'tls.sessions'>;

export function tlsKeyHandlers(engine: Engine): HandlersFor<KeyChannels> {
  const keys = engine.keys;
  keys.onChange(({ sources }) => engine.emit('keys.changed', { sources }));
  return {
    'keys.add': ({ path, watch }) => keys.addFile(path, { watch: watch ?? false }),
    'keys.list': () => ({ sources: keys.list() }),
    'keys.remove': ({ id }) => ({ removed: keys.remove(id) }),
    'keys.browsers': () => ({ browsers: findBrowsers() }),
    'keys.launchBrowser': async ({ kind, url }) => {
      const browser = findBrowsers().find((found) => found.kind === kind);
      if (!browser) throw new EngineError('not-found', `no ${kind} browser found on this machine`);
      const launched = await launchBrowser(browser, { ...(url !== undefined && { url }) });
      const source = await keys.addFile(launched.keyLog, {
        watch: true,
        kind: 'browser',
        label: `${browser.name} (pid ${launched.pid})`,
      });
      return { source, pid: launched.pid };
    },
    'file.saveWithSecrets': (request) => saveWithSecrets(engine, request),
  };
}
