import { csvFile, wantsCsv } from './csv-file.response';

async function textOf(file: ReturnType<typeof csvFile>): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of file.getStream()) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks).toString('utf8');
}

describe('report CSV files', () => {
  it.each([
    [undefined, 'text/csv', true],
    [undefined, 'application/json, text/csv;q=0.5', true],
    [undefined, 'TEXT/CSV; charset=utf-8', true],
    [undefined, 'application/json', false],
    [undefined, undefined, false],
    ['csv', 'application/json', true],
    ['json', 'text/csv', false],
  ])('format=%s with Accept %s: CSV is %s', (format, accept, csv) => {
    expect(wantsCsv(format, accept)).toBe(csv);
  });

  it('writes RFC 4180: a header, CRLF line ends, quoted commas, quotes and line breaks, empty for null', async () => {
    const file = csvFile('ar-aging', ['client_name', 'currency', 'total_cents'], [
      ['Initech, "Ltd"', 'usd', 2_750_000],
      ['Two\r\nlines', 'jpy', 0],
      [null, 'eur', 5],
    ]);
    expect(await textOf(file)).toBe('client_name,currency,total_cents\r\n"Initech, ""Ltd""",usd,2750000\r\n"Two\r\nlines",jpy,0\r\n,eur,5\r\n');
    expect(file.getHeaders()).toMatchObject({ type: 'text/csv; charset=utf-8; header=present', disposition: 'attachment; filename="ar-aging.csv"' });
  });

  it('defuses text a spreadsheet would run as a formula, and leaves negative numbers alone', async () => {
    const file = csvFile('unbilled', ['title', 'unbilled_cents'], [
      ['=HYPERLINK("http://evil.example")', -500],
      ['+1 call', 0],
      ['@SUM(A1)', 1],
    ]);
    expect(await textOf(file)).toBe('title,unbilled_cents\r\n"\'=HYPERLINK(""http://evil.example"")",-500\r\n\'+1 call,0\r\n\'@SUM(A1),1\r\n');
  });
});
