/**
 * A worksheet with the edges of the fast XML scanner (prefixed names, entities,
 * xml:space, rich inline runs, shared formulas, empty <v/>, single quotes,
 * self-closing rows and cells) reads to the same snapshot as when saxes reads
 * it (a comment in the part hands it to saxes), and to the values Excel shows.
 */
import * as fs from 'fs';
import * as path from 'path';
import { unzipSync, zipSync, strToU8, type Unzipped } from 'fflate';
import { readWorkbook } from '../../../src/hosts/file/read';

const SAMPLE = fs.readFileSync(path.resolve(__dirname, '../../../samples/hongjiang-2024.xlsx'));

const SHEET = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>
<x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t xml:space="preserve"> A &amp; B &#x4E2D;&#25991; </x:t></x:is></x:c><x:c r='B1'  t = "inlineStr" ><x:is><x:r><x:t>粗</x:t></x:r><x:r><x:rPr><x:b/></x:rPr><x:t xml:space="preserve"> 体_x0041_</x:t></x:r><x:rPh sb="0" eb="1"><x:t>ツ</x:t></x:rPh></x:is></x:c><x:c r="C1"><x:v/></x:c><x:c r="D1"/></x:row>
<x:row r="2"/>
<x:row r="3"><x:c r="A3"><x:v>2</x:v></x:c><x:c r="B3"><x:f t="shared" ref="B3:B5" si="0">A3*2</x:f><x:v>4</x:v></x:c></x:row>
<x:row r="4"><x:c r="A4"><x:v>3</x:v></x:c><x:c r="B4"><x:f t="shared" si="0"/><x:v>6</x:v></x:c></x:row>
<x:row r="5"><c r="A5"><v>1.5</v></c><c r="B5"><f t="shared" si="0"/><v>3</v></c><c r="C5" t="str"><f>"a"&amp;"b"</f><v>ab</v></c><c r="D5" t="b"><v>1</v></c><c r="E5" t="e"><v>#N/A</v></c></x:row>
</x:sheetData><x:mergeCells count="1"><x:mergeCell ref="E1:F2"/></x:mergeCells></x:worksheet>`;

function withSheet(xml: string): Uint8Array {
  const files: Unzipped = unzipSync(SAMPLE);
  files['xl/worksheets/sheet1.xml'] = strToU8(xml);
  return zipSync(files);
}

test('the edges of the fast scanner read as saxes reads them', async () => {
  const fast = await readWorkbook(withSheet(SHEET));
  const bySaxes = await readWorkbook(withSheet(SHEET.replace('?>\n', '?>\n<!-- read by saxes -->')));
  expect(fast.snapshot).toEqual(bySaxes.snapshot);
  const s = fast.snapshot.sheets[0];
  expect(s.range).toBe('A1:F5');
  expect(s.values[0].slice(0, 2)).toEqual([' A & B 中文 ', '粗 体A']);
  // C1 (<v/>): an empty number is an empty cell, never NaN; D1 has no value at all.
  expect(s.values[0][2]).toBe('');
  expect(s.values[0][3]).toBe('');
  expect(s.formulas?.[3][1]).toBe('=A4*2');
  expect(s.formulas?.[4].slice(0, 5)).toEqual([1.5, '=A5*2', '="a"&"b"', true, '#N/A']);
  expect(s.values[4].slice(0, 5)).toEqual([1.5, 3, 'ab', true, '#N/A']);
  expect(s.merges).toEqual(['E1:F2']);
});
