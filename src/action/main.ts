/**
 * Entry point of the GitHub Action. `npm run bundle` bundles it into action/dist/main.mjs,
 * the file action.yml runs (`runs.using: node24`).
 * Inputs come from `INPUT_*` environment variables, the event from `GITHUB_EVENT_PATH`;
 * failures set the exit code through `core.setFailed`.
 */
import { notionEngine } from './notion-engine.js';
import { runAction } from './run.js';

await runAction(notionEngine);
