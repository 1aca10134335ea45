import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileOf, InputError, type Config } from '../model/inputs.ts';
import type { WantedProgram } from '../model/release.ts';

/**
 * Each pipeline's program (plan: true, update-program: true): sql-file's, and the UDF files given,
 * read before any request: a file that cannot be read is an invalid input, said with every other one.
 * Paths are relative to the workspace, as annotations are.
 */
export function readPrograms(config: Config, workspace: string): Map<string, WantedProgram> {
  const programs = new Map<string, WantedProgram>();
  const problems: string[] = [];
  const read = (input: string, path: string | undefined, name: string): string | undefined => {
    const file = fileOf(path, name);
    if (file === undefined) return undefined;
    try {
      return readFileSync(resolve(workspace, file), 'utf8');
    } catch (error) {
      const why =
        (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'there is no such file' : (error as Error).message;
      problems.push(
        `${input} "${file}"${file === path ? '' : ` (of pipeline ${name})`} cannot be read: ${why}. Check out the repository first (actions/checkout), and give the path from its root.`,
      );
      return undefined;
    }
  };
  for (const name of config.pipelineNames) {
    programs.set(name, {
      sqlFile: fileOf(config.sqlFile, name) ?? '',
      program_code: read('sql-file', config.sqlFile, name) ?? '',
      udf_rust: read('udf-rust-file', config.udfRustFile, name),
      udf_toml: read('udf-toml-file', config.udfTomlFile, name),
    });
  }
  if (problems.length > 0) throw new InputError(problems);
  return programs;
}
