/**
 * The fast XML scanner against saxes: for every document it reads, the
 * handlers see exactly what saxes gives them (whole or fed in two chunks split
 * anywhere); everything else it leaves to saxes, so readXml gives saxes's
 * results and saxes's errors.
 */
import { FastXml, XmlError, parseXml, readXml, type XmlHandlers } from '../../../src/hosts/file/xml';

type Event = ['open', string, Record<string, string>, boolean] | ['close', string] | ['text', string];

function recorder(): { handlers: XmlHandlers; done: () => Event[] } {
  const ev: Event[] = [];
  const handlers: XmlHandlers = {
    open: (name, attrs, selfClosing) => { ev.push(['open', name, { ...attrs }, selfClosing]); },
    close: (name) => { ev.push(['close', name]); },
    text: (t) => {
      const last = ev[ev.length - 1];
      if (last && last[0] === 'text') last[1] += t;
      else ev.push(['text', t]);
    },
  };
  return { handlers, done: () => ev };
}

function bySaxes(xml: string): Event[] {
  const r = recorder();
  parseXml(xml, 'x.xml', r.handlers);
  return r.done();
}

/** The scanner alone, fed in the given chunks; throws when it gives the part to saxes. */
function byScanner(chunks: string[]): Event[] {
  const r = recorder();
  const sc = new FastXml(r.handlers);
  for (const c of chunks) sc.write(c);
  sc.end();
  return r.done();
}

const DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';

/** Documents the scanner reads itself. */
const HANDLED: Record<string, string> = {
  'plain cells': `${DECL}<worksheet ${NS}><sheetData><row r="1"><c r="A1" s="2" t="s"><v>0</v></c><c r="B1"><v>1.5</v></c><c r="C1" s="3"/></row></sheetData></worksheet>`,
  'prefixed namespace': `<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData><x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c></x:row></x:sheetData></x:worksheet>`,
  'entities and character references': `<sst ${NS}><si><t>A &amp; B &lt;&gt; &quot;q&quot; &apos;a&apos; &#x4E2D;&#25991; &#x1F600;</t></si></sst>`,
  'entities in attributes': `<styleSheet ${NS}><numFmts><numFmt numFmtId="164" formatCode="&quot;¥&quot;#,##0.00;[Red]&quot;-&quot;0 &amp; &#x4E2D;"/></numFmts></styleSheet>`,
  'xml:space and whitespace text': `<sst ${NS}>\n  <si>\n    <t xml:space="preserve">  two  spaces  </t>\n  </si>\n</sst>\n`,
  'inline rich runs and phonetics': `<worksheet ${NS}><sheetData><row r="1"><c r="A1" t="inlineStr"><is><r><rPr><b/></rPr><t>粗</t></r><r><t xml:space="preserve"> 体</t></r><rPh sb="0" eb="1"><t>ツ</t></rPh></is></c></row></sheetData></worksheet>`,
  'shared formulas': `<worksheet ${NS}><sheetData><row r="2"><c r="B2"><f t="shared" ref="B2:B4" si="0">A2*2</f><v>2</v></c></row><row r="3"><c r="B3"><f t="shared" si="0"/><v>4</v></c></row></sheetData></worksheet>`,
  'empty v and self-closing rows and cells': `<worksheet ${NS}><sheetData><row r="1"/><row r="2"><c r="A2"><v/></c><c r="B2"><v></v></c><c r="C2"/></row></sheetData></worksheet>`,
  'single quotes and spaces around =': `<worksheet ${NS}><sheetData><row r = '1' ><c r='A1'  s = "2"  t='s' ><v>0</v ></c ></row></sheetData></worksheet>`,
  'newlines and tabs between attributes': `<worksheet\n\t${NS}><sheetData><row\n r="1"\tspans="1:1"><c\n  r="A1"\n  t="n"><v>7</v></c></row></sheetData></worksheet>`,
  'greater-than in text and attributes': `<sst ${NS}><si><t a="x>y">1 > 0</t></si></sst>`,
  'cells the regular expression does not take': `<worksheet ${NS}><sheetData><row r="1"><c r="A1" t="str"><f>"a"&amp;"b"</f><v>ab</v></c><c r="B1" t="e"><v>#N/A</v></c><c r="C1" t="b" s="1"><v>1</v></c></row></sheetData></worksheet>`,
  'declaration without encoding, in single quotes': `<?xml version='1.0'?><a><b/></a>`,
};

/** Documents the scanner leaves to saxes (well-formed or not). */
const LEFT_TO_SAXES: Record<string, string> = {
  'CDATA': `<sst ${NS}><si><t><![CDATA[a < b & c]]></t></si></sst>`,
  'comment': `<a><!-- note --><b/></a>`,
  'processing instruction': `<a><?pi data?><b/></a>`,
  'DOCTYPE': `<!DOCTYPE a><a/>`,
  'CR': `<a>x\r\ny</a>`,
  'tab in an attribute value': `<a b="1\t2"/>`,
  'unknown entity': `<a>&nbsp;</a>`,
  'bare ampersand': `<a>a & b</a>`,
  'character reference outside XML': `<a>&#1;</a>`,
  'control character': `<a>\u0001</a>`,
  'non-ASCII element name': `<表/>`,
  'duplicate attribute': `<a b="1" b="2"/>`,
  'no whitespace between attributes': `<a b="1"c="2"/>`,
  'mismatched end tag': `<a><b></a></b>`,
  'unclosed element': `<a><b></b>`,
  'second root': `<a/><b/>`,
  'text outside the root': `x<a/>`,
  ']]> in text': `<a>]]></a>`,
  'less-than in attribute value': `<a b="<"/>`,
  'unquoted attribute value': `<a b=1/>`,
  'empty document': '',
  'byte order mark': '\uFEFF<a/>',
  'declaration with UTF-16': `<?xml version="1.0" encoding="UTF-16"?><a/>`,
};

describe('fast XML scanner', () => {
  test.each(Object.entries(HANDLED))('reads %s as saxes does, whole and in two chunks split anywhere', (_label, xml) => {
    const expected = bySaxes(xml);
    expect(byScanner([xml])).toEqual(expected);
    for (let k = 1; k < xml.length; k++) expect(byScanner([xml.slice(0, k), xml.slice(k)])).toEqual(expected);
    const r = readXml(xml, 'x.xml', recorder);
    expect(r).toEqual(expected);
  });

  test.each(Object.entries(LEFT_TO_SAXES))('leaves %s to saxes: readXml gives saxes\'s events or error', (_label, xml) => {
    expect(() => byScanner([xml])).toThrow('fast XML scanner: not handled');
    let expected: Event[] | XmlError;
    try { expected = bySaxes(xml); } catch (e) { expected = e as XmlError; }
    if (expected instanceof XmlError) {
      expect(() => readXml(xml, 'x.xml', recorder)).toThrow(new XmlError('x.xml', expected.message));
    } else {
      expect(readXml(xml, 'x.xml', recorder)).toEqual(expected);
    }
  });

  test('a handler that throws: readXml reads again with saxes and fresh handlers, and the error is the handler\'s', () => {
    let starts = 0;
    const xml = '<a><b n="7"/></a>';
    expect(() => readXml(xml, 'x.xml', () => {
      starts++;
      return { handlers: { open: (name, a) => { if (name === 'b') throw new Error(`bad ${a.n}`); } }, done: () => 0 };
    })).toThrow('bad 7');
    expect(starts).toBe(2);
  });

  test('a chunked source that the scanner gives up on is fed again from the start to saxes', () => {
    const parts = ['<a><b>x</b>', '<!-- c --><b>y</b></a>'];
    let feeds = 0;
    const got = readXml((write) => { feeds++; for (const p of parts) write(p); }, 'x.xml', recorder);
    expect(feeds).toBe(2);
    expect(got).toEqual(bySaxes(parts.join('')));
  });
});
