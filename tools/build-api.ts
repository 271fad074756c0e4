/**
 * Builds the API to run with plain Node (no TypeScript loader): the project's modules bundled into one file by
 * esbuild, the packages left in node_modules, the number-masking thread beside it. Prints the command that runs it.
 *
 *   npx tsx tools/build-api.ts [--entry api/main.ts] [--outdir .data/api]
 *
 * The output folder sits two levels under the project (`.data/<name>/`): the bundle finds the web pages at
 * `../../web/dist` from itself, as api/web/static.ts does from its own place.
 */
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * How Node runs the built API; measured with the whole-province export (README, exports). WebAssembly compiled by
 * the baseline compiler only: Prisma's query compiler is the one module, and its optimised code was some 45 MB of
 * the API's memory for no measurable speed. The old generation is not capped: a 192 MB cap kept a million-row
 * export under 300 MB, but an archive import stages its whole file first (records/archive-import.ts), and a CSV of
 * the 64 MB allowed took about 450 MB of heap: under that cap the API ran out of memory and ended.
 */
export const API_NODE_FLAGS = ['--liftoff-only'];

/** Bundles `entry` (an API entry point) into `outdir`/main.mjs; returns the file. */
export async function buildApi(entry = 'api/main.ts', outdir = '.data/api'): Promise<string> {
  const out = resolve(ROOT, outdir);
  if (dirname(dirname(out)) !== ROOT) throw new Error(`the API is built two levels under ${ROOT}, not in ${out}`);
  await build({
    absWorkingDir: ROOT,
    entryPoints: { main: entry, 'number-masking-worker': 'clients/number-masking-thread.ts' },
    outdir: out,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: 'linked',
    logLevel: 'warning',
  });
  return resolve(out, 'main.mjs');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { entry: { type: 'string' }, outdir: { type: 'string' } } });
  const main = await buildApi(values.entry, values.outdir);
  console.log(['node', ...API_NODE_FLAGS, relative(process.cwd(), main)].join(' '));
}
