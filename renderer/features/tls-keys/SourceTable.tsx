/** The key sources: what each holds, how many lines were malformed or ignored, and why one cannot be read. */
import type { KeySourceInfo } from '../../../shared/contract/tls-channels.js';
import { KIND_TITLES, linesSummary } from './key-sources.js';

export interface SourceTableProps {
  readonly sources: readonly KeySourceInfo[];
  /** The source just added or launched, marked for the eye. */
  readonly latest: number | null;
  onRemove(source: KeySourceInfo): void;
}

export function SourceTable({ sources, latest, onRemove }: SourceTableProps) {
  if (sources.length === 0)
    return (
      <p className="hh-modal-note" data-testid="key-sources-empty">
        No key log yet. Browsers write one when started with SSLKEYLOGFILE set: add that file, or launch a
        browser from here.
      </p>
    );
  return (
    <table className="hh-grid keys-table" data-testid="key-sources">
      <thead>
        <tr>
          <th>Kind</th>
          <th>Source</th>
          <th>Watching</th>
          <th className="num">Sessions</th>
          <th className="num">Lines</th>
          <th className="num">Malformed</th>
          <th className="num">Ignored</th>
          <th>
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {sources.map((source) => (
          <SourceRow
            key={source.id}
            source={source}
            latest={source.id === latest}
            onRemove={() => onRemove(source)}
          />
        ))}
      </tbody>
    </table>
  );
}

function SourceRow({
  source,
  latest,
  onRemove,
}: {
  readonly source: KeySourceInfo;
  readonly latest: boolean;
  onRemove(): void;
}) {
  const name = source.path ?? source.label;
  return (
    <tr
      data-testid="key-source"
      data-id={source.id}
      data-kind={source.kind}
      data-latest={latest || undefined}
      data-error={source.error ? true : undefined}
      title={linesSummary(source)}
    >
      <td>{KIND_TITLES[source.kind]}</td>
      <td className="keys-source">
        <div className="keys-label">{source.label}</div>
        {source.path && source.path !== source.label ? (
          <div className="keys-path hh-mono">{source.path}</div>
        ) : null}
        {source.error ? (
          <div className="keys-error" role="alert" data-testid="key-source-error">
            {source.error}
          </div>
        ) : null}
      </td>
      <td>{source.watching ? 'watching' : '—'}</td>
      <td className="num" data-testid="key-source-sessions">
        {source.sessions}
      </td>
      <td className="num">{source.lines}</td>
      <td className="num" data-nonzero={source.malformed > 0 || undefined}>
        {source.malformed}
      </td>
      <td className="num">{source.ignored}</td>
      <td>
        <button type="button" aria-label={`Remove ${name}`} onClick={onRemove}>
          Remove
        </button>
      </td>
    </tr>
  );
}
