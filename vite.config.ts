import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The desk and the portal: one React app under /app/, built into dist/web and served by the
// Fastify server (src/server/web-routes.ts). `npm start` builds it when dist/web is missing.
const root = path.resolve(import.meta.dirname, 'src/web');

// biome-ignore lint/style/noDefaultExport: Vite reads the default export of its config file.
export default defineConfig({
  root,
  base: '/app/',
  plugins: [react()],
  build: {
    outDir: path.resolve(import.meta.dirname, 'dist/web'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
  },
  server: { host: '127.0.0.1' },
});
