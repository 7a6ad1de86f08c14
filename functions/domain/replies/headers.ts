/**
 * Raw header access. mailparser reshapes some headers (List-* under "list", dates as Date); the
 * checks on trust and automation need the raw values, and the topmost occurrence of each, because
 * a receiving server (SES) prepends its own verdicts above anything the sender wrote.
 */
export interface RawHeaderLine {
  readonly key: string;
  readonly line: string;
}

export class RawHeaders {
  private readonly values = new Map<string, string[]>();

  constructor(lines: readonly RawHeaderLine[]) {
    for (const { key, line } of lines) {
      if (!key) continue;
      const colon = line.indexOf(':');
      const value = (colon < 0 ? '' : line.slice(colon + 1)).replace(/\r?\n[ \t]+/g, ' ').trim();
      const list = this.values.get(key.toLowerCase()) ?? [];
      list.push(value);
      this.values.set(key.toLowerCase(), list);
    }
  }

  get size(): number {
    return this.values.size;
  }

  has(name: string): boolean {
    return this.values.has(name.toLowerCase());
  }

  /** Every value of a header, topmost first. */
  all(name: string): readonly string[] {
    return this.values.get(name.toLowerCase()) ?? [];
  }

  /** The topmost value of a header, or undefined. */
  first(name: string): string | undefined {
    return this.values.get(name.toLowerCase())?.[0];
  }
}

/** "multipart/report; report-type=delivery-status" -> "multipart/report" */
export function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}
