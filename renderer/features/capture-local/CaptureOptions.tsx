/**
 * Capture options: the filter (checked while typing: green, or red with the compiler's message),
 * the front-leg preset, snap length, promiscuous mode, buffer size, stop conditions.
 */
import type { EngineApi } from '../../../shared/contract/index.js';
import { FRONT_LEG_PRESET, type CaptureForm } from './capture-form.js';
import type { FilterState } from './use-filter-check.js';
import { useResolve } from './use-resolve.js';

export interface CaptureOptionsProps {
  readonly engine: EngineApi;
  readonly form: CaptureForm;
  readonly check: FilterState;
  onChange(form: CaptureForm): void;
}

function NumberField(props: { label: string; value: string; unit?: string; onChange(value: string): void }) {
  return (
    <label className="cl-number">
      {props.label}{' '}
      <input
        inputMode="numeric"
        size={7}
        aria-label={props.label}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
      />
      {props.unit ? ` ${props.unit}` : null}
    </label>
  );
}

export function CaptureOptions({ engine, form, check, onChange }: CaptureOptionsProps) {
  const set = (patch: Partial<CaptureForm>) => onChange({ ...form, ...patch });
  const resolved = useResolve(engine, form.frontLegHost);
  return (
    <div className="cl-options">
      <div className="cl-filter-row">
        <input
          className="cl-filter"
          data-testid="capture-filter"
          data-status={check.status}
          aria-label="Capture filter"
          aria-invalid={check.status === 'invalid'}
          placeholder="Capture filter (BPF), e.g. tcp port 443"
          spellCheck={false}
          value={form.filter}
          onChange={(e) => set({ filter: e.target.value })}
        />
        <button type="button" onClick={() => set({ ...FRONT_LEG_PRESET })}>
          Front leg (HTTPS :443)
        </button>
      </div>
      <div className="cl-filter-message" data-testid="capture-filter-message" data-status={check.status}>
        {check.status === 'invalid' || check.status === 'unchecked' ? check.message : null}
      </div>
      <label className="cl-host">
        Only traffic with the host{' '}
        <input
          aria-label="Load balancer host name"
          placeholder="load balancer name (optional)"
          value={form.frontLegHost}
          onChange={(e) => set({ frontLegHost: e.target.value })}
        />
        <span className="start-hint" data-testid="resolved-addresses">
          {resolved?.error ?? (resolved ? ` ${resolved.addresses.join(', ')} (resolved again at start)` : '')}
        </span>
      </label>
      <div className="cl-option-row">
        <NumberField
          label="Snap length"
          unit="bytes"
          value={form.snapLength}
          onChange={(snapLength) => set({ snapLength })}
        />
        <label>
          <input
            type="checkbox"
            checked={form.promiscuous}
            onChange={(e) => set({ promiscuous: e.target.checked })}
          />{' '}
          Promiscuous
        </label>
        <NumberField
          label="Buffer"
          unit="MiB"
          value={form.bufferSizeMiB}
          onChange={(bufferSizeMiB) => set({ bufferSizeMiB })}
        />
      </div>
      <div className="cl-option-row">
        Stop after
        <NumberField
          label="packets"
          value={form.stopPackets}
          onChange={(stopPackets) => set({ stopPackets })}
        />
        <NumberField
          label="seconds"
          value={form.stopSeconds}
          onChange={(stopSeconds) => set({ stopSeconds })}
        />
        <NumberField label="bytes" value={form.stopBytes} onChange={(stopBytes) => set({ stopBytes })} />
      </div>
    </div>
  );
}
