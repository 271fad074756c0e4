// The thread of clients/number-masking.ts, run from source. A worker thread does not inherit the TypeScript
// loader of the process, so it registers tsx itself; the built API (tools/build-api.ts) bundles the thread instead.
import { register } from 'tsx/esm/api';

register();
await import('./number-masking-thread.ts');
