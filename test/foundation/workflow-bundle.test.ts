import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { describe, expect, it } from 'vitest';
import { bundleWorkflows } from '../../worker/create.ts';

describe('workflow bundle', () => {
  it('builds from workflows/ and exports every workflow', async () => {
    const bundle = await bundleWorkflows();
    expect(bundle.code).toContain('collectionRequest');
    expect(bundle.code).toContain('systemCheck');
  });

  it('holds neither zod nor the region lists: the bundle is evaluated again for every workflow a worker starts', async () => {
    const { code } = await bundleWorkflows();
    const modules = [...code.matchAll(/^\/\*{3}\/ "(\.\/[^"]+)"/gm)].map((m) => m[1]!);
    expect(modules).toContain('./workflows/district-review.ts');
    expect(modules.filter((m) => m.includes('node_modules/zod/') || m.startsWith('./domain/regions/'))).toEqual([]);
  });

  it('fails on a workflow that imports a Node module, so such a mistake fails the tests and not the worker', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bad-workflow-'));
    writeFileSync(
      join(dir, 'index.ts'),
      `import { readFileSync } from 'node:fs';\nexport async function bad() { return readFileSync('/etc/hostname', 'utf8'); }\n`,
    );
    await expect(
      bundleWorkflowCode({
        workflowsPath: join(dir, 'index.ts'),
        logger: { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error() {} },
      }),
    ).rejects.toThrow();
  });
});
