/**
 * Capture on veth pairs inside namespaces the test makes: the traffic is exactly what the test
 * sends from the other namespace. Several interfaces (one lane each), the filter's effect, an
 * interface that disappears mid-capture.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../electron/engine/engine.js';
import { LocalCapture } from '../../electron/engine/capture/local-capture.js';
import { namespacesUp, type Namespaces } from './netns.js';
import { allRows, freePort, laneInfo, nanos, namespacesUnavailable, waitForLane } from './support.js';
import { sendUdpFrom } from './traffic.js';

const why = namespacesUnavailable();

describe.skipIf(why !== null)(
  `capture on veth pairs in test namespaces${why ? ` (skipped: ${why})` : ''}`,
  () => {
    let ns: Namespaces;
    let engine: Engine;
    let capture: LocalCapture;
    beforeAll(async () => {
      ns = namespacesUp(2);
      engine = new Engine();
      capture = new LocalCapture(engine, { launcher: ns.launcher });
      // Resolve ARP first, so the measured bursts are not held behind it.
      for (const pair of ns.pairs) await sendUdpFrom(ns.sender, { address: pair.address, port: 9, count: 1 });
    });
    afterAll(async () => {
      await engine?.dispose();
      ns?.down();
    });

    it('captures each selected interface into its own lane, filter applied', async () => {
      const port = freePort();
      const [one, two] = ns.pairs as [Namespaces['pairs'][number], Namespaces['pairs'][number]];
      const { lanes } = await capture.start({
        interfaces: [one.iface, two.iface],
        filter: `udp dst port ${port}`,
      });
      expect(lanes.map((lane) => lane.title)).toEqual([one.iface, two.iface]);
      await sendUdpFrom(ns.sender, { address: one.address, port, count: 120 });
      await sendUdpFrom(ns.sender, { address: two.address, port, count: 70 });
      await sendUdpFrom(ns.sender, { address: one.address, port: port + 1, count: 50 });
      const [a, b] = lanes.map((lane) => lane.lane) as [(typeof lanes)[0]['lane'], (typeof lanes)[0]['lane']];
      await waitForLane(engine, a, (info) => info.frames >= 120);
      await waitForLane(engine, b, (info) => info.frames >= 70);
      await Promise.all([a, b].map((lane) => engine.handle('capture.stop', { lane })));
      await Promise.all([a, b].map((lane) => capture.ended(lane)));
      expect(laneInfo(engine, a)).toMatchObject({ frames: 120, state: 'done', error: null });
      expect(laneInfo(engine, b)).toMatchObject({ frames: 70, state: 'done', error: null });
      expect(capture.captured(a)).toBe(120);
      expect(laneInfo(engine, a).stats).toEqual({ received: 120, droppedByKernel: 0, droppedByInterface: 0 });
      const rows = await allRows(engine, a);
      expect(new Set(rows.map((row) => row.destination))).toEqual(new Set([one.address]));
      for (let i = 1; i < rows.length; i++) expect(nanos(rows[i]!) >= nanos(rows[i - 1]!)).toBe(true);
    });

    it('keeps the frames and says so when the interface disappears', async () => {
      const port = freePort();
      const two = ns.pairs[1]!;
      const { lanes } = await capture.start({ interfaces: [two.iface], filter: `udp dst port ${port}` });
      const lane = lanes[0]!.lane;
      await sendUdpFrom(ns.sender, { address: two.address, port, count: 30 });
      await waitForLane(engine, lane, (info) => info.frames === 30);
      ns.removeLink(two.iface);
      const info = await waitForLane(engine, lane, (i) => i.state !== 'capturing');
      await capture.ended(lane);
      expect(info).toMatchObject({ state: 'done', frames: 30 });
      expect(info.error?.message).toBe(
        'the capture stopped: the interface disappeared or went down (tcpdump: pcap_loop: The interface disappeared); the frames captured before are kept',
      );
      expect((await allRows(engine, lane)).length).toBe(30);
    });
  },
);
