/**
 * Starting one helper on one interface: the argv (launcher, elevation, helper, arguments), the
 * spawn, and the wait until it listens. A helper that cannot capture becomes a `CaptureStartError`
 * carrying the guidance for this OS; nothing is left running after a failed start.
 */
import type { CaptureHelper, CaptureProblem } from '../../../shared/contract/local-capture-channels.js';
import { captureArgs, type CaptureSettings } from './local-args.js';
import { elevationProgram, osascriptArgv, pkexecArgv } from './local-elevate.js';
import { ElevatedHelper, makeFifos, type ProgramSpawn } from './local-osascript.js';
import { HelperRun } from './local-process.js';
import { classifyFailure, currentUser, rightsGuidance } from './local-privileges.js';

export class CaptureStartError extends Error {
  constructor(readonly problem: CaptureProblem) {
    super(problem.fix.length ? `${problem.message}\n  ${problem.fix.join('\n  ')}` : problem.message);
  }
}

export interface LaunchContext {
  readonly platform: NodeJS.Platform;
  readonly env: NodeJS.ProcessEnv;
  readonly launcher: readonly string[];
  readonly statsIntervalMs: number;
  readonly readyTimeoutMs: number;
  readonly elevate: boolean;
  /** Starts the elevation program where it is not a pipe to the helper (macOS: osascript); tests stub it. */
  readonly spawnProgram?: ProgramSpawn | undefined;
}

/** An elevated run waits for a person to type a password. */
const ELEVATED_READY_MS = 120_000;

/** The whole command of a helper whose output is our pipe: as is, through a launcher, or via pkexec. */
export function launchArgv(
  helper: CaptureHelper,
  settings: CaptureSettings,
  context: LaunchContext,
): string[] {
  if (!context.elevate) return [...context.launcher, helper.path, ...captureArgs(helper, settings, context)];
  const program = elevationProgram(context.platform, context.env);
  if (context.platform !== 'linux' || !program)
    throw new CaptureStartError({
      kind: 'no-rights',
      message:
        context.platform === 'linux'
          ? '"Capture as administrator" needs pkexec (polkit), which is not installed: sudo apt-get install pkexec'
          : `"Capture as administrator" is not available on ${context.platform}`,
      fix: [],
    });
  const args = captureArgs(helper, settings, { ...context, dropToUser: currentUser() });
  return pkexecArgv(program, helper.path, args);
}

/** The helper's run: a child of ours, or on macOS as administrator, started by osascript (FIFOs). */
async function startRun(helper: CaptureHelper, settings: CaptureSettings, context: LaunchContext) {
  const options = { kind: helper.kind, platform: context.platform, statsIntervalMs: context.statsIntervalMs };
  const program = context.platform === 'darwin' ? elevationProgram('darwin', context.env) : null;
  if (!context.elevate || !program)
    return new HelperRun({ ...options, argv: launchArgv(helper, settings, context) });
  const fifos = await makeFifos();
  const output = { ...context, dropToUser: currentUser(), output: fifos.data };
  const argv = osascriptArgv(program, helper.path, captureArgs(helper, settings, output), fifos.error);
  return new HelperRun({
    ...options,
    argv,
    spawn: (a) => new ElevatedHelper(a, fifos, context.spawnProgram),
  });
}

/** Spawns the helper and waits until it listens; throws the reason (with guidance) otherwise. */
export async function launchHelper(
  helper: CaptureHelper,
  settings: CaptureSettings,
  context: LaunchContext,
  others: readonly CaptureHelper[],
): Promise<HelperRun> {
  const run = await startRun(helper, settings, context);
  try {
    await run.ready(context.elevate ? ELEVATED_READY_MS : context.readyTimeoutMs);
    return run;
  } catch (error) {
    await run.stop();
    await run.exited;
    const message = error instanceof Error ? error.message : String(error);
    throw startProblem(helper, settings.interface, message, context, others);
  }
}

function startProblem(
  helper: CaptureHelper,
  iface: string,
  message: string,
  context: LaunchContext,
  others: readonly CaptureHelper[],
): CaptureStartError {
  switch (classifyFailure(message)) {
    case 'no-rights':
      if (context.elevate) break;
      return new CaptureStartError(rightsGuidance(helper, context.platform, currentUser(), others));
    case 'no-such-device':
    case 'interface-gone':
      return new CaptureStartError({
        kind: 'helper-failed',
        message: `there is no interface "${iface}" that is up (${message}); pick one from the list`,
        fix: [],
      });
    default:
      break;
  }
  return new CaptureStartError({ kind: 'helper-failed', message, fix: [] });
}
