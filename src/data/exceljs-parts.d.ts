// Types for the parts of exceljs that xlsx.ts uses (its streaming parsers, which the package
// ships untyped): only what is called there.
declare module 'exceljs/lib/stream/xlsx/worksheet-reader.js' {
  import type { Row } from 'exceljs';
  export default class WorksheetReader implements AsyncIterable<Row> {
    constructor(args: { workbook: { sharedStrings?: unknown[]; styles: unknown; properties: { model: { date1904: boolean } } }; id: number; iterator: AsyncIterable<unknown>; options: Record<string, string> });
    [Symbol.asyncIterator](): AsyncIterator<Row>;
  }
}
declare module 'exceljs/lib/xlsx/xform/style/styles-xform.js' {
  export default class StyleManager {
    init(): void;
    parseStream(s: AsyncIterable<unknown>): Promise<unknown>;
  }
}
declare module 'exceljs/lib/xlsx/xform/book/workbook-xform.js' {
  export default class WorkbookXform {
    model?: { sheets?: { id: number; name: string; rId: string; state?: string }[] };
    parseStream(s: AsyncIterable<unknown>): Promise<unknown>;
  }
}
declare module 'exceljs/lib/xlsx/xform/core/relationships-xform.js' {
  export default class RelationshipsXform {
    parseStream(s: AsyncIterable<unknown>): Promise<{ Id: string; Target: string }[]>;
  }
}
declare module 'exceljs/lib/utils/parse-sax.js' {
  type SaxEvent = { eventType: 'opentag'; value: { name: string; attributes: Record<string, string> } } | { eventType: 'text'; value: string } | { eventType: 'closetag'; value: { name: string } };
  export default function parseSax(iterable: AsyncIterable<unknown>): AsyncGenerator<SaxEvent[]>;
}
