/**
 * The bundled load-balancer sample (assets/samples/lb-*, recorded by `node scripts/lab.js
 * record-sample`) agrees with its ground truth, by tshark: the front leg decrypts from its own
 * Decryption Secrets Block, every token is found once per leg with the load balancer's headers.
 * Needs tshark only (no root, no lab).
 */
import { statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commandExists, run } from './exec.js';
import { backRequests, embeddedSecrets, frontRequests, HEALTH_CHECK_AGENT } from './oracle.js';
import { readSampleGroundTruth, SAMPLE_FILES } from './record-sample.js';
import { verifyCaptures } from './verify.js';

const SAMPLES = resolve(import.meta.dirname, '../../assets/samples');
const file = (name: keyof typeof SAMPLE_FILES) => join(SAMPLES, SAMPLE_FILES[name]);
const hasTshark = commandExists('tshark') && commandExists('capinfos');
const describeSample = hasTshark ? describe : describe.skip;

describeSample(`the bundled load-balancer sample${hasTshark ? '' : ' (skipped: no tshark/capinfos)'}`, () => {
  const truth = readSampleGroundTruth(SAMPLES);

  it('is under 2 MB in all', () => {
    const total = Object.keys(SAMPLE_FILES).reduce(
      (sum, name) => sum + statSync(file(name as keyof typeof SAMPLE_FILES)).size,
      0,
    );
    expect(total).toBeLessThan(2 * 1024 * 1024);
  });

  it('decrypts its front leg from the embedded key log alone, as the key log file does', () => {
    expect(embeddedSecrets(file('front'))).toBe(1);
    const embedded = frontRequests(file('front'));
    expect(embedded.length).toBe(truth.requests.length);
    expect(frontRequests(file('front'), file('keyLog'))).toEqual(embedded);
  });

  it('holds every token once per leg, with the added headers, as its ground truth says', () => {
    const report = verifyCaptures(truth, frontRequests(file('front')), {
      target1: backRequests(file('target1')),
      target2: backRequests(file('target2')),
    });
    expect(report.problems).toEqual([]);
    expect([report.frontMatched, report.backMatched]).toEqual([report.tokens, report.tokens]);
  });

  it('has health checks on both back legs and the packet counts its ground truth records', () => {
    for (const name of ['target1', 'target2'] as const) {
      const checks = backRequests(file(name)).filter(
        (r) => r.headers.get('user-agent') === HEALTH_CHECK_AGENT,
      );
      expect(checks.length, name).toBeGreaterThanOrEqual(1);
    }
    for (const name of ['front', 'target1', 'target2'] as const) {
      const frames = run(['capinfos', '-c', '-M', file(name)]).stdout.match(
        /Number of packets:\s+(\d+)/,
      )?.[1];
      expect(Number(frames), name).toBe(truth.captures[name].packets);
    }
  });
});
