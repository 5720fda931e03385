/**
 * The two inflaters of small parts (fflate in browsers, node:zlib under Node)
 * agree: the same bytes, and the same verdict on a part that runs past its
 * declared size, falls short of it, is cut off or is damaged.
 */
import { deflateRawSync } from 'zlib';
import { unzipEntry, useNativeInflate, ZipError, type ZipEntry } from '../../../src/hosts/file/zip';
import { nodeInflate } from '../../../src/hosts/file/node';

/** A zip's bytes holding one deflated entry at offset 0 (a local header and the data), and its entry. */
function entry(data: Uint8Array, usize: number): { bytes: Uint8Array; e: ZipEntry } {
  const name = Buffer.from('xl/worksheets/sheet1.xml');
  const head = Buffer.alloc(30);
  head.writeUInt32LE(0x04034b50, 0);
  head.writeUInt16LE(name.length, 26);
  const bytes = Buffer.concat([head, name, data]);
  return { bytes, e: { name: name.toString(), method: 8, flags: 0, csize: data.length, usize, local: 0, crc: 0 } };
}

const text = Buffer.from('<sheetData>' + '<row><c><v>110.26</v></c></row>'.repeat(500) + '</sheetData>');
const deflated = deflateRawSync(text);

const verdict = (bytes: Uint8Array, e: ZipEntry): string => {
  try {
    const out = unzipEntry(bytes, e, { left: 1 << 30 });
    return `ok:${Buffer.from(out).toString('base64')}`;
  } catch (err) {
    return err instanceof ZipError ? `ZipError:${err.kind}` : `other:${(err as Error).message}`;
  }
};

describe.each([['fflate', null], ['node:zlib', nodeInflate]] as const)('small parts inflated by %s', (_name, inflater) => {
  beforeAll(() => useNativeInflate(inflater));
  afterAll(() => useNativeInflate(null));

  it('gives the part as deflated', () => {
    const { bytes, e } = entry(deflated, text.length);
    expect(Buffer.from(unzipEntry(bytes, e, { left: 1 << 30 })).equals(text)).toBe(true);
  });
  it('a part longer than declared stops at the declared size (budget)', () => {
    const { bytes, e } = entry(deflated, 1000);
    expect(verdict(bytes, e)).toBe('ZipError:budget');
  });
  it('a part shorter than declared is damaged', () => {
    const { bytes, e } = entry(deflated, text.length + 10);
    expect(verdict(bytes, e)).toBe('ZipError:damaged');
  });
  it('a part cut off or garbled is damaged', () => {
    const cut = entry(deflated.subarray(0, Math.floor(deflated.length / 2)), text.length);
    expect(verdict(cut.bytes, cut.e)).toBe('ZipError:damaged');
    const garbled = Buffer.from(deflated);
    garbled[0] = 0xff;
    const g = entry(garbled, text.length);
    expect(verdict(g.bytes, g.e)).toBe('ZipError:damaged');
  });
});

it('both inflaters give the same verdicts', () => {
  const cases = [entry(deflated, text.length), entry(deflated, 1000), entry(deflated, text.length + 10), entry(deflated.subarray(0, 100), text.length)];
  const with_ = (f: typeof nodeInflate | null) => { useNativeInflate(f); try { return cases.map((c) => verdict(c.bytes, c.e)); } finally { useNativeInflate(null); } };
  expect(with_(nodeInflate)).toEqual(with_(null));
});
