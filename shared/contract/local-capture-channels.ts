/**
 * Channels of live capture from a local interface (issue "Live capture from a local interface"):
 * the interface picker, capture-filter validation, start, restart. `capture.stop` is a core channel.
 * Each entry is `name: { request, response }` as in channels.ts; names go in local-capture-names.ts.
 */
import { z } from 'zod';
import { LaneId, LaneInfo, LaneRole } from './schemas.js';

const interfaceName = z.string().min(1).max(256);
const hostName = z.string().min(1).max(253);
const count = z.number().int().nonnegative();

/** The libpcap program that holds the capture rights (DESIGN.md: the GUI never does). */
export const CaptureHelper = z.object({ kind: z.enum(['tcpdump', 'dumpcap']), path: z.string() });
export type CaptureHelper = z.infer<typeof CaptureHelper>;

/** Why capturing cannot start here, and the exact commands that fix it on this OS. */
export const CaptureProblem = z.object({
  kind: z.enum(['missing-helper', 'no-rights', 'helper-failed']),
  message: z.string(),
  fix: z.array(z.string()),
});
export type CaptureProblem = z.infer<typeof CaptureProblem>;

export const CaptureReadiness = z.object({
  helper: CaptureHelper.nullable(),
  canCapture: z.boolean(),
  problem: CaptureProblem.nullable(),
  /** "Capture as administrator" can run here (pkexec on Linux, an authorization prompt on macOS). */
  canElevate: z.boolean(),
});
export type CaptureReadiness = z.infer<typeof CaptureReadiness>;

/** One interface as libpcap offers it, joined with the OS's addresses and flags. */
export const LocalInterface = z.object({
  name: interfaceName,
  description: z.string(),
  addresses: z.array(z.string()),
  up: z.boolean(),
  running: z.boolean(),
  loopback: z.boolean(),
  wireless: z.boolean(),
  /** The kernel's operstate ("up", "down", "unknown" for loopback…), or "" where there is none. */
  operState: z.string(),
  /** The pcap link type a capture on it produces, when known without capturing. */
  linkType: count.nullable(),
  /** Worth offering by default: up, and a network interface rather than a bus monitor. */
  usable: z.boolean(),
});
export type LocalInterface = z.infer<typeof LocalInterface>;

/** Interface counters from the OS (no capture rights needed): the picker's sparklines. */
export const InterfaceCounters = z.object({
  /** Milliseconds since the epoch when they were read. */
  at: z.number(),
  counters: z.array(z.object({ name: interfaceName, packets: count, bytes: count })),
});
export type InterfaceCounters = z.infer<typeof InterfaceCounters>;

export const FilterCheck = z.object({
  filter: z.string(),
  /** unchecked: no helper here can compile it without capture rights (only dumpcap, no rights). */
  status: z.enum(['valid', 'invalid', 'unchecked']),
  /** The compiler's own message when invalid, or why it went unchecked. */
  message: z.string().nullable(),
});
export type FilterCheck = z.infer<typeof FilterCheck>;

export const CaptureStartRequest = z
  .object({
    interfaces: z.array(interfaceName).min(1).max(16),
    filter: z.string().max(4096),
    /** The "Front leg" preset: resolve this name at start and add `and (host a or host b …)`. */
    frontLegHost: hostName.optional(),
    snapLength: z.number().int().min(0).max(262144).optional(),
    promiscuous: z.boolean().optional(),
    bufferSizeMiB: z.number().int().min(1).max(4096).optional(),
    stopAfter: z
      .object({
        packets: z.number().int().positive().optional(),
        seconds: z.number().positive().max(604800).optional(),
        bytes: z.number().int().positive().optional(),
      })
      .strict()
      .optional(),
    role: LaneRole.optional(),
    /** Run the helper (only it) as administrator for this capture. */
    elevate: z.boolean().optional(),
  })
  .strict();
export type CaptureStartRequest = z.infer<typeof CaptureStartRequest>;

export const localCaptureRequests = {
  /** The picker's list: every interface the helper offers, and whether capturing can start. */
  'capture.interfaces': {
    request: z.object({}).strict(),
    response: z.object({ interfaces: z.array(LocalInterface), readiness: CaptureReadiness }),
  },
  /** Packet and byte counters per interface, polled about once a second for the sparklines. */
  'capture.counters': { request: z.object({}).strict(), response: InterfaceCounters },
  /** Compiles a capture filter without privileges (for the interface's link type). */
  'capture.validate': {
    request: z.object({ filter: z.string().max(4096), interface: interfaceName.optional() }).strict(),
    response: FilterCheck,
  },
  /** A host name's current addresses (the front-leg preset shows them before starting). */
  'capture.resolve': {
    request: z.object({ host: hostName }).strict(),
    response: z.object({ host: hostName, addresses: z.array(z.string()) }),
  },
  /** Starts one lane per interface; nothing starts when the filter is invalid or rights are missing. */
  'capture.start': {
    request: CaptureStartRequest,
    response: z.object({
      lanes: z.array(LaneInfo),
      /** The filter the helper runs (with the preset's resolved addresses). */
      filter: z.string(),
      addresses: z.array(z.string()),
    }),
  },
  /**
   * Captures again on a stopped local-capture lane, with its interface, filter and options: into
   * that lane (`append`: frames numbered on from where they stopped, TCP streams continued) or into
   * a new one. Answers the lane that captures now.
   */
  'capture.restart': {
    request: z.object({ lane: LaneId, append: z.boolean() }).strict(),
    response: LaneInfo,
  },
} as const;
