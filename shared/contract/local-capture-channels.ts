/**
 * Channels of live capture from a local interface (issue "Live capture from a local interface"):
 * the interface picker, capture-filter validation, start. `capture.stop` is a core channel.
 * Each entry is `name: { request, response }` as in channels.ts; names go in local-capture-names.ts.
 */
export const localCaptureRequests = {} as const;
