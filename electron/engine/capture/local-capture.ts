/**
 * Live capture from local interfaces, behind the contract's local-capture channels: the picker's
 * list and counters, filter checks, host resolution, and start (one helper and one lane per
 * interface). The engine process never gains rights: it spawns tcpdump or dumpcap, which hold them.
 */
import { tmpdir } from 'node:os';
import type {
  CaptureReadiness,
  CaptureStartRequest,
} from '../../../shared/contract/local-capture-channels.js';
import type { LaneId, LaneInfo } from '../../../shared/contract/index.js';
import { EngineError, type Engine } from '../engine.js';
import { checkFilter } from './bpf-validate.js';
import { listInterfaces, readCounters } from './interfaces.js';
import { elevationProgram } from './local-elevate.js';
import { findHelpers, installGuidance } from './local-helper.js';
import { addCounters, attachRun, freeBytes, diskFullMessage } from './local-lane.js';
import { CaptureStartError, launchHelper, type LaunchContext } from './local-launch.js';
import type { ProgramSpawn } from './local-osascript.js';
import type { HelperRun } from './local-process.js';
import type { HelperCounters } from './local-stats.js';
import { classifyFailure, currentUser, probeRights, rightsGuidance } from './local-privileges.js';
import { FRONT_LEG_FILTER, resolveHost, withHosts } from './local-resolve.js';
import { linkTypeOfInterface, startOrder } from './local-start.js';

export interface LocalCaptureOptions {
  readonly platform?: NodeJS.Platform;
  readonly env?: NodeJS.ProcessEnv;
  /** Put before the helper's path: tests run it in a namespace (`ip netns exec NS`) or as nobody. */
  readonly launcher?: readonly string[];
  readonly statsIntervalMs?: number;
  readonly readyTimeoutMs?: number;
  /** A capture stops when the spool's disk has less free than this. */
  readonly minFreeBytes?: number;
  /** Starts osascript for "Capture as administrator" on macOS (tests stand in for the prompt). */
  readonly spawnProgram?: ProgramSpawn;
}

export { CaptureStartError, FRONT_LEG_FILTER };

export interface LaunchedCapture {
  readonly runs: readonly { readonly iface: string; readonly run: HelperRun }[];
  readonly filter: string;
  readonly addresses: readonly string[];
}

/** A lane's latest helper run, what started it (a restart repeats it), and the runs before it. */
interface LaneRun {
  readonly run: HelperRun;
  readonly ended: Promise<void>;
  /** One interface, the filter as the helper ran it (a preset's addresses already resolved). */
  readonly request: CaptureStartRequest;
  /** The counters of the lane's earlier runs (restarts that appended), added to this one's. */
  readonly before: HelperCounters | null;
}

export class LocalCapture {
  private readonly platform: NodeJS.Platform;
  private readonly env: NodeJS.ProcessEnv;
  private readonly runs = new Map<number, LaneRun>();

  constructor(
    private readonly engine: Engine,
    private readonly options: LocalCaptureOptions = {},
  ) {
    this.platform = options.platform ?? process.platform;
    this.env = options.env ?? process.env;
  }

  async readiness(probeInterface?: string): Promise<CaptureReadiness> {
    const helpers = findHelpers(this.env);
    const canElevate = elevationProgram(this.platform, this.env) !== null;
    const [first] = helpers;
    if (!first)
      return {
        helper: null,
        canCapture: false,
        problem: installGuidance(this.platform, this.env),
        canElevate,
      };
    const iface = probeInterface ?? (this.platform === 'darwin' ? 'lo0' : 'lo');
    const failures: string[] = [];
    for (const helper of helpers) {
      const probe = await probeRights(helper, iface, this.options.launcher);
      if (probe.ok) return { helper, canCapture: true, problem: null, canElevate };
      failures.push(probe.stderr);
    }
    const problem = failures.some((stderr) => classifyFailure(stderr) === 'no-rights')
      ? rightsGuidance(first, this.platform, currentUser(), helpers.slice(1))
      : {
          kind: 'helper-failed' as const,
          message: `${first.path} cannot open ${iface}: ${failures[0]}`,
          fix: [],
        };
    return { helper: first, canCapture: false, problem, canElevate };
  }

  async interfaces() {
    const readiness = await this.readiness();
    const [helper] = findHelpers(this.env);
    return { interfaces: helper ? await listInterfaces(helper) : [], readiness };
  }

  counters() {
    return readCounters(this.platform);
  }

  async validate(filter: string, iface?: string) {
    const helper = findHelpers(this.env).find((h) => h.kind === 'tcpdump');
    return checkFilter(helper, filter, iface ? linkTypeOfInterface(iface) : null);
  }

  async resolve(host: string) {
    return { host, addresses: await resolveHost(host) };
  }

  /** One lane per interface. Throws (and starts nothing) on a bad filter, missing helper or rights. */
  async start(
    request: CaptureStartRequest,
  ): Promise<{ lanes: LaneInfo[]; filter: string; addresses: string[] }> {
    this.checkDisk();
    const { runs, filter, addresses } = await this.launch(request);
    const lanes = runs.map(({ iface, run }) => this.openLane(iface, filter, request, run));
    return { lanes, filter, addresses: [...addresses] };
  }

  /**
   * Captures again on a stopped lane's interface, with its filter and options: into the same lane
   * (`append`: frames numbered on, TCP streams and TLS sessions carried over, counters added up)
   * or into a new lane. The filter is the one the lane ran: a preset's host is not resolved again.
   */
  async restart(id: LaneId, append: boolean): Promise<LaneInfo> {
    const lane = this.engine.liveLane(id);
    if (lane?.source.kind !== 'local')
      throw new EngineError('bad-request', `lane ${id} is not a capture from a local interface`);
    if (lane.state === 'capturing') throw new EngineError('bad-request', `lane ${id} is still capturing`);
    const previous = this.runs.get(id);
    await previous?.ended;
    const { interface: iface, filter } = lane.source;
    const request = previous?.request ?? { interfaces: [iface], filter, role: lane.role };
    if (!append) return (await this.start(request)).lanes[0]!;
    this.checkDisk();
    const [started] = (await this.launch(request)).runs;
    const run = started!.run;
    let info: LaneInfo;
    try {
      info = this.engine.appendLive(id, run.capture);
    } catch (error) {
      await run.stop();
      await run.exited;
      throw error;
    }
    this.track(id, run, request, previous ? addCounters(previous.before, previous.run.counters) : null);
    return info;
  }

  /**
   * Checks and starts the helpers without lanes (the CLI reads their output itself): the filter
   * is compiled first, so an invalid one starts nothing.
   */
  async launch(request: CaptureStartRequest): Promise<LaunchedCapture> {
    const helpers = findHelpers(this.env);
    if (helpers.length === 0) throw new CaptureStartError(installGuidance(this.platform, this.env));
    const addresses = request.frontLegHost ? await resolveHost(request.frontLegHost) : [];
    const filter = withHosts(request.filter, addresses);
    for (const iface of request.interfaces) {
      const check = await this.validate(filter, iface);
      if (check.status === 'invalid')
        throw new CaptureStartError({
          kind: 'helper-failed',
          message: `invalid capture filter "${filter}": ${check.message}`,
          fix: [],
        });
    }
    return { runs: await this.launchAll(request, filter, helpers), filter, addresses };
  }

  /** The helper's own "packets captured" for a lane's capture, once it has reported it. */
  captured(lane: LaneId): number | null {
    const entry = this.runs.get(lane);
    if (!entry?.run.counters) return null;
    return (entry.before?.captured ?? 0) + entry.run.counters.captured;
  }

  /** The helper's process id (tests kill it to play a crash). */
  helperPid(lane: LaneId): number | undefined {
    return this.runs.get(lane)?.run.pid;
  }

  /** Resolves when the lane's capture has ended and its final counters are in the lane. */
  async ended(lane: LaneId): Promise<void> {
    await this.runs.get(lane)?.ended;
  }

  private checkDisk(): void {
    const dir = tmpdir();
    const free = freeBytes(dir);
    if (free !== null && free < this.minFree)
      throw new CaptureStartError({ kind: 'helper-failed', message: diskFullMessage(dir, free, 0), fix: [] });
  }

  private get minFree(): number {
    return this.options.minFreeBytes ?? 32 * 1024 * 1024;
  }

  private async launchAll(
    request: CaptureStartRequest,
    filter: string,
    helpers: ReturnType<typeof findHelpers>,
  ) {
    const context: LaunchContext = {
      platform: this.platform,
      env: this.env,
      launcher: this.options.launcher ?? [],
      statsIntervalMs: this.options.statsIntervalMs ?? 1000,
      readyTimeoutMs: this.options.readyTimeoutMs ?? 10_000,
      elevate: request.elevate ?? false,
      spawnProgram: this.options.spawnProgram,
    };
    const started: { iface: string; run: HelperRun }[] = [];
    try {
      for (const iface of request.interfaces) {
        const settings = { ...request, interface: iface, filter, packets: request.stopAfter?.packets };
        started.push({
          iface,
          run: await startOrder(helpers, context, (helper, others) =>
            launchHelper(helper, settings, context, others),
          ),
        });
      }
      return started;
    } catch (error) {
      await Promise.all(started.map(async ({ run }) => (await run.stop(), await run.exited)));
      throw error;
    }
  }

  private openLane(iface: string, filter: string, request: CaptureStartRequest, run: HelperRun): LaneInfo {
    const info = this.engine.openLive(
      iface,
      { kind: 'local', interface: iface, filter },
      request.role ?? 'none',
      run.capture,
    );
    const { frontLegHost: _resolved, ...rest } = request;
    this.track(info.lane, run, { ...rest, interfaces: [iface], filter }, null);
    return info;
  }

  private track(id: LaneId, run: HelperRun, request: CaptureStartRequest, before: HelperCounters | null) {
    const limits = { seconds: request.stopAfter?.seconds, bytes: request.stopAfter?.bytes };
    const ended = attachRun(this.engine, id, run, limits, this.minFree, before);
    this.runs.set(id, { run, ended, request, before });
  }
}
