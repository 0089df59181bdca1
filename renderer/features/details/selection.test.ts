import { describe, expect, it } from 'vitest';
import { FRAME_SOURCE } from '../hex/byte-source.js';
import {
  fieldAt,
  flattenTree,
  innermostFieldAt,
  parsePathKey,
  pathForExpansionKey,
  pathKey,
  pathsToReveal,
  rangeOf,
  revealKeys,
  samePath,
} from './selection.js';
import { field, frame, TCP_FRAME } from './test-frames.js';

const idAt = (path: readonly number[] | null) => (path ? fieldAt(TCP_FRAME, path)?.id : null);
const hit = (offset: number, source = FRAME_SOURCE) => idAt(innermostFieldAt(TCP_FRAME, source, offset));

describe('innermostFieldAt', () => {
  it('prefers the innermost field to the fields and layers around it', () => {
    expect(hit(16)).toBe('ip.len');
    expect(hit(3)).toBe('eth.addr');
    expect(hit(35)).toBe('tcp.srcport');
  });

  it('prefers the smaller range to the deeper one', () => {
    // ip.flags.df [20,21) lies inside ip.flags [20,22); byte 21 is only in the parent.
    expect(hit(21)).toBe('ip.flags');
  });

  it('breaks ties by depth, then by tree order as Wireshark does (the later sibling)', () => {
    expect(hit(0)).toBe('eth.addr');
    expect(hit(14)).toBe('ip.hdr_len');
    expect(hit(20)).toBe('ip.flags.df');
  });

  it('never selects a generated field, which Wireshark shows in brackets', () => {
    const flags = { ...field('tcp.flags.str', [46, 48]), display: '[TCP Flags: ·······AP···]' };
    const details = frame([
      {
        id: 'tcp',
        title: 'TCP',
        range: [34, 54],
        fields: [field('tcp.flags', [46, 48], [field('tcp.flags.fin', [46, 48]), flags])],
      },
    ]);
    expect(fieldAt(details, innermostFieldAt(details, FRAME_SOURCE, 47) ?? [])?.id).toBe('tcp.flags.fin');
  });

  it('never selects a zero-length field', () => {
    const details = frame([
      { id: 'x', title: 'X', range: [0, 4], fields: [field('x.gen', [2, 2]), field('x.a', [0, 2])] },
    ]);
    expect(fieldAt(details, innermostFieldAt(details, FRAME_SOURCE, 2) ?? [])?.id).toBe('x');
    expect(
      innermostFieldAt(frame([{ id: 'e', title: 'E', range: [3, 3], fields: [] }]), FRAME_SOURCE, 3),
    ).toBeNull();
  });

  it('falls back to the layer for a byte in no field, and to null for a byte in no layer', () => {
    expect(hit(23)).toBe('ip');
    expect(innermostFieldAt(TCP_FRAME, FRAME_SOURCE, 54)).toBeNull();
    expect(innermostFieldAt(TCP_FRAME, FRAME_SOURCE, -1)).toBeNull();
  });

  it('ignores fields in another buffer for the frame bytes, and finds them in theirs', () => {
    // tcp.reassembled claims [0,100) of its own buffer, which would otherwise cover byte 40.
    expect(hit(40)).toBe('tcp');
    expect(hit(45, 'Reassembled TCP')).toBe('tcp.reassembled.data');
    expect(hit(70, 'Reassembled TCP')).toBe('tcp.reassembled');
    expect(innermostFieldAt(TCP_FRAME, 'Decrypted TLS', 0)).toBeNull();
  });
});

describe('flattenTree', () => {
  it('shows only the layers while everything is closed', () => {
    const rows = flattenTree(TCP_FRAME, new Set());
    expect(rows.map((row) => row.node.id)).toEqual(['frame', 'eth', 'ip', 'tcp']);
    expect(rows.map((row) => row.key)).toEqual(['0', '1', '2', '3']);
    expect(rows.every((row) => row.level === 1 && row.expandable && !row.expanded)).toBe(true);
    expect(rows[2]).toMatchObject({ posInSet: 3, setSize: 4 });
  });

  it('shows the children of open subtrees in sibling order', () => {
    const rows = flattenTree(TCP_FRAME, new Set(['eth', 'eth/eth.dst', 'ip']));
    expect(rows.map((row) => `${row.key} ${row.node.id}`)).toEqual([
      '0 frame',
      '1 eth',
      '1.0 eth.dst',
      '1.0.0 eth.addr',
      '1.1 eth.src',
      '1.2 eth.type',
      '2 ip',
      '2.0 ip.version',
      '2.1 ip.hdr_len',
      '2.2 ip.len',
      '2.3 ip.flags',
      '2.4 ip.src',
      '2.5 ip.dst',
      '3 tcp',
    ]);
    expect(rows.find((row) => row.key === '1.0.0')).toMatchObject({ level: 3, expandable: false });
    expect(rows.find((row) => row.key === '2.3')).toMatchObject({ expandable: true, expanded: false });
  });

  it('puts packet comments first and problems in their layer, as warnings', () => {
    const details = frame(TCP_FRAME.layers, {
      comments: ['first', 'second'],
      problems: [
        {
          kind: 'malformed',
          layer: 'ip',
          message: 'IPv4 total length exceeds packet length',
          range: [16, 18],
        },
        { kind: 'truncated', layer: 'http', message: 'the capture ends inside this header' },
      ],
    });
    const rows = flattenTree(details, new Set(['comments', 'ip']));
    expect(rows.slice(0, 3).map((row) => [row.node.kind, row.node.display])).toEqual([
      ['comments', 'Packet comments'],
      ['comment', 'first'],
      ['comment', 'second'],
    ]);
    const problem = rows.find((row) => row.node.kind === 'problem');
    expect(problem).toMatchObject({ key: '3.6', level: 2 });
    expect(problem?.node).toMatchObject({
      display: '[Malformed Packet: IPv4 total length exceeds packet length]',
      warning: true,
      problem: 'malformed',
    });
    // A problem whose layer is missing goes at the end of the tree.
    expect(rows.at(-1)).toMatchObject({ key: '5', level: 1 });
    expect(rows.at(-1)?.node).toMatchObject({
      display: '[Packet size limited during capture: the capture ends inside this header]',
      range: null,
    });
    expect(rangeOf(details, [3, 6])).toEqual({ source: FRAME_SOURCE, range: [16, 18] });
    expect(rangeOf(details, [0, 1])).toBeNull();
  });

  it('attaches a problem to the layer instance that holds its bytes', () => {
    const inner = { id: 'ip', title: 'Inner IP', range: [34, 54] as [number, number], fields: [] };
    const details = frame([...TCP_FRAME.layers.slice(0, 3), inner], {
      problems: [{ kind: 'malformed', layer: 'ip', message: 'outer', range: [16, 18] }],
    });
    expect(fieldAt(details, [2, 6])?.display).toBe('[Malformed Packet: outer]');
    expect(fieldAt(details, [3, 0])).toBeNull();
  });
});

describe('paths', () => {
  it('reads a node and its range by path', () => {
    expect(fieldAt(TCP_FRAME, [2, 3, 1])?.id).toBe('ip.flags.df');
    expect(fieldAt(TCP_FRAME, [2, 9])).toBeNull();
    expect(fieldAt(TCP_FRAME, [])).toBeNull();
    expect(rangeOf(TCP_FRAME, [2, 3, 1])).toEqual({ source: FRAME_SOURCE, range: [20, 21] });
    expect(rangeOf(TCP_FRAME, [2])).toEqual({ source: FRAME_SOURCE, range: [14, 34] });
    expect(rangeOf(TCP_FRAME, [0, 0])).toBeNull();
    expect(rangeOf(TCP_FRAME, [3, 3, 0])).toEqual({ source: 'Reassembled TCP', range: [40, 60] });
  });

  it('names the ancestors to open so that a deep field shows', () => {
    expect(pathsToReveal([2, 3, 1])).toEqual([[2], [2, 3]]);
    expect(pathsToReveal([1])).toEqual([]);
    expect(revealKeys(TCP_FRAME, [2, 3, 1])).toEqual(['ip', 'ip/ip.flags']);
    const shown = flattenTree(TCP_FRAME, new Set(revealKeys(TCP_FRAME, [2, 3, 1])));
    expect(shown.some((row) => samePath(row.path, [2, 3, 1]))).toBe(true);
  });

  it('finds the same field in another frame by its expansion key', () => {
    const other = frame([TCP_FRAME.layers[1]!, TCP_FRAME.layers[2]!], { comments: ['note'] });
    const key = fieldAt(TCP_FRAME, [2, 3, 1])?.expansionKey ?? '';
    expect(key).toBe('ip/ip.flags/ip.flags.df');
    expect(pathForExpansionKey(other, key)).toEqual([2, 3, 1]);
    expect(pathForExpansionKey(other, 'tcp/tcp.srcport')).toBeNull();
  });

  it('keeps `_text` lines apart by their wording', () => {
    const text = (display: string) => ({ ...field('_text', [0, 0], [field('x', [0, 0])]), display });
    const details = frame([
      { id: 'tcp', title: 'TCP', range: [0, 20], fields: [text('[SEQ/ACK analysis]'), text('[Timestamps]')] },
    ]);
    expect(flattenTree(details, new Set(['tcp', 'tcp/_text:[Timestamps]'])).map((row) => row.key)).toEqual([
      '0',
      '0.0',
      '0.1',
      '0.1.0',
    ]);
  });

  it('round-trips path keys', () => {
    expect(pathKey([2, 3, 1])).toBe('2.3.1');
    expect(parsePathKey('2.3.1')).toEqual([2, 3, 1]);
    expect(parsePathKey('2..1')).toBeNull();
    expect(samePath([1, 2], [1, 2])).toBe(true);
    expect(samePath([1, 2], [1])).toBe(false);
    expect(samePath(null, null)).toBe(true);
  });
});
