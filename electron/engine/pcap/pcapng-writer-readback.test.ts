/**
 * The writer's output read back: by our reader for random interfaces and frames (a property), and
 * by tshark and capinfos, the reference implementation.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { InterfaceDescription, PacketToWrite } from './pcapng-writer.js';
import { hex, readBack, written } from './test-bytes.js';
import { formatEpoch } from './timestamp.js';

describe('pcapng writer → reader', () => {
  it('round-trips random interfaces and frames through the reader', () => {
    const text = fc.string({ unit: 'grapheme', maxLength: 12 }).filter((s) => !s.includes('\0'));
    const iface = fc.record(
      {
        linkType: fc.nat({ max: 0xffff }),
        snapLength: fc.nat({ max: 0xffffffff }),
        name: text,
        description: text,
        filter: text,
        os: text,
      },
      { requiredKeys: ['linkType', 'snapLength'] },
    );
    const frame = fc.record({
      interface: fc.nat(),
      tsSeconds: fc.oneof(
        fc.integer({ min: 0, max: 18_446_744_072 }),
        fc.integer({ min: 1_600_000_000, max: 1_900_000_000 }),
      ),
      tsNanos: fc.integer({ min: 0, max: 999_999_999 }),
      data: fc.uint8Array({ maxLength: 70 }),
      extra: fc.nat({ max: 10_000 }),
      comments: fc.array(text, { maxLength: 3 }),
      flags: fc.nat({ max: 0xffffffff }),
    });
    fc.assert(
      fc.property(
        fc.array(iface, { minLength: 1, maxLength: 4 }),
        fc.array(frame, { maxLength: 30 }),
        (ifaces, frames) => {
          const packets = frames.map((f) => ({
            ...f,
            interfaceId: f.interface % ifaces.length,
            originalLength: f.data.length + f.extra,
          }));
          const back = readBack(
            written((w) => {
              ifaces.forEach((i: InterfaceDescription) => w.writeInterface(i));
              packets.forEach((p) => w.writePacket(p));
            }),
          );
          expect(back.error).toBeUndefined();
          expect(back.interfaces).toEqual(
            ifaces.map((i, id) => ({ ...i, id, section: 0, ticksPerSecond: 1e9, tsOffsetSeconds: 0 })),
          );
          expect(back.frames).toEqual(
            packets.map((p) => ({
              interfaceId: p.interfaceId,
              hasTimestamp: true,
              tsSeconds: p.tsSeconds,
              tsNanos: p.tsNanos,
              capturedLength: p.data.length,
              originalLength: p.originalLength,
              data: p.data,
              comments: p.comments,
              epbFlags: p.flags,
              block: 'epb',
              pen: undefined,
            })),
          );
        },
      ),
      { numRuns: 300 },
    );
  });
});

const tshark = spawnSync('tshark', ['--version']).status === 0 && spawnSync('capinfos', ['-h']).status === 0;
(tshark ? describe : describe.skip)(
  `pcapng writer read back by tshark${tshark ? '' : ' (skipped: tshark/capinfos not installed)'}`,
  () => {
    const dir = mkdtempSync(join(tmpdir(), 'hammerhead-writer-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('tshark and capinfos see the frames, interfaces, comments and secrets we wrote', () => {
      const ipv4 = hex('4500 0014 0001 0000 4006 0000 0a00 0001 0a00 0002');
      const packets: PacketToWrite[] = [
        {
          interfaceId: 0,
          tsSeconds: 1465939067,
          tsNanos: 790511123,
          data: new Uint8Array(60),
          comments: ['first', 'second'],
          flags: 1,
        },
        { interfaceId: 1, tsSeconds: 1752266678, tsNanos: 545905000, data: ipv4, originalLength: 1500 },
        { interfaceId: 2, tsSeconds: 2894531997, tsNanos: 938836488, data: new Uint8Array(20) },
        { interfaceId: 0, tsSeconds: 0, tsNanos: 0, hasTimestamp: false, data: new Uint8Array(60) },
      ];
      const file = join(dir, 'written.pcapng');
      writeFileSync(
        file,
        written((w) => {
          w.writeSectionHeader({ comment: 'front + back' });
          w.writeInterface({ linkType: 1, snapLength: 262144, name: 'en0', description: 'front leg' });
          w.writeInterface({ linkType: 101, snapLength: 65535, name: 'ssh:target-1' });
          w.writeInterface({ linkType: 276, snapLength: 0, name: 'any' });
          w.writeSecrets({
            secretsType: 0x544c534b,
            data: new TextEncoder().encode('CLIENT_RANDOM 00 11\n'),
          });
          packets.forEach((p) => w.writePacket(p));
          w.writeStatistics({ interfaceId: 0, received: 3, droppedByInterface: 0 });
        }),
      );
      const fieldsOut = execFileSync(
        'tshark',
        [
          '-r',
          file,
          '-T',
          'fields',
          '-e',
          'frame.number',
          '-e',
          'frame.time_epoch',
          '-e',
          'frame.len',
          '-e',
          'frame.cap_len',
          '-e',
          'frame.interface_id',
          '-e',
          'frame.comment',
        ],
        { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] },
      );
      const expected = packets.map((p, i) =>
        [
          String(i + 1),
          p.hasTimestamp === false ? '' : formatEpoch(p.tsSeconds, p.tsNanos),
          String(p.originalLength ?? p.data.length),
          String(p.data.length),
          String(p.interfaceId),
          (p.comments ?? []).join(','),
        ].join('\t'),
      );
      expect(fieldsOut.replace(/\n$/, '').split('\n')).toEqual(expected);

      const info = execFileSync('capinfos', [file], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      });
      expect(info).toMatch(/Number of packets:\s+4\n/);
      expect(info).toMatch(/Number of interfaces in file: 3\n/);
      expect(info).toMatch(/Capture comment:\s+front \+ back\n/);
      expect(info).toMatch(/Capture application:\s+Hammerhead\n/);
      expect(info).toMatch(/Description = front leg/);
    });
  },
);
