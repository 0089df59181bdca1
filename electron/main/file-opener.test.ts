import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({}));
const { FileOpener } = await import('./file-opener.js');

class FakeContents extends EventEmitter {
  readonly send = vi.fn();
  destroyed = false;
  isDestroyed() {
    return this.destroyed;
  }
}

describe('files the OS asks to open', () => {
  it('finds existing files among command-line arguments, resolved against the working directory', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hh-open-'));
    writeFileSync(join(dir, 'a.pcap'), '');
    const argv = ['/opt/hammerhead', '--no-sandbox', 'a.pcap', 'missing.pcap', dir];
    expect(FileOpener.pathsIn(argv, dir, 1)).toEqual([join(dir, 'a.pcap')]);
  });

  it('holds paths until the page has loaded, then sends them once; again after a reload', () => {
    const opener = new FileOpener();
    const contents = new FakeContents();
    opener.open(['/c/early.pcap']);
    opener.attach(contents as never);
    expect(contents.send).not.toHaveBeenCalled();
    contents.emit('did-finish-load');
    expect(contents.send.mock.calls).toEqual([['shell.open-files', ['/c/early.pcap']]]);
    opener.open(['/c/later.pcap']);
    expect(contents.send).toHaveBeenLastCalledWith('shell.open-files', ['/c/later.pcap']);
    contents.destroyed = true;
    opener.open(['/c/after-close.pcap']);
    expect(contents.send).toHaveBeenCalledTimes(2);
  });
});
