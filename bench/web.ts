/**
 * Benchmark: the web pages in headless Chromium against a local deployment. For each audience's first page
 * (the sign-in page, the applicant's welcome, the reviewer's workbench, the administrator's console): the
 * gzipped JavaScript loaded before it is interactive, the files, and the time from navigation to interactive,
 * each from a cold cache, beside a bare static page (one small script) served in the same run. Then a
 * reviewer's inbox of --inbox awaiting requests: time to render it and frame times while scrolling.
 *
 *   npx tsx bench/web.ts [--runs 5] [--inbox 500] [--smoke] [--keep]
 *
 * --smoke: one run per page and an inbox of 3, in seconds (plus the deployment's start). Builds its own
 * deployment (database, bucket prefix, task queue, national stand-in, worker and API as child processes) on
 * the running services (bash infra/services.sh) and removes it afterwards; builds web/dist when stale.
 * Writes bench/results/web-<time>.json.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { upsertStaff } from '../api/accounts/users.ts';
import { createDb } from '../clients/db.ts';
import { CHROMIUM_BIN, launchChromium } from '../test/browser/support/chromium.ts';
import {
  apiService,
  newDeployment,
  prepareDeployment,
  ROOT,
  removeDeployment,
  startNational,
  waitUntil,
  workerService,
} from '../tools/lib/deployment.ts';
import { Http, newApplicant, PASSWORD, People, pool, prepareDraft, submit } from '../tools/lib/scripted-users.ts';
import { machineFacts } from './lib/probes.ts';
import { table } from './lib/report.ts';

const { values: opt } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    inbox: { type: 'string', default: '500' },
    smoke: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h' },
  },
});
if (opt.help) {
  console.log('usage: npx tsx bench/web.ts [--runs 5] [--inbox 500] [--smoke] [--keep]');
  process.exit(0);
}
const RUNS = opt.smoke ? 1 : Number(opt.runs);
const INBOX = opt.smoke ? 3 : Number(opt.inbox);
const TIMEOUT = 120_000;
/** The target: gzipped JavaScript before the applicant's first page is interactive. */
const APPLICANT_JS_BUDGET = 250 * 1024;

interface Load {
  ms: number;
  jsGzipBytes: number;
  jsFiles: string[];
}

/** One cold load: a fresh context (empty cache) with the given cookies; JS bodies counted until `ready` holds. */
async function coldLoad(browser: Browser, url: string, ready: (p: Page) => Promise<void>, cookies?: BrowserContext): Promise<Load> {
  const context = await browser.newContext({ storageState: cookies ? await cookies.storageState() : undefined, locale: 'zh-CN' });
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT);
  const bodies: Promise<{ url: string; bytes: number }>[] = [];
  let counting = true;
  page.on('response', (r) => {
    if (!counting || r.request().resourceType() !== 'script') return;
    bodies.push(
      r
        .body()
        .then((b) => ({ url: new URL(r.url()).pathname, bytes: gzipSync(b).length }))
        .catch(() => ({ url: r.url(), bytes: 0 })),
    );
  });
  const start = performance.now();
  await page.goto(url, { waitUntil: 'commit' });
  await ready(page);
  const ms = performance.now() - start;
  counting = false;
  const js = await Promise.all(bodies);
  await context.close();
  return { ms, jsGzipBytes: js.reduce((s, f) => s + f.bytes, 0), jsFiles: js.map((f) => f.url) };
}

/** Interactive: the frame knows who is signed in, nothing is loading, the page's heading is there. */
const signedInReady = (extra?: string) => async (p: Page) => {
  await p.getByTestId('signed-in-role').waitFor();
  await p.locator('main h1, main h2, main h3').first().waitFor();
  if (extra) await p.locator(extra).first().waitFor();
  await waitUntil(async () => (await p.getByTestId('loading').count()) === 0, 'the page to finish loading', TIMEOUT, 20);
};

async function signedInContext(browser: Browser, base: string, username: string): Promise<BrowserContext> {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT);
  await page.goto(`${base}/sign-in`);
  await page.getByTestId('username').fill(username);
  await page.getByTestId('password').fill(PASSWORD);
  await page.getByTestId('sign-in-submit').click();
  await page.waitForURL((u) => u.pathname !== '/sign-in');
  await page.close();
  return context;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;
const kb = (b: number) => `${(b / 1024).toFixed(1)} KB`;

async function main() {
  const built = spawnSync('bash', ['infra/build-web.sh'], { cwd: ROOT, stdio: 'inherit' });
  if (built.status !== 0) throw new Error('the web pages did not build');

  const d = newDeployment('web');
  await prepareDeployment(d);
  const national = await startNational(d);
  const worker = await workerService(d).start();
  const { service: api, url } = await apiService(d);
  await api.start();
  const db = createDb(d.databaseUrl, { max: 2 });

  // A bare static page: one small script that makes a button, the floor for "navigation to interactive".
  const bare = createServer((req, res) => {
    if (req.url === '/bare.js') {
      res.setHeader('content-type', 'text/javascript');
      res.end(`const b=document.createElement('button');b.textContent='ok';b.dataset.ready='1';document.body.append(b);`);
    } else {
      res.setHeader('content-type', 'text/html; charset=utf-8');
      res.end('<!doctype html><html><head><script src="/bare.js" defer></script></head><body></body></html>');
    }
  });
  await new Promise<void>((r) => bare.listen(0, '127.0.0.1', r));
  const bareUrl = `http://127.0.0.1:${(bare.address() as AddressInfo).port}/`;

  const browser = await launchChromium();
  const results: Record<string, unknown> = { machine: machineFacts(), chromium: CHROMIUM_BIN, runs: RUNS };
  try {
    const http = new Http(url, { timeoutMs: 120_000, retryForMs: 30_000 });
    const applicantName = `web-applicant-${Date.now().toString(36)}`;
    await newApplicant(http, applicantName);
    const reviewerName = `web-reviewer-${Date.now().toString(36)}`;
    const adminName = `web-admin-${Date.now().toString(36)}`;
    await upsertStaff(db, {
      username: reviewerName,
      password: PASSWORD,
      role: 'reviewer',
      displayName: '基准审核人员',
      districtCode: '110105',
    });
    await upsertStaff(db, { username: adminName, password: PASSWORD, role: 'admin', displayName: '基准管理员' });

    const pages: { name: string; path: string; user?: string; ready: (p: Page) => Promise<void> }[] = [
      { name: 'bare static page', path: '', ready: async (p) => void (await p.locator('[data-ready]').waitFor()) },
      { name: 'sign-in (anyone)', path: '/sign-in', ready: async (p) => void (await p.getByTestId('sign-in-submit').waitFor()) },
      { name: 'applicant welcome', path: '/applicant', user: applicantName, ready: signedInReady('.service-item') },
      { name: 'reviewer workbench', path: '/review', user: reviewerName, ready: signedInReady() },
      { name: 'administrator console', path: '/console', user: adminName, ready: signedInReady() },
    ];
    const rows: string[][] = [];
    const firstPages: Record<string, unknown> = {};
    for (const pg of pages) {
      const cookies = pg.user ? await signedInContext(browser, url, pg.user) : undefined;
      const loads: Load[] = [];
      for (let i = 0; i < RUNS; i++) loads.push(await coldLoad(browser, pg.path ? `${url}${pg.path}` : bareUrl, pg.ready, cookies));
      await cookies?.close();
      const last = loads.at(-1)!;
      const charts = last.jsFiles.some((f) => /\/charts-/.test(f));
      firstPages[pg.name] = {
        msMedian: median(loads.map((l) => l.ms)),
        ms: loads.map((l) => l.ms),
        jsGzipBytes: last.jsGzipBytes,
        jsFiles: last.jsFiles,
      };
      rows.push([
        pg.name,
        `${median(loads.map((l) => l.ms)).toFixed(0)} ms`,
        kb(last.jsGzipBytes),
        String(last.jsFiles.length),
        charts ? 'yes' : 'no',
      ]);
    }
    results.firstPages = firstPages;
    console.log(`\nFirst page, cold cache, median of ${RUNS} (JavaScript gzipped, loaded before interactive):`);
    console.log(table(['page', 'navigation → interactive', 'JS (gzip)', 'JS files', 'chart code'], rows));
    const applicantJs = (firstPages['applicant welcome'] as Load).jsGzipBytes;
    console.log(
      `applicant JS ${kb(applicantJs)} of the ${kb(APPLICANT_JS_BUDGET)} budget: ${applicantJs <= APPLICANT_JS_BUDGET ? 'within' : 'OVER'}`,
    );

    // The reviewer's inbox, with INBOX requests awaiting review in the district.
    const people = new People();
    const applicants = await Promise.all(Array.from({ length: Math.min(20, INBOX) }, () => newApplicant(http)));
    const seedStart = performance.now();
    await pool(
      Array.from({ length: INBOX }, (_, i) => i),
      6,
      async (i) => {
        const token = applicants[i % applicants.length]!;
        const { id } = await prepareDraft(http, token, people.next('110105'));
        const res = await submit(http, token, id);
        if (res.status !== 200) throw new Error(`submit: ${res.status} ${JSON.stringify(res.data)}`);
      },
    );
    const awaiting = () => db.request.count({ where: { state: 'awaitingReview', districtCode: '110105' } });
    await waitUntil(async () => (await awaiting()) >= INBOX, `${INBOX} requests awaiting review`, 600_000, 500);
    console.log(`\n${INBOX} requests awaiting review (seeded in ${((performance.now() - seedStart) / 1000).toFixed(0)} s)`);
    results.inbox = await measureInbox(browser, url, reviewerName);
  } finally {
    writeResults(results);
    await browser.close();
    bare.close();
    await db.$disconnect();
    await api.stop();
    await worker.stop();
    await national.stop();
    if (!opt.keep) await removeDeployment(d);
  }
}

/** Time until the inbox shows its rows, then frame times while scrolling it top to bottom. */
async function measureInbox(browser: Browser, url: string, reviewer: string) {
  const context = await signedInContext(browser, url, reviewer);
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT);
  const rowSelector = '[data-testid="inbox-item"], [data-testid="inbox"] tbody tr, [data-testid="inbox"] li';
  const start = performance.now();
  await page.goto(`${url}/review`);
  const shown = await page
    .locator(rowSelector)
    .first()
    .waitFor({ timeout: 30_000 })
    .then(() => true)
    .catch(() => false);
  if (!shown) {
    console.log('inbox: not measured (the reviewer workbench shows no inbox rows yet)');
    await context.close();
    return { measured: false };
  }
  await page.waitForLoadState('networkidle');
  const renderMs = performance.now() - start;
  const rows = await page.locator(rowSelector).count();
  // Scroll the page (or the inbox's own scroller) in steps, one per frame, and record each frame's length.
  const frames: number[] = await page.evaluate(async () => {
    const scroller =
      [...document.querySelectorAll<HTMLElement>('[data-testid="inbox"] *')].find((e) => e.scrollHeight > e.clientHeight + 10) ??
      document.scrollingElement!;
    const out: number[] = [];
    let last = performance.now();
    for (let y = 0; y < scroller.scrollHeight; y += 120) {
      scroller.scrollTop = y;
      await new Promise(requestAnimationFrame);
      const now = performance.now();
      out.push(now - last);
      last = now;
    }
    return out;
  });
  await context.close();
  const sorted = [...frames].sort((a, b) => a - b);
  const p95 = sorted[Math.floor(sorted.length * 0.95)] ?? 0;
  const long = frames.filter((f) => f > 50).length;
  console.log(
    table(
      ['inbox', 'rows shown', 'navigation → rows', 'scroll frames', 'p95 frame', 'frames > 50 ms'],
      [['reviewer', String(rows), `${renderMs.toFixed(0)} ms`, String(frames.length), `${p95.toFixed(1)} ms`, String(long)]],
    ),
  );
  return { measured: true, rows, renderMs, frames: frames.length, p95FrameMs: p95, longFrames: long };
}

function writeResults(results: Record<string, unknown>) {
  const dir = join(ROOT, 'bench/results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `web-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, JSON.stringify(results, null, 2));
  console.log(`\nresults: ${file}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
