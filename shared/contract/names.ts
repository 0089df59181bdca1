/**
 * The contract's channel names as plain constants, for code that must not carry zod (the sandboxed
 * preload is one self-contained script). `names.test.ts` keeps them equal to the schemas' keys.
 */
import { LOCAL_CAPTURE_CHANNELS } from './local-capture-names.js';
import { SSH_CHANNELS } from './ssh-names.js';
import { FILTER_CHANNELS } from './filter-names.js';
import { TLS_CHANNELS, TLS_EVENT_CHANNELS } from './tls-names.js';

const CORE_REQUEST_CHANNELS = [
  'file.open',
  'samples.list',
  'lanes.list',
  'lanes.close',
  'capture.stop',
  'views.create',
  'views.close',
  'packets.rows',
  'packets.nearest',
  'packets.details',
  'file.save',
] as const;

export const REQUEST_CHANNELS = [
  ...CORE_REQUEST_CHANNELS,
  ...LOCAL_CAPTURE_CHANNELS,
  ...SSH_CHANNELS,
  ...FILTER_CHANNELS,
  ...TLS_CHANNELS,
] as const;

export const EVENT_CHANNELS = ['lane.progress', 'lane.closed', ...TLS_EVENT_CHANNELS] as const;

export function isKnownRequestChannel(name: unknown): name is (typeof REQUEST_CHANNELS)[number] {
  return typeof name === 'string' && (REQUEST_CHANNELS as readonly string[]).includes(name);
}

export function isKnownEventChannel(name: unknown): name is (typeof EVENT_CHANNELS)[number] {
  return typeof name === 'string' && (EVENT_CHANNELS as readonly string[]).includes(name);
}
