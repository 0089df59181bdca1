/**
 * What ~/.ssh/config makes of a host as the user types it (`ssh.resolve`: `ssh -G`, else the
 * ssh-config package), shown under the row: the alias's real address, user, port and jump hosts.
 */
import { useEffect, useState } from 'react';
import type { EngineApi } from '../../../shared/contract/index.js';
import { targetOf, type SshForm, type TargetRow } from './form.js';

const SETTLE_MS = 300;

export function useResolved(engine: EngineApi, form: SshForm, row: TargetRow): string | null {
  const [text, setText] = useState<string | null>(null);
  const target = row.host.trim() ? targetOf(form, row) : null;
  const key = JSON.stringify(target);
  useEffect(() => {
    setText(null);
    if (!target) return;
    let live = true;
    const timer = setTimeout(() => {
      engine
        .invoke('ssh.resolve', target)
        .then((r) => {
          const via = r.proxyJump.length > 0 ? ` via ${r.proxyJump.join(' → ')}` : '';
          if (live) setText(`${r.user}@${r.hostName}:${r.port}${via} (${r.resolvedBy})`);
        })
        .catch((error: Error) => live && setText(error.message));
    }, SETTLE_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
    // `key` stands for `target`, which is a new object on every render.
  }, [engine, key]);
  return text;
}
