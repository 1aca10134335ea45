// The fake's SQL compiler: just enough of Feldera's to give a program what `/diff` compares (the
// `persistent_id` of each table and view in the MIR, and the connectors), or the compiler's messages.
// A relation's id hashes its own statement and the ids of the relations it reads, so that a view over
// a modified table is modified too, as Feldera's docs say (pipelines/modifying.md).
import { createHash } from 'node:crypto';
import type { SqlCompilerMessage as SqlMessage } from '../../src/feldera/types.ts';

export interface CompiledProgram {
  /** Name → persistent id. */
  tables: Map<string, string>;
  views: Map<string, string>;
  /** Relations declared with LATENESS: a change to such a program cannot be bootstrapped. */
  lateness: string[];
  /** Endpoint name (`table.connector`) → its configuration as JSON text. */
  inputs: Map<string, string>;
  outputs: Map<string, string>;
}

const CREATE = /^create\s+(?:(table)|(?:(materialized|local)\s+)?(view))\s+("(?:[^"]|"")+"|[A-Za-z_][A-Za-z0-9_]*)/i;
const READS = /\b(?:from|join)\s+("(?:[^"]|"")+"|[A-Za-z_][A-Za-z0-9_]*)/gi;
const CONNECTORS = /'connectors'\s*=\s*'((?:[^']|'')*)'/i;

/** Compiles `code`: the program, or the messages of its errors. */
export function compileSql(code: string): { program: CompiledProgram } | { messages: SqlMessage[] } {
  const program: CompiledProgram = {
    tables: new Map(),
    views: new Map(),
    lateness: [],
    inputs: new Map(),
    outputs: new Map(),
  };
  const messages: SqlMessage[] = [];
  for (const statement of statements(code)) {
    const create = CREATE.exec(statement.text);
    if (!create) {
      messages.push(
        message(
          code,
          statement.offset,
          statement.offset + firstWord(statement.text).length,
          'Error parsing SQL',
          `Encountered "${firstWord(statement.text)}"`,
        ),
      );
      continue;
    }
    const name = identifier(create[4]!);
    const isTable = create[1] !== undefined;
    const body = statement.text.replace(CONNECTORS, '');
    const reads: string[] = [];
    for (const read of isTable ? [] : statement.text.matchAll(READS)) {
      const relation = identifier(read[1]!);
      const id = program.tables.get(relation) ?? program.views.get(relation);
      if (id === undefined) {
        const start = statement.offset + read.index + read[0].length - read[1]!.length;
        messages.push(
          message(code, start, start + read[1]!.length - 1, 'Compilation error', `Object '${read[1]}' not found`),
        );
      } else reads.push(id);
    }
    const id = createHash('sha256')
      .update([create[2]?.toLowerCase() ?? '', body.replace(/\s+/g, ' ').trim(), ...reads].join('\n'))
      .digest('hex');
    (isTable ? program.tables : program.views).set(name, id);
    if (/\blateness\b/i.test(statement.text)) program.lateness.push(name);
    const connectors = CONNECTORS.exec(statement.text)?.[1]?.replace(/''/g, "'");
    if (connectors !== undefined) {
      let list: unknown;
      try {
        list = JSON.parse(connectors);
      } catch {
        list = undefined;
      }
      if (!Array.isArray(list)) {
        messages.push(
          message(
            code,
            statement.offset,
            statement.offset + statement.text.length - 1,
            'Compilation error',
            `Invalid 'connectors' property of ${name}: not a JSON array`,
          ),
        );
        continue;
      }
      list.forEach((connector: { name?: unknown }, i) => {
        const endpoint = `${name}.${typeof connector.name === 'string' ? connector.name : `unnamed-${i}`}`;
        (isTable ? program.inputs : program.outputs).set(endpoint, JSON.stringify(connector));
      });
    }
  }
  return messages.length > 0 ? { messages } : { program };
}

/** The statements of a program, comments left out, each with where it starts in the code; a `;` in quotes ends none. */
function statements(code: string): { text: string; offset: number }[] {
  const blanked = code.replace(/'(?:[^']|'')*'|"(?:[^"]|"")*"|--[^\n]*/g, (match) =>
    match.startsWith('--') ? ' '.repeat(match.length) : match,
  );
  const found: { text: string; offset: number }[] = [];
  let start = 0;
  for (const end of [...blanked.matchAll(/'(?:[^']|'')*'|"(?:[^"]|"")*"|;/g)]
    .filter((match) => match[0] === ';')
    .map((match) => match.index)
    .concat(blanked.length)) {
    const part = blanked.slice(start, end);
    const lead = part.length - part.trimStart().length;
    if (part.trim()) found.push({ text: part.trim(), offset: start + lead });
    start = end + 1;
  }
  return found;
}

/** Unquoted identifiers are case-insensitive (lower case); quoted ones keep their case. */
function identifier(text: string): string {
  return text.startsWith('"') ? text.slice(1, -1).replace(/""/g, '"') : text.toLowerCase();
}

function firstWord(text: string): string {
  return /^\S+/.exec(text)?.[0] ?? text;
}

/** A message as the SQL compiler gives it: 1-based positions, and a snippet of the numbered lines with carets. */
function message(code: string, start: number, end: number, errorType: string, text: string): SqlMessage {
  const at = (offset: number) => {
    const before = code.slice(0, offset).split('\n');
    return { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 };
  };
  const [from, to] = [at(start), at(end)];
  const line = code.split('\n')[from.line - 1] ?? '';
  const snippet = `    ${from.line}|${line}\n      ${' '.repeat(from.column - 1)}${'^'.repeat(Math.max(1, to.column - from.column + 1))}\n`;
  return {
    start_line_number: from.line,
    start_column: from.column,
    end_line_number: to.line,
    end_column: to.column,
    warning: false,
    error_type: errorType,
    message: `From line ${from.line}, column ${from.column} to line ${to.line}, column ${to.column}: ${text}`,
    snippet,
  };
}
