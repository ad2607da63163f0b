/**
 * Hash routing without a router library: `#/<screen>/<param>…?<query>`. Hash routes work the same
 * under file:// (Electron) and http:// (the harness), and reloads land on the same screen.
 */

import { useSyncExternalStore } from 'react';

export interface Route {
  screen: string;
  params: string[];
  query: URLSearchParams;
}

export const HOME = 'home';

export function parseHash(hash: string): Route {
  const body = hash.replace(/^#\/?/, '');
  const [path, search = ''] = body.split('?', 2);
  const [screen, ...params] = path.split('/').filter(Boolean).map(decodeURIComponent);
  return { screen: screen || HOME, params, query: new URLSearchParams(search) };
}

export function formatHash(screen: string, params: readonly string[] = [], query?: Record<string, string | undefined>): string {
  const path = [screen, ...params].map(encodeURIComponent).join('/');
  const search = query
    ? new URLSearchParams(Object.entries(query).filter((e): e is [string, string] => e[1] !== undefined && e[1] !== '')).toString()
    : '';
  return `#/${path}${search ? `?${search}` : ''}`;
}

export function navigate(screen: string, params: readonly string[] = [], query?: Record<string, string | undefined>): void {
  window.location.hash = formatHash(screen, params, query);
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

let cachedHash: string | undefined;
let cachedRoute: Route = parseHash('');

function snapshot(): Route {
  if (window.location.hash !== cachedHash) {
    cachedHash = window.location.hash;
    cachedRoute = parseHash(cachedHash);
  }
  return cachedRoute;
}

export function useRoute(): Route {
  return useSyncExternalStore(subscribe, snapshot);
}
