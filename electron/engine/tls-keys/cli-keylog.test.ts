/**
 * `--keylog` on the command line: `decode` (plain and -Y) and `capture` take key logs; `decode` also
 * reads the keys a pcapng carries in its Decryption Secrets Blocks. An unreadable key log is exit 2.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCaptureArgs } from '../../cli/capture-args.js';
import { runCapture } from '../../cli/capture.js';
import { runFilteredDecode } from '../../cli/decode-filter.js';
import { runDecode } from '../../cli/decode.js';
import { takeKeylogArgs } from '../../cli/keylog-args.js';
import { capturePath, CORPUS_DIR, describeCorpus } from '../../../test/support/corpus.js';
import { Engine } from '../engine.js';

const dir = mkdtempSync(join(tmpdir(), 'hammerhead-cli-keylog-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const CAPTURE = capturePath('tls13-aes128gcm.pcap');
const KEYS = join(CORPUS_DIR, 'keys', 'tls13-aes128gcm.keys');
const RANDOM = '321b2e644ec48f3f3f21cd13e0ed0772d212a0788a472bcbca8aade25df8119e';

function sink() {
  const stream = new PassThrough();
  const result = { stream, text: '' };
  stream.on('data', (chunk: Buffer) => (result.text += chunk.toString()));
  return result;
}

async function decode(path: string, keylogs: string[], filter?: string) {
  const out = sink();
  const err = sink();
  const io = { json: false, keylogs, out: out.stream, err: err.stream };
  const code =
    filter === undefined ? await runDecode(path, io) : await runFilteredDecode(path, { ...io, filter });
  return { code, lines: out.text.split('\n').filter(Boolean), err: err.text };
}

describe('--keylog arguments', () => {
  it('are taken out of decode’s arguments, repeatable, in either spelling', () => {
    expect(takeKeylogArgs(['f.pcap', '--keylog', 'a.keys', '--json', '--keylog=b.keys'])).toEqual({
      args: ['f.pcap', '--json'],
      keylogs: ['a.keys', 'b.keys'],
    });
    expect(takeKeylogArgs(['f.pcap', '--keylog'])).toBe('--keylog needs a key log file');
    expect(takeKeylogArgs(['--keylog=', 'f.pcap'])).toBe('--keylog needs a key log file');
  });

  it('are read by capture', () => {
    expect(parseCaptureArgs(['-i', 'lo', '--keylog', 'a.keys', '--keylog', 'b.keys'])).toMatchObject({
      keylogs: ['a.keys', 'b.keys'],
    });
    expect(parseCaptureArgs(['-i', 'lo', '--keylog'])).toBe('--keylog needs a key log file');
  });

  it('that cannot be read stop decode and capture with exit 2 before anything starts', async () => {
    const missing = join(dir, 'missing.keys');
    const plain = await decode(CAPTURE, [missing]);
    expect(plain).toEqual({ code: 2, lines: [], err: `hammerhead: key log ${missing}: no such file\n` });
    expect((await decode(CAPTURE, [dir], 'tcp')).code).toBe(2);
    const err = sink();
    const options = parseCaptureArgs(['-i', 'lo', '--keylog', missing]);
    if (typeof options === 'string') throw new Error(options);
    const code = await runCapture(options, { err: err.stream });
    expect(code).toBe(2);
    expect(err.text).toBe(`hammerhead: key log ${missing}: no such file\n`);
  });
});

describeCorpus('hammerhead decode with keys', () => {
  it('decrypts with --keylog, and warns of malformed lines without failing', async () => {
    const damaged = join(dir, 'damaged.keys');
    writeFileSync(damaged, `${readFileSync(KEYS, 'latin1')}CLIENT_RANDOM 12 34\n`);
    const without = await decode(CAPTURE, []);
    const withKeys = await decode(CAPTURE, [damaged]);
    expect(withKeys.code).toBe(0);
    expect(withKeys.err).toBe(`hammerhead: warning: key log ${damaged}: 1 of 11 lines malformed (skipped)\n`);
    expect(without.lines[5]).not.toContain('Encrypted Extensions');
    expect(withKeys.lines[5]).toContain(
      'Server Hello, Change Cipher Spec, Encrypted Extensions, Certificate',
    );
  });

  it('decrypts with the keys of the file’s own Decryption Secrets Block, no --keylog needed', async () => {
    const engine = new Engine();
    const saved = join(dir, 'with-secrets.pcapng');
    try {
      await engine.keys.addFile(KEYS);
      const { lane } = await engine.handle('file.open', { path: CAPTURE });
      await engine.handle('file.saveWithSecrets', { path: saved, lanes: [lane], clientRandoms: [RANDOM] });
    } finally {
      await engine.dispose();
    }
    const fromBlock = await decode(saved, []);
    const fromKeylog = await decode(CAPTURE, [KEYS]);
    expect(fromBlock.code).toBe(0);
    // The saved file is nanosecond pcapng: only the Time column's decimals may differ.
    const untimed = (lines: string[]) => lines.map((line) => line.replace(/^( *\d+) \S+/, '$1'));
    expect(untimed(fromBlock.lines)).toEqual(untimed(fromKeylog.lines));
    expect(fromBlock.lines[5]).toContain('Encrypted Extensions');
  });

  it('decrypts with --keylog under -Y too', async () => {
    const filtered = await decode(CAPTURE, [KEYS], 'tls.handshake.type == 8');
    expect(filtered.code).toBe(0);
    expect(filtered.lines).toHaveLength(1);
    expect(filtered.lines[0]).toMatch(/^ {4}6 .*Encrypted Extensions/);
  });
});
