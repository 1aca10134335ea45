// The workflow commands the GitHub runner would run from a step's output: a port of actions/runner's
// ActionCommandManager.TryProcessCommand with ActionCommand.TryParseV2 (`::name props::data` at the
// start of a line, after white space) and TryParse (`##[name props]data` anywhere in a line), command
// names in any case, and `stop-commands` ignoring every command until its token comes back. The
// runner matches with .NET's culture-sensitive IndexOf and StartsWith, which skip what ICU ignores;
// here such characters are taken out before matching, which finds at least what the runner finds.

export interface RunnerCommand {
  name: string;
  data: string;
  line: string;
}

const REGISTERED = [
  'set-env',
  'set-output',
  'save-state',
  'add-path',
  'add-mask',
  'add-matcher',
  'remove-matcher',
  'warning',
  'error',
  'notice',
  'debug',
  'group',
  'endgroup',
  'echo',
  'stop-commands',
];
const IGNORED_BY_ICU = /[\u0000-\u0008\u000e-\u001f\u007f-\u009f\p{Default_Ignorable_Code_Point}]/gu;

export function runnerCommands(output: string): RunnerCommand[] {
  const commands: RunnerCommand[] = [];
  let stopToken: string | undefined;
  for (const line of output.split(/\r\n|\n|\r/)) {
    const seen = line.replace(IGNORED_BY_ICU, '');
    const registered = new Set([...REGISTERED, ...(stopToken === undefined ? [] : [stopToken.toLowerCase()])]);
    const command = parseV2(seen, registered) ?? parseLegacy(seen, registered);
    if (!command) continue;
    if (stopToken !== undefined) {
      if (command.name.toLowerCase() === stopToken.toLowerCase()) {
        commands.push({ ...command, name: 'resume-commands', line });
        stopToken = undefined;
      }
      continue;
    }
    if (command.name.toLowerCase() === 'stop-commands') stopToken = command.data;
    commands.push({ ...command, line });
  }
  return commands;
}

function parseV2(line: string, registered: Set<string>): Omit<RunnerCommand, 'line'> | undefined {
  const message = line.trimStart();
  if (!message.startsWith('::')) return undefined;
  const end = message.indexOf('::', 2);
  if (end < 0) return undefined;
  const name = message.slice(2, end).split(' ')[0]!;
  return registered.has(name.toLowerCase()) ? { name: name.toLowerCase(), data: message.slice(end + 2) } : undefined;
}

function parseLegacy(line: string, registered: Set<string>): Omit<RunnerCommand, 'line'> | undefined {
  const prefix = line.indexOf('##[');
  if (prefix < 0) return undefined;
  const end = line.indexOf(']', prefix);
  if (end < 0) return undefined;
  const name = line.slice(prefix + 3, end).split(' ')[0]!;
  return registered.has(name.toLowerCase()) ? { name: name.toLowerCase(), data: line.slice(end + 1) } : undefined;
}
