import type { ProgramError, SqlCompilerMessage } from '../feldera/types.ts';
import { serverText } from '../text/text.ts';

/** GitHub shows this many annotations of each level (error, warning) of a step. */
export const MAX_ANNOTATIONS = 10;

/** An annotation, as @actions/core takes it. */
export interface Annotation {
  level: 'error' | 'warning';
  message: string;
  title: string;
  file?: string;
  startLine?: number;
  startColumn?: number;
  endLine?: number;
  endColumn?: number;
}

export interface CompilationReport {
  /** One per SQL message; on the source lines when `sql-file` is set. */
  annotations: Annotation[];
  /** The first error, in one line, for the step's failure message. */
  firstError: string | undefined;
  /** Rust or system errors, trimmed to the part that explains the failure. */
  excerpt: string | undefined;
}

const EXCERPT_LINES = 40;

export function compilationReport(
  programError: ProgramError,
  pipelineName: string,
  sqlFile: string | undefined,
): CompilationReport {
  const messages = programError.sql_compilation?.messages ?? [];
  const annotations = messages.map((message) => sqlAnnotation(message, pipelineName, sqlFile));
  const firstSql = messages.find((message) => !message.warning);
  const excerpt =
    rustExcerpt(programError.rust_compilation?.stderr || programError.rust_compilation?.stdout) ??
    firstLines(programError.system_error);
  const firstError = firstSql
    ? serverText(`${position(firstSql)}: ${firstSql.error_type}: ${firstSql.message}`)
    : excerpt && serverText(excerpt.split('\n').find((line) => line.trim()) ?? '');
  return { annotations, firstError, excerpt };
}

function position(message: SqlCompilerMessage): string {
  return `line ${message.start_line_number}, column ${message.start_column}`;
}

function sqlAnnotation(message: SqlCompilerMessage, pipelineName: string, sqlFile: string | undefined): Annotation {
  const level = message.warning ? 'warning' : 'error';
  // @actions/core escapes the message, so the snippet's lines stay inside the annotation.
  const text = `${message.error_type}: ${message.message}${message.snippet ? `\n${message.snippet.trimEnd()}` : ''}`;
  const annotation: Annotation = { level, title: `SQL ${level} in pipeline ${pipelineName}`, message: text };
  if (!sqlFile) return { ...annotation, message: `${position(message)}: ${text}` };
  return {
    ...annotation,
    file: sqlFile,
    startLine: message.start_line_number,
    startColumn: message.start_column,
    endLine: message.end_line_number,
    endColumn: message.end_column,
  };
}

/** cargo's output from its first `error` line on: the part that says what failed. */
function rustExcerpt(output: string | undefined): string | undefined {
  if (!output?.trim()) return undefined;
  const lines = output.split('\n');
  const first = lines.findIndex((line) => /^error(\[E\d+\])?:/.test(line));
  return neutralised(first >= 0 ? lines.slice(first, first + EXCERPT_LINES) : lines.slice(-EXCERPT_LINES));
}

function firstLines(text: string | null | undefined): string | undefined {
  return text?.trim() ? neutralised(text.split('\n').slice(0, EXCERPT_LINES)) : undefined;
}

/** Each line of compiler output as server text: printed one by one, none can start a workflow command. */
function neutralised(lines: string[]): string {
  return lines
    .map((line) => serverText(line, [], 1000))
    .join('\n')
    .trimEnd();
}
