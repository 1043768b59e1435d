import { readFile } from 'node:fs/promises';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { UserInputError } from '../errors.js';
import { PLAN_FORMAT_VERSION, type Plan } from '../model/plan.js';
import { planStructureProblems } from './plan-structure.js';

const require = createRequire(import.meta.url);

/** schemas/plan.schema.json in the package, when present. */
const SCHEMA_PATH = fileURLToPath(new URL('../../schemas/plan.schema.json', import.meta.url));

type Validator = ((data: unknown) => boolean) & { errors?: { instancePath: string; message?: string }[] | null };

function loadValidator(): Validator | null {
  if (!existsSync(SCHEMA_PATH)) return null;
  const schema = JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')) as { $schema?: string };
  const modName = typeof schema.$schema === 'string' && schema.$schema.includes('2020') ? 'ajv/dist/2020.js' : 'ajv';
  const AjvMod = require(modName) as { default: new (o: object) => { compile(s: object): Validator } };
  const addFormats = (require('ajv-formats') as { default: (a: unknown) => void }).default;
  const ajv = new AjvMod.default({ allErrors: true, strict: false });
  addFormats(ajv);
  return ajv.compile(schema);
}

/**
 * Reads a saved plan (`plan --out`). Rejects, with what/where/how-to-fix: unreadable files,
 * invalid JSON, an unknown `format_version`, and (when schemas/plan.schema.json exists) anything
 * that does not match the plan JSON Schema.
 */
export async function readPlanFile(path: string): Promise<Plan> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new UserInputError(`cannot read plan file ${path}: ${(e as Error).message}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new UserInputError(`plan file ${path} is not valid JSON (${(e as Error).message}); make it again with \`notion-schema plan --out ${path}\``);
  }
  const version = (data as { format_version?: unknown } | null)?.format_version;
  if (version === 1) {
    throw new UserInputError(
      `plan file ${path} has format_version 1: it was made by an older notion-schema, whose plans held ids known only after apply as text inside strings. This version (format_version ${PLAN_FORMAT_VERSION}) cannot verify such a plan; make the plan again: \`notion-schema plan --out ${path}\``,
    );
  }
  if (version !== PLAN_FORMAT_VERSION) {
    throw new UserInputError(
      `plan file ${path} has format_version ${JSON.stringify(version ?? null)}; this notion-schema reads format_version ${PLAN_FORMAT_VERSION}. Make the plan again with this version: \`notion-schema plan --out ${path}\``,
    );
  }
  const validate = loadValidator();
  if (validate !== null && !validate(data)) {
    const problems = (validate.errors ?? []).slice(0, 10).map((e) => ({
      severity: 'error' as const, code: 'invalid-plan-file', message: `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`,
      location: { file: path, line: 1, col: 1 },
    }));
    throw new UserInputError(`plan file ${path} does not match schemas/plan.schema.json; make it again with \`notion-schema plan --out ${path}\``, problems);
  }
  const plan = data as Plan;
  if (!Array.isArray(plan.steps) || !Array.isArray(plan.requests) || !Array.isArray(plan.basis) || !Array.isArray(plan.bindings)) {
    throw new UserInputError(`plan file ${path} is incomplete (steps, requests, basis and bindings are required); make it again with \`notion-schema plan --out ${path}\``);
  }
  const problems = planStructureProblems(plan);
  if (problems.length > 0) {
    throw new UserInputError(`plan file ${path} is malformed: ${problems.join('; ')}; make it again with \`notion-schema plan --out ${path}\``, problems.map((message) => ({
      severity: 'error' as const, code: 'invalid-plan-file', message, location: { file: path, line: 1, col: 1 },
    })));
  }
  return plan;
}
