/**
 * The session as the renderer knows it: the lanes (kept current by `lane.progress` events), and
 * notices for the user. Opening, closing and saving go through the engine; nothing here holds rows.
 */
import { startTransition, useCallback, useEffect, useState } from 'react';
import type { HammerheadApi, LaneId, LaneInfo, LaneRole } from '../../shared/contract/index.js';
import { rememberRecent } from '../features/start-page/recent-files.js';
import { withDissection } from '../lib/lane-dissection.js';

export interface Notice {
  readonly id: number;
  readonly kind: 'error' | 'info';
  readonly text: string;
}

let nextNotice = 1;

export function useSession(api: HammerheadApi) {
  const [lanes, setLanes] = useState<LaneInfo[]>([]);
  const [notices, setNotices] = useState<Notice[]>([]);
  const notify = useCallback((kind: Notice['kind'], text: string) => {
    setNotices((list) => [...list.slice(-4), { id: nextNotice++, kind, text }]);
  }, []);

  useEffect(() => {
    // A lane this page did not open (a reloaded page, another tab of the web host, a capture started
    // elsewhere) joins the session when the engine reports on it.
    // A transition: during a fast live capture React may then split the re-render a progress event causes
    // into slices and keep every frame short, rather than render it in one task.
    const offProgress = api.engine.on('lane.progress', (info) =>
      startTransition(() =>
        setLanes((list) =>
          list.some((lane) => lane.lane === info.lane)
            ? list.map((lane) => (lane.lane === info.lane ? withDissection(lane, info) : lane))
            : [...list, withDissection(undefined, info)],
        ),
      ),
    );
    // The engine outlives the page (Electron reloads it; the web host serves several): show its lanes.
    api.engine
      .invoke('lanes.list', {})
      .then(({ lanes: known }) =>
        setLanes((list) => [
          ...list,
          ...known.filter((info) => !list.some((lane) => lane.lane === info.lane)),
        ]),
      )
      .catch(() => {});
    const offClosed = api.engine.on('lane.closed', ({ lane }) =>
      setLanes((list) => list.filter((l) => l.lane !== lane)),
    );
    const offRestart = api.shell.onEngineRestarted((reason) => {
      setLanes([]);
      notify('error', `The engine stopped (${reason}); its lanes were closed. Open the files again.`);
    });
    return () => (offProgress(), offClosed(), offRestart());
  }, [api, notify]);

  /** Opens files as lanes, in order; a role (front/back leg) may come with each. */
  const open = useCallback(
    async (files: readonly (string | { readonly path: string; readonly role: LaneRole })[]) => {
      for (const file of files) {
        const { path, role } = typeof file === 'string' ? { path: file, role: undefined } : file;
        try {
          const info = await api.engine.invoke('file.open', role ? { path, role } : { path });
          setLanes((list) => [...list.filter((l) => l.lane !== info.lane), info]);
          rememberRecent([path]);
        } catch (error) {
          notify('error', `Could not open ${path}: ${(error as Error).message}`);
        }
      }
    },
    [api, notify],
  );

  const close = useCallback(
    async (lane: LaneId) => {
      try {
        await api.engine.invoke('lanes.close', { lane });
        setLanes((list) => list.filter((l) => l.lane !== lane));
      } catch (error) {
        notify('error', `Could not close the lane: ${(error as Error).message}`);
      }
    },
    [api, notify],
  );

  /** Saves lanes as one pcapng; with client randoms, their sessions' secrets go in a Decryption Secrets Block. */
  const save = useCallback(
    async (path: string, which: readonly LaneId[], clientRandoms: readonly string[] = []) => {
      try {
        const lanes = [...which];
        if (clientRandoms.length === 0) {
          const { frames } = await api.engine.invoke('file.save', { path, lanes });
          notify('info', `Saved ${frames} frames to ${path}`);
        } else {
          const request = { path, lanes, clientRandoms: [...clientRandoms] };
          const { frames, sessions } = await api.engine.invoke('file.saveWithSecrets', request);
          notify('info', `Saved ${frames} frames and the secrets of ${sessions} TLS sessions to ${path}`);
        }
        return true;
      } catch (error) {
        notify('error', `Could not save ${path}: ${(error as Error).message}`);
        return false;
      }
    },
    [api, notify],
  );

  const dismiss = useCallback((id: number) => setNotices((list) => list.filter((n) => n.id !== id)), []);
  /** Lanes the engine started for a live capture: shown like opened files, kept current by `lane.progress`. */
  const adopt = useCallback((infos: readonly LaneInfo[]) => {
    setLanes((list) => [...list.filter((l) => !infos.some((info) => info.lane === l.lane)), ...infos]);
  }, []);
  return { lanes, notices, open, close, save, notify, dismiss, adopt };
}

export type Session = ReturnType<typeof useSession>;
