export { CapturePanel } from './CapturePanel.js';
export { CaptureDialog } from './CaptureDialog.js';
export { CaptureControls, dropped } from './CaptureControls.js';
export { onLanesStarted } from './started-lanes.js';
export { CaptureStats } from './CaptureStats.js';
