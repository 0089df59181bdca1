/** Files dropped anywhere on the window open as lanes: by path in Electron, uploaded to the web host in a browser. */
import { useEffect, useState } from 'react';
import type { HammerheadApi } from '../../shared/contract/index.js';
import { uploadDroppedFile } from '../lib/web-host.js';
import type { Session } from './use-session.js';

export function useFileDrop(api: HammerheadApi, session: Session): boolean {
  const [over, setOver] = useState(false);
  useEffect(() => {
    let depth = 0;
    const hasFiles = (e: DragEvent) => e.dataTransfer?.types.includes('Files') ?? false;
    const enter = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth += 1;
      setOver(true);
    };
    const leave = () => {
      depth = Math.max(0, depth - 1);
      if (depth === 0) setOver(false);
    };
    const overHandler = (e: DragEvent) => {
      if (hasFiles(e)) e.preventDefault();
    };
    const drop = (e: DragEvent) => {
      e.preventDefault();
      depth = 0;
      setOver(false);
      void openDropped(api, session, [...(e.dataTransfer?.files ?? [])]);
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragleave', leave);
    window.addEventListener('dragover', overHandler);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('dragover', overHandler);
      window.removeEventListener('drop', drop);
    };
  }, [api, session]);
  return over;
}

async function openDropped(api: HammerheadApi, session: Session, files: File[]): Promise<void> {
  const paths: string[] = [];
  for (const file of files) {
    try {
      const path =
        api.shell.pathForDroppedFile(file) ??
        (api.shell.kind === 'web' ? await uploadDroppedFile(file) : null);
      if (path) paths.push(path);
      else session.notify('error', `${file.name} has no path on disk and cannot be opened.`);
    } catch (error) {
      session.notify('error', (error as Error).message);
    }
  }
  await session.open(paths);
}
