import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

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

/**
 * Parts of antd that its always-present components import for props no first page uses: Card's Tabs (with their
 * overflow menu) and Skeleton (`tabList`, `loading`), Typography's editor (`editable`, which brings the whole
 * Input). About 30 KB gzipped before the sign-in page is interactive. Those imports are pointed at
 * web/lib/on-demand/, which fetch the real component the first time it renders. The build fails if antd stops
 * importing them this way (an upgrade), so the rule cannot rot unnoticed.
 */
const onDemand = [
  { importer: /[\\/]antd[\\/]es[\\/]card[\\/]Card\.js$/, source: '../tabs', standIn: 'card-tabs.tsx' },
  { importer: /[\\/]antd[\\/]es[\\/]card[\\/]Card\.js$/, source: '../skeleton', standIn: 'card-skeleton.tsx' },
  { importer: /[\\/]antd[\\/]es[\\/]typography[\\/]Base[\\/]index\.js$/, source: '../Editable', standIn: 'typography-editable.tsx' },
];

function antdPartsOnDemand(): Plugin {
  const redirected = new Set<string>();
  return {
    name: 'antd-parts-on-demand',
    apply: 'build',
    enforce: 'pre',
    resolveId(source, importer) {
      const part = onDemand.find((p) => p.source === source && importer && p.importer.test(importer));
      if (!part) return null;
      redirected.add(part.standIn);
      return fileURLToPath(new URL(`./lib/on-demand/${part.standIn}`, import.meta.url));
    },
    buildEnd(error) {
      const missed = onDemand.filter((p) => !redirected.has(p.standIn)).map((p) => `${p.source} from ${p.importer}`);
      if (!error && missed.length) this.error(`antd no longer imports ${missed.join(', ')}: revise web/vite.config.ts's onDemand`);
    },
  };
}

/**
 * A chunk holding any page code of an audience says so in its name (`admin.routes-…js`, `review.inbox-…js`), so
 * bench/web.ts can tell from what a page loaded that no applicant page loads the reviewer's or the
 * administrator's code.
 */
function chunkFileName(chunk: { moduleIds: string[] }): string {
  const audiences = ['applicant', 'review', 'admin'].filter((a) => chunk.moduleIds.some((id) => id.includes(`/web/${a}/`)));
  return `assets/${audiences.map((a) => `${a}.`).join('')}[name]-[hash].js`;
}

export default defineConfig({
  root,
  plugins: [react(), antdPartsOnDemand()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The pages are served by the API under a strict CSP: no inline scripts, no eval.
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      output: {
        chunkFileNames: chunkFileName,
        codeSplitting: {
          groups: [
            // React and the router are shared by every audience; charts only by the administrator's pages.
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/, priority: 3 },
            { name: 'charts', test: /node_modules[\\/](echarts|zrender)[\\/]/, priority: 2 },
            // What every first page needs from the libraries, as one file: a dozen small shared chunks
            // compress worse (some 9 KB gzipped more) and cost a request each. The rest splits by page.
            { name: 'vendor', test: /node_modules/, tags: ['$initial'], priority: 1 },
          ],
        },
      },
    },
  },
  server: {
    proxy: Object.fromEntries(apiPaths.map((p) => [p, { target: process.env.API_URL ?? 'http://127.0.0.1:3000', changeOrigin: false }])),
  },
});
