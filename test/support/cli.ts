import { main, type Io } from '../../src/cli/main';

/** Runs the command line in this process, capturing what it prints (stdout not a terminal). */
export async function runCli(...args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: Io = { stdout: (s) => { stdout += s; }, stderr: (s) => { stderr += s; }, isTTY: false };
  const status = await main(['node', 'selfeval', ...args], io);
  return { status, stdout, stderr };
}
