/**
 * The command line's own words: help, usage and argument errors. Chinese by
 * default; English when the environment's language is English (LC_ALL,
 * LC_MESSAGES or LANG starting with `en`, the first one set wins, as in POSIX).
 * The report itself stays Chinese: its messages quote the Chinese tables.
 */
export type CliLocale = 'zh' | 'en';

export function cliLocale(env: NodeJS.ProcessEnv): CliLocale {
  const lang = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return /^en/i.test(lang) ? 'en' : 'zh';
}

const zh = {
  description: '自评表校验助手：校验部门整体支出绩效自评报告的附件表格（基础数据表、整体支出绩效自评表、项目支出绩效自评表）',
  version: '显示版本号',
  help: '显示帮助',
  helpCommand: '显示命令的帮助',
  checkDesc: '校验工作簿（不指定文件时校验自带的示例工作簿）',
  filesArg: '文件或文件夹',
  filesDesc: '.xlsx 文件或文件夹（文件夹中的 .xlsx 逐个校验）',
  json: '输出 JSON 报告（供其他程序读取）',
  details: '在每条问题后写出规则编号（查找规则说明时用）',
  profileArg: '评分规则.json',
  profile: '评分规则设置（JSON，见 docs/rules.md）',
  fixDesc: '写出一份副本：写入重新计算的值，并按严重程度标记每个问题单元格（批注说明）',
  fileArg: '文件',
  fileDesc: '.xlsx 文件',
  outputArg: '输出.xlsx',
  output: '输出文件（不能与输入相同）',
  force: '（已不需要：fix 保留工作簿的全部内容）',
  summaryDesc: '输出自评摘要文字',
  Usage: '用法：',
  Arguments: '参数：',
  Options: '选项：',
  Commands: '命令：',
  GlobalOptions: '全局选项：',
  options: '[选项]',
  command: '[命令]',
  unknownOption: '未知的选项 {x}',
  didYouMean: '（是否想用 {x}？）',
  unknownCommand: '未知的命令 {x}，可用的命令：check、fix、summary',
  missingArgument: '缺少参数：{x}',
  optionMissingArgument: '选项 {x} 后面缺少值',
  excessArguments: '参数过多：{cmd} 只接受 {n} 个{what}，实际给了 {m} 个',
  argFile: '文件',
  usageError: '命令行有误',
  seeHelp: '运行 selfeval --help 查看用法。',
  outputRequired: '请用 -o 指定输出文件，例如：selfeval fix 文件.xlsx -o 输出.xlsx',
  profileUnreadable: '无法读取评分规则文件 {file}，请检查路径',
  profileInvalid: '评分规则文件 {file} 不是有效的 JSON：{reason}',
  folderEmpty: '文件夹 {dir} 中没有 .xlsx 文件',
  internal: '内部错误：{stage} {file}{part} 时出错（{reason}）。这是本工具的缺陷，请把这一行告诉维护者',
  internalPart: ' 的部件 {part}',
  internalBare: '内部错误（{reason}）。这是本工具的缺陷，请把这一行告诉维护者',
  stageRead: '读取',
  stageCheck: '校验',
  stageWrite: '写入',
  noTables: '{file} 中未识别到自评表，无法生成摘要',
} as const;

type Key = keyof typeof zh;

const en: Record<Key, string> = {
  description: 'Self-evaluation checker: checks the attachment tables of a department\'s performance self-evaluation report (basic data, overall and project self-evaluation tables)',
  version: 'show the version',
  help: 'show this help',
  helpCommand: 'show the help of a command',
  checkDesc: 'check workbooks (the bundled sample when no file is given)',
  filesArg: 'files',
  filesDesc: '.xlsx files or folders (each .xlsx in a folder is checked)',
  json: 'print a JSON report (for other programs)',
  details: 'print the rule id after each finding (to look the rule up)',
  profileArg: 'profile.json',
  profile: 'scoring rules (JSON, see docs/rules.md)',
  fixDesc: 'write a copy with the recalculated values and every finding\'s cell marked by severity (with a note)',
  fileArg: 'file',
  fileDesc: '.xlsx file',
  outputArg: 'out.xlsx',
  output: 'output file (not the input)',
  force: '(no longer needed: fix keeps everything in the workbook)',
  summaryDesc: 'print the summary text',
  Usage: 'Usage:',
  Arguments: 'Arguments:',
  Options: 'Options:',
  Commands: 'Commands:',
  GlobalOptions: 'Global Options:',
  options: '[options]',
  command: '[command]',
  unknownOption: 'unknown option {x}',
  didYouMean: ' (did you mean {x}?)',
  unknownCommand: 'unknown command {x}; the commands are check, fix, summary',
  missingArgument: 'missing argument: {x}',
  optionMissingArgument: 'option {x} needs a value',
  excessArguments: 'too many arguments: {cmd} takes {n} {what}, got {m}',
  argFile: 'file',
  usageError: 'command line error',
  seeHelp: 'Run selfeval --help for usage.',
  outputRequired: 'name the output file with -o, e.g. selfeval fix in.xlsx -o out.xlsx',
  profileUnreadable: 'cannot read the profile file {file}; check the path',
  profileInvalid: 'the profile file {file} is not valid JSON: {reason}',
  folderEmpty: 'no .xlsx file in the folder {dir}',
  internal: 'internal error while {stage} {file}{part} ({reason}). This is a defect of the tool; please report this line',
  internalPart: ', part {part}',
  internalBare: 'internal error ({reason}). This is a defect of the tool; please report this line',
  stageRead: 'reading',
  stageCheck: 'checking',
  stageWrite: 'writing',
  noTables: 'no self-evaluation table recognized in {file}; no summary',
};

export type CliText = (key: Key, params?: Record<string, string | number>) => string;

export function cliText(locale: CliLocale): CliText {
  const dict: Record<Key, string> = locale === 'en' ? en : zh;
  return (key, params = {}) => dict[key].replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m));
}

/** Commander's own error (its English message and code) in the user's words; null when it is not one we know. */
export function usageMessage(code: string, message: string, t: CliText): string | null {
  const quoted = [...message.matchAll(/'([^']*)'/g)].map((m) => m[1]);
  switch (code) {
    case 'commander.unknownOption': {
      const guess = /did you mean (\S+?)\?/.exec(message)?.[1];
      return t('unknownOption', { x: quoted[0] ?? '' }) + (guess ? t('didYouMean', { x: guess }) : '');
    }
    case 'commander.unknownCommand':
      return t('unknownCommand', { x: quoted[0] ?? '' });
    case 'commander.missingArgument':
      return t('missingArgument', { x: quoted[0] ?? '' });
    case 'commander.optionMissingArgument':
    case 'commander.missingMandatoryOptionValue':
      return t('optionMissingArgument', { x: (quoted[0] ?? '').replace(/\s*<.*$/, '') });
    case 'commander.excessArguments': {
      const m = /(?:for '([^']*)')?\. Expected (\d+) arguments? but got (\d+)/.exec(message);
      return m ? t('excessArguments', { cmd: m[1] ?? 'selfeval', n: m[2], m: m[3], what: t('argFile') }) : null;
    }
    default:
      return null;
  }
}
