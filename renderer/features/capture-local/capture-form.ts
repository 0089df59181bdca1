/** The capture options as the form holds them (strings, as typed), and the start request they make. */
import type { LaneRole } from '../../../shared/contract/index.js';
import type { CaptureStartRequest } from '../../../shared/contract/local-capture-channels.js';

export interface CaptureForm {
  readonly filter: string;
  /** The front-leg preset's host name ("" when the preset is not used). */
  readonly frontLegHost: string;
  readonly snapLength: string;
  readonly promiscuous: boolean;
  readonly bufferSizeMiB: string;
  readonly stopPackets: string;
  readonly stopSeconds: string;
  readonly stopBytes: string;
  readonly role: LaneRole;
  readonly elevate: boolean;
}

export const EMPTY_FORM: CaptureForm = {
  filter: '',
  frontLegHost: '',
  snapLength: '',
  promiscuous: true,
  bufferSizeMiB: '',
  stopPackets: '',
  stopSeconds: '',
  stopBytes: '',
  role: 'none',
  elevate: false,
};

export const FRONT_LEG_PRESET = { filter: 'tcp port 443', role: 'front' } as const;

/** A positive whole number typed into a field, or undefined when empty or not a number. */
function whole(text: string): number | undefined {
  const n = Number(text.trim());
  return text.trim() && Number.isFinite(n) && n > 0 ? Math.floor(n) : undefined;
}

export function startRequest(form: CaptureForm, interfaces: readonly string[]): CaptureStartRequest {
  const stopAfter = {
    ...(whole(form.stopPackets) !== undefined && { packets: whole(form.stopPackets) }),
    ...(whole(form.stopSeconds) !== undefined && { seconds: whole(form.stopSeconds) }),
    ...(whole(form.stopBytes) !== undefined && { bytes: whole(form.stopBytes) }),
  };
  return {
    interfaces: [...interfaces],
    filter: form.filter.trim(),
    promiscuous: form.promiscuous,
    role: form.role,
    ...(form.frontLegHost.trim() && { frontLegHost: form.frontLegHost.trim() }),
    ...(whole(form.snapLength) !== undefined && {
      snapLength: Math.min(262144, whole(form.snapLength) ?? 0),
    }),
    ...(whole(form.bufferSizeMiB) !== undefined && { bufferSizeMiB: whole(form.bufferSizeMiB) }),
    ...(Object.keys(stopAfter).length > 0 && { stopAfter }),
    ...(form.elevate && { elevate: true }),
  };
}
