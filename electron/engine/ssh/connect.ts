/**
 * One SSH connection to a target, through its ProxyJump chain: a TCP socket of our own to the first
 * hop (so a refused, unresolvable or silent host gets its own message), then each next hop over a
 * `direct-tcpip` channel of the previous one. Every hop's host key is checked against known_hosts
 * before any credential is sent; every hop authenticates with its own handler (auth.ts).
 */
import { connect as tcpConnect, type LookupFunction, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import ssh2, { type Client as ClientType } from 'ssh2';
import { hopAuth, type AuthChoice, type Prompter } from './auth.js';
import type { ResolvedHost } from './config.js';
import {
  endpointLabel,
  handshakeError,
  socketError,
  SshError,
  timeoutError,
  type Endpoint,
} from './errors.js';
import type { HostKeyQuestion, HostKeyTrust } from './host-key-policy.js';
import { hostKeyCheck } from './host-key-check.js';

export interface ConnectOptions {
  readonly target: ResolvedHost;
  readonly jumps?: readonly ResolvedHost[];
  readonly auth: AuthChoice;
  /** The user's answers to unknown host keys met in earlier attempts. */
  readonly trust?: readonly HostKeyTrust[];
  readonly prompter?: Prompter;
  /** Read and write this known_hosts instead of the configured ones (the CLI's --known-hosts). */
  readonly knownHostsFile?: string | undefined;
  /** Trust and remember an unknown key without asking (the CLI's --accept-new-host-key). */
  readonly acceptNewHostKey?: boolean;
  readonly connectTimeoutMs?: number;
  /** The handshake and authentication together, not counting time spent answering prompts. */
  readonly handshakeTimeoutMs?: number;
  /** DNS lookup for the first hop (tests replace it to stay off the network). */
  readonly lookup?: LookupFunction;
}

export interface SshConnection {
  readonly client: ClientType;
  readonly endpoint: Endpoint;
  readonly hostKey: { readonly type: string; readonly fingerprint: string };
  /** Host keys remembered (written to known_hosts) while connecting. */
  readonly remembered: readonly HostKeyQuestion[];
  /** Resolves, once, with why the connection ended ("closed by us" after `close`). */
  readonly closed: Promise<string>;
  close(): void;
}

const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
const DEFAULT_HANDSHAKE_TIMEOUT_MS = 30_000;
function endpointOf(hop: ResolvedHost): Endpoint {
  return { host: hop.hostName, port: hop.port, user: hop.user };
}

function tcpSocket(hop: ResolvedHost, options: ConnectOptions): Promise<Socket> {
  const timeoutMs = options.connectTimeoutMs ?? (hop.connectTimeoutSeconds ?? 0) * 1000;
  const limit = timeoutMs > 0 ? timeoutMs : DEFAULT_CONNECT_TIMEOUT_MS;
  return new Promise((resolve, reject) => {
    const socket = tcpConnect({
      host: hop.hostName,
      port: hop.port,
      ...(options.lookup && { lookup: options.lookup }),
    });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(timeoutError(endpointOf(hop), limit, 'the TCP connection'));
    }, limit);
    socket.once('connect', () => {
      clearTimeout(timer);
      resolve(socket);
    });
    socket.once('error', (error) => {
      clearTimeout(timer);
      reject(socketError(error, endpointOf(hop), limit));
    });
  });
}

/** A channel from `via` to the next hop, as the socket for that hop's SSH session. */
function tunnel(via: ClientType, viaHop: ResolvedHost, hop: ResolvedHost): Promise<Duplex> {
  return new Promise((resolve, reject) => {
    via.forwardOut('127.0.0.1', 0, hop.hostName, hop.port, (error, channel) => {
      if (!error) return resolve(channel);
      const why = error.message.replace(/^\(SSH\) Channel open failure: /, '');
      const hint = /prohibited/i.test(why) ? ' (TCP forwarding is disabled there: AllowTcpForwarding)' : '';
      reject(
        new SshError(
          'jump',
          `the jump host ${endpointLabel(endpointOf(viaHop))} could not connect to ` +
            `${endpointLabel(endpointOf(hop))}: ${why}${hint}`,
        ),
      );
    });
  });
}

interface HopResult {
  readonly client: ClientType;
  readonly hostKey: { type: string; fingerprint: string };
  readonly remembered: HostKeyQuestion | null;
}

/** Handshake, host-key check and authentication of one hop over `sock`. */
function openHop(
  hop: ResolvedHost,
  index: number,
  role: 'target' | 'jump',
  sock: Duplex,
  options: ConnectOptions,
): Promise<HopResult> {
  const check = hostKeyCheck(hop, index, options);
  const limit = options.handshakeTimeoutMs ?? DEFAULT_HANDSHAKE_TIMEOUT_MS;
  let timer: NodeJS.Timeout | undefined;
  let expire: () => void = () => {};
  const arm = () => (timer = setTimeout(() => expire(), limit));
  // The handshake's clock stops while a person reads a prompt: only the server's silence times out.
  const prompter: Prompter | undefined = options.prompter
    ? async (request) => {
        clearTimeout(timer);
        try {
          return await (options.prompter as Prompter)(request);
        } finally {
          arm();
        }
      }
    : undefined;
  const auth = hopAuth(hop, role, options.auth, prompter);
  const client = new ssh2.Client();
  return new Promise((resolve, reject) => {
    let ready = false;
    const fail = (error: unknown) => {
      clearTimeout(timer);
      client.removeAllListeners('ready');
      client.removeListener('close', closedEarly);
      client.end();
      sock.destroy();
      reject(check.result.refusal ?? handshakeError(error, endpointOf(hop), auth.tried));
    };
    const closedEarly = () => fail(new Error('the server closed the connection during the handshake'));
    expire = () => fail(new Error('Timed out while waiting for handshake'));
    // Errors may come more than once (a protocol error, then the socket's): one listener, for the
    // client's whole life; once ready, the connection's own listener records the reason instead.
    client.on('error', (error) => {
      if (!ready) fail(error);
    });
    client.once('ready', () => {
      ready = true;
      clearTimeout(timer);
      client.removeListener('close', closedEarly);
      const hostKey = check.result.seen ?? { type: '', fingerprint: '' };
      resolve({ client, hostKey, remembered: check.result.remembered });
    });
    client.once('close', closedEarly);
    arm();
    client.connect({
      sock,
      username: hop.user,
      authHandler: auth.handler,
      hostVerifier: check.verify,
      readyTimeout: 0,
      keepaliveInterval: 5000,
      keepaliveCountMax: 3,
      algorithms: { serverHostKey: check.algorithms as never },
    });
  });
}

export async function connectSsh(options: ConnectOptions): Promise<SshConnection> {
  const hops = [...(options.jumps ?? []), options.target];
  const clients: ClientType[] = [];
  const remembered: HostKeyQuestion[] = [];
  const closeAll = () => [...clients].reverse().forEach((client) => client.end());
  try {
    let result: HopResult | undefined;
    for (const [index, hop] of hops.entries()) {
      const previous = clients[clients.length - 1];
      const previousHop = hops[index - 1];
      const sock =
        previous && previousHop ? await tunnel(previous, previousHop, hop) : await tcpSocket(hop, options);
      result = await openHop(hop, index, index === hops.length - 1 ? 'target' : 'jump', sock, options);
      clients.push(result.client);
      if (result.remembered) remembered.push(result.remembered);
    }
    if (!result) throw new SshError('config', 'no host to connect to');
    return connection(result, endpointOf(options.target), remembered, closeAll);
  } catch (error) {
    closeAll();
    throw error;
  }
}

function connection(
  result: HopResult,
  endpoint: Endpoint,
  remembered: readonly HostKeyQuestion[],
  closeAll: () => void,
): SshConnection {
  const { client } = result;
  let lastError: string | null = null;
  let closing = false;
  client.on('error', (error: Error) => (lastError = error.message));
  const closed = new Promise<string>((resolve) =>
    client.once('close', () => {
      if (!closing) closeAll(); // the target went: the jump hosts have nothing left to carry
      resolve(closing ? 'closed by us' : (lastError ?? 'the server closed the connection'));
    }),
  );
  return {
    client,
    endpoint,
    hostKey: result.hostKey,
    remembered,
    closed,
    close() {
      closing = true;
      closeAll();
    },
  };
}
