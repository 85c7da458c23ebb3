// Vite build of the viewer: root web/, output web/dist (served by src/server at `/`).
// base './' so the build works from any mount point; no inline scripts (the server's CSP forbids them).
import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: './',
  publicDir: 'public',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 1500,
    // Never inline assets as data: URLs into scripts: keeps the CSP simple.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
  worker: { format: 'es' },
  server: { proxy: { '/api': process.env.NEWSGRAPH_API ?? 'http://127.0.0.1:4173' } },
});
