/**
 * Capture from local interfaces, as Wireshark's welcome screen offers it: the interfaces with live
 * traffic sparklines, the options, Start. Each selected interface becomes a lane; the lanes are
 * announced to the session (started-lanes.ts).
 */
import { useState } from 'react';
import type { EngineApi } from '../../../shared/contract/index.js';
import { EMPTY_FORM, startRequest, type CaptureForm } from './capture-form.js';
import { CaptureOptions } from './CaptureOptions.js';
import { InterfaceTable } from './InterfaceTable.js';
import { ReadinessNotice } from './ReadinessNotice.js';
import { announceLanes } from './started-lanes.js';
import { useFilterCheck } from './use-filter-check.js';
import { useInterfaces } from './use-interfaces.js';
import './capture-local.css';

export function CapturePanel({ engine, onStarted }: { readonly engine: EngineApi; onStarted?(): void }) {
  const { interfaces, readiness, rates, error: listError } = useInterfaces(engine);
  const [form, setForm] = useState<CaptureForm>(EMPTY_FORM);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [showUnusable, setShowUnusable] = useState(false);
  const [starting, setStarting] = useState(false);
  const [outcome, setOutcome] = useState<{ kind: 'error' | 'info'; text: string } | null>(null);
  const first = [...selected][0];
  const check = useFilterCheck(engine, form.filter, first);

  const toggle = (name: string) =>
    setSelected((set) => {
      const next = new Set(set);
      if (!next.delete(name)) next.add(name);
      return next;
    });

  const start = async (names: readonly string[]) => {
    if (names.length === 0 || check.status === 'invalid' || starting) return;
    setStarting(true);
    setOutcome(null);
    try {
      const { lanes, addresses } = await engine.invoke('capture.start', startRequest(form, names));
      if (addresses.length > 0)
        setOutcome({ kind: 'info', text: `${form.frontLegHost.trim()} resolved to ${addresses.join(', ')}` });
      announceLanes(lanes);
      onStarted?.();
    } catch (error) {
      setOutcome({ kind: 'error', text: (error as Error).message });
    } finally {
      setStarting(false);
    }
  };

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
        {outcome ? (
          <span
            className={outcome.kind === 'error' ? 'cl-error' : 'start-hint'}
            role={outcome.kind === 'error' ? 'alert' : 'status'}
            data-testid="capture-outcome"
          >
            {outcome.text}
          </span>
        ) : null}
      </div>
    </section>
  );
}
