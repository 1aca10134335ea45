import type { Release } from '../phases/release.ts';
import { planChanges } from '../model/plan.ts';
import { formatDuration } from '../text/text.ts';
import { inline } from '../text/markdown.ts';

const CHANGES: Readonly<Record<NonNullable<Release['change']>, string>> = {
  none: 'none: the pipeline already had this program',
  updated: 'updated',
  created: 'created: the pipeline did not exist',
  'rolled-back': 'rolled back: the new program did not compile',
};

/**
 * The summary's section on the program (update-program: true): the file, the versions, what changed,
 * the stop, the compile, the downtime. `diffTable` draws the changes as the approval diff's are.
 */
export function releaseSection(
  release: Release,
  downtime: string,
  diffTable: (diff: NonNullable<Release['diff']>) => string,
): string {
  const facts: [string, string][] = [['Program', inline(release.sqlFile, 200)]];
  facts.push([
    'Change',
    release.change ? CHANGES[release.change] : 'none made: the step ended before it changed anything',
  ]);
  if (release.versionBefore !== undefined || release.versionAfter !== undefined) {
    const after = release.versionAfter === undefined ? '' : ` → ${release.versionAfter}`;
    facts.push(['Program version', `${release.versionBefore ?? 'new'}${after}`]);
  }
  if (release.unchecked) facts.push(['Checked before the stop', `no: ${inline(release.unchecked, 1000)}`]);
  else if (release.diff)
    facts.push([
      'Checked before the stop',
      `yes: ${inline(planChanges(release.diff) || 'no change to tables, views or connectors', 1000)}`,
    ]);
  if (release.stop) {
    const how = release.stop.force
      ? 'without a checkpoint (force-stop: true)'
      : 'with a checkpoint (force-stop: false)';
    const took =
      release.stop.tookMs === undefined ? 'not seen Stopped' : `Stopped in ${formatDuration(release.stop.tookMs)}`;
    facts.push(['Stop', `${how}, ${took}`]);
  }
  if (release.compile) {
    facts.push(['Compile', `${formatDuration(release.compile.tookMs)}, longest phase ${release.compile.longest}`]);
  }
  if (release.rollback) {
    facts.push([
      'Rollback',
      release.rollback.restored
        ? `the previous program (version ${release.versionBefore}) is configured again`
        : `failed: ${inline(release.rollback.problem ?? '', 1000)}`,
    ]);
  }
  if (downtime) facts.push(['Downtime', `${downtime}s, from the stop to the target seen again (or to the step's end)`]);
  const list = facts.map(([label, value]) => `- **${label}**: ${value}`).join('\n');
  const changes = release.diff && planChanges(release.diff) ? `\n\n${diffTable(release.diff)}` : '';
  return `#### Program update\n\n${list}${changes}`;
}
