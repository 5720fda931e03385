/**
 * Errors of a workbook host (Excel or the browser demo): a code the pane can
 * translate, and a message in Chinese for everyone else (the ribbon command, logs).
 */
export type HostErrorCode =
  | 'sheetMissing'
  | 'sheetProtected'
  | 'formulaCell'
  | 'tooLarge'
  | 'cellChanged'
  | 'writeFailed'
  | 'rollbackFailed'
  | 'editMode'
  | 'unavailable'
  | 'nothingToUndo'
  | 'noActiveCell'
  | 'tooManyCells'
  | 'marksPartial'
  | 'inactiveWorkbook'
  | 'readOnly'
  | 'rangeConflict'
  | 'coauthoring'
  | 'unsupported'
  | 'invalidRequest'
  | 'signedOut'
  | 'notFound'
  | 'noWorkbook'
  | 'unknown';

export interface HostErrorParams {
  sheet?: string;
  cell?: string;
  reason?: string;
  /** tooManyCells: cells in the used ranges, and the limit. */
  cells?: number;
  limit?: number;
  /** marksPartial: the sheets left unmarked (joined with 、), and the marks written elsewhere. */
  sheets?: string;
  marked?: number;
  /** The spreadsheet program the message names: 'Excel' (the default) or 'WPS 表格'. */
  app?: string;
}

/** The program a message names. */
function app(p: HostErrorParams): string {
  return p.app ?? 'Excel';
}

const ZH: Record<HostErrorCode, (p: HostErrorParams) => string> = {
  sheetMissing: (p) => `找不到工作表“${p.sheet ?? ''}”（可能已被重命名或删除）。请重新校验。未做任何修改。`,
  sheetProtected: (p) => `工作表“${p.sheet ?? ''}”受保护，无法写入。请先在“审阅 → 撤消工作表保护”后重试。未做任何修改。`,
  formulaCell: (p) => `单元格 ${p.sheet ?? ''}!${p.cell ?? ''} 含公式，助手不会改写公式。未做任何修改。`,
  tooLarge: (p) => p.app ? `一次请求的数据量超出了 ${app(p)} 的上限。未做任何修改；请减少一次写入的单元格或删除无关的工作表后重试。` : '一次请求的数据量超出了 Excel 的上限（网页版约 5 MB）。未做任何修改；请减少一次写入的单元格或删除无关的工作表后重试。',
  cellChanged: (p) => `单元格 ${p.sheet ?? ''}!${p.cell ?? ''} 在写入后又被修改过，撤销会覆盖这一修改，已取消撤销。`,
  writeFailed: (p) => `写入失败，已恢复为写入前的内容。原因：${p.reason ?? '未知'}`,
  rollbackFailed: (p) => `写入失败，且未能完全恢复写入前的内容，请用 ${app(p)} 的“撤消”(Ctrl+Z) 检查。原因：${p.reason ?? '未知'}`,
  editMode: (p) => `${app(p)} 正处于单元格编辑状态。请先按 Enter 或 Esc 结束编辑后重试。`,
  unavailable: (p) => `${app(p)} 暂时无法完成操作（可能另一个工作簿正处于活动状态，或 Excel 正忙）。请切换回本工作簿后重试。${p.reason ? `（${p.reason}）` : ''}`,
  nothingToUndo: () => '没有可以撤销的写入。',
  noActiveCell: () => '没有活动单元格。请先在工作表中选中一个单元格。',
  tooManyCells: (p) =>
    `工作簿的已用区域共有 ${p.cells ?? '?'} 个单元格${p.sheet ? `（最大的是工作表“${p.sheet}”）` : ''}，超过了助手在 ${app(p)} 中一次能检查的 ${p.limit ?? '?'} 个。` +
    '请删除无关的工作表或表格外多余的行和列（含只有格式的空单元格）后重试，或用命令行 npx selfeval check 检查该文件。未做任何修改。',
  marksPartial: (p) =>
    `工作表“${p.sheets ?? ''}”受保护，未在其中标记或清除标记${p.marked ? `；其余 ${p.marked} 处已标记` : ''}。如需标记，请先在“审阅 → 撤消工作表保护”后重新校验。`,
  inactiveWorkbook: () => '本工作簿当前不是活动工作簿（可能切换到了另一个工作簿或窗口）。请先点击本工作簿的任一单元格，再重试。未做任何修改。',
  readOnly: (p) => `工作簿为只读，或不允许加载项写入${p.sheet ? `（工作表“${p.sheet}”）` : ''}。请用“另存为”保存一份可编辑的副本，或请文件所有者授予编辑权限后重试。未做任何修改。`,
  rangeConflict: (p) =>
    `要写入的单元格${p.sheet ? `（工作表“${p.sheet}”${p.cell ? `!${p.cell}` : ''}）` : ''}与合并单元格、筛选、表格或数据透视表冲突，${app(p)} 拒绝了写入。请取消相关合并或筛选后重试。未做任何修改。`,
  coauthoring: () => '另一位用户正在同时编辑同一处（共同编辑冲突）。请稍等片刻后重试。',
  unsupported: (p) => `此版本的 ${app(p)} 不支持该操作${p.reason ? `（${p.reason}）` : ''}。${p.app ? `请将 ${app(p)} 更新到最新版本，或用命令行 npx selfeval check 检查该文件。` : '请更新 Office，或改用 Excel 网页版。'}`,
  invalidRequest: (p) => `${app(p)} 拒绝了这次请求（参数无效）。请重新校验后再试；如仍失败，请将此消息报告给维护者。${p.reason ? `（${p.reason}）` : ''}`,
  signedOut: () => '登录状态已过期。请在 Office 中重新登录后重试。',
  noWorkbook: (p) => `${app(p)} 中没有打开的工作簿。请先打开要校验的工作簿，再重试。`,
  notFound: () => '找不到要操作的单元格或工作表（可能已被删除、移动或重命名）。请重新校验后再试。',
  unknown: (p) => `操作失败：${p.reason ?? '未知错误'}`,
};

export class HostError extends Error {
  constructor(readonly code: HostErrorCode, readonly params: HostErrorParams = {}, readonly cause?: unknown) {
    super(ZH[code](params));
    this.name = 'HostError';
  }
}

