// Worker threads do not inherit tsx's module loader (privatenumber/tsx#354): register it in
// this thread, then load the TypeScript worker (as infra/local/projector-worker.mjs does).
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
