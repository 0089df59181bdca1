/**
 * The welcome screen, like Wireshark's: open a capture (button, drag and drop, or a recent file).
 * Later issues put the interface picker and the SSH dialog here.
 */
import { useEffect, useState } from 'react';
import type { EngineApi, LaneRole, ResponseOf } from '../../../shared/contract/index.js';
import { forgetRecent, readRecent } from './recent-files.js';
import { CapturePanel } from '../capture-local/index.js';
import { SshCaptureButton } from '../ssh-dialog/index.js';
import './start-page.css';

type Sample = ResponseOf<'samples.list'>['samples'][number];

export interface StartPageProps {
  readonly engine: EngineApi;
  onOpenDialog(): void;
  onOpen(files: readonly (string | { path: string; role: LaneRole })[]): void;
}

export function StartPage({ engine, onOpenDialog, onOpen }: StartPageProps) {
  const [recent, setRecent] = useState(readRecent);
  const [samples, setSamples] = useState<Sample[]>([]);
  useEffect(() => {
    let live = true;
    engine
      .invoke('samples.list', {})
      .then(({ samples }) => live && setSamples(samples))
      .catch(() => {});
    return () => {
      live = false;
    };
  }, [engine]);
  return (
    <main className="start-page" data-testid="start-page">
      <h1>Hammerhead</h1>
      <p className="start-tagline">Both sides of a TLS-terminating load balancer, side by side.</p>
      <section className="start-open">
        <button type="button" className="start-primary" onClick={onOpenDialog}>
          Open a capture…
        </button>
        <span className="start-hint">or drop .pcap / .pcapng files anywhere in this window</span>
      </section>
      <CapturePanel engine={engine} />
      <section className="start-ssh">
        <h2>Back leg, on the targets</h2>
        <SshCaptureButton engine={engine} className="start-primary" />
        <span className="start-hint"> tcpdump on each EC2 target, over SSH: one lane per target</span>
      </section>
      {samples.length > 0 ? (
        <section>
          <h2>Try it</h2>
          <ul className="start-samples">
            {samples.map((sample) => (
              <li key={sample.id}>
                <button type="button" className="start-link" onClick={() => onOpen(sample.lanes)}>
                  {sample.title}
                </button>
                <span className="start-hint"> — {sample.description}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section>
        <h2>Recent files</h2>
        {recent.length === 0 ? <p className="start-hint">None yet.</p> : null}
        <ul className="start-recent" data-testid="recent-files">
          {recent.map((path) => (
            <li key={path}>
              <button type="button" className="start-link" onClick={() => onOpen([path])} title={path}>
                {path}
              </button>
              <button
                type="button"
                className="start-forget"
                aria-label={`Remove ${path} from recent files`}
                onClick={() => setRecent(forgetRecent(path))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      </section>
    </main>
  );
}
