import { Client, Connection } from '@temporalio/client';
import type { PayloadCodec } from '@temporalio/common';
import { loadEnv } from '../config/env.ts';
import { payloadCodecFromEnv } from './payload-codec.ts';

/** A client whose payloads are encrypted with the configured keys (PAYLOAD_KEYS) unless a codec is given. */
export async function connectTemporal(
  address: string,
  namespace: string,
  codec: PayloadCodec = payloadCodecFromEnv(loadEnv()),
): Promise<Client> {
  const connection = await Connection.connect({ address, connectTimeout: '5s' });
  return new Client({ connection, namespace, dataConverter: { payloadCodecs: [codec] } });
}

export async function pingTemporal(client: Client): Promise<void> {
  // The frontend's own health RPC: answers only when the server can serve requests.
  await (client.connection as Connection).healthService.check({});
}
