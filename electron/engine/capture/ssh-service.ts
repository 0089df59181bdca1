/**
 * The engine's SSH side: conversations that connect (host keys, then authentication, with
 * keyboard-interactive questions relayed to the user), connected sessions waiting for "Start",
 * and the lanes they became (ssh-lanes.ts). State lives in memory only: secrets included, it goes
 * when the session is closed or its lane is.
 */
import { randomUUID } from 'node:crypto';
import type { SshAuth, SshOutcome, SshTarget } from '../../../shared/contract/ssh-channels.js';
import type { Engine } from '../engine.js';
import type { ResolvedHost, ResolveOptions } from '../ssh/config.js';
import { resolveChain, type ResolvedChain } from '../ssh/resolve-chain.js';
import { connectSsh, type ConnectOptions, type SshConnection } from '../ssh/connect.js';
import { endpointLabel, SshError } from '../ssh/errors.js';
import { UnknownHostKeyError, type HostKeyTrust } from '../ssh/host-key-policy.js';
import { interactive, type Interactive, type Step } from '../ssh/interactive.js';
import { gatherFacts, type RemoteFacts } from '../ssh/preflight.js';
import { SshLanes } from './ssh-lanes.js';

export interface SshServiceOptions {
  readonly resolve?: ResolveOptions;
  /** Timeouts and DNS lookup for every connection (tests). */
  readonly connect?: Pick<ConnectOptions, 'connectTimeoutMs' | 'handshakeTimeoutMs' | 'lookup'>;
  /** Idle connected sessions and unanswered questions are dropped after this. Default 10 min. */
  readonly idleMs?: number;
}

/** Everything needed to connect again: what the user asked for, not secrets derived from it. */
export interface ConnectSpec {
  readonly target: SshTarget;
  readonly auth: SshAuth;
  readonly trust: readonly HostKeyTrust[];
}

export interface Session {
  readonly id: string;
  readonly spec: ConnectSpec;
  readonly connection: SshConnection;
  readonly facts: RemoteFacts;
  readonly resolved: ResolvedHost;
  readonly timer: NodeJS.Timeout;
}

/** What to do once connected and the host's facts are known. */
export type Then = (
  connection: SshConnection,
  facts: RemoteFacts,
  resolved: ResolvedHost,
) => Promise<SshOutcome>;

const PROMPT_TIMEOUT_MS = 180_000;

export class SshService {
  private readonly attempts = new Map<string, { run: Interactive<SshOutcome>; timer: NodeJS.Timeout }>();
  private readonly sessions = new Map<string, Session>();
  readonly lanes: SshLanes;

  constructor(
    engine: Engine,
    private readonly options: SshServiceOptions = {},
  ) {
    this.lanes = new SshLanes(engine, (spec, then) => this.converse(spec, then));
  }

  resolve(target: SshTarget): Promise<ResolvedChain> {
    return resolveChain(target, this.options.resolve);
  }

  connect(spec: ConnectSpec): Promise<SshOutcome> {
    return this.converse(spec, async (connection, facts, resolved) => {
      const id = randomUUID();
      const timer = setTimeout(() => this.disconnect(id), this.options.idleMs ?? 600_000).unref();
      this.sessions.set(id, { id, spec, connection, facts, resolved, timer });
      void connection.closed.then(() => this.sessions.get(id)?.connection === connection && this.forget(id));
      return {
        status: 'connected',
        session: id,
        target: endpointLabel(connection.endpoint),
        hostKey: connection.hostKey,
        remembered: connection.remembered.map((q) => ({
          name: q.name,
          fingerprint: q.fingerprint,
          file: q.knownHostsFile,
        })),
        system: facts.os.name || facts.os.kernel || 'unknown system',
        tcpdump: facts.tcpdump,
        interfaces: [...facts.interfaces],
      };
    });
  }

  async answer(attempt: string, responses: readonly string[] | null): Promise<SshOutcome> {
    const entry = this.attempts.get(attempt);
    if (!entry) throw new SshError('no-session', 'this sign-in question has expired: connect again');
    this.attempts.delete(attempt);
    clearTimeout(entry.timer);
    if (responses === null) {
      entry.run.cancel();
      throw new SshError('cancelled', 'sign-in cancelled');
    }
    return this.outcome(entry.run, entry.run.answer(responses));
  }

  /** Takes a connected session out of the waiting list (it becomes a lane, or is closed). */
  take(id: string): Session {
    const session = this.sessions.get(id);
    if (!session) throw new SshError('no-session', 'this connection is closed or has expired: connect again');
    this.forget(id);
    return session;
  }

  disconnect(id: string): boolean {
    const session = this.sessions.get(id);
    if (!session) return false;
    this.forget(id);
    session.connection.close();
    return true;
  }

  private forget(id: string): void {
    const session = this.sessions.get(id);
    if (session) clearTimeout(session.timer);
    this.sessions.delete(id);
  }

  /** Resolve, connect (maybe asking), gather the host's facts, then `then`. */
  private async converse(spec: ConnectSpec, then: Then): Promise<SshOutcome> {
    const { target, jumps } = await this.resolve(spec.target);
    const run = interactive(async (prompter) => {
      const connection = await connectSsh({
        target,
        jumps,
        auth: spec.auth,
        trust: spec.trust,
        prompter,
        ...this.options.connect,
      });
      try {
        return await then(connection, await gatherFacts(connection.client), target);
      } catch (error) {
        connection.close();
        throw error;
      }
    });
    return this.outcome(run, run.first);
  }

  private async outcome(run: Interactive<SshOutcome>, next: Promise<Step<SshOutcome>>): Promise<SshOutcome> {
    let step: Step<SshOutcome>;
    try {
      step = await next;
    } catch (error) {
      if (error instanceof UnknownHostKeyError) return { status: 'host-key', ...error.question };
      throw error;
    }
    if (step.kind === 'done') return step.value;
    const attempt = randomUUID();
    const timer = setTimeout(() => {
      this.attempts.delete(attempt);
      run.cancel();
    }, PROMPT_TIMEOUT_MS).unref();
    this.attempts.set(attempt, { run, timer });
    const { host, name, instructions, prompts } = step.request;
    return { status: 'prompts', attempt, host, name, instructions, prompts: [...prompts] };
  }
}
