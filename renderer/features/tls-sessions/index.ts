/** Per-lane TLS sessions: the header button, the list, and how they are summed up. */
export { TlsButton } from './TlsButton.js';
export { useTlsSessions } from './use-tls-sessions.js';
export { overallState, shortRandom } from './session-summary.js';
