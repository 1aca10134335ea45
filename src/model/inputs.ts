import { readProxies } from './proxy.ts';
import type { Config } from './config.ts';
import { INPUTS, type InputName } from './input-table.ts';
import { INPUT_RULES, INPUT_WARNINGS, type Reading } from './input-rules.ts';

// The door the rest of src/ goes through to the inputs.
export { fileOf, SUPPORT_BUNDLE_PARTS, sqlFileOf, type Config } from './config.ts';
export { INPUT_NAMES, MAX_PIPELINES, type InputName } from './input-table.ts';
export { parseBoolean } from './input-parsers.ts';

/** Every problem with the inputs, found before any request is sent. */
export class InputError extends Error {
  readonly problems: readonly string[];

  constructor(problems: string[]) {
    super(`Invalid input:\n${problems.map((problem) => `- ${problem}`).join('\n')}`);
    this.name = 'InputError';
    this.problems = problems;
  }
}

export interface InputSource {
  /** The input as the runner passes it (`INPUT_*`), trimmed; empty when not set. */
  getInput: (name: InputName) => string;
  env: Record<string, string | undefined>;
  /** Told of the API key before anything else happens, so that the runner masks it everywhere. */
  onSecret: (secret: string) => void;
}

/** Reads and checks every input; throws one `InputError` that lists all problems. */
export function readConfig(source: InputSource): { config: Config; warnings: string[] } {
  const given = new Map<string, string>(INPUTS.map(({ name }) => [name, source.getInput(name).trim()]));
  const texts = new Map(INPUTS.map((spec) => [spec.name, textOf(spec, given.get(spec.name) ?? '', source.env)]));
  for (const { name, secret } of INPUTS) {
    const secretText = secret ? texts.get(name) : undefined;
    if (secretText) source.onSecret(secretText);
  }

  const problems: string[] = [];
  const read: Record<string, unknown> = {};
  const values = read as Partial<Config>;
  for (const spec of INPUTS) read[spec.field] = spec.parse(spec.name, texts.get(spec.name) ?? '', problems, values);
  // The token file of the environment is the credential only when no credential input is given.
  const fromEnvironment = !given.get('api-key') && !given.get('oidc-audience');
  read.oidcTokenFile = fromEnvironment ? source.env.FELDERA_OIDC_TOKEN_FILE?.trim() || undefined : undefined;
  read.proxy = readProxies(source.env, problems);

  const reading: Reading = {
    values,
    given: (name) => given.get(name) ?? '',
    text: (name) => texts.get(name) ?? '',
    env: source.env,
  };
  for (const rule of INPUT_RULES) if (rule.broken(reading)) problems.push(rule.message(reading));
  if (problems.length > 0) throw new InputError(problems);

  const warnings = INPUT_WARNINGS.filter((rule) => rule.broken(reading)).map((rule) => rule.message(reading));
  // With an ID token, a key from FELDERA_API_KEY in the environment is not the credential.
  if (values.oidcAudience) read.apiKey = undefined;
  // No problem was found, so each input was parsed.
  return { config: Object.freeze(values as Config), warnings };
}

/** One input's text as readConfig reads it, alone: the post step reads stop-at-job-end before the rest. */
export function inputText(name: InputName, source: Pick<InputSource, 'getInput' | 'env'>): string {
  const spec = INPUTS.find((input) => input.name === name);
  return spec ? textOf(spec, source.getInput(name).trim(), source.env) : '';
}

/** The text an input is read from: as given, else its environment variable, else its default. */
function textOf(spec: (typeof INPUTS)[number], given: string, env: Record<string, string | undefined>): string {
  const fromEnv = spec.env ? env[spec.env]?.trim() : undefined;
  // A default such as `${{ github.token }}` is the runner's: the step sees what it became, or nothing.
  const byDefault = spec.default?.startsWith('${{') ? undefined : spec.default;
  return given || fromEnv || byDefault || spec.otherwise || '';
}
