import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
// The API's own paths, for the development server to pass on (`npx vite --config web/vite.config.ts`).
const apiPaths = [
  '/auth',
  '/requests',
  '/reviews',
  '/people',
  '/reference',
  '/statistics',
  '/admin',
  '/codec',
  '/openapi.json',
  '/healthz',
];

export default defineConfig({
  root,
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The pages are served by the API under a strict CSP: no inline scripts, no eval.
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      output: {
        // React and the router are shared by every audience; charts only by the administrator's pages.
        manualChunks(id: string) {
          if (/node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/.test(id)) return 'react';
          if (/node_modules[\\/](echarts|zrender)[\\/]/.test(id)) return 'charts';
          return undefined;
        },
      },
    },
  },
  server: {
    proxy: Object.fromEntries(apiPaths.map((p) => [p, { target: process.env.API_URL ?? 'http://127.0.0.1:3000', changeOrigin: false }])),
  },
});
