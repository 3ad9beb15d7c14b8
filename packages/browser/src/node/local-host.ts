/** The names a browser on this machine uses for a server bound to the loopback interface. */
const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'] as const;

/**
 * Whether a request's `Host` header names this server: one of 127.0.0.1, localhost, [::1] or the
 * bound address, with the bound port. Anything else (a missing header, another port, a DNS name that
 * merely resolves to 127.0.0.1) is refused, so a page of another site cannot reach the server through
 * DNS rebinding.
 *
 * @example
 * ```ts
 * import { isLocalHost } from '@pix2pix-ts/browser/node';
 * isLocalHost('localhost:4173', '127.0.0.1', 4173); // true
 * isLocalHost('evil.example:4173', '127.0.0.1', 4173); // false
 * ```
 */
export function isLocalHost(host: string | undefined, boundAddress: string, port: number): boolean {
  if (host === undefined) return false;
  const bound = boundAddress.includes(':') ? `[${boundAddress}]` : boundAddress;
  const wanted = host.trim().toLowerCase();
  return [...LOOPBACK_NAMES, bound.toLowerCase()].some((name) => wanted === `${name}:${port}`);
}
