/**
 * Response headers and error replies shared by every route. Every response carries the renderer's
 * CSP (plus `frame-ancestors`, which only works as a header) so that even an error page cannot be
 * framed or run script, and `nosniff` so the browser never reinterprets a file's type.
 */
import type { ServerResponse } from 'node:http';
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { RENDERER_CSP } from '../../shared/contract/csp.js';

export const CONTENT_SECURITY_POLICY = `${RENDERER_CSP}; frame-ancestors 'none'`;

const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  // Another site may not even embed our scripts or images.
  'Cross-Origin-Resource-Policy': 'same-origin',
};

export function setSecurityHeaders(response: ServerResponse): void {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.setHeader(name, value);
}

/** A short plain-text error; `close` drops the connection when the request body was not read. */
export function sendError(
  response: ServerResponse,
  status: number,
  message: string,
  options: { close?: boolean } = {},
): void {
  const body = `${status} ${STATUS_CODES[status] ?? ''}: ${message}\n`;
  setSecurityHeaders(response);
  response.setHeader('Cache-Control', 'no-store');
  if (options.close) response.setHeader('Connection', 'close');
  response.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
  });
  response.end(body);
}

export function sendJson(response: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  setSecurityHeaders(response);
  response.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store',
  });
  response.end(body);
}

/**
 * Refuses an upgrade before any WebSocket exists: a raw HTTP response on the socket, then the socket
 * is destroyed once the reply has been flushed (destroying at once could drop it).
 */
export function refuseUpgrade(socket: Duplex, status: number, message: string): void {
  const body = `${status} ${STATUS_CODES[status] ?? ''}: ${message}\n`;
  const head = [
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}`,
    'Connection: close',
    'Content-Type: text/plain; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(body)}`,
    ...Object.entries(SECURITY_HEADERS).map(([name, value]) => `${name}: ${value}`),
  ];
  socket.once('finish', () => socket.destroy());
  socket.end(`${head.join('\r\n')}\r\n\r\n${body}`);
}
