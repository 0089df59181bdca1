/** "1,000,000": one shared formatter (Number#toLocaleString builds a new one per call: slow in a render loop). */
const counts = new Intl.NumberFormat('en-US');

export function formatCount(n: number): string {
  return counts.format(n);
}
