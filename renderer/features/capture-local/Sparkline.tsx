/** A small packets-per-second line (SVG attributes only: the CSP allows no inline style). */
import { formatRate, sparklinePoints } from './rates.js';

const WIDTH = 90;
const HEIGHT = 18;

export function Sparkline({ values, name }: { values: readonly number[]; name: string }) {
  const last = values[values.length - 1] ?? 0;
  return (
    <span className="cl-spark" title={`${name}: ${formatRate(last)} packets`}>
      <svg
        width={WIDTH}
        height={HEIGHT}
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-label={`${name} packets per second`}
        data-testid="sparkline"
        data-points={values.length}
        data-last={Math.round(last)}
      >
        <polyline
          points={sparklinePoints(values, WIDTH, HEIGHT)}
          fill="none"
          stroke="currentColor"
          strokeWidth="1.2"
        />
      </svg>
      <span className="cl-rate">{formatRate(last)}</span>
    </span>
  );
}
