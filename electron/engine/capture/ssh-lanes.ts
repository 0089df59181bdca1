/**
 * From a connected session to a lane: preflight with precise fixes, the filter that leaves out the
 * session's own packets, the stoppable remote command, then `engine.openLive`. A lane remembers how
 * it was made so that "Reconnect" can make its next connection and continue it (ssh-feed.ts).
 */
import type { LaneId, LaneInfo, LaneRole } from '../../../shared/contract/index.js';
import type { RequestOf, ResponseOf } from '../../../shared/contract/channels.js';
import type { Engine } from '../engine.js';
import type { SshConnection } from '../ssh/connect.js';
import { endpointLabel, SshError } from '../ssh/errors.js';
import type { HostKeyTrust } from '../ssh/host-key-policy.js';
import { launchCapture as launch, planCapture as plan } from '../ssh/capture-plan.js';
import type { RemoteCapture } from '../ssh/remote-capture.js';
import type { TcpdumpCounters } from '../ssh/tcpdump-counters.js';
import { SshFeed } from './ssh-feed.js';
import type { ConnectSpec, Session, Then } from './ssh-service.js';

export type StartRequest = Omit<RequestOf<'ssh.start'>, 'session'>;
type SshOutcome = ResponseOf<'ssh.connect'>;

interface LaneRecord {
  readonly lane: LaneId;
  readonly spec: ConnectSpec;
  readonly start: StartRequest;
  readonly feed: SshFeed;
  target: string;
  command: string;
  last: RemoteCapture;
  totals: TcpdumpCounters | null;
}

export class SshLanes {
  private readonly records = new Map<number, LaneRecord>();

  constructor(
    private readonly engine: Engine,
    private readonly converse: (spec: ConnectSpec, then: Then) => Promise<SshOutcome>,
  ) {
    engine.on((channel, payload) => {
      if (channel === 'lane.closed') this.records.delete((payload as { lane: LaneId }).lane);
    });
  }

  async start(session: Session, start: StartRequest): Promise<LaneInfo> {
    const { connection, facts, resolved, spec } = session;
    try {
      const command = await plan(connection, facts, resolved, start);
      const capture = await launch(connection, command);
      let lane: LaneId | null = null;
      const feed = new SshFeed(
        { capture, close: () => connection.close() },
        this.hooks(() => lane),
      );
      const target = endpointLabel(connection.endpoint);
      const info = this.engine.openLive(
        start.title ?? `${resolved.alias}:${start.interface}`,
        {
          kind: 'ssh',
          host: `${resolved.user}@${resolved.alias}`,
          interface: start.interface,
          filter: start.filter,
        },
        (start.role ?? 'back') satisfies LaneRole,
        feed,
      );
      lane = info.lane;
      // The host key the user accepted for this session holds for its reconnects too.
      const trust = [...spec.trust, this.sessionKey(connection)];
      this.records.set(lane, {
        lane,
        spec: { ...spec, trust },
        start,
        feed,
        target,
        command,
        last: capture,
        totals: null,
      });
      return info;
    } catch (error) {
      connection.close();
      throw error;
    }
  }

  /** Connects again and continues lane `id`; may first need a host-key answer or prompts. */
  async reconnect(id: LaneId, trust: readonly HostKeyTrust[]): Promise<SshOutcome> {
    const record = this.records.get(id);
    if (!record) throw new SshError('no-session', `lane ${id} is not an SSH capture of this session`);
    if (!record.feed.waiting)
      throw new SshError('no-session', `lane ${id} is not disconnected: there is nothing to reconnect`);
    const spec = { ...record.spec, trust: [...record.spec.trust, ...trust] };
    return this.converse(spec, async (connection, facts, resolved) => {
      const command = await plan(connection, facts, resolved, record.start);
      const capture = await launch(connection, command);
      if (!record.feed.waiting) {
        await capture.stop();
        throw new SshError('cancelled', `lane ${id} was stopped while reconnecting`);
      }
      Object.assign(record, { command, last: capture, target: endpointLabel(connection.endpoint) });
      record.feed.attach({ capture, close: () => connection.close() });
      return { status: 'capturing', lane: this.laneInfo(id) };
    });
  }

  status(id: LaneId): ResponseOf<'ssh.status'> {
    const record = this.records.get(id);
    if (!record) throw new SshError('no-session', `lane ${id} is not an SSH capture of this session`);
    const current = record.feed.current;
    const totals = record.totals ?? current?.counters() ?? null;
    return {
      lane: id,
      target: record.target,
      command: record.command,
      connected: current !== null && !current.ended,
      reconnectable: record.feed.waiting,
      stderr: [...record.last.stderrLines],
      counters: totals && {
        captured: totals.captured,
        received: totals.received,
        droppedByKernel: totals.droppedByKernel,
      },
    };
  }

  private sessionKey(connection: SshConnection): HostKeyTrust {
    const { host, port } = connection.endpoint;
    return { host, port, fingerprint: connection.hostKey.fingerprint, remember: false };
  }

  private laneInfo(id: LaneId): LaneInfo {
    const lane = this.engine.liveLane(id);
    if (!lane) throw new SshError('no-session', `lane ${id} is closed`);
    return lane.info();
  }

  private hooks(lane: () => LaneId | null) {
    const update = (
      change: (live: NonNullable<ReturnType<Engine['liveLane']>>, record: LaneRecord) => void,
    ) => {
      const id = lane();
      const live = id === null ? undefined : this.engine.liveLane(id);
      const record = id === null ? undefined : this.records.get(id);
      if (id === null || !live || !record) return;
      change(live, record);
      this.engine.refresh(id);
    };
    return {
      disconnected: (reason: string) =>
        update((live) => {
          live.state = 'done';
          live.fail({
            offset: live.bytesRead,
            blockType: 'stream',
            kind: 'io',
            message: `the capture stopped: ${reason}; the frames before it are kept`,
          });
        }),
      resumed: () =>
        update((live) => {
          live.state = 'capturing';
          live.error = null;
        }),
      counted: (counters: TcpdumpCounters) =>
        update((live, record) => {
          record.totals = addCounters(record.totals, counters);
          live.stats = {
            received: record.totals.received,
            droppedByKernel: record.totals.droppedByKernel,
            droppedByInterface: record.totals.droppedByInterface,
          };
        }),
    };
  }
}

function addCounters(sum: TcpdumpCounters | null, more: TcpdumpCounters): TcpdumpCounters {
  if (!sum) return more;
  const byInterface =
    sum.droppedByInterface === null && more.droppedByInterface === null
      ? null
      : (sum.droppedByInterface ?? 0) + (more.droppedByInterface ?? 0);
  return {
    captured: sum.captured + more.captured,
    received: sum.received + more.received,
    droppedByKernel: sum.droppedByKernel + more.droppedByKernel,
    droppedByInterface: byInterface,
  };
}
