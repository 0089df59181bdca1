export { SshCaptureButton } from './SshCaptureButton.js';
export { SshDialog } from './SshDialog.js';
export { SshLaneBar } from './SshLaneBar.js';
