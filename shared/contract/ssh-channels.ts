/**
 * Channels of SSH remote capture (issue "SSH remote capture"): hosts from ~/.ssh/config, host-key
 * trust, remote interfaces, preflight, start. Each entry is `name: { request, response }` as in
 * channels.ts; names go in ssh-names.ts.
 *
 * A connection is a conversation: `ssh.connect` answers `connected` (with the host's interfaces),
 * `host-key` (an unknown host: ask the user, then connect again with the answer in `trust`) or
 * `prompts` (keyboard-interactive questions: answer them with `ssh.answer`). Secrets travel in
 * requests only, and the engine keeps them in memory only.
 */
import { z } from 'zod';
import { LaneId, LaneInfo, LaneRole } from './schemas.js';

const name = z.string().min(1).max(1024);
const secret = z.string().max(4096);
const port = z.number().int().min(1).max(65535);

export const SshTarget = z
  .object({
    /** A host name, an address, or a ~/.ssh/config alias. */
    host: name,
    user: z.string().min(1).max(256).optional(),
    port: port.optional(),
    /** ProxyJump: `[user@]host[:port]`, comma-separated for a chain. */
    proxyJump: z.string().max(4096).optional(),
    /** An OpenSSH config file instead of ~/.ssh/config (`ssh -F`). */
    configFile: z.string().min(1).max(4096).optional(),
  })
  .strict();
export type SshTarget = z.infer<typeof SshTarget>;

export const SshAuth = z
  .object({
    /** auto: the agent, then the config's identity files, then keyboard-interactive. */
    method: z.enum(['auto', 'agent', 'key', 'password', 'keyboard-interactive']),
    keyFile: z.string().min(1).max(4096).optional(),
    passphrase: secret.optional(),
    password: secret.optional(),
    agentSocket: z.string().min(1).max(4096).optional(),
  })
  .strict();
export type SshAuth = z.infer<typeof SshAuth>;

export const HostKeyTrust = z
  .object({ host: name, port, fingerprint: z.string().min(1).max(256), remember: z.boolean() })
  .strict();
export type HostKeyTrust = z.infer<typeof HostKeyTrust>;

export const SshPrivilege = z.enum(['none', 'sudo', 'doas']);
export type SshPrivilege = z.infer<typeof SshPrivilege>;

const RemoteInterface = z.object({ name: z.string(), description: z.string() });

export const SshOutcome = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('connected'),
    session: z.string(),
    /** `user@host:port` as connected (after ~/.ssh/config). */
    target: z.string(),
    hostKey: z.object({ type: z.string(), fingerprint: z.string() }),
    /** Host keys written to known_hosts while connecting (trust and remember, accept-new). */
    remembered: z.array(z.object({ name: z.string(), fingerprint: z.string(), file: z.string() })),
    system: z.string(),
    /** Where tcpdump is on the host, or null when it is not installed. */
    tcpdump: z.string().nullable(),
    interfaces: z.array(RemoteInterface),
  }),
  /** `ssh.reconnect` done: the lane captures again. */
  z.object({ status: z.literal('capturing'), lane: LaneInfo }),
  z.object({
    status: z.literal('host-key'),
    host: z.string(),
    port,
    /** The known_hosts name (`host`, `[host]:port`, or HostKeyAlias). */
    name: z.string(),
    keyType: z.string(),
    /** `SHA256:…`, as `ssh-keygen -l` prints it. */
    fingerprint: z.string(),
    knownHostsFile: z.string(),
    /** 0 for the first jump host, or the target when there is none. */
    hop: z.number().int().nonnegative(),
  }),
  z.object({
    status: z.literal('prompts'),
    attempt: z.string(),
    host: z.string(),
    name: z.string(),
    instructions: z.string(),
    prompts: z.array(z.object({ prompt: z.string(), echo: z.boolean() })),
  }),
]);
export type SshOutcome = z.infer<typeof SshOutcome>;

export const sshRequests = {
  /** What ~/.ssh/config (`ssh -G`, else the ssh-config package) makes of a host. */
  'ssh.resolve': {
    request: SshTarget,
    response: z.object({
      hostName: z.string(),
      user: z.string(),
      port,
      proxyJump: z.array(z.string()),
      identityFiles: z.array(z.string()),
      knownHostsFiles: z.array(z.string()),
      strictHostKeyChecking: z.enum(['yes', 'ask', 'accept-new', 'no']),
      resolvedBy: z.enum(['ssh -G', 'ssh-config']),
    }),
  },
  /** Connects (host keys verified, then authentication), then lists the host's interfaces. */
  'ssh.connect': {
    request: z
      .object({ target: SshTarget, auth: SshAuth, trust: z.array(HostKeyTrust).max(16).optional() })
      .strict(),
    response: SshOutcome,
  },
  /** Answers keyboard-interactive prompts (null: cancel the attempt). */
  'ssh.answer': {
    request: z
      .object({ attempt: z.string().max(64), responses: z.array(secret).max(32).nullable() })
      .strict(),
    response: SshOutcome,
  },
  /** Preflight (tcpdump, privilege, interface), then the capture as a new lane. */
  'ssh.start': {
    request: z
      .object({
        session: z.string().max(64),
        interface: z.string().min(1).max(256),
        /** The capture filter; the session's own SSH packets are excluded in addition. */
        filter: z.string().max(4096),
        privilege: SshPrivilege,
        count: z.number().int().positive().max(1_000_000_000).optional(),
        /** Advanced: a remote command that writes pcap to stdout, instead of tcpdump. */
        command: z.string().min(1).max(8192).optional(),
        role: LaneRole.optional(),
        title: z.string().min(1).max(256).optional(),
      })
      .strict(),
    response: LaneInfo,
  },
  /** Closes a connected session that will not capture (the dialog was cancelled). */
  'ssh.disconnect': {
    request: z.object({ session: z.string().max(64) }).strict(),
    response: z.object({ closed: z.boolean() }),
  },
  /** Connects again for a lane whose connection was lost; its capture continues in the same lane. */
  'ssh.reconnect': {
    request: z.object({ lane: LaneId, trust: z.array(HostKeyTrust).max(16).optional() }).strict(),
    response: SshOutcome,
  },
  /** The remote side of an SSH lane: the command, tcpdump's stderr, its counters, reconnectable. */
  'ssh.status': {
    request: z.object({ lane: LaneId }).strict(),
    response: z.object({
      lane: LaneId,
      target: z.string(),
      command: z.string(),
      connected: z.boolean(),
      reconnectable: z.boolean(),
      stderr: z.array(z.string()),
      counters: z
        .object({
          captured: z.number().int().nonnegative(),
          received: z.number().int().nonnegative(),
          droppedByKernel: z.number().int().nonnegative(),
        })
        .nullable(),
    }),
  },
} as const;
