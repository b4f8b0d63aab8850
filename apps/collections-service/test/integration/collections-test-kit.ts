export { EventPublisher, eventually, testKafka, TopicReader, type ReadEvent } from '@mb/testing';

/**
 * The text an uncompressed pdfkit PDF shows: each line is a TJ array of hex glyph strings split
 * by kerning adjustments (`[<496e> 20 <766f...>] TJ`); joining a line's strings gives its text.
 */
export function textOfPdf(pdf: Buffer): string {
  const lines = pdf.toString('latin1').match(/\[[^\]]*\]\s*TJ/g) ?? [];
  return lines
    .map((line) => [...line.matchAll(/<([0-9a-fA-F]*)>/g)].map((part) => Buffer.from(part[1], 'hex').toString('latin1')).join(''))
    .join('\n');
}
