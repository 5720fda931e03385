/**
 * Word documents for tests and the benchmark: the seed report's text and its
 * attachment tables as a .docx (tables with gridSpan / vMerge merged cells, as
 * Word writes them), lookalikes in other wording styles and units, tables-only
 * and text-only documents. The tables come from the workbook generator
 * (./workbooks.ts), so a Word table and the same table in a workbook are built
 * from one spec.
 *
 * Dev-only: the product reads documents with src/hosts/file/docx.ts.
 */
import { zipSync, strToU8 } from 'fflate';
import type { CellValue, SheetSnapshot } from '../src/core/snapshot';
import { parseRange } from '../src/core/address';
import { formatNumber } from '../src/core/rules/rule';
import { hongjiangWorkbook, toSnapshot, benchWorkbook, type Variant } from './workbooks';

/** A block of the body: a paragraph, or a table as a rectangle of a sheet. */
export type DocBlock = string | { table: SheetSnapshot; top: number; bottom: number };

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function runs(text: string): string {
  return text.split('\n').map((line, i) => `${i ? '<w:r><w:br/></w:r>' : ''}<w:r><w:t xml:space="preserve">${esc(line)}</w:t></w:r>`).join('');
}

function paragraph(text: string): string {
  return `<w:p><w:pPr><w:spacing w:after="120"/></w:pPr>${runs(text)}</w:p>`;
}

/** A cell's text as the sheet shows it: numbers through their format (0.8571 under 0.00% → 85.71%). */
function shownText(v: CellValue, fmt: string | null | undefined): string {
  if (v === null || v === '') return '';
  if (typeof v === 'number') return formatNumber(v, fmt);
  return String(v);
}

/** A Word table of rows top..bottom (0-based, relative to the sheet's used range) of a sheet: merges become gridSpan / vMerge. */
function table(s: SheetSnapshot, top: number, bottom: number): string {
  const cols = s.values[0]?.length ?? 1;
  const merges = s.merges.map(parseRange).filter((m) => m.top >= top && m.bottom <= bottom);
  const master = new Map<string, (typeof merges)[number]>();
  for (const m of merges) for (let r = m.top; r <= m.bottom; r++) for (let c = m.left; c <= m.right; c++) master.set(`${r},${c}`, m);
  const grid = `<w:tblGrid>${'<w:gridCol w:w="1000"/>'.repeat(cols)}</w:tblGrid>`;
  const rows: string[] = [];
  for (let r = top; r <= bottom; r++) {
    const cells: string[] = [];
    for (let c = 0; c < cols;) {
      const m = master.get(`${r},${c}`);
      const span = m ? m.right - m.left + 1 : 1;
      const vMerge = m && m.bottom > m.top ? (m.top === r ? '<w:vMerge w:val="restart"/>' : '<w:vMerge/>') : '';
      const text = m && m.top !== r ? '' : shownText(s.values[r][c], s.numberFormats?.[r]?.[c]);
      cells.push(`<w:tc><w:tcPr><w:tcW w:w="${1000 * span}" w:type="dxa"/>${span > 1 ? `<w:gridSpan w:val="${span}"/>` : ''}${vMerge}</w:tcPr>${text.split('\n').map((t) => `<w:p>${t ? runs(t) : ''}</w:p>`).join('')}</w:tc>`);
      c += span;
    }
    rows.push(`<w:tr>${cells.join('')}</w:tr>`);
  }
  return `<w:tbl><w:tblPr><w:tblW w:w="${1000 * cols}" w:type="dxa"/><w:tblBorders><w:insideH w:val="single" w:sz="4"/><w:insideV w:val="single" w:sz="4"/></w:tblBorders></w:tblPr>${grid}${rows.join('')}</w:tbl>`;
}

const W_NS = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const R_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** The document.xml of a body. */
export function documentXml(blocks: DocBlock[]): string {
  const body = blocks.map((b) => (typeof b === 'string' ? paragraph(b) : table(b.table, b.top, b.bottom))).join('');
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="${W_NS}" xmlns:r="${R_NS}"><w:body>${body}<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>`;
}

/** A .docx package of a body (or of a document.xml given as text). */
export function docx(blocks: DocBlock[] | string): Uint8Array {
  const xml = typeof blocks === 'string' ? blocks : documentXml(blocks);
  return zipSync({
    '[Content_Types].xml': strToU8('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'),
    '_rels/.rels': strToU8(`<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${R_NS}/officeDocument" Target="word/document.xml"/></Relationships>`),
    'word/document.xml': strToU8(xml),
  });
}

const NOTE = /^(说明|填表人|注[:：])/;

/**
 * A sheet that holds one table as a Word report would: the leading lines (附件 label, title: rows with one
 * text in column A) as paragraphs, the table, and the 说明 / 填表人 lines under it as paragraphs.
 */
export function sheetBlocks(s: SheetSnapshot): DocBlock[] {
  const single = (r: number) => s.values[r].slice(1).every((v) => v === '' || v === null) && typeof s.values[r][0] === 'string' && s.values[r][0] !== '';
  let top = 0;
  while (top < s.values.length && single(top) && top < 2) top++;
  let bottom = s.values.length - 1;
  while (bottom > top && single(bottom) && NOTE.test(String(s.values[bottom][0]))) bottom--;
  const out: DocBlock[] = [];
  for (let r = 0; r < top; r++) out.push(String(s.values[r][0]));
  out.push({ table: s, top, bottom });
  for (let r = bottom + 1; r < s.values.length; r++) out.push(String(s.values[r][0]));
  return out;
}

/** The 附件 label as Word reports write it: `附件2` → `附件 2`. */
function spacedLabel(b: DocBlock): DocBlock {
  return typeof b === 'string' ? b.replace(/^附件(\d+)$/, '附件 $1') : b;
}


// ---------------------------------------------------------------------------
// The seed report

/** The seed report's paragraphs 1–71 as published (cover, text, list of attachments). */
const SEED_TEXT: readonly string[] = [
  "2024 年度洪江区科技和工业信息化局 部门整体支出绩效自评报告",
  "单位名称: 洪江区科技和工业信息化局 (盖章)",
  "2025 年 4 月 30 日",
  "一、部门（单位）基本情况",
  "（一）机构设置情况",
  "怀化市洪江区科技和工业信息化局内设机构包括 8 个：分别为办公室、经济运行监测股、资源节能投资股、产业发展与政策法规股、科技管理股、信息化股、行政审批服务股、安全生产管理股。",
  "（二）人员编制情况",
  "洪江区科技和工业信息化局编制数 21 个，其中：行政编制 9 个，行政后勤编 1 个，事业编制 11 个。",
  "（三）主要职责",
  "负责全区工业信息化领域的日常经济运行调节，编制并组织实施近期工业化信息化领域经济运行调控目标，政策和措施，监测分析近期工业信息化领域的运行态势，统计并发布相关信息，统筹协调解决经济运行中的突出矛盾和问题。",
  "（四）资产管理情况",
  "截至 2024 年 12 月 31 日止，账面反映固定资产原值 48.46 万元。其中：一般设备 48.46 万元，专用设备 0 万元，其他固定资产 0 万元。",
  "（五）绩效目标设定情况",
  "1. 拟定全区新型工业化的发展战略、规划和相关政策措施并组织实施，协调解决有关重大问题；推进信息化和工业化融合，推进高新技术与传统工业改造结合；推进全区国民经济和社会信息化；推进全区工业园区的建设与发展。",
  "2. 拟订并组织实施工业、信息化的发展专项规划，贯彻落实国家产业政策；制定优化产业结构和产品结构的地方配套政策，并监督检查执行情况；研究和规划全区工业产业投资布局；依法组织实施相关行业的准入管理；负责工业和信息化领域的国防动员有关工作以及产业安全和应急管理工作。",
  "3. 起草工业和信息化领域的规范性文件，对相关法律法规的执行情况进行监督检查；协调减轻企业负担工作；会同有关部门做好维护全区工业企业稳定工作。",
  "二、一般公共预算支出情况",
  "（一）基本支出情况",
  "1. 预算情况",
  "2024 年本部门基本支出预算 219.78 万元，（包括人员经费 204.62 万元，主要包括：基本工资、津贴补贴、奖金、社保保障缴费、其他工资福利支出、离休费、退休费、奖励金、住房公积金、其他对个人和家庭的补助支出；公用经费 15.16 万元，主要包括：办公费、印刷费、邮电费、差旅费、会议费、福利费、日常维修、专用资料及一般设备购置费、办公用房水电费等）",
  "2. 决算情况",
  "保障我局机构正常运转、完成日常工作任务而发生的各项支出，包括用于在职和离退休人员基本工资、津贴补贴等人员经费以及办公费、印刷费、水电费、办公设备购置等日常公用经费。",
  "2024 年基本支出总额 267.63 万元，基本支出全年预算数 267.63 万元，预算执行率为 100%。",
  "（二）项目支出情况",
  "1. 预算情况",
  "2024 年年初预算数为 19.05 万元，是指部门为完成特定行政工作任务或事业发展目标而发生的支出。",
  "①重点项目安排情况：",
  "②业务工作经费安排情况。",
  "a、业务工作经费 19.05 万元，主要用于科技三项费产学研创新。",
  "b、运行维护经费 0 万元。",
  "2. 决算情况",
  "2024 年项目支出决算 110.27 万元，其中：部门完成拨付给企业的奖励金、中小企业补助而发生的支出 91.25 万元，用于科技三项费产学研创新 19.05 万元。",
  "三、政府性基金预算支出情况",
  "本年无",
  "四、国有资本经营预算支出情况",
  "本年无",
  "五、社会保险基金预算支出情况",
  "本年无",
  "六、部门整体支出绩效情况",
  "部门整体支出绩效情况较好，基本能够达到预期效果，自评得分 95 分。",
  "(一) 年度绩效目标",
  "1、产出数量：目标 1：规模工业总产值同比增长 8%，新增规模以上工业企业 5 家；",
  "目标 2：高新技术产业产值同比增长 10%，新增高新技术企业 1 家；",
  "目标 3：工业固定资产投资同比增长 1%，工业技术改造投资同比增长 12%。",
  "2. 产出质量：高新技术完成认定率 100%",
  "3. 产出时效：各项工作及时完成率 100%",
  "4. 效益完成情况：经济效益情况效果明显",
  "5. 满意度：满意度达到 90% 以上。",
  "（二）目标完成情况",
  "1、产出数量：目标 1：规模工业总产值同比增长 8%，新增规模以上工业企业 3 家；",
  "目标 2：高新技术产业产值同比增长 18.4%，新增高新技术企业 1 家；",
  "目标 3：工业固定资产投资同比增长 0，工业技术改造投资同比下降 47.4%。",
  "2. 产出质量：高新技术完成认定率 100%",
  "3. 产出时效：各项工作及时完成率 100%",
  "4. 效益完成情况：经济效益情况效果明显",
  "5. 满意度：满意度达到 90%",
  "七、存在的问题及原因分析",
  "（一）工业经济压力增大。一是受国际经济形势影响，企业出口贸易受阻，国内产品销量下降，造成区内企业资金链承压过重，生产成本上升，产值产能下滑，企业重点项目实施进度放缓。二是土地瓶颈的制约。土地储备不足已成为工业园区发展最大的瓶颈。受国土空间规划调整进度影响，园区调区扩区进展缓慢，全区储备企业严重不足，经济发展缺少新鲜血液。三是产业人才引进难，人才的严重匮乏是影响产业高质量发展的一大制约因素。",
  "（二）2024年底新增企业数没有实现预期增长，工业投资同比下降47.4%，新增新技术企业只完成了1家，产业产出与投入不成正比，企业丧失对申报的信心。",
  "八、下一步改进措施",
  "（一）继续加大政策宣传力度，确保企业应享尽享优惠政策",
  "（二）加强绩效管理，完善绩效管理制度。严格执行财务预算管理制度，充分发挥机关干部职工的监督作用，增强支出管理的透明度。",
  "（三）提高资产管理人员的工作效率，明确职责谁使用谁负责。根据办公需要购置新的资产，提高资产使用效能。",
  "（四）建议区财政局加强行政事业单位会计人员的业务知识培训，培训可以采用网络视频课件的形式，提高单位会计人员的业务水平。",
  "九、部门整体支出绩效自评结果拟应用和公开情况",
  "在预决算信息公开方面，我局严格按照要求将2024年度的本局部门预、决算及“三公经费”数据在洪江区政府网站进行了公开。",
  "其他需要说明的情况",
  "报告需要以下附件：",
  "1、2024 年度部门（单位）整体支出绩效评价基础数据表",
  "2、2024 年度部门（单位）整体支出绩效自评表",
  "3、2024 年度项目支出绩效自评表",
];

/** The four places where the corrected report's text differs from the published one (RULES §6, EXPECTED.md). */
const CORRECTIONS: Record<number, [string, string]> = {
  23: ['267.63 万元，基本支出全年预算数 267.63', '267.59 万元，基本支出全年预算数 267.59'],
  32: ['110.27', '110.30'],
  40: ['95 分', '96 分'],
  52: ['增长 0，', '增长 -47.4%，'],
};

/** The report's text before its attachments: paragraph n is `[n - 1]`. */
export function seedText(variant: Variant = 'published'): string[] {
  return SEED_TEXT.map((p, i) => {
    const c = CORRECTIONS[i + 1];
    return c && variant !== 'published' ? p.replace(c[0], c[1]) : p;
  });
}

/**
 * The same report in another hand: figures in 元 and 万元, full-width digits and ％, 达 and 共计, parentheses,
 * a list, a 其中 sum, the score and grade in one sentence. Agrees with the corrected tables; `published` makes
 * the four slips of the seed in this wording.
 */
export function otherWording(variant: Variant = 'corrected'): string[] {
  const bad = variant === 'published';
  return [
    '洪江区科技和工业信息化局2024年度部门整体支出绩效自评报告',
    '一、部门概况',
    '本局编制数共计２１个，2024年实际在职人数18人。',
    '二、部门整体支出情况',
    `全年部门整体支出年初预算数2,388,300元，全年预算数3,778,900元，全年执行数3,778,900元，预算执行率达１００％。按支出性质分，基本支出${bad ? '267.63' : '267.59'}万元、项目支出${bad ? '110.27' : '110.3'}万元。`,
    '（一）基本支出',
    '1.预算',
    '基本支出预算为219.78万元（其中公用经费15.16万元），“三公”经费预算1万元。',
    '2.决算',
    '“三公”经费支出1.44万元，公用经费支出51.06万元。',
    '（二）项目支出',
    `项目支出决算共计${bad ? '110.27' : '110.30'}万元，其中中小企业发展专项91.25万元、科技三项费产学研创新19.05万元。`,
    '三、绩效自评结果',
    `经自评，部门整体支出绩效自评总分为${bad ? '95' : '96'}分，评价等级为“优”。`,
    '四、绩效指标完成情况',
    `新增规模以上工业企业年度指标值5家，实际完成3家；工业固定资产投资同比增长年度指标值≥1％，实际完成${bad ? '0' : '－47.4％'}；社会公众满意度实际完成90％。`,
  ];
}

/** The attachment tables of the Hongjiang workbook as document blocks (附件 label, title, table, notes). */
export function hongjiangTables(variant: Variant = 'published'): DocBlock[] {
  return toSnapshot(hongjiangWorkbook(variant)).sheets.flatMap((s) => sheetBlocks(s).map(spacedLabel));
}

export interface ReportOptions {
  /** The text: the seed's wording (default), another hand's, or none (a tables-only document). */
  text?: 'seed' | 'other' | 'none';
  /** Whether the attachment tables are in the document (default true; false: a text-only document). */
  tables?: boolean;
}

/** The report as a .docx: its text, then its attachments as Word tables. */
export function reportDocx(variant: Variant = 'published', o: ReportOptions = {}): Uint8Array {
  const text = o.text === 'none' ? [] : o.text === 'other' ? otherWording(variant) : seedText(variant);
  return docx([...text, ...(o.tables === false ? [] : hongjiangTables(variant))]);
}

/**
 * A long report for the benchmark: `pages` pages of text (about 25 paragraphs each, quoting the tables'
 * figures) and the tables of a generated workbook with `projects` project tables.
 */
export function benchReport(pages = 50, projects = 28): Uint8Array {
  const text: string[] = [];
  const seed = seedText('corrected');
  while (text.length < pages * 25) text.push(...seed.slice(3));
  const blocks: DocBlock[] = [...text.slice(0, pages * 25)];
  for (const s of toSnapshot(benchWorkbook(projects, 2024, 1)).sheets) blocks.push(...sheetBlocks(s));
  return docx(blocks);
}
