/** Every rule, in report order. Adding a rule: its module, its test, one line here. */
import type { Rule } from './rule';
import derivedValue from './table/derived-value';
import unparseableNumber from './table/unparseable-number';
import scoreRange from './table/score-range';
import level1Weight from './table/level1-weight';
import totalWeight from './table/total-weight';
import deviationReason from './table/deviation-reason';
import qualitativeScore from './table/qualitative-score';
import indicatorUnits from './table/indicator-units';
import basicSums from './table/basic-sums';
import basicCaps from './table/basic-caps';
import projectFundSources from './table/project-fund-sources';
import overallBreakdowns from './table/overall-breakdowns';
import years from './table/years';
import zeroBudget from './table/zero-budget';
import goalBlockScore from './table/goal-block-score';
import missingInput from './table/missing-input';
import outlineSums from './table/outline-sums';
import indicatorsNotRead from './table/indicators-not-read';
import overallBudget from './cross/overall-budget-vs-basic';
import overallExecuted from './cross/overall-executed-vs-basic';
import overallExpense from './cross/overall-expense-vs-basic';
import projectVsBasic from './cross/project-vs-basic';
import farCells from './workbook/far-cells';

export const RULES: readonly Rule[] = [
  indicatorsNotRead,
  unparseableNumber,
  derivedValue,
  scoreRange,
  level1Weight,
  outlineSums,
  totalWeight,
  goalBlockScore,
  missingInput,
  deviationReason,
  qualitativeScore,
  indicatorUnits,
  basicSums,
  basicCaps,
  projectFundSources,
  overallBreakdowns,
  years,
  zeroBudget,
  overallBudget,
  overallExecuted,
  overallExpense,
  projectVsBasic,
  farCells,
];

export type { Rule, RuleContext, FindingInput } from './rule';
