import { main, type Io } from '../../src/cli/main';

/** Runs the command line in this process, capturing what it prints (stdout not a terminal). */
export async function runCli(...args: string[]): Promise<{ status: number; stdout: string; stderr: string }>;
/** The same, with the environment given (LANG…). */
export async function runCli(opts: { env: NodeJS.ProcessEnv }, ...args: string[]): Promise<{ status: number; stdout: string; stderr: string }>;
export async function runCli(...all: (string | { env: NodeJS.ProcessEnv })[]): Promise<{ status: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  // A Chinese environment unless one is given: the tests must not follow the machine's LANG.
  const env = typeof all[0] === 'object' ? all[0].env : { LANG: 'zh_CN.UTF-8' };
  const args = all.filter((a): a is string => typeof a === 'string');
  const io: Io = { stdout: (s) => { stdout += s; }, stderr: (s) => { stderr += s; }, isTTY: false, env };
  const status = await main(['node', 'selfeval', ...args], io);
  return { status, stdout, stderr };
}
