import { describe, expect, it } from 'vitest';
import { FrameFlag } from '../../../shared/dissection.js';
import { LinkType } from '../../../shared/link-types.js';
import { dissectData } from './data.js';
import { BUILT_IN_DISSECTORS } from './dissectors.js';
import { createLaneDissector, type FrameInput } from './index.js';
import { Registry, type Dissector } from './registry.js';
import { emptySummary, field, frameInput, hex } from './test-support.js';

// 0x0000:  0011 2233 4455 6677 8899 aabb 88b5   # Ethernet, EtherType 0x88b5 (local experimental)
// 0x000e:  0102 0304                            # payload
const EXPERIMENTAL = hex('0011 2233 4455 6677 8899 aabb 88b5 0102 0304');

function registryWith(extra: Dissector): Registry {
  const registry = new Registry(dissectData);
  for (const dissector of BUILT_IN_DISSECTORS) registry.register(dissector);
  return registry.register(extra);
}

function run(registry: Registry, input: FrameInput) {
  const lane = createLaneDissector(registry);
  const out = emptySummary();
  lane.summarize(input, out);
  return { out, details: lane.details(input) };
}

describe('dissector tables', () => {
  it('a new protocol is a registration: its parent finds it by its binding', () => {
    const experiment: Dissector = {
      id: 'experiment',
      bindings: [{ table: 'ethertype', key: 0x88b5 }],
      dissect(ctx, offset) {
        ctx.setProtocol('EXP');
        ctx.setInfo(`value ${ctx.u8(offset)}`);
        ctx.tree?.begin('experiment', 'Experiment', offset, offset + 4);
      },
    };
    const { out, details } = run(registryWith(experiment), frameInput(1, LinkType.EN10MB, EXPERIMENTAL));
    expect(out).toMatchObject({ protocol: 'EXP', info: 'value 1' });
    expect(field(details, 'frame.protocols').value).toBe('eth:ethertype:experiment');
  });

  it('a dissector that declines leaves the bytes to the fallback, as if unregistered', () => {
    const declines: Dissector = {
      id: 'declines',
      bindings: [{ table: 'ethertype', key: 0x88b5 }],
      dissect: () => false,
    };
    const { out } = run(registryWith(declines), frameInput(1, LinkType.EN10MB, EXPERIMENTAL));
    expect(out).toMatchObject({ protocol: '0x88b5', info: 'Local Experimental Ethertype 1' });
  });

  it('contains a dissector that throws: a malformed problem, a data layer, the outer layers kept', () => {
    const broken: Dissector = {
      id: 'broken',
      bindings: [{ table: 'ethertype', key: 0x88b5 }],
      dissect() {
        throw new Error('bug');
      },
    };
    const { out, details } = run(registryWith(broken), frameInput(1, LinkType.EN10MB, EXPERIMENTAL));
    expect(out.source).toBe('66:77:88:99:aa:bb');
    expect(out.info).toBe('Ethernet II[Malformed Packet]');
    expect(out.flags & FrameFlag.Malformed).toBeTruthy();
    expect(details.layers.map((l) => l.id)).toEqual(['frame', 'eth', 'data']);
    expect(details.problems).toEqual([
      { kind: 'malformed', layer: 'broken', message: 'dissector failed: bug', range: [14, 18] },
    ]);
  });
});

describe('frames without a known link layer', () => {
  it('an unknown link type is all data, with empty columns', () => {
    const { out, details } = run(new Registry(dissectData), frameInput(1, 147, hex('0102 0304')));
    expect(out).toMatchObject({ protocol: '', source: '', destination: '', info: '' });
    expect(details.layers.map((l) => l.id)).toEqual(['frame', 'data']);
  });

  it('a pcapng custom block reads as tshark shows it', () => {
    const lane = createLaneDissector();
    const input: FrameInput = {
      ...frameInput(1, -1, hex('6869')),
      block: 'custom',
      pen: 32473,
      customCopy: true,
    };
    const out = emptySummary();
    lane.summarize(input, out);
    expect(out).toMatchObject({
      protocol: 'PCAPNG',
      source: '',
      destination: '',
      info: 'Custom Block: PEN = Example Enterprise Number for Documentation Use (32473), will be copied',
    });
    expect(out.flags & FrameFlag.NoTimestamp).toBeTruthy();
    const d = lane.details(input);
    expect(d.layers[0]?.title).toBe(
      'PCAPNG Custom Block 1: 2 bytes (16 bits) of custom data and options, PEN Example Enterprise Number for Documentation Use (32473), copying allowed',
    );
    expect(field(d, 'frame.protocols').value).toBe('data');
  });

  it('the frame layer states both lengths', () => {
    const { details } = run(
      new Registry(dissectData),
      frameInput(1, 147, hex('0102 0304'), { originalLength: 100 }),
    );
    expect(details.layers[0]?.title).toBe(
      'Frame 1: 100 bytes on wire (800 bits), 4 bytes captured (32 bits)',
    );
  });
});
