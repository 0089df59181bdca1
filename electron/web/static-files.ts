/**
 * The built renderer (index.html + assets/), read-only, and nothing else from the disk. The path is
 * taken from the raw request line (not a normalised URL) so that `..` in any spelling is seen and
 * refused rather than silently folded away; the resolved file, symlinks followed, must still lie
 * inside the renderer directory.
 */
import type { FileHandle } from 'node:fs/promises';
import { open, realpath } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, resolve, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { sendError, setSecurityHeaders } from './responses.js';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
};

export type StaticFiles = (request: IncomingMessage, response: ServerResponse) => Promise<void>;

/** Fails (ENOENT) when `rendererDir` does not exist: the caller reports "build first". */
export async function createStaticFiles(rendererDir: string): Promise<StaticFiles> {
  const root = await realpath(rendererDir);
  return async (request, response) => {
    const target = await locate(root, request.url ?? '/');
    if ('status' in target) return sendError(response, target.status, target.reason);
    const opened = await openInside(root, target.path);
    if (!opened) return sendError(response, 404, 'not found');
    await sendFile(request, response, opened, target.path);
  };
}

type Located = { readonly path: string } | { readonly status: 400 | 403 | 404; readonly reason: string };

/** Maps the raw request target to a path under `root`, refusing traversal in any encoding. */
async function locate(root: string, rawUrl: string): Promise<Located> {
  const rawPath = rawUrl.split(/[?#]/, 1)[0] ?? '';
  if (!rawPath.startsWith('/')) return { status: 400, reason: 'request target must be a path' };
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return { status: 400, reason: 'malformed percent-encoding in path' };
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return { status: 400, reason: 'invalid path' };
  if (decoded.split('/').includes('..')) return { status: 403, reason: 'path traversal refused' };
  if (decoded.endsWith('/') && decoded !== '/') return { status: 404, reason: 'not found' };
  const path = resolve(root, decoded === '/' ? 'index.html' : `.${decoded}`);
  if (!isInside(root, path)) return { status: 403, reason: 'path traversal refused' };
  return { path };
}

interface OpenFile {
  readonly file: FileHandle;
  readonly size: number;
}

/** Opens the file only if, with every symlink resolved, it is a regular file inside `root`. */
async function openInside(root: string, path: string): Promise<OpenFile | null> {
  const real = await realpath(path).catch(() => null);
  if (real === null || !isInside(root, real)) return null;
  const file = await open(real, 'r').catch(() => null);
  if (!file) return null;
  const stats = await file.stat().catch(() => null);
  if (stats?.isFile()) return { file, size: stats.size };
  await file.close();
  return null;
}

/** Sends and closes the file: the read stream owns the handle once created. */
async function sendFile(
  request: IncomingMessage,
  response: ServerResponse,
  { file, size }: OpenFile,
  path: string,
): Promise<void> {
  const type = CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
  setSecurityHeaders(response);
  // The page's URL carries the token; never let a cache keep the page (assets are content-hashed).
  if (type.startsWith('text/html')) response.setHeader('Cache-Control', 'no-store');
  response.writeHead(200, { 'Content-Type': type, 'Content-Length': size });
  if (request.method === 'HEAD') {
    response.end();
    return file.close();
  }
  // A client that goes away mid-file is not an error worth more than dropping the stream.
  await pipeline(file.createReadStream(), response).catch(() => undefined);
}

function isInside(root: string, path: string): boolean {
  return path === root || path.startsWith(root + sep);
}
