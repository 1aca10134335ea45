import * as core from '@actions/core';
import { randomUUID } from 'node:crypto';
import type { LogWriter } from './phase-log.ts';
import { inert } from '../text/text.ts';

// The one way to the step's plain log. The runner reads workflow commands in plain lines (not in the
// data of its own `::error::`, `::warning::` and `::debug::` commands, which @actions/core escapes),
// so every plain line passes through `inert`, whatever it holds.

export function info(line: string): void {
  core.info(inert(line));
}

/**
 * Server lines (a log tail, compiler output) in a collapsed group, each behind a bar, and between
 * `stop-commands` and a token no server can know: the runner runs no command among them.
 */
export function untrusted(title: string, lines: readonly string[]): void {
  core.startGroup(inert(title));
  untrustedLines(lines);
  core.endGroup();
}

/** The same inside a group already open. */
export function untrustedLines(lines: readonly string[]): void {
  const token = randomUUID();
  core.info(`::stop-commands::${token}`);
  for (const line of lines) core.info(inert(`│ ${line}`));
  core.info(`::${token}::`);
}

/** @actions/core's output, with every plain line and group title made inert: what a PhaseLog writes to. */
export const stepLog: LogWriter = {
  debug: (line) => core.debug(line),
  isDebug: () => core.isDebug(),
  info,
  warning: (line, title) => core.warning(line, { title }),
  startGroup: (title) => core.startGroup(inert(title)),
  endGroup: () => core.endGroup(),
};

/**
 * Exits once everything printed is flushed. A process left to wind down by itself gives signals back
 * to Node's default first, so a cancel then would kill it; and a request the action cannot abort (the
 * toolkit's ID token fetch has no signal) must not keep it alive.
 */
export function exitWhenFlushed(): void {
  process.stdout.write('', () => process.exit());
}
