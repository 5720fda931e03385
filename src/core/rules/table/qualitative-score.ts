import type { Rule } from '../rule';
import { at, label, scalar, shown } from '../rule';
import { round2 } from '../../num';
import { isEmptyMarker } from '../../values';

/**
 * RULES.md §3: qualitative and timeliness indicators. Met → 分值. Not met: the
 * tool cannot judge the level from free text, so it does not rescore: full
 * marks is a warning; a lower score with a reason is an info note; with an
 * achievement level picked in the profile the score must sit in its band.
 */
/** A band in words: `不低于 3 分且低于 4 分`, `不低于 4 分且不高于 5 分`. */
export function bandText(lo: number, hi: number, closed: boolean): string {
  return lo <= 0 ? `${closed ? '不高于' : '低于'} ${hi} 分` : `不低于 ${lo} 分且${closed ? '不高于' : '低于'} ${hi} 分`;
}

const rule: Rule = {
  id: 'qualitative-score',
  name: '定性指标得分',
  severity: 'warning',
  description: '定性指标与时效指标：达成得满分；未达成却得满分需复核；已选达成等级的得分应在对应区间',
  appliesTo: ['overall', 'project'],
  check(ctx) {
    const bands = ctx.profile.qualitativeBands;
    for (const a of ctx.analysis.evals.values()) {
      for (const i of a.indicators) {
        if (i.type !== 'qualitative' && i.type !== 'timeliness') continue;
        const w = i.weight;
        const s = i.storedScore;
        const score = i.row.score;
        if (w === null || s === null || !score) continue;
        // An empty actual is a missing input (missing-input), not an actual that differs.
        if (i.actual.kind === 'empty' || i.target.kind === 'empty') continue;
        const name = label(i.row.name);
        const related = [i.row.target, i.row.actual];
        const level = ctx.profile.achievementLevels[at(score)];
        if (i.matchesTarget) {
          if (round2(s) !== round2(w)) {
            ctx.report({ cell: score, related, table: a.table, severity: i.type === 'timeliness' ? 'error' : 'warning',
              message: `${at(score)} ${name} ${i.type === 'timeliness' ? '按时完成' : '实际完成值与年度指标值一致'}，应得满分 ${w}，表中得分 ${shown(score)}`,
              expected: w, actual: scalar(score), expectedKind: 'value' });
          }
          continue;
        }
        if (level) {
          const [lo, hi] = level === '达成' ? [bands.achieved * w, w] : level === '部分达成' ? [bands.partial * w, bands.achieved * w] : [0, bands.partial * w];
          const r = round2(s);
          const inBand = r >= round2(lo) && (level === '达成' ? r <= round2(hi) : r < round2(hi));
          if (!inBand) {
            ctx.report({ cell: score, related, table: a.table, severity: 'error',
              message: `${at(score)} ${name} 达成等级为“${level}”，得分应${bandText(round2(lo), round2(hi), level === '达成')}，表中得分 ${shown(score)}`,
              expected: null, actual: scalar(score), expectedKind: 'range', expectedText: bandText(round2(lo), round2(hi), level === '达成') });
          }
          continue;
        }
        if (round2(s) >= round2(w)) {
          ctx.report({ cell: score, related, table: a.table,
            message: `${at(score)} ${name} 实际完成“${shown(i.row.actual)}”与年度指标值“${shown(i.row.target)}”不一致，却得满分 ${w}，请复核`,
            expected: null, actual: scalar(score), expectedKind: 'none' });
        } else if (i.row.reason && !isEmptyMarker(i.row.reason.value)) {
          ctx.report({ cell: score, related, table: a.table, severity: 'info',
            message: `${at(score)} ${name} 未完全达成，得分 ${shown(score)}/${w}：本工具无法从文字判断达成等级，可在评分规则中选定等级后复核区间`,
            expected: null, actual: scalar(score), expectedKind: 'none' });
        }
      }
    }
  },
};
export default rule;
