/**
 * Capture from local interfaces, as Wireshark's welcome screen offers it: the interfaces with live
 * traffic sparklines, the options, Start. Each selected interface becomes a lane; the lanes are
 * announced to the session (started-lanes.ts).
 */
import { useState } from 'react';
import type { EngineApi } from '../../../shared/contract/index.js';
import { EMPTY_FORM, type CaptureForm } from './capture-form.js';
import { CaptureOptions } from './CaptureOptions.js';
import { InterfaceTable } from './InterfaceTable.js';
import { ReadinessNotice } from './ReadinessNotice.js';
import { useCaptureStart } from './use-capture-start.js';
import { useFilterCheck } from './use-filter-check.js';
import { useInterfaces } from './use-interfaces.js';
import './capture-local.css';

export function CapturePanel({ engine, onStarted }: { readonly engine: EngineApi; onStarted?(): void }) {
  const { interfaces, readiness, rates, error: listError } = useInterfaces(engine);
  const [form, setForm] = useState<CaptureForm>(EMPTY_FORM);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [showUnusable, setShowUnusable] = useState(false);
  const first = [...selected][0];
  const check = useFilterCheck(engine, form.filter, first);

  const toggle = (name: string) =>
    setSelected((set) => {
      const next = new Set(set);
      if (!next.delete(name)) next.add(name);
      return next;
    });

  const { starting, error, start: launch } = useCaptureStart(engine, form, onStarted);
  const start = (names: readonly string[]) => (check.status === 'invalid' ? undefined : launch(names));

  return (
    <section className="cl-panel" data-testid="capture-panel" aria-label="Capture">
      <h2>Capture</h2>
      {readiness ? (
        <ReadinessNotice
          readiness={readiness}
          elevate={form.elevate}
          onElevate={(elevate) => setForm({ ...form, elevate })}
        />
      ) : null}
      {listError ? <p className="cl-error">{listError}</p> : null}
      <InterfaceTable
        interfaces={interfaces}
        rates={rates}
        selected={selected}
        showUnusable={showUnusable}
        onToggle={toggle}
        onStart={(names) => void start(names)}
      />
      <label className="start-hint">
        <input type="checkbox" checked={showUnusable} onChange={(e) => setShowUnusable(e.target.checked)} />{' '}
        Show interfaces that are down or are not networks
      </label>
      <CaptureOptions engine={engine} form={form} check={check} onChange={setForm} />
      <div className="cl-start-row">
        <button
          type="button"
          className="start-primary"
          disabled={selected.size === 0 || check.status === 'invalid' || starting}
          onClick={() => void start([...selected])}
        >
          {starting ? 'Starting…' : `Start capture${selected.size > 1 ? ` (${selected.size} lanes)` : ''}`}
        </button>
        {error ? (
          <span className="cl-error" role="alert" data-testid="capture-outcome">
            {error}
          </span>
        ) : null}
      </div>
    </section>
  );
}
