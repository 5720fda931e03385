import rule from '../../../../src/core/rules/workbook/far-cells';
import { ruleTester, hongjiang } from '../../../support/rule-tester';
import type { WorkbookSnapshot } from '../../../../src/core/snapshot';

const ok = hongjiang('corrected');

/** The workbook with far cells listed on one sheet, as the file host lists them. */
function withOutside(wb: WorkbookSnapshot, sheet: string, cells: string[], count = cells.length): WorkbookSnapshot {
  return { sheets: wb.sheets.map((s) => (s.name === sheet ? { ...s, outside: { cells, count } } : s)) };
}

ruleTester(rule, {
  valid: [
    { name: 'the corrected Hongjiang workbook: every cell read', workbook: ok },
    { name: 'an empty list of far cells', workbook: withOutside(ok, '附件2', [], 0) },
  ],
  invalid: [
    {
      name: 'a stray value at XFD1048576 is named, with the area that was read',
      workbook: withOutside(ok, '附件2', ['XFD1048576']),
      findings: [{ cell: '附件2!XFD1048576', severity: 'warning', message: /附件2!XFD1048576 远离工作表中的其他内容（已读取的区域为 A1:G\d+）：附件2!XFD1048576 未读取，也未校验/ }],
    },
    {
      name: 'many far cells: the first five named, the count given, the others related',
      workbook: withOutside(ok, '附件3', ['Z5000', 'Z5001', 'Z5002', 'Z5003', 'Z5004', 'Z5005'], 42),
      findings: [{ cell: '附件3!Z5000', message: /附件3!Z5004 等 42 个单元格 未读取/, related: ['附件3!Z5005'] }],
    },
  ],
});
