/**
 * `hammerhead capture --ssh [USER@]HOST[:PORT] …`: tcpdump on the remote host, streamed home over
 * SSH and printed as it arrives, one line per frame in `hammerhead decode`'s format; `-w` also
 * writes pcapng. Host keys are verified (an unknown one is refused unless --accept-new-host-key);
 * credentials come from the agent or a key file, a passphrase or prompts from the terminal.
 */
import { closeSync, openSync, readFileSync } from 'node:fs';
import type { Writable } from 'node:stream';
import type { LookupFunction } from 'node:net';
import type { AuthChoice, Prompter } from '../engine/ssh/auth.js';
import { defaultInterface, launchCapture, planCapture } from '../engine/ssh/capture-plan.js';
import { parseSshCaptureArgs, SSH_CAPTURE_USAGE, type SshCaptureArgs } from '../engine/ssh/capture-args.js';
import { connectSsh, type SshConnection } from '../engine/ssh/connect.js';
import { endpointLabel } from '../engine/ssh/errors.js';
import { UnknownHostKeyError } from '../engine/ssh/host-key-policy.js';
import { isEncryptedKey } from '../engine/ssh/key-file.js';
import { gatherFacts } from '../engine/ssh/preflight.js';
import type { RemoteCapture } from '../engine/ssh/remote-capture.js';
import { resolveChain } from '../engine/ssh/resolve-chain.js';
import { terminalPrompter } from '../engine/ssh/terminal-prompt.js';
import { FramePrinter } from '../engine/ssh/frame-printer.js';
import type { ResolvedHost } from '../engine/ssh/config.js';

export { SSH_CAPTURE_USAGE };

export interface CaptureSshIo {
  readonly out?: Writable;
  readonly err?: Writable;
  /** Stops the capture (the CLI wires SIGINT to it). */
  readonly signal?: AbortSignal;
  /** Asks for a passphrase or keyboard-interactive answers (the CLI: the terminal, echo off). */
  readonly prompter?: Prompter;
  readonly lookup?: LookupFunction;
}

export async function runCaptureSsh(argv: readonly string[], io: CaptureSshIo = {}): Promise<number> {
  const err = io.err ?? process.stderr;
  let args: SshCaptureArgs;
  try {
    args = parseSshCaptureArgs(argv);
  } catch (error) {
    err.write(
      `hammerhead: ${(error as Error).message}\nusage: hammerhead capture --ssh …\n${SSH_CAPTURE_USAGE}`,
    );
    return 2;
  }
  // Run from the command line (no io given): Ctrl-C stops the capture, the terminal answers prompts.
  const sigint = new AbortController();
  const onSigint = () => sigint.abort();
  if (!io.signal) process.once('SIGINT', onSigint);
  io = { ...io, signal: io.signal ?? sigint.signal, prompter: io.prompter ?? terminalPrompter() };
  let connection: SshConnection | null = null;
  try {
    const opened = await open(args, io);
    connection = opened.connection;
    return await capture(connection, opened.target, args, io);
  } catch (error) {
    err.write(`hammerhead: ${message(error, args)}\n`);
    return 1;
  } finally {
    process.off('SIGINT', onSigint);
    connection?.close();
  }
}

function message(error: unknown, args: SshCaptureArgs): string {
  if (error instanceof UnknownHostKeyError) {
    const { question } = error;
    const file = args.knownHosts ? ` --known-hosts ${args.knownHosts}` : '';
    return (
      `${error.message}.\nIf ${question.fingerprint} is the fingerprint you expect for ${question.name}, ` +
      `run again with --accept-new-host-key${file} to trust it and remember it in ${question.knownHostsFile}.`
    );
  }
  return error instanceof Error ? error.message : String(error);
}

async function authFor(args: SshCaptureArgs, prompter: Prompter | undefined): Promise<AuthChoice> {
  if (!args.identity) return { method: 'auto' };
  if (!isEncryptedKey(readFileSync(args.identity, 'utf8')) || !prompter)
    return { method: 'key', keyFile: args.identity };
  const [passphrase] = await prompter({
    host: args.identity,
    name: 'Key passphrase',
    instructions: '',
    prompts: [{ prompt: `Enter passphrase for key '${args.identity}': `, echo: false }],
  });
  return { method: 'key', keyFile: args.identity, passphrase };
}

async function open(
  args: SshCaptureArgs,
  io: CaptureSshIo,
): Promise<{ connection: SshConnection; target: ResolvedHost }> {
  const { destination } = args;
  const chain = await resolveChain({
    host: destination.host,
    user: destination.user,
    port: destination.port,
    proxyJump: args.proxyJump,
    configFile: args.configFile,
  });
  const connection = await connectSsh({
    ...chain,
    auth: await authFor(args, io.prompter),
    ...(io.prompter && { prompter: io.prompter }),
    knownHostsFile: args.knownHosts,
    acceptNewHostKey: args.acceptNewHostKey,
    ...(io.lookup && { lookup: io.lookup }),
  });
  return { connection, target: chain.target };
}

async function capture(
  connection: SshConnection,
  target: ResolvedHost,
  args: SshCaptureArgs,
  io: CaptureSshIo,
): Promise<number> {
  const err = io.err ?? process.stderr;
  const facts = await gatherFacts(connection.client);
  const iface = args.interface ?? defaultInterface(facts);
  if (!iface) throw new Error(`no capture interface found on ${endpointLabel(connection.endpoint)}`);
  const request = {
    interface: iface,
    filter: args.filter,
    privilege: args.privilege,
    count: args.count,
    command: args.command,
  };
  const command = await planCapture(connection, facts, target, request);
  // The remote's stderr as it comes, but its final counters once, in the summary below.
  const remote = await launchCapture(connection, command, (line) => {
    if (!/^\d+ packets? (captured|received|dropped)/.test(line))
      err.write(`${endpointLabel(connection.endpoint)}: ${line}\n`);
  });
  const stop = () => void remote.stop();
  const timer = args.durationSeconds ? setTimeout(stop, args.durationSeconds * 1000) : undefined;
  io.signal?.addEventListener('abort', stop, { once: true });
  try {
    const frames = await consume(remote, args, io, `${endpointLabel(connection.endpoint)} ${iface}`);
    const counters = remote.counters();
    if (counters)
      err.write(
        `${counters.captured} packets captured, ${counters.received} received by filter, ` +
          `${counters.droppedByKernel} dropped by kernel; ${frames} frames stored\n`,
      );
    return remote.endError() ? 1 : 0;
  } finally {
    clearTimeout(timer);
    io.signal?.removeEventListener('abort', stop);
  }
}

/** Prints (and writes) every frame; returns how many. A lost connection keeps what came before it. */
async function consume(
  remote: RemoteCapture,
  args: SshCaptureArgs,
  io: CaptureSshIo,
  label: string,
): Promise<number> {
  const fd = args.write ? openSync(args.write, 'w', 0o644) : null;
  const printer = new FramePrinter(io.out ?? process.stdout, fd, { label, filter: args.filter });
  try {
    for await (const chunk of remote.chunks) await printer.feed(chunk);
  } catch (error) {
    (io.err ?? process.stderr).write(`hammerhead: ${(error as Error).message}\n`);
  } finally {
    await printer.end(remote.counters());
    if (fd !== null) closeSync(fd);
  }
  return printer.frames;
}
