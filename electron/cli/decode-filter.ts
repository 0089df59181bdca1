/**
 * `hammerhead decode FILE -Y FILTER`: only the frames a display filter matches, numbered as in the
 * whole file (as tshark prints them). The filter needs what the detail path knows (reassembled PDUs,
 * TCP analysis), so the file is opened as a lane by the engine in-process, filtered as the app
 * filters a view, and the matching rows are printed in the same formats as plain `decode`.
 * An invalid filter is reported as tshark does: the message, the filter, and a caret line under the
 * exact characters; exit code 2.
 */
import type { Writable } from 'node:stream';
import type { LaneInfo, PacketRow, ViewId } from '../../shared/contract/index.js';
import { checkFilter } from '../../shared/filter/index.js';
import { formatSeconds } from '../../shared/time-format.js';
import { Engine } from '../engine/engine.js';
import { filterServiceOf } from '../engine/filter/filter-handlers.js';
import { formatEpoch } from '../engine/pcap/timestamp.js';
import { loadKeyLogs } from './keylog-args.js';

export interface FilteredDecodeOptions {
  readonly json: boolean;
  readonly filter: string;
  /** Key log files (--keylog), read before the capture (whose own DSBs the lane reads). */
  readonly keylogs?: readonly string[];
  readonly out?: Writable;
  readonly err?: Writable;
}

const PAGE = 5000;

/** tshark's way of showing where a filter is wrong. */
export function filterErrorText(filter: string, position: number, length: number, message: string): string {
  const caret = `${' '.repeat(position)}^${'~'.repeat(Math.max(0, length - 1))}`;
  return `${message}\n    ${filter}\n    ${caret}\n`;
}

function rowLine(row: PacketRow, lane: LaneInfo): string {
  const decimals = lane.interfaces.find((i) => i.id === row.interfaceId)?.timeDecimals ?? 6;
  const first = lane.firstTimestamp;
  const time = row.time && first ? formatSeconds(row.time, first, decimals) : '';
  const arrow = row.source || row.destination ? ' → ' : ' ';
  const number = row.number < 10000 ? String(row.number).padStart(5, ' ') : String(row.number);
  return `${number} ${time} ${row.source}${arrow}${row.destination} ${row.protocol} ${row.length} ${row.info}\n`;
}

function rowJson(row: PacketRow): string {
  const time = row.time ? `"${formatEpoch(row.time.seconds, row.time.nanos)}"` : 'null';
  return (
    `{"number":${row.number},"time":${time},"source":${JSON.stringify(row.source)},` +
    `"destination":${JSON.stringify(row.destination)},"protocol":${JSON.stringify(row.protocol)},` +
    `"length":${row.length},"capturedLength":${row.capturedLength},"info":${JSON.stringify(row.info)}}\n`
  );
}

async function write(out: Writable, text: string): Promise<void> {
  if (!out.write(text)) await new Promise((resolve) => out.once('drain', resolve));
}

export async function runFilteredDecode(path: string, options: FilteredDecodeOptions): Promise<number> {
  const out = options.out ?? process.stdout;
  const err = options.err ?? process.stderr;
  const checked = checkFilter(options.filter);
  if (checked.error) {
    const { position, length, message } = checked.error;
    err.write(`hammerhead: ${filterErrorText(options.filter, position, length, message)}`);
    return 2;
  }
  for (const warning of checked.warnings) err.write(`hammerhead: warning: ${warning.message}\n`);
  const engine = new Engine();
  const warn = (message: string) => err.write(`hammerhead: warning: ${message}\n`);
  const keyProblem = await loadKeyLogs(engine.keys, options.keylogs ?? [], { watch: false, warn });
  if (keyProblem) {
    err.write(`hammerhead: ${keyProblem}\n`);
    await engine.dispose();
    return 2;
  }
  try {
    const opened = await engine.handle('file.open', { path });
    await engine.loaded(opened.lane);
    const { lanes } = await engine.handle('lanes.list', {});
    const lane = lanes.find((l) => l.lane === opened.lane) ?? opened;
    const { view } = await engine.handle('views.create', {
      lane: lane.lane,
      sort: null,
      filter: options.filter,
    });
    const done = await filterServiceOf(engine).settled(lane.lane, view as ViewId);
    if (done.state === 'failed') throw new Error(done.error ?? 'filter failed');
    for (let start = 0; start < done.matched; start += PAGE) {
      const window = await engine.handle('packets.rows', { lane: lane.lane, view, start, count: PAGE });
      await write(out, window.rows.map((row) => (options.json ? rowJson(row) : rowLine(row, lane))).join(''));
    }
    if (!lane.error) return 0;
    err.write(
      `hammerhead: ${path}: ${lane.error.message} (at byte ${lane.error.offset}, ${lane.error.blockType})\n`,
    );
    return 1;
  } catch (error) {
    err.write(`hammerhead: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  } finally {
    await engine.dispose();
  }
}

/** Takes `-Y FILTER` out of decode's arguments; a message when it has no filter after it. */
export function takeFilterArg(args: readonly string[]): { args: string[]; filter: string | null } | string {
  const at = args.indexOf('-Y');
  if (at < 0) return { args: [...args], filter: null };
  const filter = args[at + 1];
  if (filter === undefined) return '-Y needs a display filter';
  return { args: [...args.slice(0, at), ...args.slice(at + 2)], filter };
}
