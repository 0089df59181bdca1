/**
 * Which credentials each hop of a connection tries, in order, as an ssh2 `authHandler`: only the
 * methods the server still accepts, and a record of what was tried so that a refusal can say so.
 * Secrets (password, passphrase, answers) stay in this closure: never logged, never stored.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { AnyAuthMethod, AuthHandlerMiddleware, AuthenticationType, ParsedKey, Prompt } from 'ssh2';
import type { ResolvedHost } from './config.js';
import { SshError } from './errors.js';
import { isEncryptedKey, loadPrivateKey } from './key-file.js';

export type AuthMethodName = 'auto' | 'agent' | 'key' | 'password' | 'keyboard-interactive';

export interface AuthChoice {
  readonly method: AuthMethodName;
  readonly keyFile?: string | undefined;
  readonly passphrase?: string | undefined;
  readonly password?: string | undefined;
  /** An agent socket other than the config's IdentityAgent / $SSH_AUTH_SOCK. */
  readonly agentSocket?: string | undefined;
}

export interface PromptRequest {
  /** `user@host:port` of the hop that asks. */
  readonly host: string;
  readonly name: string;
  readonly instructions: string;
  readonly prompts: readonly { readonly prompt: string; readonly echo: boolean }[];
}

/** Asks the user (dialog, terminal) the server's keyboard-interactive questions. */
export type Prompter = (request: PromptRequest) => Promise<string[]>;

interface Attempt {
  readonly label: string;
  readonly method: AnyAuthMethod;
}

export interface HopAuth {
  readonly handler: AuthHandlerMiddleware;
  /** Labels of the attempts made so far ("agent /run/…", "key ~/.ssh/id_ed25519", "password"). */
  readonly tried: string[];
}

const PASSWORD_PROMPT = /password|passphrase|passcode/i;

function keyboard(
  user: string,
  host: string,
  prompter: Prompter | undefined,
  password?: string,
): AnyAuthMethod {
  return {
    type: 'keyboard-interactive',
    username: user,
    prompt: (name: string, instructions: string, _lang: string, prompts: Prompt[], finish) => {
      const only = prompts.length === 1 ? prompts[0] : undefined;
      // A PAM password prompt is the password the user already typed (OpenSSH answers it the same way).
      if (password !== undefined && only && !only.echo && PASSWORD_PROMPT.test(only.prompt))
        return finish([password]);
      if (prompts.length === 0) return finish([]);
      if (!prompter) return finish(prompts.map(() => ''));
      prompter({
        host,
        name,
        instructions,
        prompts: prompts.map((p) => ({ prompt: p.prompt, echo: !!p.echo })),
      })
        .then(finish)
        // A cancelled prompt answers nothing: the server refuses, and the refusal is reported.
        .catch(() => finish(prompts.map(() => '')));
    },
  } as AnyAuthMethod;
}

function agentOf(hop: ResolvedHost, choice: AuthChoice): string | null {
  return choice.agentSocket ?? hop.identityAgent;
}

/** The configured identity files that exist and need no passphrase we lack. */
function configuredKeys(
  hop: ResolvedHost,
  passphrase: string | undefined,
): { path: string; key: ParsedKey }[] {
  return hop.identityFiles.flatMap((path) => {
    if (!existsSync(path)) return [];
    try {
      if (isEncryptedKey(readFileSync(path, 'utf8')) && !passphrase) return [];
      return [{ path, key: loadPrivateKey(path, passphrase) }];
    } catch {
      return []; // a default identity that does not load is skipped, as OpenSSH skips it
    }
  });
}

/** Builds the attempts for one hop's user: each method as ssh2 wants it, with a label for messages. */
function attemptMaker(hop: ResolvedHost, prompter: Prompter | undefined) {
  const user = hop.user;
  const host = `${user}@${hop.hostName}:${hop.port}`;
  return {
    agent: (socket: string): Attempt => ({
      label: `agent ${socket}`,
      method: { type: 'agent', username: user, agent: socket },
    }),
    key: (path: string, key: ParsedKey): Attempt => ({
      label: `key ${path}`,
      method: { type: 'publickey', username: user, key },
    }),
    password: (password: string): Attempt => ({
      label: 'password',
      method: { type: 'password', username: user, password },
    }),
    keyboard: (password?: string): Attempt => ({
      label: 'keyboard-interactive',
      method: keyboard(user, host, prompter, password),
    }),
  };
}

/** What `ssh` tries unasked: the agent, the config's identity files, then keyboard-interactive. */
function automatic(hop: ResolvedHost, choice: AuthChoice, prompter: Prompter | undefined): Attempt[] {
  const make = attemptMaker(hop, prompter);
  const agent = agentOf(hop, choice);
  return [
    ...(agent ? [make.agent(agent)] : []),
    ...configuredKeys(hop, undefined).map(({ path, key }) => make.key(path, key)),
    ...(prompter ? [make.keyboard()] : []),
  ];
}

/** The attempts for the user's choice; a jump host gets the automatic ones (and the chosen key). */
function attemptsFor(
  hop: ResolvedHost,
  role: 'target' | 'jump',
  choice: AuthChoice,
  prompter: Prompter | undefined,
): Attempt[] {
  const make = attemptMaker(hop, prompter);
  const method = role === 'jump' && choice.method !== 'key' ? 'auto' : choice.method;
  switch (method) {
    case 'auto':
      return automatic(hop, choice, prompter);
    case 'agent': {
      const agent = agentOf(hop, choice);
      if (!agent) throw new SshError('auth', NO_AGENT);
      return [make.agent(agent)];
    }
    case 'key': {
      if (!choice.keyFile) throw new SshError('key-file', 'choose the private key file to authenticate with');
      const explicit = make.key(choice.keyFile, loadPrivateKey(choice.keyFile, choice.passphrase));
      return role === 'jump' ? [explicit, ...automatic(hop, choice, prompter)] : [explicit];
    }
    case 'password':
      if (choice.password === undefined) throw new SshError('auth', 'enter the password');
      // Servers that check passwords through PAM offer keyboard-interactive instead of "password".
      return [make.password(choice.password), make.keyboard(choice.password)];
    case 'keyboard-interactive':
      return [make.keyboard()];
  }
}

const NO_AGENT =
  'no ssh-agent to use: SSH_AUTH_SOCK is not set (start one with `eval $(ssh-agent)` and `ssh-add`), ' +
  'or choose another authentication method';

/** The auth handler of one hop: each attempt in turn, skipping what the server no longer offers. */
export function hopAuth(
  hop: ResolvedHost,
  role: 'target' | 'jump',
  choice: AuthChoice,
  prompter?: Prompter,
): HopAuth {
  const attempts = attemptsFor(hop, role, choice, prompter);
  const tried: string[] = [];
  let next = 0;
  const handler: AuthHandlerMiddleware = (methodsLeft, _partial, callback) => {
    const allowed = methodsLeft as AuthenticationType[] | null;
    while (next < attempts.length) {
      const attempt = attempts[next++] as Attempt;
      const wire = attempt.method.type === 'agent' ? 'publickey' : attempt.method.type;
      if (allowed && !allowed.includes(wire)) continue;
      tried.push(attempt.label);
      return callback(attempt.method);
    }
    return callback(false as unknown as AnyAuthMethod);
  };
  return { handler, tried };
}
