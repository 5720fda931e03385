/**
 * The scoring profile (RULES.md §5): the variants between provinces and years,
 * as settings. Stored with the workbook by the add-in; `--profile FILE.json`
 * on the command line.
 */
export type AchievementLevel = '达成' | '部分达成' | '未达成';

export interface ScoringProfile {
  /** 反向 indicators: `linear` (1 − (A − T)/T) × W, or `ratio` T / A × W. */
  reverseFormula: 'linear' | 'ratio';
  /** Lower bounds (fractions of the weight) of 达成 and 部分达成: 80/60 or 80/50. */
  qualitativeBands: { achieved: number; partial: number };
  /** Require 偏差原因 also when the actual is at least 130% of the target. */
  requireReasonAbove130: boolean;
  /** Cap the total score by 执行率 (70–80% → 89, 60–70% → 79, 50–60% → 69, below → 59). */
  capTotalByExecutionRate: boolean;
  /**
   * An actual at least 130% of its (正向) target is 偏离 (the target was set too low):
   * its score loses this fraction of the weight (0.2 → 80% of the weight); null: off.
   */
  overshootDeduction: number | null;
  /** Weight of the funds row; null reads it from the table. */
  fundsWeight: number | null;
  /**
   * Achievement level picked by the user for qualitative rows, keyed by the
   * row's 得分 cell `Sheet!H24`.
   */
  achievementLevels: Record<string, AchievementLevel>;
}

export const DEFAULT_PROFILE: ScoringProfile = {
  reverseFormula: 'linear',
  qualitativeBands: { achieved: 0.8, partial: 0.6 },
  requireReasonAbove130: false,
  capTotalByExecutionRate: false,
  overshootDeduction: null,
  fundsWeight: null,
  achievementLevels: {},
};

export class ProfileError extends Error {}

/** Merges a partial profile (from JSON) over the defaults, rejecting unknown or ill-typed settings. */
/** Whether a profile is the default one (no setting changed, no achievement level set). */
export function isDefaultProfile(p: ScoringProfile): boolean {
  const keys = Object.keys(DEFAULT_PROFILE) as (keyof ScoringProfile)[];
  return keys.every((k) => k === 'achievementLevels' || JSON.stringify(p[k]) === JSON.stringify(DEFAULT_PROFILE[k]))
    && Object.keys(p.achievementLevels ?? {}).length === 0;
}

export function resolveProfile(input?: unknown): ScoringProfile {
  if (input === undefined || input === null) return { ...DEFAULT_PROFILE, achievementLevels: {} };
  if (typeof input !== 'object' || Array.isArray(input)) throw new ProfileError('评分规则设置必须是 JSON 对象 (profile must be a JSON object)');
  const p = input as Record<string, unknown>;
  const out: ScoringProfile = { ...DEFAULT_PROFILE, achievementLevels: {} };
  for (const [k, v] of Object.entries(p)) {
    switch (k) {
      case 'reverseFormula':
        if (v !== 'linear' && v !== 'ratio') throw new ProfileError(`reverseFormula 只能是 "linear" 或 "ratio"，而不是 ${JSON.stringify(v)}`);
        out.reverseFormula = v;
        break;
      case 'qualitativeBands': {
        const b = v as { achieved?: unknown; partial?: unknown };
        if (!b || typeof b.achieved !== 'number' || typeof b.partial !== 'number' || !(b.partial < b.achieved) || b.partial < 0 || b.achieved > 1) {
          throw new ProfileError('qualitativeBands 应为 {"achieved": 0.8, "partial": 0.6} 形式 (0 ≤ partial < achieved ≤ 1)');
        }
        out.qualitativeBands = { achieved: b.achieved, partial: b.partial };
        break;
      }
      case 'requireReasonAbove130':
      case 'capTotalByExecutionRate':
        if (typeof v !== 'boolean') throw new ProfileError(`${k} 应为 true 或 false`);
        out[k] = v;
        break;
      case 'overshootDeduction':
        if (v !== null && (typeof v !== 'number' || !(v > 0) || v > 1)) throw new ProfileError('overshootDeduction 应为 0 到 1 之间的数（扣减分值的比例，如 0.2），或 null（不扣减）');
        out.overshootDeduction = v as number | null;
        break;
      case 'fundsWeight':
        if (v !== null && (typeof v !== 'number' || !(v > 0) || v > 100)) throw new ProfileError('fundsWeight 应为 0 到 100 之间的数，或 null（从表中读取）');
        out.fundsWeight = v as number | null;
        break;
      case 'achievementLevels': {
        if (!v || typeof v !== 'object' || Array.isArray(v)) throw new ProfileError('achievementLevels 应为对象：{"附件3!H24": "达成"}');
        for (const [cell, level] of Object.entries(v as Record<string, unknown>)) {
          if (level !== '达成' && level !== '部分达成' && level !== '未达成') throw new ProfileError(`achievementLevels["${cell}"] 应为 达成、部分达成 或 未达成`);
          out.achievementLevels[cell] = level;
        }
        break;
      }
      default:
        throw new ProfileError(`未知的评分规则设置 (unknown profile setting): ${k}`);
    }
  }
  return out;
}
