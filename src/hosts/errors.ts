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
  | 'unknown';

export interface HostErrorParams {
  sheet?: string;
  cell?: string;
  reason?: string;
}

const ZH: Record<HostErrorCode, (p: HostErrorParams) => string> = {
  sheetMissing: (p) => `找不到工作表“${p.sheet ?? ''}”（可能已被重命名或删除）。请重新校验。未做任何修改。`,
  sheetProtected: (p) => `工作表“${p.sheet ?? ''}”受保护，无法写入。请先在“审阅 → 撤消工作表保护”后重试。未做任何修改。`,
  formulaCell: (p) => `单元格 ${p.sheet ?? ''}!${p.cell ?? ''} 含公式，助手不会改写公式。未做任何修改。`,
  tooLarge: () => '一次请求的数据量超出了 Excel 的上限（网页版约 5 MB）。未做任何修改；请减少一次写入的单元格或删除无关的工作表后重试。',
  cellChanged: (p) => `单元格 ${p.sheet ?? ''}!${p.cell ?? ''} 在写入后又被修改过，撤销会覆盖这一修改，已取消撤销。`,
  writeFailed: (p) => `写入失败，已恢复为写入前的内容。原因：${p.reason ?? '未知'}`,
  rollbackFailed: (p) => `写入失败，且未能完全恢复写入前的内容，请用 Excel 的“撤消”(Ctrl+Z) 检查。原因：${p.reason ?? '未知'}`,
  editMode: () => 'Excel 正处于单元格编辑状态。请先按 Enter 或 Esc 结束编辑后重试。',
  unavailable: (p) => `Excel 暂时无法完成操作（可能另一个工作簿正处于活动状态，或 Excel 正忙）。请切换回本工作簿后重试。${p.reason ? `（${p.reason}）` : ''}`,
  nothingToUndo: () => '没有可以撤销的写入。',
  noActiveCell: () => '没有活动单元格。请先在工作表中选中一个单元格。',
  unknown: (p) => `操作失败：${p.reason ?? '未知错误'}`,
};

export class HostError extends Error {
  constructor(readonly code: HostErrorCode, readonly params: HostErrorParams = {}, readonly cause?: unknown) {
    super(ZH[code](params));
    this.name = 'HostError';
  }
}

