// Vite build of the renderer: one static page loaded from file:// (Electron) or from the
// web-mode server (http://127.0.0.1:PORT/), hence relative asset paths (base './').
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { CONTENT_SECURITY_POLICY_META } from '../shared/csp.js';

const here = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: here,
  base: './',
  plugins: [
    react(),
    // The meta tag's policy comes from shared/csp.ts, the one place it is written.
    { name: 'procplay-csp', transformIndexHtml: (html: string) => html.replace('%PROCPLAY_CSP%', CONTENT_SECURITY_POLICY_META) },
  ],
  build: {
    outDir: fileURLToPath(new URL('../dist/renderer', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    // Inline nothing as data: URLs beyond what the CSP allows (img-src data: is fine, scripts are not).
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
  server: {
    fs: { allow: [fileURLToPath(new URL('..', import.meta.url))] },
  },
});
