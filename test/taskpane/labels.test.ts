/** Labels that say what they mean: no word twice, the scoring rules tab says which rules are in force. */
import { joinDistinct, tableName } from '../../src/taskpane/format';
import { derivedLabels, tableTitle } from '../../src/taskpane/roles';
import { isDefaultProfile, resolveProfile } from '../../src/core/profile';
import { toSnapshot, hongjiangWorkbook } from '../../scripts/workbooks';

describe('labels', () => {
  test('no word twice', () => {
    expect(joinDistinct(['总分', '总分'])).toBe('总分');
    expect(joinDistinct(['年度资金总额', '执行率'])).toBe('年度资金总额 执行率');
    expect(joinDistinct(['', '得分'])).toBe('得分');
    expect(tableName('基础数据表', '基础数据表')).toBe('基础数据表');
    expect(tableName('基础数据表', null)).toBe('基础数据表');
    expect(tableName('项目支出绩效自评表', '科技三项费')).toBe('项目支出绩效自评表：科技三项费');
    expect(tableTitle({ kind: 'basic-data', name: '基础数据表' })).toBe('基础数据表');
  });

  test('the 重算 labels of the sample never repeat a word', () => {
    const labels = derivedLabels(toSnapshot(hongjiangWorkbook('miscalculated')));
    expect(labels['附件3!H29']).toMatchObject({ row: '总分', column: '总分' });
    for (const l of Object.values(labels)) expect(joinDistinct([l.row, l.column])).not.toMatch(/(\S+) \1/);
  });

  test('a default profile is recognized as such; any change is not', () => {
    expect(isDefaultProfile(resolveProfile({}))).toBe(true);
    expect(isDefaultProfile(resolveProfile({ reverseFormula: 'ratio' }))).toBe(false);
    expect(isDefaultProfile({ ...resolveProfile({}), achievementLevels: { '附件3!H22': '达成' } })).toBe(false);
  });
});
