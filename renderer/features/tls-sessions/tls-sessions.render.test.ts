/**
 * The sessions list's markup, rendered on the server (no DOM here): what each state looks like and
 * the hooks the end-to-end story relies on. Clicking and copying are the browser story's job.
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { TlsSessionStatus } from '../../../shared/contract/tls-channels.js';
import { SessionTable, TlsSessionsDialog } from './TlsSessionsDialog.js';
import { RANDOM_A, RANDOM_B, session } from './test-sessions.js';

const noop = (): void => undefined;
const table = (sessions: TlsSessionStatus[]) =>
  renderToStaticMarkup(createElement(SessionTable, { sessions, onFrame: noop }));
const rowsOf = (html: string) => html.match(/<tr data-testid="tls-session".*?<\/tr>/g) ?? [];

describe('the TLS sessions list', () => {
  it('shows a decrypted session: short client random with its whole value, names, secrets, records', () => {
    const [row = ''] = rowsOf(table([session()]));
    expect(row).toContain('data-state="decrypted"');
    expect(row).toContain('a1a1a1a1…a1a1a1a1');
    expect(row).toContain(`data-full="${RANDOM_A}"`);
    expect(row).toContain('aria-label="Copy the client random of stream 0"');
    for (const text of ['example.com', 'TLSv1.3', 'TLS_AES_128_GCM_SHA256', 'h2', 'SERVER_TRAFFIC_SECRET_0'])
      expect(row).toContain(text);
    expect(row).toContain('14/14');
    expect(row).not.toContain('Select frame');
  });

  it('shows a failed session’s first failing frame as a link, with the reason and detail', () => {
    const failed = session({
      stream: 3,
      clientRandom: RANDOM_B,
      secrets: [],
      state: 'failed',
      decryptedRecords: 0,
      failure: { frame: 12, reason: 'no key', detail: 'no key log line for this client random' },
    });
    const [row = ''] = rowsOf(table([failed]));
    expect(row).toContain('data-state="failed"');
    expect(row).toMatch(/<button[^>]*aria-label="Select frame 12"[^>]*>Frame 12<\/button>/);
    expect(row).toContain('no key</span>');
    expect(row).toContain('no key log line for this client random');
    expect(row).toContain('>none<');
  });

  it('shows what is not known yet as a dash (no ServerHello, no ClientHello)', () => {
    const early = session({ clientRandom: null, serverName: null, version: null, suite: null, alpn: null });
    const [row = ''] = rowsOf(table([early]));
    expect(row.match(/class="tls-missing">—</g)).toHaveLength(5);
    expect(row).not.toContain('Copy');
  });

  it('is a labelled dialog with the counts, or says there is nothing', () => {
    const props = { title: 'front.pcap', error: null, onFrame: noop, onClose: noop };
    const html = renderToStaticMarkup(
      createElement(TlsSessionsDialog, {
        ...props,
        sessions: [session(), session({ stream: 1, state: 'partial' })],
      }),
    );
    expect(html).toMatch(/role="dialog" aria-modal="true" aria-label="TLS sessions of front.pcap"/);
    expect(html).toContain('1 decrypted, 1 partial');
    expect(rowsOf(html)).toHaveLength(2);
    const empty = renderToStaticMarkup(createElement(TlsSessionsDialog, { ...props, sessions: [] }));
    expect(empty).toContain('No TLS connection in this lane.');
  });
});
