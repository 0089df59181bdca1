/** A target and its ProxyJump hops, each resolved through ~/.ssh/config as OpenSSH resolves them. */
import { resolveHost, type HostQuery, type ResolvedHost, type ResolveOptions } from './config.js';
import { parseDestination } from './jump-spec.js';

export interface ResolvedChain {
  readonly target: ResolvedHost;
  readonly jumps: readonly ResolvedHost[];
}

/** `user@host:port` typed in the host field counts as `ssh user@host -p port` (explicit fields win). */
function destination(query: HostQuery): HostQuery {
  if (!/[@[\]:]/.test(query.host)) return query;
  const parsed = parseDestination(query.host, 'host');
  return { ...query, host: parsed.host, user: query.user ?? parsed.user, port: query.port ?? parsed.port };
}

export async function resolveChain(query: HostQuery, options?: ResolveOptions): Promise<ResolvedChain> {
  const target = await resolveHost(destination(query), options);
  // A hop's own ProxyJump is not followed: the chain is the one the target names, in order.
  const jumps = await Promise.all(
    target.proxyJump.map((jump) => resolveHost({ ...jump, configFile: query.configFile }, options)),
  );
  return { target, jumps };
}
