import { bundleWorkflowCode } from '@temporalio/worker';
import { describe, expect, it } from 'vitest';

const quiet = { trace() {}, debug() {}, info() {}, warn() {}, error() {}, log() {} };

describe('domain code in workflows', () => {
  it('the pure modules and their JSON data bundle for the Temporal workflow sandbox', async () => {
    const { code } = await bundleWorkflowCode({
      workflowsPath: new URL('./fixtures/domain-workflow.ts', import.meta.url).pathname,
      logger: quiet,
    });
    expect(code).toContain('domainProbe');
    expect(code).toContain('东城区');
    expect(code).toContain('崇文区');
  }, 120_000);

  it('the byte checks (sharp, node:crypto) are refused there, so they stay in activities and the API', async () => {
    await expect(
      bundleWorkflowCode({ workflowsPath: new URL('./fixtures/bytes-workflow.ts', import.meta.url).pathname, logger: quiet }),
    ).rejects.toThrow(/disallowed modules|Webpack finished with errors/);
  }, 120_000);
});
