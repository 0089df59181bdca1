/** A live lane's counters for the status bar: received, and drops (highlighted once there are any). */
import type { CaptureStats as Stats } from '../../../shared/contract/index.js';
import { formatCount } from '../../lib/format-count.js';

export function CaptureStats({ stats }: { readonly stats: Stats | null }) {
  if (!stats) return null;
  const dropped = stats.droppedByKernel + (stats.droppedByInterface ?? 0);
  const iface =
    stats.droppedByInterface === null
      ? ''
      : ` · ${formatCount(stats.droppedByInterface)} dropped by interface`;
  return (
    <span data-testid="capture-stats" className={dropped > 0 ? 'status-error' : undefined}>
      {` · ${formatCount(stats.received)} received · ${formatCount(stats.droppedByKernel)} dropped by kernel${iface}`}
    </span>
  );
}
