/**
 * Names and addresses of one lab run, all derived from its 4-hex run id, so that two runs never
 * collide and a crashed run can be found again from its id alone.
 *
 *   client ns                 load balancer ns              vpc ns (bridge)        target ns ×2
 *   hh<id>c 10.213.0.2 ─veth─ hh<id>f 10.213.0.1:443
 *                             hh<id>l 10.213.K.5 ──veth── hh<id>pl ┐
 *                                                         hh<id>p1 ├ hh<id>br ─ hh<id>t1 10.213.K.11 :80 :22
 *                                                         hh<id>p2 ┤          ─ hh<id>t2 10.213.K.12 :80 :22
 *   test's own ns (root): hh<id>h 10.213.K.254 ──veth──── hh<id>ph ┘
 *
 * Only the host link has an address outside the lab's namespaces: a /24 with no gateway, whose K
 * is chosen per run so that two runs (or a real network) never share it. No namespace has a
 * default route, so nothing can leave the machine.
 */
import { join } from 'node:path';

export const STATE_ROOT = '/run/hammerhead-lab';
export const NAMESPACE_PREFIX = 'hh-';
export const SERVER_NAME = 'shop.lab.test';
export const SSH_USER = 'ec2-user';
export const HTTPS_PORT = 443;
export const HTTP_PORT = 80;
export const SSH_PORT = 22;

export type TargetName = 'target1' | 'target2';
export const TARGET_NAMES: readonly TargetName[] = ['target1', 'target2'];

export interface TargetPlan {
  readonly name: TargetName;
  readonly namespace: string;
  readonly iface: string;
  readonly bridgePort: string;
  readonly address: string;
  /** Directory of this target's files: web root, sshd config, host key, logs. */
  readonly dir: string;
}

export interface LabPlan {
  readonly runId: string;
  readonly dir: string;
  readonly vpcOctet: number;
  readonly prefixLength: 24;
  readonly client: { readonly namespace: string; readonly iface: string; readonly address: string };
  readonly loadBalancer: {
    readonly namespace: string;
    readonly frontIface: string;
    readonly frontAddress: string;
    readonly vpcIface: string;
    readonly vpcAddress: string;
    readonly bridgePort: string;
  };
  readonly vpc: { readonly namespace: string; readonly bridge: string; readonly subnet: string };
  readonly targets: readonly TargetPlan[];
  readonly host: { readonly iface: string; readonly address: string; readonly bridgePort: string };
}

export function isRunId(text: string): boolean {
  return /^[0-9a-f]{4}$/.test(text);
}

export function runDir(runId: string): string {
  return join(STATE_ROOT, runId);
}

export function makePlan(runId: string, vpcOctet: number): LabPlan {
  if (!isRunId(runId)) throw new Error(`lab: bad run id ${JSON.stringify(runId)} (want 4 hex digits)`);
  if (!Number.isInteger(vpcOctet) || vpcOctet < 1 || vpcOctet > 254)
    throw new Error(`lab: bad octet ${vpcOctet}`);
  const dir = runDir(runId);
  const ns = (suffix: string) => `${NAMESPACE_PREFIX}${runId}-${suffix}`;
  const ifname = (suffix: string) => `hh${runId}${suffix}`;
  const vpc = (host: number) => `10.213.${vpcOctet}.${host}`;
  const target = (name: TargetName, n: 1 | 2): TargetPlan => ({
    name,
    namespace: ns(`t${n}`),
    iface: ifname(`t${n}`),
    bridgePort: ifname(`p${n}`),
    address: vpc(10 + n),
    dir: join(dir, name),
  });
  return {
    runId,
    dir,
    vpcOctet,
    prefixLength: 24,
    client: { namespace: ns('cl'), iface: ifname('c'), address: '10.213.0.2' },
    loadBalancer: {
      namespace: ns('lb'),
      frontIface: ifname('f'),
      frontAddress: '10.213.0.1',
      vpcIface: ifname('l'),
      vpcAddress: vpc(5),
      bridgePort: ifname('pl'),
    },
    vpc: { namespace: ns('vpc'), bridge: ifname('br'), subnet: `10.213.${vpcOctet}.0/24` },
    targets: [target('target1', 1), target('target2', 2)],
    host: { iface: ifname('h'), address: vpc(254), bridgePort: ifname('ph') },
  };
}

export function namespacesOf(plan: LabPlan): string[] {
  return [
    plan.client.namespace,
    plan.loadBalancer.namespace,
    plan.vpc.namespace,
    ...plan.targets.map((t) => t.namespace),
  ];
}

/** The run id in a namespace name this lab made (`hh-1a2b-lb` → `1a2b`), else undefined. */
export function runIdOfNamespace(name: string): string | undefined {
  const match = /^hh-([0-9a-f]{4})-(?:cl|lb|vpc|t1|t2)$/.exec(name);
  return match?.[1];
}
