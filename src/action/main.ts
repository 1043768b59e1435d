/**
 * Entry point of the GitHub Action (action.yml runs `node dist/action/main.js`).
 * Inputs come from `INPUT_*` environment variables, the event from `GITHUB_EVENT_PATH`;
 * failures set the exit code through `core.setFailed`.
 */
import { notionEngine } from './notion-engine.js';
import { runAction } from './run.js';

await runAction(notionEngine);
