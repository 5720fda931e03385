import type { WorkbookSnapshot } from './snapshot';
import type { Report } from './report';
import { resolveProfile, type ScoringProfile } from './profile';

export interface AnalyzeOptions {
  profile?: Partial<ScoringProfile>;
}

/** Recognizes the tables of a workbook, checks them, recalculates, scores and summarizes. */
export function analyze(workbook: WorkbookSnapshot, options: AnalyzeOptions = {}): Report {
  const profile = resolveProfile(options.profile);
  void profile;
  void workbook;
  throw new Error('analyze: not implemented yet');
}
