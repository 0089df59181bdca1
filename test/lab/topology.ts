/**
 * Namespaces, veth pairs, the VPC bridge and addresses (see plan.ts for the picture). Every step
 * checks before it acts, so `createTopology` can run again over a half-built or complete lab.
 *
 * Veth ends are created directly inside their namespaces (`ip link add … netns A peer … netns B`),
 * so only the host link ever has a name in the root namespace.
 */
import { existsSync } from 'node:fs';
import { inNetns, must, run, sleep } from './exec.js';
import type { LabPlan } from './plan.js';

interface End {
  /** undefined: the root namespace (the test's own). */
  readonly ns: string | undefined;
  readonly name: string;
}

const ipIn = (ns: string | undefined, args: readonly string[]) =>
  ns ? ['ip', '-n', ns, ...args] : ['ip', ...args];

function linkExists(end: End): boolean {
  return run(ipIn(end.ns, ['link', 'show', 'dev', end.name])).status === 0;
}

function ensureNamespace(ns: string): void {
  if (!existsSync(`/run/netns/${ns}`)) must(['ip', 'netns', 'add', ns]);
  // No IPv6 inside the lab: its router solicitations and MLD reports would only add noise to the
  // captures, and every address the lab uses is IPv4.
  must(
    inNetns(ns, [
      'sysctl',
      '-qw',
      'net.ipv6.conf.all.disable_ipv6=1',
      'net.ipv6.conf.default.disable_ipv6=1',
    ]),
  );
  must(['ip', '-n', ns, 'link', 'set', 'lo', 'up']);
}

function ensureVeth(a: End, b: End): void {
  if (linkExists(a) && linkExists(b)) return;
  if (linkExists(a)) must(ipIn(a.ns, ['link', 'del', 'dev', a.name]));
  const where = (end: End) => (end.ns ? ['netns', end.ns] : []);
  must([
    'ip',
    'link',
    'add',
    'name',
    a.name,
    ...where(a),
    'type',
    'veth',
    'peer',
    'name',
    b.name,
    ...where(b),
  ]);
  for (const end of [a, b]) quietEnd(end);
}

/**
 * Segmentation and receive offloads off, or captures show 64 KB "frames" that never crossed a
 * wire; transmit checksum offload off, or every captured outgoing segment has a wrong checksum.
 */
function quietEnd(end: End): void {
  const ethtool = ['ethtool', '-K', end.name, 'tso', 'off', 'gso', 'off', 'gro', 'off', 'tx', 'off'];
  must(end.ns ? inNetns(end.ns, ethtool) : ethtool);
  if (!end.ns) must(['sysctl', '-qw', `net.ipv6.conf.${end.name}.disable_ipv6=1`]);
}

function ensureAddress(end: End, cidr: string): void {
  must(ipIn(end.ns, ['addr', 'replace', cidr, 'dev', end.name]));
  must(ipIn(end.ns, ['link', 'set', end.name, 'up']));
}

function ensureBridge(ns: string, bridge: string, ports: readonly string[]): void {
  if (!linkExists({ ns, name: bridge })) {
    must(['ip', '-n', ns, 'link', 'add', bridge, 'type', 'bridge', 'stp_state', '0', 'forward_delay', '0']);
    must(inNetns(ns, ['ethtool', '-K', bridge, 'tso', 'off', 'gso', 'off', 'gro', 'off']));
  }
  must(['ip', '-n', ns, 'link', 'set', bridge, 'up']);
  for (const port of ports) must(['ip', '-n', ns, 'link', 'set', port, 'master', bridge, 'up']);
}

export function createTopology(plan: LabPlan, withHostLink: boolean): void {
  const { client, loadBalancer: lb, vpc, targets, host } = plan;
  const len = `/${plan.prefixLength}`;
  for (const ns of [client.namespace, lb.namespace, vpc.namespace, ...targets.map((t) => t.namespace)])
    ensureNamespace(ns);

  const clientEnd = { ns: client.namespace, name: client.iface };
  const lbFront = { ns: lb.namespace, name: lb.frontIface };
  ensureVeth(clientEnd, lbFront);
  ensureAddress(clientEnd, `${client.address}/24`);
  ensureAddress(lbFront, `${lb.frontAddress}/24`);

  const lbVpc = { ns: lb.namespace, name: lb.vpcIface };
  ensureVeth(lbVpc, { ns: vpc.namespace, name: lb.bridgePort });
  ensureAddress(lbVpc, lb.vpcAddress + len);
  const ports = [lb.bridgePort];
  for (const target of targets) {
    const end = { ns: target.namespace, name: target.iface };
    ensureVeth(end, { ns: vpc.namespace, name: target.bridgePort });
    ensureAddress(end, target.address + len);
    ports.push(target.bridgePort);
  }
  if (withHostLink) {
    const hostEnd = { ns: undefined, name: host.iface };
    ensureVeth(hostEnd, { ns: vpc.namespace, name: host.bridgePort });
    ensureAddress(hostEnd, host.address + len);
    ports.push(host.bridgePort);
  }
  ensureBridge(vpc.namespace, vpc.bridge, ports);
}

/**
 * Deletes the namespaces, which deletes every veth with an end inside them, the host link
 * included. The kernel finishes that asynchronously, so wait for the host end to go (bounded),
 * and delete it only if it stays.
 */
export async function deleteTopology(plan: LabPlan, namespaces: readonly string[]): Promise<void> {
  for (const ns of namespaces) if (existsSync(`/run/netns/${ns}`)) must(['ip', 'netns', 'del', ns]);
  const hostEnd = { ns: undefined, name: plan.host.iface };
  for (let i = 0; i < 100 && linkExists(hostEnd); i++) await sleep(20);
  if (linkExists(hostEnd)) run(['ip', 'link', 'del', 'dev', plan.host.iface]);
}
