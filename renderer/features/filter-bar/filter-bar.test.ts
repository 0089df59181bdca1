/**
 * The filter bar's logic without a browser: the bar's colour state, what it remembers, the checks on
 * saved filter buttons, the status bar's wording, and the filters "Apply as Filter" builds from
 * details-tree fields.
 */
import { describe, expect, it } from 'vitest';
import type { FrameDetails } from '../../../shared/contract/index.js';
import { checkFilter } from '../../../shared/filter/index.js';
import { displayedText } from './displayed.js';
import { filterForField } from './field-filter.js';
import {
  DEFAULT_SAVED,
  readHistory,
  readSaved,
  remember,
  writeSaved,
  type FilterStore,
} from './filter-memory.js';
import { stateOf } from './filter-editor.js';
import { savedProblems } from './saved-filters.js';

function memoryStore(): FilterStore {
  const data = new Map<string, string>();
  return { getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
}

describe('filter bar state', () => {
  it('is green, red or yellow as Wireshark paints it', () => {
    expect(stateOf(checkFilter(''), '')).toBe('empty');
    expect(stateOf(checkFilter('tcp'), 'tcp')).toBe('valid');
    expect(stateOf(checkFilter('tcp.port =='), 'tcp.port ==')).toBe('invalid');
    expect(stateOf(checkFilter('tcp.flags.ns == 1'), 'tcp.flags.ns == 1')).toBe('deprecated');
  });
});

describe('filter memory', () => {
  it('keeps recent filters newest first, once each', () => {
    const store = memoryStore();
    remember('tcp', store);
    remember('udp', store);
    remember('tcp', store);
    remember('  ', store);
    expect(readHistory(store)).toEqual(['tcp', 'udp']);
  });

  it('offers the scenario buttons until the user saves their own', () => {
    const store = memoryStore();
    expect(readSaved(store)).toEqual(DEFAULT_SAVED);
    expect(DEFAULT_SAVED.map((s) => checkFilter(s.filter).ok)).toEqual([true, true]);
    writeSaved([{ name: 'DNS', filter: 'dns' }], store);
    expect(readSaved(store)).toEqual([{ name: 'DNS', filter: 'dns' }]);
  });
});

describe('saved filter buttons', () => {
  it('need a label of their own and a valid filter', () => {
    expect(savedProblems(DEFAULT_SAVED)).toEqual([null, null]);
    expect(
      savedProblems([
        { name: ' ', filter: 'tcp' },
        { name: 'DNS', filter: 'dns' },
        { name: 'DNS ', filter: 'udp' },
        { name: 'Empty', filter: '  ' },
        { name: 'Typo', filter: 'htpp' },
      ]),
    ).toEqual([
      'A button needs a label.',
      null,
      'Another button is labelled "DNS".',
      'A button needs a filter.',
      '"htpp" is neither a field nor a protocol name.',
    ]);
  });
});

describe('status bar wording', () => {
  it('says how many frames are displayed', () => {
    expect(displayedText(undefined, 43)).toBe('');
    expect(displayedText(2, 34)).toBe(' · Displayed: 2 (5.9%)');
    expect(displayedText(1234, 1000000)).toBe(' · Displayed: 1,234 (0.1%)');
  });
});

const DETAILS = {
  bytesHex: '00112233445566778899aabbccddeeff',
  sources: [],
  layers: [
    {
      id: 'ip',
      title: 'Internet Protocol Version 4',
      range: [0, 16],
      fields: [
        { id: 'ip.src', display: 'Source Address: 10.0.0.1', value: '10.0.0.1', range: [12, 16] },
        { id: 'ip.ttl', display: 'Time to Live: 64', value: 64, range: [8, 9] },
        { id: 'ip.flags.df', display: "Don't fragment: Set", value: true, range: [6, 7] },
      ],
    },
    {
      id: 'http',
      title: 'Hypertext Transfer Protocol',
      range: [0, 16],
      fields: [
        { id: 'http.host', display: 'Host: example.com', value: 'example "x"', range: [0, 4] },
        { id: 'http.file_data', display: 'File Data', value: null, range: [2, 5] },
        { id: '_text', display: 'a note', value: null, range: [0, 0] },
      ],
    },
  ],
} as unknown as FrameDetails;

const node = (kind: string, id: string, range: [number, number] | null) => ({
  kind,
  id,
  range,
  source: 'frame',
});

describe('Apply as Filter', () => {
  it('writes the field and its value as Wireshark does', () => {
    expect(filterForField(DETAILS, node('field', 'ip.src', [12, 16]))).toBe('ip.src == 10.0.0.1');
    expect(filterForField(DETAILS, node('field', 'ip.ttl', [8, 9]))).toBe('ip.ttl == 64');
    expect(filterForField(DETAILS, node('field', 'ip.flags.df', [6, 7]))).toBe('ip.flags.df == 1');
    expect(filterForField(DETAILS, node('field', 'http.host', [0, 4]))).toBe(
      'http.host == "example \\"x\\""',
    );
    expect(filterForField(DETAILS, node('field', 'http.file_data', [2, 5]))).toBe(
      'http.file_data == 22:33:44',
    );
  });

  it('uses a protocol by its name, and refuses lines without a field', () => {
    expect(filterForField(DETAILS, node('layer', 'http', [0, 16]))).toBe('http');
    expect(filterForField(DETAILS, node('field', '_text', [0, 0]))).toBeNull();
    expect(filterForField(DETAILS, node('comment', 'frame.comment', null))).toBeNull();
    expect(filterForField(DETAILS, node('field', 'frame.coloring_rule.name', [0, 0]))).toBeNull();
  });
});
