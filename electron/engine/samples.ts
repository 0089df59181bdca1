/**
 * The sample captures that ship with the app (assets/samples), offered on the start page so a new
 * user sees the product working before setting anything up. Only samples whose files are all
 * present are listed (a checkout without the lab's recording still offers the rest).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { LaneRole, ResponseOf } from '../../shared/contract/index.js';

export type Sample = ResponseOf<'samples.list'>['samples'][number];

const DEFINITIONS: readonly {
  id: string;
  title: string;
  description: string;
  files: readonly [string, LaneRole][];
}[] = [
  {
    id: 'load-balancer',
    title: 'Open the load-balancer sample',
    description:
      'One lab session: the browser → load balancer leg (TLS, key log embedded) and the load balancer → target leg of both targets (HTTP).',
    files: [
      ['lb-front.pcapng', 'front'],
      ['lb-back-target1.pcap', 'back'],
      ['lb-back-target2.pcap', 'back'],
    ],
  },
  {
    id: 'loopback-http',
    title: 'Open a small HTTP capture',
    description: 'A few HTTP requests on the loopback interface.',
    files: [['loopback-http.pcap', 'none']],
  },
];

export function listSamples(dir: string | null): Sample[] {
  if (dir === null) return [];
  return DEFINITIONS.filter(({ files }) => files.every(([file]) => existsSync(join(dir, file)))).map(
    ({ id, title, description, files }) => ({
      id,
      title,
      description,
      lanes: files.map(([file, role]) => ({ path: join(dir, file), role })),
    }),
  );
}
