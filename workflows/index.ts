// Every workflow the worker runs. Deterministic code only: no I/O, clocks or randomness but Temporal's.
export { collectionRequest } from './collection.ts';
export { systemCheck } from './system-check.ts';
