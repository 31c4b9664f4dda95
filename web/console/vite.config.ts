import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { precompress } from './precompress-plugin.js';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * The console is served by the API process under /app/, built into dist/web/console (beside,
 * not inside, the server's compiled dist/console/ module). In development, `npm run dev:console`
 * serves it with hot reload and proxies the API to a `ponte start` on port 3000.
 */
export default defineConfig({
  root,
  base: '/app/',
  plugins: [react(), precompress()],
  build: {
    outDir: fileURLToPath(new URL('../../dist/web/console', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    // Hashed names under assets/ are what the server caches for a year.
    assetsDir: 'assets',
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:3000' },
  },
});
