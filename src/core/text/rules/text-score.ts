import type { TextRule } from '../rule';
import { para, reportMismatch } from '../rule';
import { gradeOf } from '../../evaluate';
import { shown } from '../../rules/rule';
import { squeeze } from '../figures';

/** RULES.md §8: 自评得分 / 总分 and 评价等级 in the text = the evaluation table's 总分 and the grade it gives. */
const rule: TextRule = {
  id: 'text-score',
  severity: 'error',
  description: '报告正文中的自评得分和评价等级应与自评表的总分及其等级一致',
  check(ctx) {
    for (const c of ctx.claims) if (c.kind === 'score') reportMismatch(ctx, c);
    for (const g of ctx.grades) {
      // The table of the sentence: a project it names, else the overall table.
      const project = ctx.tables.project.find((t) => t.name && (g.sentence.includes(squeeze(t.name)) || g.sentence.includes(squeeze(t.name).replace(/[(（][^)）]*[)）]$/, ''))));
      const t = project ?? ctx.tables.overall[0] ?? (ctx.tables.project.length === 1 ? ctx.tables.project[0] : undefined);
      const cell = t?.total?.score;
      const r = ctx.analysis.read(cell);
      if (!t || !cell || r.kind !== 'number') continue;
      const grade = gradeOf(r.value);
      if (grade === g.grade) continue;
      ctx.report({ paragraph: g.paragraph, quote: g.quote, related: [cell], actual: g.grade, expected: grade,
        message: `${para(g.paragraph)}：评价等级“${g.grade}”与 ${cell.sheet}!${cell.cell} 总分 ${shown(cell)} 对应的等级“${grade}”不一致，请核对` });
    }
  },
};
export default rule;
