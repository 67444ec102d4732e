import { SaxesParser } from 'saxes';

/**
 * Whether a document is well-formed XML, read by saxes (the strict streaming parser the importers use):
 * `true`, or the parser's first error (line, column and what is wrong) for the assertion's message.
 */
export function wellFormed(xml: string): true | string {
  const parser = new SaxesParser({ xmlns: true });
  let failure: string | undefined;
  parser.on('error', (error) => {
    failure ??= error.message;
  });
  parser.write(xml).close();
  return failure ?? true;
}
