/**
 * One place that hardens every web contents the app ever creates (Zui's approach): no navigation
 * away from the app's page, no new windows, no webviews, no permissions, and the CSP as a header.
 */
import { app, type Session, type WebContents } from 'electron';
import { RENDERER_CSP } from '../../shared/contract/csp.js';
import { isAppPage } from './paths.js';

/** Before `ready`: sandbox every renderer, and guard each web contents as it is created. */
export function hardenApp(pageUrl: string): void {
  app.enableSandbox();
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, pageUrl));
}

export function guardWebContents(contents: WebContents, pageUrl: string): void {
  const stayOnPage = (event: { preventDefault(): void; readonly url: string }): void => {
    if (!isAppPage(event.url, pageUrl)) event.preventDefault();
  };
  contents.on('will-navigate', stayOnPage);
  contents.on('will-redirect', stayOnPage);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/** After `ready`: the session's permission handlers and the CSP header. */
export function hardenSession(session: Session): void {
  // The app needs no camera, notification, geolocation, MIDI… permission: refuse every request.
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.webRequest.onHeadersReceived((details, callback) => {
    const headers = Object.fromEntries(
      Object.entries(details.responseHeaders ?? {}).filter(
        ([name]) => name.toLowerCase() !== 'content-security-policy',
      ),
    );
    // The page's meta tag carries the same policy; the header also covers any response the
    // network stack serves, and replaces a weaker policy rather than adding to it.
    callback({ responseHeaders: { ...headers, 'Content-Security-Policy': [RENDERER_CSP] } });
  });
}
