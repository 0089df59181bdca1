/**
 * What the packaged app carries: `electron-builder --dir --linux` against a stub Electron
 * distribution (the real zip cannot be fetched on the build machines), then the app.asar's listing.
 * It must hold the built app and the few runtime packages main and the engine import, and nothing
 * of the sources, the tests or the development tools. The stub carries a fuse wire so the
 * configured fuses are flipped and checked as on a real binary.
 *
 * Needs a build first (`npm run build`; the test command runs it before vitest).
 */
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { isBuiltin } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { extractFile, listPackage } from '@electron/asar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const BUILT = ['out/main/index.js', 'out/main/engine.js', 'out/preload/index.cjs', 'out/renderer/index.html'];
const ELECTRON_VERSION = '45.4.1';

/** @electron/fuses finds the wire after this marker: version 1, length, then one byte per fuse. */
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/** Electron's defaults: RunAsNode, CookieEncryption, NodeOptions, NodeCliInspect, AsarIntegrity,
 * OnlyLoadAppFromAsar, BrowserV8Snapshot, GrantFileProtocolExtraPrivileges. */
const DEFAULT_FUSES = '10110001';

let work: string;
let entries: string[];
let archive: string;
let executable: string;

function stubElectronDist(dir: string): void {
  mkdirSync(dir, { recursive: true });
  const binary = Buffer.concat([
    Buffer.from('#!/bin/sh\nexit 0\n# '),
    Buffer.from(FUSE_SENTINEL),
    Buffer.from([1, DEFAULT_FUSES.length]),
    Buffer.from(DEFAULT_FUSES),
    Buffer.from('\n'),
  ]);
  writeFileSync(join(dir, 'electron'), binary);
  chmodSync(join(dir, 'electron'), 0o755);
}

function packageApp(): void {
  const dist = join(work, 'electron-dist');
  const output = join(work, 'dist');
  stubElectronDist(dist);
  const builder = join(ROOT, 'node_modules', '.bin', 'electron-builder');
  const args = ['--dir', '--linux', '--publish', 'never', `-c.electronDist=${dist}`];
  args.push(`-c.electronVersion=${ELECTRON_VERSION}`, `-c.directories.output=${output}`);
  const run = spawnSync(builder, args, {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 240_000,
    env: {
      ...process.env,
      ELECTRON_SKIP_BINARY_DOWNLOAD: '1',
      CSC_IDENTITY_AUTO_DISCOVERY: 'false',
      // Nothing here may download: any attempt fails at once against a closed local port.
      HTTP_PROXY: 'http://127.0.0.1:9',
      HTTPS_PROXY: 'http://127.0.0.1:9',
      http_proxy: 'http://127.0.0.1:9',
      https_proxy: 'http://127.0.0.1:9',
      NO_PROXY: '',
      no_proxy: '',
    },
  });
  if (run.status !== 0) {
    throw new Error(`electron-builder failed (${run.status ?? run.signal}):\n${run.stdout}\n${run.stderr}`);
  }
  archive = join(output, 'linux-unpacked', 'resources', 'app.asar');
  executable = join(output, 'linux-unpacked', 'hammerhead');
}

/** Package names a built main-process file imports at run time (not relative, not built in). */
function runtimeImports(file: string): string[] {
  const source = readFileSync(file, 'utf8');
  const specifiers = [
    ...source.matchAll(/\bfrom\s*["']([^"']+)["']/g),
    ...source.matchAll(/\bimport\s*\(\s*["']([^"']+)["']\s*\)/g),
    ...source.matchAll(/\bimport\s*["']([^"']+)["']/g),
    ...source.matchAll(/\brequire\s*\(\s*["']([^"']+)["']\s*\)/g),
  ].map((match) => match[1] as string);
  // The patterns also meet strings in code (a printer's `from ', '`): keep what can name a package.
  const packageName = /^(@[a-z0-9][\w.-]*\/)?[a-z0-9][\w.-]*(\/[\w.@/-]*)?$/i;
  return specifiers
    .filter((s) => packageName.test(s) && !isBuiltin(s) && s !== 'electron')
    .map((s) => (s.startsWith('@') ? s.split('/').slice(0, 2).join('/') : (s.split('/')[0] as string)));
}

function mainBundles(): string[] {
  const dir = join(ROOT, 'out', 'main');
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => /\.(c|m)?js$/.test(name))
    .map((name) => join(dir, name));
}

beforeAll(() => {
  const missing = BUILT.filter((file) => !existsSync(join(ROOT, file)));
  if (missing.length > 0) {
    throw new Error(`The app is not built (missing ${missing.join(', ')}): run \`npm run build\` first.`);
  }
  work = mkdtempSync(join(tmpdir(), 'hammerhead-asar-'));
  packageApp();
  entries = listPackage(archive, { isPack: false }).map((entry) => entry.replaceAll('\\', '/'));
}, 300_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('packaged app (app.asar)', () => {
  it('holds the built main, engine, preload and renderer, and package.json', () => {
    for (const file of [...BUILT, 'package.json']) expect(entries).toContain(`/${file}`);
  });

  it('holds nothing but the build output, package.json and runtime packages', () => {
    const stray = entries.filter(
      (entry) => !/^\/(out|node_modules)(\/|$)/.test(entry) && entry !== '/package.json',
    );
    expect(stray).toEqual([]);
    expect(entries.filter((entry) => /^\/out\/(bench|cli|types|web)(\/|$)/.test(entry))).toEqual([]);
  });

  it('holds no TypeScript, no source maps and no tests', () => {
    expect(entries.filter((entry) => /\.(ts|tsx|mts|cts|map)$/.test(entry))).toEqual([]);
    expect(entries.filter((entry) => /(\.test\.|\/tests?\/|\/__tests__\/)/.test(entry))).toEqual([]);
  });

  it('holds no development dependency', () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      devDependencies?: Record<string, string>;
    };
    const devPackages = Object.keys(manifest.devDependencies ?? {});
    expect(devPackages).toContain('electron');
    const found = devPackages.filter((name) =>
      entries.some((entry) => entry.startsWith(`/node_modules/${name}/`)),
    );
    expect(found).toEqual([]);
    const packaged = JSON.parse(extractFile(archive, 'package.json').toString('utf8')) as Record<
      string,
      unknown
    >;
    expect(packaged).not.toHaveProperty('devDependencies');
    expect(packaged).toMatchObject({ main: 'out/main/index.js' });
  });

  it('holds every package that main and the engine import at run time', () => {
    const imports = [...new Set(mainBundles().flatMap(runtimeImports))];
    expect(imports).toContain('zod');
    const missing = imports.filter((name) => !entries.includes(`/node_modules/${name}/package.json`));
    // A failure here: add the package to `files` in electron-builder.yml (and to `dependencies`).
    expect(missing).toEqual([]);
  });

  it('flips the configured fuses in the Electron binary', () => {
    const binary = readFileSync(executable);
    const at = binary.indexOf(FUSE_SENTINEL) + FUSE_SENTINEL.length;
    const wire = binary.subarray(at + 2, at + 2 + DEFAULT_FUSES.length).toString('latin1');
    expect({
      runAsNode: wire[0],
      nodeOptions: wire[2],
      nodeCliInspect: wire[3],
      onlyLoadAppFromAsar: wire[5],
      grantFileProtocolExtraPrivileges: wire[7],
    }).toEqual({
      runAsNode: '0',
      nodeOptions: '0',
      nodeCliInspect: '0',
      onlyLoadAppFromAsar: '1',
      grantFileProtocolExtraPrivileges: '1',
    });
  });
});
