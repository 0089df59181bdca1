export * from './schemas.js';
export * from './channels.js';
export * from './envelope.js';
export * from './names.js';
export * from './bridge.js';
export * from './csp.js';
export * from './client.js';
