/** TLS key sources: the panel, and the hook that keeps them current. */
export { KeySourcesPanel, type KeysIntent } from './KeySourcesPanel.js';
export { useKeySources, type KeySources } from './use-key-sources.js';
export { sessionsWithKeys } from './key-sources.js';
