import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TcpConversation, text } from './stream-test-support.js';
import {
  addFragment,
  FlowReassembly,
  MAX_PDU_BUFFER,
  Msp,
  ReassemblyBudget,
  seqLe,
  seqLt,
} from './tcp-reassembly.js';
import { allFields } from './test-support.js';

const bytes = (s: string) => text(s);
const kept = (msp: Msp) => new TextDecoder().decode(msp.buffer?.subarray(0, msp.contiguous));

describe('multi-segment PDU', () => {
  it('completes when the last gap is filled, whatever the order', () => {
    const budget = new ReassemblyBudget();
    const msp = new Msp(100, 112, 1);
    addFragment(budget, msp, 8, bytes('ijkl'), false);
    expect(msp.complete).toBe(false);
    addFragment(budget, msp, 0, bytes('abcd'), true);
    expect([msp.complete, msp.contiguous]).toEqual([false, 4]);
    addFragment(budget, msp, 4, bytes('efgh'), true);
    expect([msp.complete, kept(msp)]).toEqual([true, 'abcdefghijkl']);
  });

  it('keeps the first copy of overlapping bytes (Wireshark default)', () => {
    const budget = new ReassemblyBudget();
    const msp = new Msp(0, 10, 1);
    addFragment(budget, msp, 0, bytes('AAAAAA'), true);
    addFragment(budget, msp, 3, bytes('BBBBBBB'), false);
    expect(kept(msp)).toBe('AAAAAABBBB');
    addFragment(budget, msp, 2, bytes('CCCC'), true);
    expect(kept(msp)).toBe('AAAAAABBBB');
  });

  it('a retransmission of covered bytes changes nothing', () => {
    const budget = new ReassemblyBudget();
    const msp = new Msp(0, 8, 1);
    addFragment(budget, msp, 0, bytes('abcd'), true);
    addFragment(budget, msp, 0, bytes('abcd'), true);
    expect([msp.contiguous, msp.pieceCount, msp.complete]).toEqual([4, 0, false]);
  });

  it('counts but does not keep bytes past the per-PDU cap', () => {
    const budget = new ReassemblyBudget();
    const size = MAX_PDU_BUFFER + 1000;
    const msp = new Msp(0, size, 1);
    const chunk = new Uint8Array(64 * 1024).fill(7);
    for (let at = 0; at < size; at += chunk.length)
      addFragment(
        budget,
        msp,
        at,
        chunk.subarray(0, Math.min(chunk.length, size - at)),
        at + chunk.length < size,
      );
    expect(msp.complete).toBe(true);
    expect(msp.datalen).toBe(size);
    expect(msp.buffer?.length).toBe(MAX_PDU_BUFFER);
    expect(budget.used).toBe(MAX_PDU_BUFFER);
  });

  it('the lane budget drops the least recently touched buffer, which is then reported lost', () => {
    const budget = new ReassemblyBudget(64);
    const old = new Msp(0, 40, 1);
    const recent = new Msp(0, 40, 2);
    addFragment(budget, old, 0, new Uint8Array(40), true);
    addFragment(budget, recent, 0, new Uint8Array(40), true);
    expect([old.lost, old.buffer, recent.lost]).toEqual([true, null, false]);
    expect(budget.used).toBeLessThanOrEqual(64);
  });
});

describe('flow lookups', () => {
  it('finds the PDU at a sequence number and the one a number falls into, modulo 2^32', () => {
    const flow = new FlowReassembly();
    const budget = new ReassemblyBudget();
    flow.add(budget, new Msp(10, 20, 1));
    flow.add(budget, new Msp(30, 50, 2));
    expect(flow.at(30)?.firstFrame).toBe(2);
    expect(flow.atOrBefore(29)?.firstFrame).toBe(1);
    expect(flow.atOrBefore(5)).toBeUndefined();
    expect(seqLt(0xfffffff0 | 0, 5)).toBe(true);
    expect(seqLe(5, 5)).toBe(true);
  });

  it('remembers a bounded number of PDUs per direction', () => {
    const flow = new FlowReassembly();
    const budget = new ReassemblyBudget();
    for (let i = 0; i < 100; i++) flow.add(budget, new Msp(i * 10, i * 10 + 5, i + 1));
    expect(flow.msps.length).toBeLessThanOrEqual(16);
    expect(flow.msps.at(-1)?.firstFrame).toBe(100);
  });
});

describe('reassembly through TCP', () => {
  const body = 'x'.repeat(300);
  const response = `HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: ${body.length}\r\n\r\n${body}`;

  it('a gap inside a PDU: later bytes wait in it; the late segment is not dissected (as in tshark)', () => {
    const c = new TcpConversation(41000, 80);
    c.fromClient('GET / HTTP/1.1\r\n\r\n');
    expect(c.serverAt(0, response.slice(0, 100)).info).toBe(
      'HTTP/1.1 200 OK  [TCP segment of a reassembled PDU]',
    );
    const after = c.serverAt(200, response.slice(200));
    expect(after.info).toBe(
      '[TCP Previous segment not captured] 80 → 41000 [PSH, ACK] Seq=201 Ack=19 Win=65535 Len=166 ' +
        '[TCP segment of a reassembled PDU]',
    );
    // tshark 4.0 hands neither out-of-order nor retransmitted data to the protocol above.
    const late = c.serverAt(100, response.slice(100, 200));
    expect([late.protocol, late.info]).toEqual([
      'TCP',
      '[TCP Out-Of-Order] 80 → 41000 [PSH, ACK] Seq=101 Ack=19 Win=65535 Len=100',
    ]);
  });

  it('a gap outside any PDU: the segment after it is dissected on its own', () => {
    const c = new TcpConversation(41003, 80);
    c.fromClient('GET / HTTP/1.1\r\n\r\n');
    c.fromServer('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok');
    expect(c.serverAt(50, 'stray body bytes\r\n').info).toBe(
      '[TCP Previous segment not captured] Continuation',
    );
  });

  it('any in-order segmentation gives the same message on the last segment', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 1, max: response.length - 1 }), { maxLength: 12 }),
        (cuts) => {
          const bounds = [0, ...cuts.sort((a, b) => a - b), response.length];
          const c = new TcpConversation(41001, 80);
          c.fromClient('GET / HTTP/1.1\r\n\r\n');
          const outs = bounds.slice(1).map((end, i) => c.fromServer(response.slice(bounds[i], end)));
          expect(outs.at(-1)?.info).toBe('HTTP/1.1 200 OK  (text/plain)');
          for (const out of outs.slice(0, -1))
            expect(out.info.endsWith('[TCP segment of a reassembled PDU]')).toBe(true);
          const d = c.lane.details(c.frames);
          const source = d.sources?.[0];
          if (outs.length > 1) expect(new TextDecoder().decode(source?.bytes)).toBe(response);
          const lengths = new Map<string | undefined, number>(
            (d.sources ?? []).map((s) => [s.name, s.bytes.length]),
          );
          for (const f of allFields(d))
            if (f.source) expect(f.range[1]).toBeLessThanOrEqual(lengths.get(f.source) ?? -1);
          // Frames 5… are the server's segments: replay re-derives each one's Info.
          outs.forEach((out, i) => expect(c.lane.replay(5 + i).info).toBe(out.info));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('random payloads on an HTTP port never throw, in any segmentation', () => {
    fc.assert(
      fc.property(
        fc.array(fc.uint8Array({ minLength: 1, maxLength: 200 }), { maxLength: 10 }),
        (segments) => {
          const c = new TcpConversation(41002, 80);
          for (const [i, s] of segments.entries()) {
            if (i % 2 === 0) c.fromClient(s);
            else c.fromServer(s);
          }
          for (let n = 1; n <= c.frames; n++) c.lane.details(n);
        },
      ),
      { numRuns: 150 },
    );
  });
});
