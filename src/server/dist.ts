/** Where the built explorer is (vite build's output); kept apart from app.ts so `kg export` need not load Fastify. */
import { join } from 'node:path';
import { PROJECT_ROOT } from '../node/resources';

export const DEFAULT_DIST_DIR = join(PROJECT_ROOT, 'dist');

export const NOT_BUILT_MESSAGE = 'the explorer is not built (no dist/): run `npm run build`; the API works meanwhile';
