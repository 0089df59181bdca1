export * from './schemas.js';
export * from './channels.js';
export * from './envelope.js';
