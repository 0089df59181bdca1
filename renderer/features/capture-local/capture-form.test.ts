import { describe, expect, it } from 'vitest';
import { EMPTY_FORM, startRequest } from './capture-form.js';

describe('the capture form', () => {
  it('sends only what was filled in', () => {
    expect(startRequest(EMPTY_FORM, ['lo'])).toEqual({
      interfaces: ['lo'],
      filter: '',
      promiscuous: true,
      role: 'none',
    });
  });

  it('turns typed numbers into the request, ignoring junk', () => {
    const form = {
      ...EMPTY_FORM,
      filter: ' tcp port 443 ',
      frontLegHost: ' lb.example.com ',
      snapLength: '96',
      bufferSizeMiB: 'x',
      stopPackets: '1000',
      stopSeconds: '30',
      role: 'front' as const,
      elevate: true,
    };
    expect(startRequest(form, ['eth0', 'lo'])).toEqual({
      interfaces: ['eth0', 'lo'],
      filter: 'tcp port 443',
      frontLegHost: 'lb.example.com',
      promiscuous: true,
      role: 'front',
      snapLength: 96,
      stopAfter: { packets: 1000, seconds: 30 },
      elevate: true,
    });
  });
});
