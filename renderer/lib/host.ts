/**
 * The renderer's one way out: `window.hammerhead` when the Electron preload put it there, else the
 * web host's WebSocket transport. Everything else in the renderer receives the `HammerheadApi`.
 */
import type { HammerheadApi } from '../../shared/contract/index.js';
import { connectWebHost } from './web-host.js';

declare global {
  interface Window {
    readonly hammerhead?: HammerheadApi;
  }
}

export function connectHost(): HammerheadApi {
  return window.hammerhead ?? connectWebHost(window.location);
}
