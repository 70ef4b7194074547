/**
 * Which source file a position in a built bundle came from, read from its source map (version 3). Enough for
 * the browser benchmark to split a CPU profile into our code, React, deck.gl and MapLibre; a few dozen lines
 * instead of a dependency.
 */
const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DIGIT = new Map([...BASE64].map((ch, i) => [ch, i]));

/** decodes one mapping segment's VLQ fields (column, source, line, column[, name]) */
function decodeSegment(segment: string): number[] {
  const fields: number[] = [];
  let value = 0;
  let shift = 0;
  for (const ch of segment) {
    const digit = DIGIT.get(ch)!;
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
      continue;
    }
    fields.push(value & 1 ? -(value >>> 1) : value >>> 1);
    value = 0;
    shift = 0;
  }
  return fields;
}

export interface SourceLookup {
  /** the source path of the position (0-based line and column), or null where nothing is mapped */
  sourceAt(line: number, column: number): string | null;
}

export function sourceLookup(map: { sources: string[]; mappings: string }): SourceLookup {
  // per generated line: segment start columns and their source index, in column order
  const lines: { columns: number[]; sources: number[] }[] = [];
  let source = 0;
  for (const text of map.mappings.split(';')) {
    const line = { columns: [] as number[], sources: [] as number[] };
    let column = 0;
    for (const segment of text.split(',')) {
      if (!segment) continue;
      const fields = decodeSegment(segment);
      column += fields[0];
      if (fields.length >= 4) source += fields[1];
      line.columns.push(column);
      line.sources.push(fields.length >= 4 ? source : -1);
    }
    lines.push(line);
  }
  return {
    sourceAt(lineNumber, column) {
      const line = lines[lineNumber];
      if (!line || !line.columns.length) return null;
      // the last segment starting at or before the column
      let lo = 0;
      let hi = line.columns.length - 1;
      if (line.columns[0] > column) return null;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (line.columns[mid] <= column) lo = mid;
        else hi = mid - 1;
      }
      const index = line.sources[lo];
      return index < 0 ? null : map.sources[index];
    },
  };
}
