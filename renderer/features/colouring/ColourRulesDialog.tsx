/**
 * The colouring rules dialog (Wireshark's View → Coloring Rules): each rule's name, filter (checked as
 * it is typed, red when invalid), foreground and background, on/off, order; add, remove, restore
 * Wireshark's defaults; save hands them to the engine and keeps them in the page's storage.
 */
import { useState } from 'react';
import type { EngineApi } from '../../../shared/contract/index.js';
import type { ColourRule } from '../../../shared/contract/filter-channels.js';
import { checkFilter } from '../../../shared/filter/index.js';
import { saveColourRules, setColourize, useColourState } from './colour-store.js';
import './colouring.css';

export interface ColourRulesDialogProps {
  readonly engine: EngineApi;
  onClose(): void;
}

export function ColourRulesDialog({ engine, onClose }: ColourRulesDialogProps) {
  const state = useColourState();
  const [rules, setRules] = useState<ColourRule[]>(() => [...state.rules]);
  const [error, setError] = useState<string | null>(null);
  const update = (i: number, patch: Partial<ColourRule>) =>
    setRules((all) => all.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const move = (i: number, step: number) =>
    setRules((all) => {
      const next = [...all];
      const [rule] = next.splice(i, 1);
      if (rule) next.splice(Math.max(0, Math.min(next.length, i + step)), 0, rule);
      return next;
    });
  const invalid = rules.some((r) => r.enabled && !checkFilter(r.filter).ok);
  const save = () => saveColourRules(engine, rules).then(onClose, (e: Error) => setError(e.message));

  return (
    <div
      className="cr-backdrop"
      role="dialog"
      aria-modal="true"
      aria-label="Colouring rules"
      data-testid="colour-dialog"
    >
      <div className="cr-dialog">
        <h2>Colouring rules</h2>
        <label className="cr-toggle">
          <input type="checkbox" checked={state.enabled} onChange={(e) => setColourize(e.target.checked)} />{' '}
          Colourize the packet lists
        </label>
        <ol className="cr-list">
          {rules.map((rule, i) => (
            <RuleRow
              key={i}
              rule={rule}
              onChange={(patch) => update(i, patch)}
              onMove={(step) => move(i, step)}
              onRemove={() => setRules((all) => all.filter((_, j) => j !== i))}
            />
          ))}
        </ol>
        {error ? (
          <p className="cr-error" role="alert">
            {error}
          </p>
        ) : null}
        <div className="cr-actions">
          <button
            type="button"
            onClick={() =>
              setRules((all) => [
                ...all,
                { name: 'New rule', filter: '', foreground: '#000000', background: '#ffffff', enabled: true },
              ])
            }
          >
            Add
          </button>
          <button type="button" onClick={() => setRules([...state.defaults])}>
            Restore defaults
          </button>
          <span className="spacer" />
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="button" disabled={invalid} onClick={() => void save()}>
            Save
          </button>
        </div>
      </div>
    </div>
  );
}

interface RuleRowProps {
  readonly rule: ColourRule;
  onChange(patch: Partial<ColourRule>): void;
  onMove(step: number): void;
  onRemove(): void;
}

function RuleRow({ rule, onChange, onMove, onRemove }: RuleRowProps) {
  const checked = checkFilter(rule.filter);
  return (
    <li
      className="cr-rule"
      data-testid="colour-rule"
      style={{ color: rule.foreground, background: rule.background }}
    >
      <input
        type="checkbox"
        aria-label={`Enable ${rule.name}`}
        checked={rule.enabled}
        onChange={(e) => onChange({ enabled: e.target.checked })}
      />
      <input
        className="cr-name"
        aria-label="Rule name"
        value={rule.name}
        onChange={(e) => onChange({ name: e.target.value })}
      />
      <input
        className="cr-filter"
        aria-label={`Filter of ${rule.name}`}
        aria-invalid={!checked.ok}
        title={checked.error?.message ?? checked.normalized}
        data-state={checked.ok ? 'valid' : 'invalid'}
        value={rule.filter}
        onChange={(e) => onChange({ filter: e.target.value })}
      />
      <input
        type="color"
        aria-label="Foreground"
        value={rule.foreground}
        onChange={(e) => onChange({ foreground: e.target.value })}
      />
      <input
        type="color"
        aria-label="Background"
        value={rule.background}
        onChange={(e) => onChange({ background: e.target.value })}
      />
      <button type="button" aria-label="Move up" onClick={() => onMove(-1)}>
        ↑
      </button>
      <button type="button" aria-label="Move down" onClick={() => onMove(1)}>
        ↓
      </button>
      <button type="button" aria-label={`Remove ${rule.name}`} onClick={onRemove}>
        ×
      </button>
    </li>
  );
}
