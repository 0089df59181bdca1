/**
 * The renderer's Content Security Policy, one string for every place that sets it: the meta tag in
 * `renderer/index.html` (kept equal by a test), the web host's response header, and Electron main's
 * `onHeadersReceived`. No inline script, no eval, no remote origin; WebSocket only to the page's own
 * origin (CSP3 `'self'` covers ws: on the same host and port). No inline style either: the filter
 * bar's CodeMirror editor sits in a shadow root, where it adopts constructed style sheets instead of
 * adding a `<style>` element (renderer/features/filter-bar/use-filter-editor.ts).
 */
export const RENDERER_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
  "connect-src 'self'; base-uri 'none'; form-action 'none'; object-src 'none'";
