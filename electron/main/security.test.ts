import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import type { Session, WebContents } from 'electron';
import { RENDERER_CSP } from '../../shared/contract/csp.js';

const fake = vi.hoisted(() => ({ app: { enableSandbox: vi.fn(), on: vi.fn(), getAppPath: () => '/app' } }));
vi.mock('electron', () => ({ app: fake.app }));

const { guardWebContents, hardenApp, hardenSession } = await import('./security.js');

const PAGE = 'file:///app/out/renderer/index.html';

class FakeContents extends EventEmitter {
  openHandler: ((details: { url: string }) => { action: string }) | null = null;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.openHandler = handler;
  }
  /** Emits a cancellable event the way Electron does and says whether it was cancelled. */
  attempt(name: string, url: string): boolean {
    const event = { url, preventDefault: vi.fn() };
    this.emit(name, event, url);
    return event.preventDefault.mock.calls.length > 0;
  }
}

function guarded(): FakeContents {
  const contents = new FakeContents();
  guardWebContents(contents as unknown as WebContents, PAGE);
  return contents;
}

describe('web contents guard', () => {
  it('denies navigation and redirects to anything but the app page', () => {
    const contents = guarded();
    expect(contents.attempt('will-navigate', 'https://example.com/')).toBe(true);
    expect(contents.attempt('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(contents.attempt('will-navigate', 'file:///app/out/renderer/other.html')).toBe(true);
    expect(contents.attempt('will-redirect', 'http://127.0.0.1:8080/')).toBe(true);
    expect(contents.attempt('will-navigate', `${PAGE}#lane-2`)).toBe(false);
  });

  it('denies window.open and webviews', () => {
    const contents = guarded();
    expect(contents.openHandler?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    expect(contents.openHandler?.({ url: PAGE })).toEqual({ action: 'deny' });
    expect(contents.attempt('will-attach-webview', 'https://example.com/')).toBe(true);
  });

  it('sandboxes every renderer and guards every web contents the app creates', () => {
    hardenApp(PAGE);
    expect(fake.app.enableSandbox).toHaveBeenCalled();
    const [event, listener] = fake.app.on.mock.calls[0] as [string, (e: unknown, c: WebContents) => void];
    expect(event).toBe('web-contents-created');
    const contents = new FakeContents();
    listener({}, contents as unknown as WebContents);
    expect(contents.attempt('will-navigate', 'https://example.com/')).toBe(true);
  });
});

describe('session hardening', () => {
  function harden() {
    const session = {
      setPermissionRequestHandler: vi.fn(),
      setPermissionCheckHandler: vi.fn(),
      webRequest: { onHeadersReceived: vi.fn() },
    };
    hardenSession(session as unknown as Session);
    return session;
  }

  it('refuses every permission request and check', () => {
    const session = harden();
    const request = session.setPermissionRequestHandler.mock.calls[0]?.[0] as (
      c: unknown,
      p: string,
      cb: (granted: boolean) => void,
    ) => void;
    for (const permission of ['media', 'notifications', 'geolocation', 'clipboard-read']) {
      const callback = vi.fn();
      request({}, permission, callback);
      expect(callback).toHaveBeenCalledWith(false);
    }
    const check = session.setPermissionCheckHandler.mock.calls[0]?.[0] as () => boolean;
    expect(check()).toBe(false);
  });

  it('sets the renderer CSP header, replacing any other policy', () => {
    const session = harden();
    const listener = session.webRequest.onHeadersReceived.mock.calls[0]?.[0] as (
      details: { responseHeaders?: Record<string, string[]> },
      callback: (response: { responseHeaders: Record<string, string[]> }) => void,
    ) => void;
    const callback = vi.fn();
    listener(
      { responseHeaders: { 'content-security-policy': ['default-src *'], 'Content-Type': ['text/html'] } },
      callback,
    );
    expect(callback).toHaveBeenCalledWith({
      responseHeaders: { 'Content-Type': ['text/html'], 'Content-Security-Policy': [RENDERER_CSP] },
    });
  });
});
