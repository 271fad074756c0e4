import { readdirSync, readFileSync } from 'node:fs';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils.js';
import { Worker } from '@temporalio/worker';
import { describe, expect, it } from 'vitest';
import { bundleWorkflows } from '../../worker/create.ts';
import { payloadCodecFromEnv } from '../../clients/payload-codec.ts';
import { loadEnv } from '../../config/env.ts';
import { HISTORIES_DIR } from '../support/histories.ts';

const files = readdirSync(HISTORIES_DIR)
  .filter((f) => f.endsWith('.json'))
  .sort();

describe('replay of recorded histories', () => {
  it('has histories recorded for every workflow kind in use', () => {
    const kinds = new Set(files.map((f) => f.split('--')[0]));
    expect([...kinds]).toEqual(
      expect.arrayContaining([
        'collectionRequest',
        'transferOutRequest',
        'transferInRequest',
        'receivedTransferRequest',
        'districtMoveRequest',
        'changeRequest',
        'contactChangeRequest',
        'moduleSync',
      ]),
    );
  });

  it('replays every recorded history with the current workflow code, deterministically', async () => {
    const bundle = await bundleWorkflows();
    const histories = files.map((f) => ({
      workflowId: f.replace(/\.json$/, ''),
      history: historyFromJSON(JSON.parse(readFileSync(HISTORIES_DIR + f, 'utf8'))),
    }));
    const failures: string[] = [];
    for await (const result of Worker.runReplayHistories(
      // Histories recorded before payload encryption pass through the codec unchanged; newer ones decrypt.
      {
        workflowBundle: bundle,
        replayName: 'ci-replay',
        dataConverter: { payloadCodecs: [payloadCodecFromEnv(loadEnv({ NODE_ENV: 'test' }))] },
      },
      histories,
    )) {
      if (result.error) failures.push(`${result.workflowId}: ${result.error.message}`);
    }
    expect(failures).toEqual([]);
    expect(histories.length).toBeGreaterThanOrEqual(4);
  }, 120_000);
});
