/**
 * The renderer build: one static bundle under dist/renderer, loaded from disk by Electron (file://,
 * hence the relative `base`) and served by the loopback harness. No dev-server-only features are
 * relied on, so the harness serves exactly what ships.
 */

import { fileURLToPath } from 'node:url';

import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  root: here('./renderer'),
  base: './',
  plugins: [react()],
  build: {
    outDir: here('./dist/renderer'),
    emptyOutDir: true,
    // Offline desktop app: chunks load from disk, so size warnings about the network do not apply.
    chunkSizeWarningLimit: 4000,
    sourcemap: false,
    // The core's helpers (identity, dates, codes) are imported for instant feedback; they are plain TS.
    target: 'chrome120',
  },
  server: { host: '127.0.0.1', strictPort: false },
});
