/** How a lane's source reads in a tooltip or a status line. */
import type { LaneSource } from '../../shared/contract/index.js';

export function sourceLabel(source: LaneSource): string {
  switch (source.kind) {
    case 'file':
      return source.path;
    case 'local':
      return `${source.interface}${source.filter ? ` (${source.filter})` : ''}`;
    case 'ssh':
      return `${source.host}:${source.interface}${source.filter ? ` (${source.filter})` : ''}`;
  }
}
