// Worker threads do not inherit tsx's module loader (privatenumber/tsx#354): register it in
// this thread, then load the TypeScript worker.
import { register } from 'tsx/esm/api';

register();
await import('./projector-worker.ts');
