/**
 * The lab by hand: `node scripts/lab.js <command>` (which bundles this file with esbuild, since
 * Node 20 cannot run TypeScript). A lab brought up here belongs to no process: it stays until
 * `down`, and the health checker stops by itself after --lifetime seconds.
 */
import { parseArgs } from 'node:util';
import type { Lab } from './lab.js';
import { cleanupStale, labUp, listRuns, teardown } from './lab.js';
import { recordSample } from './record-sample.js';
import { runScenario } from './scenario.js';

const USAGE = `usage: node scripts/lab.js <command>
  up [--id ID] [--no-host-link] [--interval S] [--lifetime S]
                      bring a lab up (or repair run ID) and print how to reach it
  scenario ID [--out DIR]
                      play the workload through run ID; writes keys.txt and ground-truth.json
  down ID... | --all  take runs down
  list                runs on this machine
  cleanup             take down runs whose owner process is gone
  record-sample [--out DIR]
                      record the bundled sample (default assets/samples)`;

function describeLab(lab: Lab): object {
  return {
    runId: lab.runId,
    dir: lab.dir,
    serverName: lab.serverName,
    caCertPath: lab.caCertPath,
    client: lab.client,
    loadBalancer: lab.loadBalancer,
    host: lab.host,
    targets: lab.targets,
    try: [
      `ip netns exec ${lab.client.namespace} curl --cacert ${lab.caCertPath} --resolve ${lab.serverName}:443:${lab.loadBalancer.frontAddress} https://${lab.serverName}/echo/hello`,
      ...lab.targets.map(
        (t) =>
          `ssh -F /dev/null -i ${t.ssh.privateKeyPath} -o UserKnownHostsFile=${t.ssh.knownHostsPath} ${t.ssh.user}@${t.ssh.host} sudo -n tcpdump -c 5 -i ${t.iface} -n port 80`,
      ),
    ],
  };
}

type Values = Partial<
  Record<'id' | 'interval' | 'lifetime' | 'out', string> & Record<'no-host-link' | 'all', boolean>
>;

const COMMANDS: Record<string, (args: string[], values: Values) => Promise<boolean>> = {
  async up(_args, values) {
    const lab = await labUp({
      ...(values.id ? { runId: values.id } : {}),
      hostLink: !values['no-host-link'],
      healthCheckIntervalSeconds: Number(values.interval ?? 5),
      maxLifetimeSeconds: Number(values.lifetime ?? 3600),
      persistent: true,
    });
    console.log(JSON.stringify(describeLab(lab), null, 2));
    return true;
  },
  async scenario([runId], values) {
    if (!runId) return false;
    const lab = await labUp({ runId, persistent: true });
    const result = await runScenario(lab, values.out ? { outDir: values.out } : {});
    console.log(
      `${result.groundTruth.requests.length} requests; ${result.groundTruthPath}; ${result.keyLogFile}`,
    );
    return true;
  },
  async down(runIds, values) {
    if (values.all) console.log(`down: ${(await cleanupStale({ all: true })).join(' ') || 'nothing'}`);
    for (const runId of runIds) await teardown(runId);
    return Boolean(values.all) || runIds.length > 0;
  },
  async list() {
    for (const { runId, stale, state } of listRuns())
      console.log(
        `${runId} ${stale ? 'stale' : 'live'} ${state?.owner ? `owner ${state.owner.pid}` : 'cli'} ${state?.createdAt ?? ''}`,
      );
    return true;
  },
  async cleanup() {
    console.log(`cleaned: ${(await cleanupStale()).join(' ') || 'nothing'}`);
    return true;
  },
  async 'record-sample'(_args, values) {
    await recordSample(values.out ?? 'assets/samples');
    return true;
  },
};

export async function main(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      id: { type: 'string' },
      'no-host-link': { type: 'boolean' },
      interval: { type: 'string' },
      lifetime: { type: 'string' },
      out: { type: 'string' },
      all: { type: 'boolean' },
    },
  });
  const [name = '', ...args] = positionals;
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (command && (await command(args, values))) return 0;
  console.error(USAGE);
  return 2;
}
